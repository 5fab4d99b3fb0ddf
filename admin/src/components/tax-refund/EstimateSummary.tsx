import { CalculatorOutlined } from "@ant-design/icons";
import type { RefundEstimate } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Col, Descriptions, Flex, Row, Statistic, Tag, Tooltip, Typography } from "antd";
import { Money } from "../fx/Money";

/**
 * A refund estimate as the cms computed it (T4): the amount, the rate, the formula, and which rate-table row it came
 * from (an HS prefix such as 7013 matches every code under it). Shown on a refund's detail and in the rate table's
 * calculator; nothing is computed here.
 */
export const EstimateSummary = ({ estimate, refundedAmount }: { estimate: RefundEstimate; refundedAmount?: string | null }) => {
  const t = useTranslate();
  const prefix = estimate.matchedCode !== estimate.hsCode;
  return (
    <Flex vertical gap={14} className="refund-estimate" data-testid="estimate-summary">
      <Row gutter={[16, 12]} className="fx-result">
        <Col xs={12} md={refundedAmount !== undefined ? 8 : 12}>
          <Statistic
            title={t("taxRefund.estimate.amount")}
            valueRender={() => <Money value={estimate.estimate} currency="CNY" strong testId="estimate-amount" />}
          />
        </Col>
        <Col xs={12} md={refundedAmount !== undefined ? 8 : 12}>
          <Statistic
            title={t("taxRefund.estimate.rate")}
            valueRender={() => (
              <span className="rate refund-rate" data-testid="estimate-rate" data-value={estimate.rate}>
                {estimate.rate}%
              </span>
            )}
          />
        </Col>
        {refundedAmount !== undefined && (
          <Col xs={24} md={8}>
            <Statistic
              title={t("taxRefund.fields.refundedAmount")}
              valueRender={() =>
                refundedAmount ? (
                  <Money value={refundedAmount} currency="CNY" strong testId="refunded-amount" />
                ) : (
                  <Typography.Text type="secondary" data-testid="refunded-amount" data-value="">
                    {t("taxRefund.estimate.notPaid")}
                  </Typography.Text>
                )
              }
            />
          </Col>
        )}
      </Row>
      <div className="fx-formula" data-testid="estimate-formula">
        <CalculatorOutlined />
        <span>{t(`taxRefund.basis.${estimate.basis}`)}</span>
        <span className="mono">{estimate.formula}</span>
      </div>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}>
        <Descriptions.Item label={t("taxRefund.estimate.matched")}>
          <span className="mono nowrap" data-testid="estimate-matched" data-value={estimate.matchedCode}>
            {estimate.matchedCode}
          </span>
          {prefix && (
            <Tooltip title={t("taxRefund.estimate.prefixHint", { code: estimate.hsCode, prefix: estimate.matchedCode })}>
              <Tag bordered={false} color="geekblue" style={{ marginInlineStart: 8 }}>
                {t("taxRefund.estimate.prefix")}
              </Tag>
            </Tooltip>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("taxRefund.estimate.description")}>{estimate.description || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("taxRefund.estimate.base")}>
          <Money value={estimate.baseAmount} currency="CNY" testId="estimate-base" />
        </Descriptions.Item>
        <Descriptions.Item label={t("taxRefund.estimate.period")}>
          {estimate.effectiveTo
            ? t("taxRefund.rates.period", { from: estimate.effectiveFrom, to: estimate.effectiveTo })
            : t("taxRefund.rates.periodOpen", { from: estimate.effectiveFrom })}
        </Descriptions.Item>
      </Descriptions>
    </Flex>
  );
};
