import { format, messages } from '../locales/index';

/** The cms error envelope: `{ data: null, error: { status, code, message, details } }`. */
export interface ErrorBody {
  status?: number;
  code?: string;
  /** Strapi's own errors (e.g. users-permissions) carry `name` instead of `code`. */
  name?: string;
  message?: string;
  details?: Record<string, unknown>;
}

export interface ErrorEnvelope {
  data: null;
  error: ErrorBody;
}

/** An API failure with a message that can be shown to the user as-is (Chinese). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    // Keep `instanceof` working when compiled to ES5 by the WeChat toolchain.
    Object.setPrototypeOf(this, ApiError.prototype);
  }

  /** Seconds to wait before retrying (SMS_TOO_FREQUENT etc.), when the server said so. */
  get retryAfterSeconds(): number | undefined {
    const value = Number(this.details.retryAfterSeconds);
    return Number.isFinite(value) && value > 0 ? Math.ceil(value) : undefined;
  }
}

const CJK = /[\u4e00-\u9fff]/;

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'object' && (body as { error?: unknown }).error !== null;
}

function messageForStatus(status: number): string {
  const e = messages().errors;
  if (status === 400) return e.badRequest;
  if (status === 401) return e.unauthorized;
  if (status === 403) return e.forbidden;
  if (status === 404) return e.notFound;
  if (status === 429) return e.tooMany;
  if (status >= 500) return e.server;
  return e.unknown;
}

/**
 * Turn an HTTP error response into an ApiError with a Chinese message:
 * the server's `error.message` when it is Chinese, else a fallback by code, else by status.
 */
export function toApiError(statusCode: number, body: unknown): ApiError {
  const e = messages().errors;
  if (isErrorEnvelope(body)) {
    const err = body.error;
    const status = typeof err.status === 'number' ? err.status : statusCode;
    const code = err.code || err.name || `HTTP_${status}`;
    const details = err.details && typeof err.details === 'object' ? err.details : {};
    let message = err.message && CJK.test(err.message) ? err.message : e.codes[code] || messageForStatus(status);
    const apiError = new ApiError(status, code, message, details);
    const retry = apiError.retryAfterSeconds;
    if (status === 429 && retry && !message.includes(String(retry))) {
      message = `${message}，${format(e.retryAfter, { seconds: retry })}`;
      return new ApiError(status, code, message, details);
    }
    return apiError;
  }
  return new ApiError(statusCode, `HTTP_${statusCode}`, messageForStatus(statusCode));
}

/** wx.request's fail callback (no HTTP response at all). */
export function toNetworkError(errMsg: string | undefined): ApiError {
  const e = messages().errors;
  const timedOut = /timeout|超时/i.test(errMsg || '');
  return new ApiError(0, timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', timedOut ? e.timeout : e.network, {
    errMsg: errMsg || '',
  });
}

/** Anything thrown → a message for wx.showToast. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err && typeof err === 'object' && typeof (err as { errMsg?: unknown }).errMsg === 'string') {
    return toNetworkError((err as { errMsg: string }).errMsg).message;
  }
  return messages().errors.unknown;
}

/** Field → message, as a form shows them under its inputs. */
export type FieldErrors = Record<string, string>;

/** `VALIDATION_FAILED` → `details.errors: [{ field, message }]` as { field: message } ({} for anything else). */
export function fieldErrors(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const list = err.details && (err.details.errors as unknown);
  const out: FieldErrors = {};
  if (Array.isArray(list)) {
    list.forEach((e) => {
      if (e && typeof e === 'object' && (e as { field?: unknown }).field) out[String((e as { field: string }).field)] = String((e as { message?: string }).message || '');
    });
  }
  return out;
}

/** The problems of a form checked with its contract: `[{ field, message }]`, in the schema's order. */
export type FormProblems = ReadonlyArray<{ field: string; message: string }>;

/**
 * A form checked with its contract (`checkForm` or `fx.checkFields` of @jmt/contracts/forms: the schema the cms
 * parses the body with) as the form shows it: each field's first problem, in the server's words ({} when it passed).
 */
export function formErrors(check: { ok: true } | { ok: false; errors: FormProblems } | { errors: FormProblems }): FieldErrors {
  const out: FieldErrors = {};
  if ('ok' in check && check.ok) return out;
  (check as { errors: FormProblems }).errors.forEach((e) => {
    if (!Object.prototype.hasOwnProperty.call(out, e.field)) out[e.field] = e.message;
  });
  return out;
}
