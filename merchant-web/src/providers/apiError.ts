import axios from "axios";
import { t } from "../i18n";
import type { ErrorBody } from "./types";

/** Any failed call to the cms, in the platform's one error format, with a message fit for the user. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Refine's HttpError shape. */
  get statusCode(): number {
    return this.status;
  }

  /** Seconds to wait before retrying, when the server said so (SMS_TOO_FREQUENT). */
  get retryAfterSeconds(): number | undefined {
    const v = this.details.retryAfterSeconds;
    return typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.ceil(v) : undefined;
  }
}

const HAS_CJK = /[\u3400-\u9fff]/;

/** Chinese fallback for a status when the server sent no usable Chinese message (proxy pages, Strapi defaults). */
export function fallbackMessage(status: number): string {
  if (status === 0) return t("errors.network");
  if (status === 400 || status === 422) return t("errors.badRequest");
  if (status === 401) return t("errors.unauthorized");
  if (status === 403) return t("errors.forbidden");
  if (status === 404) return t("errors.notFound");
  if (status === 408) return t("errors.timeout");
  if (status === 429) return t("errors.tooMany");
  if (status >= 500) return t("errors.server");
  return t("errors.unknown");
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === "object" && body !== null && "error" in body && typeof (body as ErrorBody).error === "object";
}

/**
 * Map whatever a request threw to an ApiError:
 * - the contract's `{error: {status, code, message, details}}` keeps its code and its Chinese message;
 * - Strapi's own errors (`{error: {name, message}}`, English) keep the name as code with a Chinese message;
 * - bodies that are not JSON errors (a proxy's HTML 502) map by HTTP status;
 * - no response at all maps to NETWORK_ERROR, a timeout to TIMEOUT.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (axios.isAxiosError(error)) {
    const response = error.response;
    if (!response) {
      if (error.code === "ECONNABORTED" || error.code === "ETIMEDOUT") {
        return new ApiError(0, "TIMEOUT", t("errors.timeout"));
      }
      return new ApiError(0, "NETWORK_ERROR", t("errors.network"));
    }
    const status = response.status;
    const body: unknown = response.data;
    if (isErrorBody(body) && body.error) {
      const e = body.error;
      const code = e.code || e.name || `HTTP_${status}`;
      const message = typeof e.message === "string" && HAS_CJK.test(e.message) ? e.message : fallbackMessage(status);
      const details = e.details && typeof e.details === "object" ? e.details : {};
      return new ApiError(e.status ?? status, code, message, details);
    }
    return new ApiError(status, `HTTP_${status}`, fallbackMessage(status));
  }
  if (error instanceof Error) return new ApiError(0, "CLIENT_ERROR", error.message || t("errors.unknown"));
  return new ApiError(0, "CLIENT_ERROR", t("errors.unknown"));
}

/** The message to show for any error. */
export function errorMessage(error: unknown): string {
  return toApiError(error).message;
}
