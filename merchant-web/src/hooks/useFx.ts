import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type {
  FxCurrency,
  LedgerEntry,
  LedgerType,
  SettlementCounts,
  SettlementListItem,
  SettlementStatus,
} from "@jmt/api-types";
import { fxApi } from "../providers/fxApi";
import { queryClient } from "../providers/queryClient";
import { filterOf, invalidateLists, useResourceList } from "./useResourceList";

/** Query keys of the 收结汇 screens (all under "fx" so one invalidation refreshes them). */
export const fxKeys = {
  all: ["fx"] as const,
  rates: ["fx", "rates"] as const,
  history: (currency: FxCurrency, days: number) => ["fx", "history", currency, days] as const,
  alerts: ["fx", "alerts"] as const,
  account: ["fx", "account"] as const,
  settlement: (id: string) => ["fx", "settlement", id] as const,
};

/** While a settlement is being processed by staff, its screens refetch at this pace. */
export const FX_REFRESH_MS = 15_000;

/** After any FX write: the FX screens, the home payload (balance card) and messages change together. */
export async function refreshFx(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: fxKeys.all }),
    invalidateLists("fx"),
    queryClient.invalidateQueries({ queryKey: ["jmt"] }),
    invalidateLists("messages"),
  ]);
}

export function useFxRates(enabled = true) {
  // Rates are fetched by the server a few times a day; a minute of cache is plenty.
  return useQuery({ queryKey: fxKeys.rates, queryFn: fxApi.rates, enabled, staleTime: 60_000 });
}

export function useFxHistory(currency: FxCurrency, days: number) {
  return useQuery({
    queryKey: fxKeys.history(currency, days),
    queryFn: () => fxApi.history(currency, days),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useFxAlerts(enabled = true) {
  return useQuery({ queryKey: fxKeys.alerts, queryFn: fxApi.alerts, enabled });
}

export function useFxAccount(enabled = true) {
  return useQuery({
    queryKey: fxKeys.account,
    queryFn: fxApi.account,
    enabled,
    refetchInterval: (query) => ((query.state.data?.settling ?? 0) > 0 ? FX_REFRESH_MS : false),
  });
}

export function useLedger(type: LedgerType | "", page: number) {
  return useResourceList<LedgerEntry>({
    resource: "fx/ledger",
    filters: filterOf("type", "eq", type),
    page,
    pageSize: 10,
  });
}

export function useSettlements(status: SettlementStatus | "", page: number) {
  return useResourceList<SettlementListItem, { counts: SettlementCounts }>({
    resource: "fx/settlements",
    filters: filterOf("status", "eq", status),
    page,
    pageSize: 10,
    live: (rows) => rows.some((s) => s.status === "processing"),
    refreshMs: FX_REFRESH_MS,
  });
}

export function useSettlement(id: string | undefined) {
  return useQuery({
    queryKey: fxKeys.settlement(id ?? ""),
    queryFn: () => fxApi.settlement(id!),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === "processing" ? FX_REFRESH_MS : false),
  });
}
