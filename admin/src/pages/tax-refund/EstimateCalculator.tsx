import { CalculatorOutlined } from "@ant-design/icons";
import type { EnterpriseType } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Alert, Card, Col, DatePicker, Empty, Form, Input, Row, Segmented, Skeleton, Spin } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { EstimateSummary } from "../../components/tax-refund/EstimateSummary";
import { fieldErrorsOf, isAmount } from "../../lib/tax-refund";
import { hsCodeProblem, useRefundEstimate } from "./hooks";

interface CalculatorValues {
  hsCode?: string;
  enterpriseType: EnterpriseType;
  amount?: string;
  date?: Dayjs | null;
}

/**
 * 退税测算: an HS code, the base amount (进项发票不含税金额 for a trading company, FOB for a producer) and a date →
 * the cms's estimate from the table as it stands (`GET /api/tax-refund/estimate`), asked as the user pauses typing.
 * Handy to check a rate edit or to answer a merchant on the phone.
 */
export const EstimateCalculator = () => {
  const t = useTranslate();
  const [form] = Form.useForm<CalculatorValues>();
  const hsCode = Form.useWatch("hsCode", form);
  const enterpriseType = Form.useWatch("enterpriseType", form) ?? "trading";
  const amount = Form.useWatch("amount", form);
  const date = Form.useWatch("date", form);
  const estimate = useRefundEstimate({
    hsCode: hsCode?.trim(),
    enterpriseType,
    amount: amount?.trim(),
    date: date ? date.format("YYYY-MM-DD") : undefined,
  });
  const error = estimate.error;
  const errorOf = (field: string) =>
    error?.code === "VALIDATION_FAILED" ? fieldErrorsOf(error.details).find((item) => item.field === field)?.message : undefined;
  const amountField = enterpriseType === "producer" ? "orderAmount" : "purchaseAmount";
  const amountError = errorOf(amountField);
  // The contract's word on the code once the user pauses. The amount is judged here: the contract judges it in the
  // query's cross-field check, which throws on an amount that is no number at all (packages/contracts, to be fixed).
  const hsError = errorOf("hsCode") ?? (hsCode && !estimate.typing ? (hsCodeProblem(hsCode) ?? undefined) : undefined);

  return (
    <Card
      variant="borderless"
      className="section-card"
      title={
        <span>
          <CalculatorOutlined /> {t("taxRefund.calculator.title")}
        </span>
      }
      data-testid="estimate-calculator"
    >
      <Row gutter={[32, 16]}>
        <Col xs={24} xl={10}>
          <Form<CalculatorValues> form={form} layout="vertical" initialValues={{ enterpriseType: "trading", date: dayjs() }}>
            <Form.Item name="enterpriseType" label={t("taxRefund.fields.enterpriseType")}>
              <Segmented<EnterpriseType>
                block
                options={(["trading", "producer"] as const).map((value) => ({ value, label: t(`taxRefund.enterpriseTypes.${value}`) }))}
                data-testid="calculator-type"
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="hsCode" label={t("taxRefund.fields.hsCode")} validateStatus={hsError ? "error" : undefined} help={hsError}>
                  <Input className="mono" inputMode="numeric" allowClear maxLength={14} placeholder="7116200000" data-testid="calculator-hs" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="date" label={t("taxRefund.calculator.date")} extra={t("taxRefund.calculator.dateHelp")}>
                  <DatePicker style={{ width: "100%" }} allowClear={false} data-testid="calculator-date" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="amount"
              label={t(enterpriseType === "producer" ? "taxRefund.calculator.fob" : "taxRefund.calculator.purchase")}
              validateStatus={amountError || (amount && !isAmount(amount) && !estimate.typing) ? "error" : undefined}
              help={amountError ?? (amount && !isAmount(amount) && !estimate.typing ? t("taxRefund.calculator.amountFormat") : undefined)}
            >
              <Input inputMode="decimal" className="mono" allowClear prefix="¥" placeholder="72000.00" data-testid="calculator-amount" />
            </Form.Item>
          </Form>
        </Col>
        <Col xs={24} xl={14}>
          <div className="refund-calculator-result" data-testid="calculator-result" data-state={estimate.data ? "ok" : error ? "error" : "idle"}>
            {!estimate.ready ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.calculator.idle")} />
            ) : estimate.isLoading ? (
              <Skeleton active paragraph={{ rows: 3 }} />
            ) : error && error.code !== "VALIDATION_FAILED" ? (
              <Alert
                type={error.code === "REFUND_RATE_NOT_FOUND" ? "warning" : "error"}
                showIcon
                data-testid="calculator-error"
                data-code={error.code ?? ""}
                message={error.code === "REFUND_RATE_NOT_FOUND" ? t("taxRefund.calculator.noRate") : t("taxRefund.calculator.failed")}
                description={fieldErrorsOf(error.details)[0]?.message || error.message}
              />
            ) : estimate.data && !error ? (
              <Spin spinning={estimate.isFetching || estimate.typing} delay={200}>
                <EstimateSummary estimate={estimate.data} />
              </Spin>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.calculator.idle")} />
            )}
          </div>
        </Col>
      </Row>
    </Card>
  );
};
