import { config } from '../config';
import { ApiError, toApiError, toNetworkError } from '../utils/errors';
import { clearSession, getToken } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** The subset of wx.request the client uses; tests pass a fake. */
export type Transport = (options: WechatMiniprogram.RequestOption) => unknown;

export interface ApiClientOptions {
  baseUrl: string | (() => string);
  transport: Transport;
  getToken?: () => string;
  /** Called once per 401 on an authenticated call (session expired or revoked). */
  onUnauthorized?: (error: ApiError) => void;
  timeout?: number;
}

export interface RequestOptions {
  /** Send the Bearer token (default true). Login endpoints pass false. */
  auth?: boolean;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  del<T>(path: string, options?: RequestOptions): Promise<T>;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const parts = Object.keys(query)
    .filter((key) => query[key] !== undefined)
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(String(query[key]))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** `meta.pagination` of a list answer (Strapi's list format, which every list route of the cms speaks). */
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** A list answer: `{ data, meta: { pagination } }`. */
export interface ListPage<T> {
  data: T[];
  meta: { pagination: Pagination };
}

/**
 * The query of a list request in Strapi's list format: `pagination[page]`, `pagination[pageSize]`, one
 * `filters[<field>][$eq]` per non-blank filter and one `filters[<field>][$containsi]` per non-blank search.
 */
export function listQuery(
  page: number,
  pageSize: number,
  filters: Record<string, string | undefined> = {},
  search: Record<string, string | undefined> = {},
): Record<string, string | number> {
  const query: Record<string, string | number> = { 'pagination[page]': page, 'pagination[pageSize]': pageSize };
  const add = (given: Record<string, string | undefined>, operator: '$eq' | '$containsi') => {
    for (const field of Object.keys(given)) {
      const value = (given[field] || '').trim();
      if (value) query[`filters[${field}][${operator}]`] = value;
    }
  };
  add(filters, '$eq');
  add(search, '$containsi');
  return query;
}

/** A list answer with its pagination complete (what the server left out is taken from the rows). */
export function readList<T>(r: { data?: T[]; meta?: { pagination?: Partial<Pagination> } } | null | undefined, page: number, pageSize: number): ListPage<T> {
  const data = (r && Array.isArray(r.data) ? r.data : []) as T[];
  const given = (r && r.meta && r.meta.pagination) || {};
  const total = typeof given.total === 'number' ? given.total : (page - 1) * pageSize + data.length;
  const size = given.pageSize || pageSize;
  return { data, meta: { pagination: { page: given.page || page, pageSize: size, pageCount: given.pageCount || Math.max(1, Math.ceil(total / size)), total } } };
}

/** A small REST client over wx.request speaking the cms contract (JSON, Bearer JWT, error envelope). */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = () => (typeof options.baseUrl === 'function' ? options.baseUrl() : options.baseUrl);

  function request<T>(method: HttpMethod, path: string, body?: unknown, reqOptions: RequestOptions = {}): Promise<T> {
    const auth = reqOptions.auth !== false;
    const header: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const token = auth && options.getToken ? options.getToken() : '';
    if (token) header.Authorization = `Bearer ${token}`;

    return new Promise<T>((resolve, reject) => {
      options.transport({
        url: `${baseUrl()}${path}${buildQuery(reqOptions.query)}`,
        method,
        header,
        data: body === undefined ? undefined : (body as WechatMiniprogram.IAnyObject),
        dataType: 'json',
        timeout: options.timeout,
        success(res) {
          let data: unknown = res.data;
          if (typeof data === 'string' && data !== '') {
            try {
              data = JSON.parse(data);
            } catch (e) {
              // not JSON: leave as text
            }
          }
          if (res.statusCode >= 200 && res.statusCode < 300) {
            resolve(data as T);
            return;
          }
          const error = toApiError(res.statusCode, data);
          if (res.statusCode === 401 && token && options.onUnauthorized) options.onUnauthorized(error);
          reject(error);
        },
        fail(err) {
          reject(toNetworkError(err && err.errMsg));
        },
      });
    });
  }

  return {
    request,
    get: (path, o) => request('GET', path, undefined, o),
    post: (path, body, o) => request('POST', path, body === undefined ? {} : body, o),
    put: (path, body, o) => request('PUT', path, body === undefined ? {} : body, o),
    del: (path, o) => request('DELETE', path, undefined, o),
  };
}

export const LOGIN_PAGE = '/pages/login/index';

/** The app-wide client: wx.request, the stored JWT, and back to login when the session is gone. */
export const api: ApiClient = createApiClient({
  baseUrl: () => config.apiBaseUrl,
  transport: (o) => wx.request(o),
  getToken,
  timeout: config.requestTimeoutMs,
  onUnauthorized: () => {
    clearSession();
    wx.reLaunch({ url: LOGIN_PAGE });
  },
});
