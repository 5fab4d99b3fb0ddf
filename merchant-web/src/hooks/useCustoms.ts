import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { batchInFlight, isWaiting, type CustomsRecordKind, type CustomsSubject } from "@jmt/api-types";
import { customsApi, type RecordQuery } from "../providers/customsApi";
import { queryClient } from "../providers/queryClient";

/** While something is out at 点点通, screens refetch at this pace (receipts arrive by polling). */
export const CUSTOMS_REFRESH_MS = 3000;

/** Query keys of the customs screens (all under "customs" so one invalidation refreshes them). */
export const customsKeys = {
  all: ["customs"] as const,
  config: ["customs", "config"] as const,
  hints: ["customs", "hints"] as const,
  todos: ["customs", "todos"] as const,
  carriers: ["customs", "carriers"] as const,
  batches: (q: string, page: number) => ["customs", "batches", q, page] as const,
  batch: (id: string) => ["customs", "batch", id] as const,
  orders: (id: string, q: RecordQuery) => ["customs", "batch", id, "orders", q] as const,
  inventories: (id: string, q: RecordQuery) => ["customs", "batch", id, "inventories", q] as const,
  record: (kind: CustomsRecordKind, id: string) => ["customs", "record", kind, id] as const,
  cancellations: (invtNo: string, status: string, page: number) =>
    ["customs", "cancellations", invtNo, status, page] as const,
  cancellable: (invtNo: string) => ["customs", "cancellable", invtNo] as const,
};

/** After any customs write: the customs screens, the home payload (to-dos) and messages change together. */
export async function refreshCustoms(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: customsKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["jmt"] }),
    queryClient.invalidateQueries({ queryKey: ["messages"] }),
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
  return useQuery({
    queryKey: customsKeys.batches(q, page),
    queryFn: () => customsApi.batches({ q: q || undefined, page, pageSize: 10 }),
    enabled,
    placeholderData: keepPreviousData,
    // A batch out at customs changes by itself: keep the list's stages current.
    refetchInterval: (query) =>
      query.state.data?.data.some((b) => batchInFlight(b.progress)) ? CUSTOMS_REFRESH_MS : false,
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

export function useBatchOrders(id: string, q: RecordQuery, live: boolean) {
  return useQuery({
    queryKey: customsKeys.orders(id, q),
    queryFn: () => customsApi.orders(id, q),
    placeholderData: keepPreviousData,
    refetchInterval: live ? CUSTOMS_REFRESH_MS : false,
  });
}

export function useBatchInventories(id: string, q: RecordQuery, live: boolean) {
  return useQuery({
    queryKey: customsKeys.inventories(id, q),
    queryFn: () => customsApi.inventories(id, q),
    placeholderData: keepPreviousData,
    refetchInterval: live ? CUSTOMS_REFRESH_MS : false,
  });
}

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
  return useQuery({
    queryKey: customsKeys.cancellations(invtNo, status, page),
    queryFn: () =>
      customsApi.cancellations({ invtNo: invtNo || undefined, status: status || undefined, page, pageSize: 10 }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.data.some((c) => isWaiting("cancellation", c.status)) ? CUSTOMS_REFRESH_MS : false,
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
