import { type LinkedBatch, type RefundEstimate, type RefundRate, type TaxRefundDetail } from "@jmt/api-types";
import type { EstimateQuery } from "../lib/taxRefund";
import { unwrap } from "./envelope";
import { api } from "./index";

/**
 * Calls of the tax-refund section of the cms contract (出口退税 T1–T4, `/api/tax-refund/*`). A refund is an
 * application of kind `tax-refund`: it is created, saved and moved with `applicationsApi`.
 */
const enc = encodeURIComponent;

export type { TaxRefundDetail } from "@jmt/api-types";

export const taxRefundApi = {
  get: async (id: string) =>
    unwrap<TaxRefundDetail>(await api.request<unknown>("get", `/api/tax-refund/applications/${enc(id)}`)),

  /** 404 REFUND_RATE_NOT_FOUND when no rate covers the code on that date; 400 VALIDATION_FAILED for bad input. */
  estimate: async (query: EstimateQuery) =>
    unwrap<RefundEstimate>(await api.request<unknown>("get", "/api/tax-refund/estimate", undefined, { params: query })),

  rates: async () => {
    const body = unwrap<RefundRate[]>(await api.request<unknown>("get", "/api/tax-refund/rates"));
    return Array.isArray(body) ? body : [];
  },

  /** The merchant's customs batches with released 清单 (empty when there are none). */
  declarations: async () => {
    const body = unwrap<LinkedBatch[]>(await api.request<unknown>("get", "/api/tax-refund/declarations"));
    return Array.isArray(body) ? body : [];
  },
};
