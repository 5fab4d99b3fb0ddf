import { CalculatorOutlined, CheckOutlined } from "@ant-design/icons";
import { formatAmount, type SettlementDetail } from "@jmt/api-types";
import { fieldRule, fx } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { useTranslate } from "@refinedev/core";
import { Alert, App as AntdApp, Button, Descriptions, Flex, Form, Input, Modal, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { Money, Rate } from "../../components/fx/Money";
import { checkBody } from "../../lib/contract-form";
import { expectedCnyOf, isDecimal, isPositiveDecimal, multiplyDecimal, subtractDecimal, toScale } from "../../lib/fx";
import { fxApi } from "../../providers/data-provider";

interface CompleteValues {
  actualRate?: string;
  cnyAmount?: string;
}

/**
 * The fields' rules, the contract's (`fx.completeInput`): a positive rate with at most 4 decimals, a positive CNY
 * amount with at most 2. That the amount is amount × rate is the service's check (CNY_AMOUNT_MISMATCH, with its
 * tolerance), shown under the field when the cms answers it.
 */
export const completeSettlementRules = {
  actualRate: [fieldRule(fx.completeInput.shape.actualRate)],
  cnyAmount: [fieldRule(fx.completeInput.shape.cnyAmount)],
};

/** amount × rate, exact and rounded half-up to fen, when the rate is a valid one. */
const cnyFor = (amount: string, rate: string | undefined): string | undefined =>
  rate && isPositiveDecimal(rate.trim(), 4) ? multiplyDecimal(amount, rate.trim(), 2) : undefined;

/**
 * 完成结汇: the bank's actual rate (4 places, prefilled with the requested one) and the CNY credited, prefilled with
 * amount × rate computed exactly and kept in step until staff edit it. The cms re-checks the CNY amount against its own
 * product (CNY_AMOUNT_MISMATCH with `details.expected`), shown under the field with a one-click fix.
 */
export const CompleteSettlementModal = ({
  settlement,
  balance,
  open,
  onClose,
  onDone,
}: {
  settlement: SettlementDetail;
  /** the merchant's account balance now (for the 剩余美元 preview), when known */
  balance?: string;
  open: boolean;
  onClose(): void;
  onDone(): void | Promise<void>;
}) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [form] = Form.useForm<CompleteValues>();
  const [submitting, setSubmitting] = useState(false);
  // Once staff type their own CNY amount, a rate change no longer overwrites it.
  const [cnyEdited, setCnyEdited] = useState(false);
  const [mismatch, setMismatch] = useState<{ message: string; expected?: string; tolerance?: string } | null>(null);
  const rate = Form.useWatch("actualRate", form);
  const cny = Form.useWatch("cnyAmount", form);
  const computed = cnyFor(settlement.amount, rate);
  const differs = Boolean(computed && cny && isPositiveDecimal(cny.trim(), 2) && toScale(cny.trim(), 2) !== computed);

  useEffect(() => {
    if (!open) return;
    const initialRate = isPositiveDecimal(settlement.rate, 4) ? toScale(settlement.rate, 4) : undefined;
    form.setFieldsValue({ actualRate: initialRate, cnyAmount: cnyFor(settlement.amount, initialRate) });
    setCnyEdited(false);
    setMismatch(null);
  }, [open, settlement.amount, settlement.rate, form]);

  const applyAmount = (value: string) => {
    form.setFieldsValue({ cnyAmount: value });
    form.setFields([{ name: "cnyAmount", errors: [] }]);
    setMismatch(null);
    setCnyEdited(false);
  };

  const submit = async () => {
    let values: CompleteValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // Parsed to 4 and 2 decimals ("7.1" → "7.1000"), as the cms stores them.
    const input = checkBody(form, fx.completeInput, values);
    if (!input) return;
    setSubmitting(true);
    setMismatch(null);
    try {
      await fxApi.completeSettlement(settlement.id, input);
      message.success(t("fx.complete.done", { number: settlement.number }));
      await onDone();
    } catch (error) {
      const apiError = error as ApiHttpError;
      if (apiError.code === "CNY_AMOUNT_MISMATCH") {
        const expected = expectedCnyOf(apiError.details);
        const tolerance = apiError.details?.tolerance;
        setMismatch({
          message: apiError.message,
          expected,
          tolerance: typeof tolerance === "string" && isDecimal(tolerance) ? tolerance : undefined,
        });
        form.setFields([
          {
            name: "cnyAmount",
            errors: [expected ? t("fx.complete.mismatchField", { expected: formatAmount(toScale(expected, 2)) }) : apiError.message],
          },
        ]);
      } else {
        notification.error({ message: t("fx.complete.failed"), description: apiError.message });
        if (apiError.code === "SETTLEMENT_NOT_PROCESSING") await onDone();
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("fx.complete.title")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("fx.complete.confirm")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ icon: <CheckOutlined />, loading: submitting, ...({ "data-testid": "complete-confirm" } as Record<string, string>) }}
      destroyOnHidden
      width={600}
    >
      <Flex vertical gap={16} data-testid="complete-modal">
        <Descriptions column={2} size="small" className="compact-descriptions" bordered>
          <Descriptions.Item label={t("fx.fields.merchant")} span={2}>
            {settlement.merchant?.nameCn ?? "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("fx.fields.amount")}>
            <Money value={settlement.amount} strong />
          </Descriptions.Item>
          <Descriptions.Item label={t("fx.fields.rate")}>
            <Rate value={settlement.rate} />
          </Descriptions.Item>
        </Descriptions>
        <Form<CompleteValues>
          form={form}
          layout="vertical"
          onValuesChange={(changed: CompleteValues) => {
            if ("cnyAmount" in changed) {
              setCnyEdited(true);
              setMismatch(null);
            }
            if ("actualRate" in changed && !cnyEdited) {
              const next = cnyFor(settlement.amount, changed.actualRate);
              if (next) form.setFieldsValue({ cnyAmount: next });
            }
          }}
        >
          <Flex gap={16} wrap>
            <Form.Item
              name="actualRate"
              label={t("fx.complete.actualRate")}
              extra={t("fx.complete.actualRateHelp")}
              style={{ flex: "1 1 220px" }}
              required
              rules={completeSettlementRules.actualRate}
            >
              <Input
                inputMode="decimal"
                autoComplete="off"
                className="mono"
                placeholder="7.1234"
                suffix="CNY/USD"
                onBlur={(event) => {
                  const text = event.target.value.trim();
                  if (isPositiveDecimal(text, 4)) form.setFieldsValue({ actualRate: toScale(text, 4) });
                }}
                data-testid="complete-rate"
              />
            </Form.Item>
            <Form.Item
              name="cnyAmount"
              label={t("fx.complete.cnyAmount")}
              extra={t("fx.complete.cnyAmountHelp")}
              style={{ flex: "1 1 220px" }}
              required
              rules={completeSettlementRules.cnyAmount}
            >
              <Input
                inputMode="decimal"
                autoComplete="off"
                className="mono"
                prefix="¥"
                placeholder="0.00"
                onBlur={(event) => {
                  const text = event.target.value.trim();
                  if (isPositiveDecimal(text, 2)) form.setFieldsValue({ cnyAmount: toScale(text, 2) });
                }}
                data-testid="complete-cny"
              />
            </Form.Item>
          </Flex>
        </Form>

        {computed && (
          <div className="fx-formula" data-testid="complete-formula" data-computed={computed}>
            <CalculatorOutlined />
            <span>
              <Money value={settlement.amount} /> × <span className="mono">{toScale(rate?.trim() ?? "0", 4)}</span> ={" "}
              <Money value={computed} currency="CNY" strong />
            </span>
            {differs && (
              <Button size="small" type="link" onClick={() => applyAmount(computed)} data-testid="complete-use-computed">
                {t("fx.complete.useComputed")}
              </Button>
            )}
          </div>
        )}

        {mismatch && (
          <Alert
            type="error"
            showIcon
            data-testid="cny-mismatch"
            message={mismatch.message}
            description={
              mismatch.expected ? (
                <Space size={8} wrap>
                  <span>{t("fx.complete.expected")}</span>
                  <Money value={toScale(mismatch.expected, 2)} currency="CNY" strong testId="cny-expected" />
                  <Button size="small" onClick={() => applyAmount(toScale(mismatch.expected as string, 2))} data-testid="cny-use-expected">
                    {t("fx.complete.useExpected")}
                  </Button>
                  {mismatch.tolerance && <Typography.Text type="secondary">{t("fx.complete.tolerance", { tolerance: mismatch.tolerance })}</Typography.Text>}
                </Space>
              ) : undefined
            }
          />
        )}

        {balance && (
          <Typography.Text type="secondary" data-testid="complete-remaining">
            {t("fx.complete.remainingPreview")} <Money value={subtractDecimal(balance, settlement.amount, 2)} />
          </Typography.Text>
        )}
        <Alert type="info" showIcon message={t("fx.complete.notifyHint")} />
      </Flex>
    </Modal>
  );
};
