/**
 * The one HTTP client the front ends use to talk to the cms: bearer token from a token store, and the API's
 * single error format `{ error: { code, message, details } }` turned into a Refine `HttpError` whose `message` is
 * the Chinese text to show the user.
 */
import type { HttpError } from "@refinedev/core";
import axios, { AxiosError, type AxiosInstance, type CreateAxiosDefaults } from "axios";

/** Where the JWT lives. Front ends pass a store backed by localStorage / sessionStorage; tests a plain object. */
export interface TokenStore {
  getToken(): string | null | undefined;
}

export type ApiErrorDetails = Record<string, unknown> & {
  /** Strapi ValidationError: one entry per invalid field. */
  errors?: Array<{ path?: Array<string | number>; message?: string; name?: string }>;
};

/** The cms error envelope (also Strapi's own `{ error: { status, name, message, details } }`). */
export interface ApiErrorBody {
  data?: null;
  error?: {
    status?: number;
    code?: string;
    name?: string;
    message?: string;
    details?: ApiErrorDetails;
  };
}

/** The HttpError the data provider rejects with: Refine's fields plus the API's `code` and `details`. */
export interface ApiHttpError extends HttpError {
  /** Machine-readable error code, e.g. `SMS_TOO_FREQUENT`, `MEMBER_READ_ONLY`, or Strapi's `ValidationError`. */
  code?: string;
  details?: Record<string, unknown>;
}

export interface ErrorMessages {
  network: string;
  timeout: string;
  fallback: (status: number) => string;
}

export const DEFAULT_ERROR_MESSAGES: ErrorMessages = {
  network: "网络连接失败，请检查网络后重试",
  timeout: "请求超时，请稍后重试",
  fallback: (status) => (status >= 500 ? `服务暂时不可用（${status}），请稍后重试` : `请求失败（${status}）`),
};

const isApiErrorBody = (body: unknown): body is ApiErrorBody =>
  typeof body === "object" && body !== null && "error" in body && typeof body.error === "object" && body.error !== null;

/**
 * Strapi validation details `{ errors: [{ path: ["nameCn"], message }] }` → Refine's `errors` map
 * `{ nameCn: ["…"] }`, which `useForm` shows under the matching form fields.
 */
const toValidationErrors = (details: ApiErrorDetails | undefined): Record<string, string[]> | undefined => {
  const list = details?.errors;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const errors: Record<string, string[]> = {};
  for (const item of list) {
    const key = (item.path ?? []).join(".") || "_";
    (errors[key] ??= []).push(item.message ?? "");
  }
  return errors;
};

/** Any thrown value (axios error or not) → `ApiHttpError`. Exported for fetch-based callers (downloads). */
export const toHttpError = (error: unknown, messages: ErrorMessages = DEFAULT_ERROR_MESSAGES): ApiHttpError => {
  if (axios.isAxiosError(error)) {
    const axiosError = error as AxiosError<unknown>;
    const response = axiosError.response;
    if (!response) {
      const timedOut = axiosError.code === AxiosError.ECONNABORTED || axiosError.code === AxiosError.ETIMEDOUT;
      return { message: timedOut ? messages.timeout : messages.network, statusCode: 0, code: axiosError.code };
    }
    return fromResponse(response.status, response.data, messages);
  }
  if (typeof error === "object" && error !== null && "statusCode" in error && "message" in error) {
    return error as ApiHttpError;
  }
  return { message: error instanceof Error ? error.message : String(error), statusCode: 0 };
};

/** A status and a parsed body (from axios or fetch) → `ApiHttpError`. */
export const fromResponse = (status: number, body: unknown, messages: ErrorMessages = DEFAULT_ERROR_MESSAGES): ApiHttpError => {
  if (isApiErrorBody(body) && body.error) {
    const { code, name, message, details } = body.error;
    const result: ApiHttpError = {
      message: message || messages.fallback(status),
      statusCode: status,
      code: code ?? name,
      details: details ?? {},
    };
    const errors = toValidationErrors(details);
    if (errors) result.errors = errors;
    return result;
  }
  return { message: messages.fallback(status), statusCode: status };
};

export interface StrapiAxiosOptions extends CreateAxiosDefaults {
  /** Where to read the JWT from on every request. */
  tokenStore?: TokenStore;
  messages?: ErrorMessages;
}

/**
 * An axios instance for the cms: `baseURL` defaults to "" (same origin, `/api/...` proxied by Vite / nginx),
 * adds `Authorization: Bearer <jwt>` when the store has a token, rejects with `ApiHttpError`.
 */
export const createStrapiAxios = (options: StrapiAxiosOptions = {}): AxiosInstance => {
  const { tokenStore, messages = DEFAULT_ERROR_MESSAGES, ...defaults } = options;
  const instance = axios.create({ timeout: 30_000, ...defaults });
  instance.interceptors.request.use((config) => {
    const token = tokenStore?.getToken();
    if (token && !config.headers.has("Authorization")) {
      config.headers.set("Authorization", `Bearer ${token}`);
    }
    return config;
  });
  instance.interceptors.response.use(
    (response) => response,
    (error: unknown) => Promise.reject(toHttpError(error, messages)),
  );
  return instance;
};

export interface WebTokenStore extends TokenStore {
  /** Saves the token in localStorage when `remember` (survives the browser closing), else sessionStorage. */
  setToken(token: string, remember: boolean): void;
  clear(): void;
  /** True when the current token lives in localStorage. */
  isRemembered(): boolean;
}

/** Minimal Storage shape so tests (and SSR) can pass their own. */
export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * The browser token store: one key, in localStorage ("remember me") or sessionStorage (this tab only).
 * Setting one clears the other, so a token never lingers in both.
 */
export const createWebTokenStore = (key = "jmt.jwt", storages: { local?: StorageLike; session?: StorageLike } = {}): WebTokenStore => {
  const local = (): StorageLike | undefined => storages.local ?? (typeof localStorage === "undefined" ? undefined : localStorage);
  const session = (): StorageLike | undefined => storages.session ?? (typeof sessionStorage === "undefined" ? undefined : sessionStorage);
  return {
    getToken: () => session()?.getItem(key) ?? local()?.getItem(key) ?? null,
    setToken(token, remember) {
      const [keep, drop] = remember ? [local(), session()] : [session(), local()];
      drop?.removeItem(key);
      keep?.setItem(key, token);
    },
    clear() {
      local()?.removeItem(key);
      session()?.removeItem(key);
    },
    isRemembered: () => Boolean(local()?.getItem(key)),
  };
};
