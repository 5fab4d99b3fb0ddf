import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  batchInFlight,
  isWaiting,
  type BatchListItem,
  type CustomsCancellation,
  type CustomsInventory,
  type CustomsOrder,
  type CustomsRecordKind,
  type CustomsSubject,
} from "@jmt/api-types";
import { customsApi, type RecordQuery } from "../providers/customsApi";
import { queryClient } from "../providers/queryClient";
import { filterOf, invalidateLists, useResourceList } from "./useResourceList";

/** While something is out at 点点通, screens refetch at this pace (receipts arrive by polling). */
export const CUSTOMS_REFRESH_MS = 3000;

/** Query keys of the customs screens (all under "customs" so one invalidation refreshes them). */
export const customsKeys = {
  all: ["customs"] as const,
  config: ["customs", "config"] as const,
  hints: ["customs", "hints"] as const,
  todos: ["customs", "todos"] as const,
  carriers: ["customs", "carriers"] as const,
  batch: (id: string) => ["customs", "batch", id] as const,
  record: (kind: CustomsRecordKind, id: string) => ["customs", "record", kind, id] as const,
  cancellable: (invtNo: string) => ["customs", "cancellable", invtNo] as const,
};

/** After any customs write: the customs screens, the home payload (to-dos) and messages change together. */
export async function refreshCustoms(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: customsKeys.all }),
    invalidateLists("customs"),
    queryClient.invalidateQueries({ queryKey: ["jmt"] }),
    invalidateLists("messages"),
  ]);
}

export function useCustomsConfig(enabled = true) {
  return useQuery({ queryKey: customsKeys.config, queryFn: customsApi.config, enabled, staleTime: 60_000 });
}

export function useCustomsHints(enabled = true) {
  return useQuery({ queryKey: customsKeys.hints, queryFn: customsApi.hints, enabled, staleTime: 5 * 60_000 });
}

export function useCustomsTodos(enabled = true) {
  return useQuery({ queryKey: customsKeys.todos, queryFn: customsApi.todos, enabled, staleTime: 30_000 });
}

export function useCarriers(enabled = true) {
  return useQuery({ queryKey: customsKeys.carriers, queryFn: customsApi.carriers, enabled, staleTime: 10 * 60_000 });
}

export function useBatches(q: string, page: number, enabled = true) {
  return useResourceList<BatchListItem>({
    resource: "customs/batches",
    filters: filterOf("q", "contains", q),
    page,
    pageSize: 10,
    enabled,
    // A batch out at customs changes by itself: keep the list's stages current.
    live: (rows) => rows.some((b) => batchInFlight(b.progress)),
    refreshMs: CUSTOMS_REFRESH_MS,
  });
}

export function useBatch(id: string | undefined) {
  return useQuery({
    queryKey: customsKeys.batch(id ?? ""),
    queryFn: () => customsApi.batch(id!),
    enabled: !!id,
    refetchInterval: (query) => (batchInFlight(query.state.data?.progress) ? CUSTOMS_REFRESH_MS : false),
  });
}

/** A batch's orders or 清单, filtered by status and a search box, a page at a time. */
function useBatchRecords<T extends CustomsOrder | CustomsInventory>(
  kind: "orders" | "inventories",
  id: string,
  q: RecordQuery,
  live: boolean,
) {
  return useResourceList<T, { counts: Record<string, number> }>({
    resource: `customs/batches/${encodeURIComponent(id)}/${kind}`,
    filters: [...filterOf("status", "eq", q.status), ...filterOf("q", "contains", q.q)],
    page: q.page ?? 1,
    pageSize: q.pageSize ?? 20,
    live: () => live,
    refreshMs: CUSTOMS_REFRESH_MS,
  });
}

export const useBatchOrders = (id: string, q: RecordQuery, live: boolean) =>
  useBatchRecords<CustomsOrder>("orders", id, q, live);

export const useBatchInventories = (id: string, q: RecordQuery, live: boolean) =>
  useBatchRecords<CustomsInventory>("inventories", id, q, live);

const SUBJECT_OF: Record<CustomsRecordKind, CustomsSubject> = {
  orders: "order",
  inventories: "inventory",
  waybills: "waybill",
  summaries: "summary",
  cancellations: "cancellation",
};

export function useCustomsRecord(kind: CustomsRecordKind | null, id: string | null) {
  return useQuery({
    queryKey: customsKeys.record(kind ?? "orders", id ?? ""),
    queryFn: () => customsApi.record(kind!, id!),
    enabled: !!kind && !!id,
    refetchInterval: (query) =>
      kind && isWaiting(SUBJECT_OF[kind], query.state.data?.status) ? CUSTOMS_REFRESH_MS : false,
  });
}

export function useCancellations(invtNo: string, status: string, page: number) {
  return useResourceList<CustomsCancellation>({
    resource: "customs/cancellations",
    filters: [...filterOf("invtNo", "contains", invtNo), ...filterOf("status", "eq", status)],
    page,
    pageSize: 10,
    live: (rows) => rows.some((c) => isWaiting("cancellation", c.status)),
    refreshMs: CUSTOMS_REFRESH_MS,
  });
}

export function useCancellable(invtNo: string, enabled: boolean) {
  return useQuery({
    queryKey: customsKeys.cancellable(invtNo),
    queryFn: () => customsApi.cancellable(invtNo || undefined),
    enabled,
    placeholderData: keepPreviousData,
  });
}
