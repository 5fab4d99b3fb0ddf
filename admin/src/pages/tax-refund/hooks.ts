import { TAX_REFUND_KIND, type RefundEstimate } from "@jmt/api-types";
import { firstProblem, taxrefund } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { useInvalidate, usePermissions } from "@refinedev/core";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { countsByKindAndStatus } from "../../lib/application-query";
import { hasPermission } from "../../lib/permissions";
import { isAmount, normaliseHsCode } from "../../lib/tax-refund";
import { useDebouncedValue } from "../../lib/use-debounced-value";
import { taxRefundApi } from "../../providers/data-provider";
import type { EstimateQuery, TaxRefundDetail } from "../../providers/tax-refund";
import { useStaffTodos, WORKFLOW_KEYS } from "../applications/hooks";

export const TAX_REFUND_KEYS = {
  all: ["tax-refund"] as const,
  // Under the engine's key of the application: a transition (useRefreshWorkflow) refreshes it too.
  detail: (id: string) => [...WORKFLOW_KEYS.application(id), "tax-refund"] as const,
  estimate: (query: EstimateQuery) => ["tax-refund", "estimate", query] as const,
};

/** What the signed-in staff member may do in 出口退税 (`*` holds everything). */
export const useTaxRefundPermissions = () => {
  const { data: permissions } = usePermissions<string[]>({});
  return {
    /** download packages, upload return messages */
    process: hasPermission(permissions, "taxrefund.process"),
    /** edit the rate table */
    rates: hasPermission(permissions, "taxrefund.rates"),
  };
};

/** `GET /api/tax-refund/applications/:id`: the application plus estimate, return messages and linked batches. */
export const useTaxRefundDetail = (id: string | undefined) =>
  useQuery<TaxRefundDetail>({
    queryKey: TAX_REFUND_KEYS.detail(id ?? ""),
    queryFn: () => taxRefundApi.get(id as string),
    enabled: Boolean(id),
  });

/** Refunds waiting on the platform, per state (申报 / 审核 / 退库), from the staff to-dos the menu already polls. */
export const useRefundCounts = () => {
  const { todos, query } = useStaffTodos();
  const byStatus = query.data ? (countsByKindAndStatus(todos)[TAX_REFUND_KIND] ?? {}) : undefined;
  return { byStatus, query };
};

/** After a refund moved or return messages were applied: the refund lists, details, history and the to-dos. */
export const useRefreshTaxRefunds = () => {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: WORKFLOW_KEYS.todos }),
      client.invalidateQueries({ queryKey: ["workflow", "application"] }),
      invalidate({ dataProviderName: "taxRefund", resource: "tax-refunds", invalidates: ["list"] }),
      invalidate({ dataProviderName: "taxRefund", resource: "tax-refund-returns", invalidates: ["list"] }),
      invalidate({ resource: "applications", dataProviderName: "workflow", invalidates: ["list"] }),
    ]);
  }, [client, invalidate]);
};

/** What the estimate's contract (`taxrefund.estimateQuery`) says of an HS code (4–10 digits, spaces and dots dropped), or null. */
export const hsCodeProblem = (hsCode: string | undefined): string | null => firstProblem(taxrefund.estimateQuery.shape.hsCode, hsCode);

/**
 * The cms's estimate for what is being typed (`GET /api/tax-refund/estimate`), asked once the input settles and is
 * complete enough (an HS code the contract accepts and an amount above 0); the previous answer stays while the next loads.
 */
export const useRefundEstimate = (input: Partial<EstimateQuery>) => {
  const settled = useDebouncedValue(input, 400);
  const ready = hsCodeProblem(settled.hsCode) === null && isAmount(settled.amount) && Boolean(settled.enterpriseType);
  const query: EstimateQuery = {
    hsCode: normaliseHsCode(settled.hsCode),
    enterpriseType: settled.enterpriseType ?? "trading",
    amount: String(settled.amount ?? "").trim(),
    date: settled.date || undefined,
  };
  const result = useQuery<RefundEstimate, ApiHttpError>({
    queryKey: TAX_REFUND_KEYS.estimate(query),
    queryFn: () => taxRefundApi.estimate(query),
    enabled: ready,
    retry: false,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const typing =
    input.hsCode !== settled.hsCode || input.amount !== settled.amount || input.enterpriseType !== settled.enterpriseType || input.date !== settled.date;
  return { ...result, ready, typing };
};
