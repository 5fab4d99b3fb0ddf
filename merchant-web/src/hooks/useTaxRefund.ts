import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { EstimateQuery, TaxRefundListItem } from "../lib/taxRefund";
import { queryClient } from "../providers/queryClient";
import { invalidateLists, useResourceList } from "./useResourceList";
import { taxRefundApi } from "../providers/taxRefundApi";

/** Query keys of the 出口退税 screens (all under "tax-refund" so one invalidation refreshes them). */
export const taxRefundKeys = {
  all: ["tax-refund"] as const,
  detail: (id: string) => ["tax-refund", "detail", id] as const,
  rates: ["tax-refund", "rates"] as const,
  declarations: ["tax-refund", "declarations"] as const,
  estimate: (q: EstimateQuery | null) => ["tax-refund", "estimate", q] as const,
};

/** While a refund waits on the platform or the tax authority, its screens refetch at this pace. */
export const TAX_REFUND_REFRESH_MS = 30_000;
const WAITING = new Set(["declared", "reviewing", "treasury"]);

/** After any refund write: the refund screens, applications, the home payload (to-dos) and messages. */
export async function refreshTaxRefunds(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: taxRefundKeys.all }),
    invalidateLists("tax-refund"),
    queryClient.invalidateQueries({ queryKey: ["applications"] }),
    queryClient.invalidateQueries({ queryKey: ["jmt"] }),
    invalidateLists("messages"),
  ]);
}

/** The refund list alone (a draft saved: its row and totals change, nothing else does). */
export const refreshTaxRefundList = () => invalidateLists("tax-refund/applications");

/** Every refund of the merchant, newest change first (the summary adds them all up, so every page). */
export function useTaxRefunds(enabled = true) {
  const list = useResourceList<TaxRefundListItem>({
    resource: "tax-refund/applications",
    enabled,
    live: (rows) => rows.some((r) => WAITING.has(r.status)),
    refreshMs: TAX_REFUND_REFRESH_MS,
  });
  return { ...list, data: list.data?.data };
}

export function useTaxRefund(id: string | undefined) {
  return useQuery({
    queryKey: taxRefundKeys.detail(id ?? ""),
    queryFn: () => taxRefundApi.get(id!),
    enabled: !!id,
    refetchInterval: (query) => (WAITING.has(query.state.data?.status ?? "") ? TAX_REFUND_REFRESH_MS : false),
  });
}

export function useRefundRates(enabled = true) {
  // Staff edit the table now and then; five minutes of cache is plenty for suggestions.
  return useQuery({ queryKey: taxRefundKeys.rates, queryFn: taxRefundApi.rates, enabled, staleTime: 5 * 60_000 });
}

export function useDeclarations(enabled = true) {
  return useQuery({
    queryKey: taxRefundKeys.declarations,
    queryFn: taxRefundApi.declarations,
    enabled,
    staleTime: 60_000,
  });
}

/**
 * The server's estimate for what is typed (T4). A 404 REFUND_RATE_NOT_FOUND or a 400 is an answer to show, not
 * something to retry; the previous estimate stays while the next one loads.
 */
export function useRefundEstimate(query: EstimateQuery | null) {
  return useQuery({
    queryKey: taxRefundKeys.estimate(query),
    queryFn: () => taxRefundApi.estimate(query!),
    enabled: query !== null,
    retry: false,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** `value`, once it has stopped changing for `ms` (compared by JSON, so equal objects do not restart it). */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `value`: a new object with the same content does not restart the timer
  }, [key, ms]);
  return settled;
}
