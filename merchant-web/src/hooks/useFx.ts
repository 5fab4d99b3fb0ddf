import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { FxCurrency, LedgerType, SettlementStatus } from "@jmt/api-types";
import { fxApi } from "../providers/fxApi";
import { queryClient } from "../providers/queryClient";

/** Query keys of the 收结汇 screens (all under "fx" so one invalidation refreshes them). */
export const fxKeys = {
  all: ["fx"] as const,
  rates: ["fx", "rates"] as const,
  history: (currency: FxCurrency, days: number) => ["fx", "history", currency, days] as const,
  alerts: ["fx", "alerts"] as const,
  account: ["fx", "account"] as const,
  ledger: (type: string, page: number) => ["fx", "ledger", type, page] as const,
  settlements: (status: string, page: number) => ["fx", "settlements", status, page] as const,
  settlement: (id: string) => ["fx", "settlement", id] as const,
};

/** While a settlement is being processed by staff, its screens refetch at this pace. */
export const FX_REFRESH_MS = 15_000;

/** After any FX write: the FX screens, the home payload (balance card) and messages change together. */
export async function refreshFx(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: fxKeys.all }),
    queryClient.invalidateQueries({ queryKey: ["jmt"] }),
    queryClient.invalidateQueries({ queryKey: ["messages"] }),
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
  return useQuery({
    queryKey: fxKeys.ledger(type, page),
    queryFn: () => fxApi.ledger({ type: type || undefined, page, pageSize: 10 }),
    placeholderData: keepPreviousData,
  });
}

export function useSettlements(status: SettlementStatus | "", page: number) {
  return useQuery({
    queryKey: fxKeys.settlements(status, page),
    queryFn: () => fxApi.settlements({ status: status || undefined, page, pageSize: 10 }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.data.some((s) => s.status === "processing") ? FX_REFRESH_MS : false),
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
