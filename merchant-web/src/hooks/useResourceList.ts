import { useList, type BaseRecord, type CrudFilter, type CrudSort, type GetListResponse } from "@refinedev/core";
import { keepPreviousData } from "@tanstack/react-query";
import type { ListResponse } from "@jmt/api-types";
import { readList } from "@jmt/strapi-provider";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { ApiError } from "../providers/apiError";
import { queryClient } from "../providers/queryClient";

/**
 * Every list screen of the merchant web reads its rows through Refine's `useList` and the shared Strapi data
 * provider: one request format (`filters`, `sort`, `pagination`), one answer format (`meta.pagination`, plus the
 * extras a screen needs such as `meta.counts` or `meta.unread`), and Refine's auth handling of a 401.
 */
export interface ResourceListOptions<T> {
  /** The route under `/api` as the data provider addresses it: `customs/batches`, `fx/settlements`, `messages`. */
  resource: string;
  filters?: CrudFilter[];
  sorters?: CrudSort[];
  /** A page of `pageSize` rows; leave out for every row (the provider walks the pages, 100 at a time). */
  page?: number;
  pageSize?: number;
  enabled?: boolean;
  /** While this says so of the rows on screen, they are fetched again every `refreshMs` (receipts arrive by polling). */
  live?: (rows: T[]) => boolean;
  refreshMs?: number;
}

export interface ResourceList<T, Extra extends object> {
  /** The answer in the list format, its pagination complete; undefined until the first answer. */
  data: ListResponse<T, Partial<Extra>> | undefined;
  isLoading: boolean;
  isFetching: boolean;
  /** The previous page's rows, shown while the next page loads. */
  isPlaceholderData: boolean;
  isError: boolean;
  /** The platform's one error format, as every other call of the app reports it. */
  error: ApiError | null;
  refetch: () => Promise<unknown>;
}

/** A filter of one field that is left out when the value is blank (a cleared search box or select). */
export function filterOf(
  field: string,
  operator: "eq" | "contains",
  value: string | boolean | undefined | null,
): CrudFilter[] {
  if (value === undefined || value === null) return [];
  const clean = typeof value === "string" ? value.trim() : value;
  return clean === "" ? [] : [{ field, operator, value: clean }];
}

/** The queries the merchant web keeps for the lists under a route prefix (`customs` → every customs list). */
export function isResourceListKey(queryKey: readonly unknown[], prefix: string): boolean {
  const resource = queryKey[2];
  return (
    queryKey[0] === "data" &&
    queryKey[3] === "list" &&
    typeof resource === "string" &&
    (resource === prefix || resource.startsWith(`${prefix}/`))
  );
}

const asApiError = (e: ApiHttpError): ApiError =>
  new ApiError(e.statusCode ?? 0, e.code ?? `HTTP_${e.statusCode ?? 0}`, e.message, e.details ?? {});

/** After a write: every list under the prefix is fetched again (`customs`, `fx`, `tax-refund/applications`, `messages`). */
export const invalidateLists = (prefix: string): Promise<void> =>
  queryClient.invalidateQueries({ predicate: (query) => isResourceListKey(query.queryKey, prefix) });

export function useResourceList<T extends BaseRecord, Extra extends object = Record<never, never>>(
  options: ResourceListOptions<T>,
): ResourceList<T, Extra> {
  const { resource, filters, sorters, page, pageSize, enabled = true, live, refreshMs } = options;
  const paged = page !== undefined && pageSize !== undefined;
  const { query } = useList<T, ApiHttpError>({
    resource,
    filters,
    sorters,
    pagination: paged ? { currentPage: page, pageSize, mode: "server" } : { mode: "off" },
    queryOptions: {
      enabled,
      placeholderData: keepPreviousData,
      refetchInterval: (q) => {
        const rows = (q.state.data as GetListResponse<T> | undefined)?.data ?? [];
        return live && refreshMs && live(rows) ? refreshMs : false;
      },
    },
  });
  const answer = query.data as (GetListResponse<T> & { meta?: unknown }) | undefined;
  return {
    // Every row (no page asked for): the last page's pagination would mislead, so the rows are the whole list.
    data: answer ? readList<T, Extra>(paged ? { data: answer.data, meta: answer.meta } : answer.data) : undefined,
    isLoading: query.isLoading,
    isFetching: query.isFetching,
    isPlaceholderData: query.isPlaceholderData,
    isError: query.isError,
    error: query.error ? asApiError(query.error) : null,
    refetch: query.refetch,
  };
}
