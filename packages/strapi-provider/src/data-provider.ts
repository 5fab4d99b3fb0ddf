/**
 * Refine v5 `DataProvider` for the Strapi 5 REST API.
 *
 * - Resources map to `/api/<resource>` (the plural API id, e.g. `merchants`); `meta.path` overrides it.
 * - `id` is the Strapi 5 `documentId`; the numeric id is kept as `_numericId` (see normalize.ts).
 * - List responses `{ data, meta: { pagination: { total } } }`; a bare array (users-permissions `/api/users`)
 *   is accepted as well, its total being its length.
 * - Errors reject with `ApiHttpError` (`message` is the cms's Chinese message) — see http.ts.
 */
import type { BaseRecord, CrudFilter, DataProvider, MetaQuery } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { createStrapiAxios } from "./http";
import { normalizeDocument, toStrapiData } from "./normalize";
import { buildFilters, buildPagination, buildSort, metaToQuery, stringifyQuery, type StrapiMeta } from "./query";

/** Strapi's default `api.rest.maxLimit`; used to fetch everything when pagination is off. */
const MAX_PAGE_SIZE = 100;
/** Safety stop for `pagination.mode = "off" | "client"` (10 000 rows). */
const MAX_PAGES = 100;

interface StrapiListBody {
  data?: unknown;
  meta?: { pagination?: { page?: number; pageSize?: number; pageCount?: number; total?: number } };
  [key: string]: unknown;
}

export interface StrapiDataProviderOptions {
  /** Used as `getApiUrl()` and prefixed to every resource path. Default `/api` (same origin). */
  apiUrl?: string;
  /** The axios instance (with auth + error interceptors). Default: `createStrapiAxios()` without a token. */
  httpClient?: AxiosInstance;
}

const asMeta = (meta: MetaQuery | undefined): StrapiMeta | undefined => meta as StrapiMeta | undefined;

const trimSlashes = (value: string): string => value.replace(/^\/+|\/+$/g, "");

