import type { FxCurrency, SettlementStatus } from "@jmt/api-types";
import { useInvalidate, usePermissions } from "@refinedev/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { hasPermission } from "../../lib/permissions";
import { fxApi } from "../../providers/data-provider";

export const FX_KEYS = {
  all: ["fx"] as const,
  counts: ["fx", "settlement-counts"] as const,
  settlement: (id: string) => ["fx", "settlement", id] as const,
  account: (merchant: string) => ["fx", "account", merchant] as const,
  rates: ["fx", "rates"] as const,
  history: (currency: FxCurrency, days: number) => ["fx", "rates", "history", currency, days] as const,
};

/** What the signed-in staff member may do in 收结汇 (`*` holds everything). */
export const useFxPermissions = () => {
  const { data: permissions } = usePermissions<string[]>({});
  return {
    settle: hasPermission(permissions, "fx.settle"),
    balances: hasPermission(permissions, "fx.balances"),
    rates: hasPermission(permissions, "fx.rates"),
  };
};

/** Settlements per status (the queue's tab badges, the menu badge, the dashboard), refreshed every minute. */
export const useSettlementCounts = (enabled = true) => {
  const query = useQuery<Record<SettlementStatus, number>>({
    queryKey: FX_KEYS.counts,
    queryFn: () => fxApi.settlementCounts(),
    staleTime: 30_000,
    refetchInterval: 60_000,
    enabled,
    retry: false,
  });
  return { counts: query.data, query };
};

/** After a settlement is completed / rejected or balances change: everything 收结汇 on screen. */
export const useRefreshFx = () => {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: FX_KEYS.all }),
      invalidate({ dataProviderName: "fx", resource: "fx-settlements", invalidates: ["list"] }),
      invalidate({ dataProviderName: "fx", resource: "fx-accounts", invalidates: ["list"] }),
      invalidate({ dataProviderName: "fx", resource: "fx-balance-uploads", invalidates: ["list"] }),
    ]);
  }, [client, invalidate]);
};
