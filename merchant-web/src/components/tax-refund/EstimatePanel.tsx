import { CalculatorOutlined, InfoCircleOutlined, LoadingOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, Skeleton, Tag } from "antd";
import type { UseQueryResult } from "@tanstack/react-query";
import { formatAmount, type EnterpriseType, type RefundEstimate, type RefundRate } from "@jmt/api-types";
import { useT } from "../../i18n/useT";
import { fieldErrorsOf } from "../../lib/formErrors";
import { rateOfEstimate, type EstimateQuery } from "../../lib/taxRefund";
import { toApiError } from "../../providers/apiError";

/**
 * T4 退税测算 as the server computes it: the amount, the formula, the rate and where the rate comes from; a
 * missing rate (REFUND_RATE_NOT_FOUND) or input the server refuses said plainly. Presentational: the caller
 * owns the (debounced) query, so a form and its review show the same answer.
 */
export function EstimatePanel({
  query,
  result,
  enterpriseType,
  rates,
  compact,
}: {
  /** null while the form cannot give an estimate yet (no HS code or no base amount). */
  query: EstimateQuery | null;
  result: UseQueryResult<RefundEstimate, Error>;
  enterpriseType: EnterpriseType;
  rates?: RefundRate[];
  /** The home page's calculator: no heading. */
  compact?: boolean;
}) {
  const t = useT();
  const state = query === null ? "idle" : result.isError ? "error" : result.data ? "ok" : "loading";
  const estimate = result.data;
  const failure = result.isError ? toApiError(result.error) : null;
  const rate = estimate ? rateOfEstimate(rates, estimate) : null;
  // A newer question is on its way while the previous answer still shows.
  const refreshing = query !== null && result.isFetching;

  return (
    <div
      className={`jmt-tr-estimate${compact ? " is-compact" : ""}`}
      data-testid="estimate-panel"
      data-state={state}
      data-value={state === "ok" ? (estimate?.estimate ?? "") : ""}
    >
      {!compact && (
        <div className="jmt-tr-estimate-head">
          <CalculatorOutlined /> {t("taxRefund.estimate.title")}
          {refreshing && <LoadingOutlined className="jmt-tr-estimate-spin" />}
        </div>
      )}
      {state === "idle" && (
        <p className="jmt-muted jmt-tr-estimate-idle" data-testid="estimate-idle">
          {t(`taxRefund.estimate.idle.${enterpriseType}`)}
        </p>
      )}
      {state === "loading" && <Skeleton active title={false} paragraph={{ rows: 3 }} />}
      {state === "error" && failure && (
        <Alert
          type={failure.code === "REFUND_RATE_NOT_FOUND" ? "warning" : "error"}
          showIcon
          icon={<WarningOutlined />}
          data-testid={failure.code === "REFUND_RATE_NOT_FOUND" ? "estimate-not-found" : "estimate-error"}
          message={
            failure.code === "REFUND_RATE_NOT_FOUND"
              ? t("taxRefund.estimate.notFoundTitle")
              : t("taxRefund.estimate.failedTitle")
          }
          description={
            <>
              <div>
                {fieldErrorsOf(failure.details)
                  .map((e) => e.message)
                  .join("；") || failure.message}
              </div>
              {failure.code === "REFUND_RATE_NOT_FOUND" && (
                <div className="jmt-muted">{t("taxRefund.estimate.notFoundHint")}</div>
              )}
            </>
          }
        />
      )}
      {state === "ok" && estimate && (
        <>
          <div className="jmt-tr-estimate-amount" data-testid="estimate-amount">
            <span className="jmt-tr-yuan">¥</span>
            {formatAmount(estimate.estimate)}
          </div>
          <div className="jmt-tr-estimate-rate">
            <Tag bordered={false} color="orange" data-testid="estimate-rate" data-rate={estimate.rate}>
              {t("taxRefund.estimate.rate", { rate: estimate.rate })}
            </Tag>
            <span className="jmt-muted">{t(`taxRefund.estimate.basis.${estimate.basis}`)}</span>
          </div>
          <div className="jmt-tr-formula" data-testid="estimate-formula">
            {estimate.formula}
          </div>
          <dl className="jmt-tr-estimate-facts">
            <div>
              <dt>{t("taxRefund.estimate.matched")}</dt>
              <dd>
                <span className="jmt-mono">{estimate.matchedCode}</span> {estimate.description}
              </dd>
            </div>
            <div>
              <dt>{t("taxRefund.estimate.source")}</dt>
              <dd data-testid="estimate-source">
                {estimate.effectiveTo
                  ? t("taxRefund.estimate.effectiveRange", { from: estimate.effectiveFrom, to: estimate.effectiveTo })
                  : t("taxRefund.estimate.effectiveFrom", { from: estimate.effectiveFrom })}
                {rate?.note && <div className="jmt-muted">{rate.note}</div>}
              </dd>
            </div>
          </dl>
          <p className="jmt-tr-estimate-note">
            <InfoCircleOutlined /> {t(`taxRefund.estimate.caveat.${estimate.basis}`)}
          </p>
        </>
      )}
    </div>
  );
}
