import type {
  FxAccount,
  FxAlert,
  FxAlertInput,
  FxCurrency,
  FxRate,
  FxRateHistory,
  FxRatesMeta,
  SettlementDetail,
  SettlementInput,
  SettlementListItem,
} from "@jmt/api-types";
import { unwrap } from "./envelope";
import { api } from "./index";

/** Calls of the FX section of the cms contract (收结汇 X1–X4, `/api/fx/*`). Ids are documentIds. */
const enc = encodeURIComponent;

export interface FxRatesAnswer {
  data: FxRate[];
  meta: FxRatesMeta;
}

export const fxApi = {
  rates: async (): Promise<FxRatesAnswer> => {
    const body = (await api.request<Partial<FxRatesAnswer>>("get", "/api/fx/rates")) ?? {};
    return {
      data: Array.isArray(body.data) ? body.data : [],
      meta: { stale: body.meta?.stale === true, lastFetch: body.meta?.lastFetch ?? null },
    };
  },

  history: async (currency: FxCurrency, days: number) =>
    unwrap<FxRateHistory>(
      await api.request<unknown>("get", "/api/fx/rates/history", undefined, { params: { currency, days } }),
    ),

  alerts: async () => {
    const body = unwrap<FxAlert[]>(await api.request<unknown>("get", "/api/fx/alerts"));
    return Array.isArray(body) ? body : [];
  },

  createAlert: async (input: FxAlertInput) =>
    unwrap<FxAlert>(await api.request<unknown>("post", "/api/fx/alerts", input)),

  updateAlert: async (id: string, patch: Partial<Pick<FxAlert, "threshold" | "direction" | "active">>) =>
    unwrap<FxAlert>(await api.request<unknown>("put", `/api/fx/alerts/${enc(id)}`, patch)),

  deleteAlert: (id: string) => api.request<unknown>("delete", `/api/fx/alerts/${enc(id)}`),

  account: async () => unwrap<FxAccount>(await api.request<unknown>("get", "/api/fx/account")),

  settlement: async (id: string) =>
    unwrap<SettlementDetail>(await api.request<unknown>("get", `/api/fx/settlements/${enc(id)}`)),

  /** 201 `{ id, number, status }`; errors VALIDATION_FAILED, INSUFFICIENT_AVAILABLE, FX_PROFILE_INCOMPLETE. */
  createSettlement: async (input: SettlementInput) =>
    unwrap<Pick<SettlementListItem, "id" | "number" | "status">>(
      await api.request<unknown>("post", "/api/fx/settlements", input),
    ),
};