export const strapiDataProvider = (options: StrapiDataProviderOptions = {}): DataProvider => {
  const apiUrl = (options.apiUrl ?? "/api").replace(/\/+$/, "");
  const http = options.httpClient ?? createStrapiAxios();

  const resourceUrl = (resource: string, meta?: MetaQuery): string => `${apiUrl}/${trimSlashes((asMeta(meta)?.path as string | undefined) ?? resource)}`;

  const withQuery = (url: string, query: Record<string, unknown>): string => {
    const search = stringifyQuery(query);
    return search ? `${url}${url.includes("?") ? "&" : "?"}${search}` : url;
  };

  const headersOf = (meta?: MetaQuery): Record<string, string> | undefined => asMeta(meta)?.headers;

  const listQuery = (params: { filters?: CrudFilter[]; sorters?: Parameters<typeof buildSort>[0]; meta?: MetaQuery }): Record<string, unknown> => {
    const query: Record<string, unknown> = { ...metaToQuery(asMeta(params.meta)) };
    const filters = buildFilters(params.filters);
    if (filters) query.filters = filters;
    const sort = buildSort(params.sorters);
    if (sort) query.sort = sort;
    return query;
  };

  const readList = (body: unknown): { items: unknown[]; total: number; pageCount: number; extra: Record<string, unknown> } => {
    if (Array.isArray(body)) return { items: body, total: body.length, pageCount: 1, extra: {} };
    const { data, meta, ...extra } = (body ?? {}) as StrapiListBody;
    const items = Array.isArray(data) ? data : [];
    const pagination = meta?.pagination;
    return {
      items,
      total: pagination?.total ?? items.length,
      pageCount: pagination?.pageCount ?? 1,
      extra: meta ? { ...extra, meta } : extra,
    };
  };

  const dataOf = (body: unknown): unknown => (body !== null && typeof body === "object" && "data" in body ? (body as { data: unknown }).data : body);

  const provider: DataProvider = {
    getApiUrl: () => apiUrl,

    async getList({ resource, pagination, sorters, filters, meta }) {
      const url = resourceUrl(resource, meta);
      const base = listQuery({ filters, sorters, meta });
      const page = buildPagination(pagination);
      if (page) {
        const { data: body } = await http.get(withQuery(url, { ...base, pagination: page }), {
          headers: headersOf(meta),
        });
        const { items, total, extra } = readList(body);
        return { ...extra, data: normalizeDocument(items), total };
      }
      // mode "off" / "client": Refine wants every row; Strapi caps pageSize, so walk the pages.
      const all: unknown[] = [];
      let total = 0;
      let extra: Record<string, unknown> = {};
      for (let current = 1; current <= MAX_PAGES; current += 1) {
        const { data: body } = await http.get(withQuery(url, { ...base, pagination: { page: current, pageSize: MAX_PAGE_SIZE } }), {
          headers: headersOf(meta),
        });
        const chunk = readList(body);
        all.push(...chunk.items);
        total = chunk.total;
        extra = chunk.extra;
        if (Array.isArray(body) || current >= chunk.pageCount || chunk.items.length === 0) break;
      }
      return { ...extra, data: normalizeDocument(all), total: Math.max(total, all.length) };
    },

    async getMany({ resource, ids, meta }) {
      if (ids.length === 0) return { data: [] };
      const query = {
        ...metaToQuery(asMeta(meta)),
        filters: { documentId: { $in: ids.map(String) } },
        pagination: { page: 1, pageSize: Math.max(ids.length, 1) },
      };
      const { data: body } = await http.get(withQuery(resourceUrl(resource, meta), query), {
        headers: headersOf(meta),
      });
      return { data: normalizeDocument(readList(body).items) };
    },

    async getOne({ resource, id, meta }) {
      const url = withQuery(`${resourceUrl(resource, meta)}/${encodeURIComponent(String(id))}`, metaToQuery(asMeta(meta)));
      const { data: body } = await http.get(url, { headers: headersOf(meta) });
      return { data: normalizeDocument(dataOf(body)) };
    },

    async create({ resource, variables, meta }) {
      const url = withQuery(resourceUrl(resource, meta), metaToQuery(asMeta(meta)));
      const { data: body } = await http.post(url, { data: toStrapiData(variables) }, { headers: headersOf(meta) });
      return { data: normalizeDocument(dataOf(body)) };
    },

    async update({ resource, id, variables, meta }) {
      const url = withQuery(`${resourceUrl(resource, meta)}/${encodeURIComponent(String(id))}`, metaToQuery(asMeta(meta)));
      const { data: body } = await http.put(url, { data: toStrapiData(variables) }, { headers: headersOf(meta) });
      return { data: normalizeDocument(dataOf(body)) };
    },

    async deleteOne({ resource, id, meta }) {
      const url = `${resourceUrl(resource, meta)}/${encodeURIComponent(String(id))}`;
      const { data: body } = await http.delete(url, { headers: headersOf(meta) });
      // Strapi 5 answers 204 No Content; older / custom routes return the deleted document.
      const data = dataOf(body);
      return { data: (data && typeof data === "object" ? normalizeDocument(data) : { id }) as never };
    },

    async custom({ url, method, filters, sorters, payload, query, headers, meta }) {
      const target = /^https?:\/\//.test(url) || url.startsWith("/") ? url : `${apiUrl}/${url}`;
      const fullQuery = { ...((query as Record<string, unknown> | undefined) ?? {}), ...listQuery({ filters, sorters, meta }) };
      const { data } = await http.request({
        url: withQuery(target, fullQuery),
        method,
        data: payload,
        headers: { ...(headersOf(meta) ?? {}), ...((headers as Record<string, string> | undefined) ?? {}) },
      });
      return { data: data as never };
    },
  };

  return provider;
};

/** Typed helper for callers that want the normalised record shape. */
export type StrapiRecord<T extends BaseRecord = BaseRecord> = T & { id: string; _numericId?: number };
