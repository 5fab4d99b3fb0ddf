import { SaveOutlined, WarningOutlined } from "@ant-design/icons";
import type { RefundRate } from "@jmt/api-types";
import { fieldRule, taxrefund } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { useTranslate } from "@refinedev/core";
import { Alert, App as AntdApp, DatePicker, Descriptions, Flex, Form, Input, Modal } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { bodyRule, checkBody, dayText } from "../../lib/contract-form";
import { fieldErrorsOf, overlapOf } from "../../lib/tax-refund";
import { taxRefundApi } from "../../providers/data-provider";

interface RateValues {
  hsCode?: string;
  description?: string;
  rate?: string;
  effectiveFrom?: Dayjs;
  effectiveTo?: Dayjs | null;
  note?: string;
}

const FIELDS = ["hsCode", "description", "rate", "effectiveFrom", "effectiveTo", "note"] as const;
type FieldName = (typeof FIELDS)[number];
const isField = (value: string): value is FieldName => (FIELDS as readonly string[]).includes(value);

/** What `POST` / `PUT /api/tax-refund/rates` is sent for the form's values, before the contract (`taxrefund.rateInput`) parses it. */
export const refundRateBody = (values: RateValues) => ({
  hsCode: values.hsCode,
  description: values.description,
  rate: values.rate,
  effectiveFrom: dayText(values.effectiveFrom),
  effectiveTo: values.effectiveTo ? dayText(values.effectiveTo) : null,
  note: values.note ?? null,
});

/**
 * The fields' rules, the contract's: an HS code or prefix of 4–10 digits (spaces and dots dropped), a percent 0–100
 * with at most 2 decimals, a description, a start date, and an end not before the start (judged with the whole body).
 * A period that overlaps another of the same code is the service's check (REFUND_RATE_OVERLAP).
 */
export const refundRateRules = {
  hsCode: [fieldRule(taxrefund.rateInput.shape.hsCode)],
  rate: [fieldRule(taxrefund.rateInput.shape.rate)],
  description: [fieldRule(taxrefund.rateInput.shape.description)],
  effectiveFrom: [fieldRule(taxrefund.rateInput.shape.effectiveFrom, dayText)],
  effectiveTo: [bodyRule(taxrefund.rateInput, "effectiveTo", refundRateBody)],
};

/** The period of a rate as people read it: `2020-01-01 起长期有效` or `2020-01-01 至 2026-12-31`. */
export const usePeriodLabel = () => {
  const t = useTranslate();
  return (rate: Pick<RefundRate, "effectiveFrom" | "effectiveTo">) =>
    rate.effectiveTo
      ? t("taxRefund.rates.period", { from: rate.effectiveFrom, to: rate.effectiveTo })
      : t("taxRefund.rates.periodOpen", { from: rate.effectiveFrom });
};

/**
 * 新增 / 编辑退税率: an HS code or prefix (4–10 digits), what it covers, the rate in percent and the period it applies.
 * The cms refuses a period that overlaps another of the same code (REFUND_RATE_OVERLAP): the clashing rate is shown,
 * so staff can end the old one first.
 */
export const RateFormModal = ({
  open,
  rate,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** the row being edited; null for a new rate */
  rate: RefundRate | null;
  onClose(): void;
  onSaved(saved: RefundRate): void | Promise<void>;
}) => {
  const t = useTranslate();
  const periodOf = usePeriodLabel();
  const { message, notification } = AntdApp.useApp();
  const [form] = Form.useForm<RateValues>();
  const [saving, setSaving] = useState(false);
  const [overlap, setOverlap] = useState<RefundRate | null>(null);

  useEffect(() => {
    if (!open) return;
    setOverlap(null);
    form.resetFields();
    form.setFieldsValue(
      rate
        ? {
            hsCode: rate.hsCode,
            description: rate.description,
            rate: rate.rate,
            effectiveFrom: dayjs(rate.effectiveFrom),
            effectiveTo: rate.effectiveTo ? dayjs(rate.effectiveTo) : null,
            note: rate.note ?? undefined,
          }
        : { effectiveFrom: dayjs(), effectiveTo: null },
    );
  }, [open, rate, form]);

  const save = async () => {
    let values: RateValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // As the cms parses it: the code without spaces and dots, the texts trimmed, an empty note null.
    const input = checkBody(form, taxrefund.rateInput, refundRateBody(values));
    if (!input) return;
    setSaving(true);
    setOverlap(null);
    try {
      const saved = rate ? await taxRefundApi.updateRate(rate.id, input) : await taxRefundApi.createRate(input);
      message.success(t(rate ? "taxRefund.rates.form.updated" : "taxRefund.rates.form.created", { code: saved.hsCode }));
      await onSaved(saved);
    } catch (error) {
      const apiError = error as ApiHttpError;
      if (apiError.code === "REFUND_RATE_OVERLAP") {
        const clash = overlapOf(apiError.details) ?? null;
        setOverlap(clash ?? { id: "", hsCode: input.hsCode, description: "", rate: "", effectiveFrom: "", effectiveTo: null, note: null });
        const text = apiError.message || t("taxRefund.rates.form.overlapTitle");
        form.setFields([
          { name: "effectiveFrom", errors: [text] },
          { name: "effectiveTo", errors: [" "] },
        ]);
        return;
      }
      const fieldErrors = fieldErrorsOf(apiError.details).filter((item) => isField(item.field));
      if (fieldErrors.length) form.setFields(fieldErrors.map((item) => ({ name: item.field as FieldName, errors: [item.message] })));
      notification.error({ message: t("taxRefund.rates.form.failed"), description: apiError.message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={rate ? t("taxRefund.rates.form.editTitle", { code: rate.hsCode }) : t("taxRefund.rates.form.createTitle")}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ icon: <SaveOutlined />, loading: saving, ...({ "data-testid": "rate-form-save" } as Record<string, string>) }}
      destroyOnHidden
      width={600}
    >
      <Flex vertical gap={12} data-testid="rate-form">
        {overlap && (
          <Alert
            type="error"
            showIcon
            icon={<WarningOutlined />}
            data-testid="rate-overlap"
            data-code={overlap.hsCode}
            message={t("taxRefund.rates.form.overlapTitle")}
            description={
              <Flex vertical gap={8}>
                <span>{t("taxRefund.rates.form.overlapHint")}</span>
                {overlap.effectiveFrom && (
                  <Descriptions size="small" column={1} bordered styles={{ label: { width: 96 } }}>
                    <Descriptions.Item label={t("taxRefund.rates.fields.hsCode")}>
                      <span className="mono">{overlap.hsCode}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t("taxRefund.rates.fields.description")}>{overlap.description || "—"}</Descriptions.Item>
                    <Descriptions.Item label={t("taxRefund.rates.fields.rate")}>{overlap.rate}%</Descriptions.Item>
                    <Descriptions.Item label={t("taxRefund.rates.fields.period")}>{periodOf(overlap)}</Descriptions.Item>
                  </Descriptions>
                )}
              </Flex>
            }
          />
        )}
        <Form<RateValues> form={form} layout="vertical" requiredMark="optional" onValuesChange={() => overlap && setOverlap(null)}>
          <Flex gap={16} wrap>
            <Form.Item
              name="hsCode"
              label={t("taxRefund.rates.fields.hsCode")}
              style={{ flex: "1 1 200px" }}
              extra={t("taxRefund.rates.form.hsCodeHelp")}
              required
              rules={refundRateRules.hsCode}
            >
              <Input className="mono" inputMode="numeric" autoComplete="off" maxLength={14} placeholder="7116200000" data-testid="rate-form-hs" />
            </Form.Item>
            <Form.Item name="rate" label={t("taxRefund.rates.fields.ratePercent")} style={{ flex: "1 1 140px" }} required rules={refundRateRules.rate}>
              <Input inputMode="decimal" autoComplete="off" className="mono" suffix="%" placeholder="13" data-testid="rate-form-rate" />
            </Form.Item>
          </Flex>
          <Form.Item name="description" label={t("taxRefund.rates.fields.description")} required rules={refundRateRules.description}>
            <Input maxLength={200} placeholder={t("taxRefund.rates.form.descriptionPlaceholder")} data-testid="rate-form-description" />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="effectiveFrom"
              label={t("taxRefund.rates.fields.effectiveFrom")}
              style={{ flex: "1 1 200px" }}
              required
              rules={refundRateRules.effectiveFrom}
            >
              <DatePicker style={{ width: "100%" }} allowClear={false} data-testid="rate-form-from" />
            </Form.Item>
            <Form.Item
              name="effectiveTo"
              label={t("taxRefund.rates.fields.effectiveTo")}
              style={{ flex: "1 1 200px" }}
              extra={t("taxRefund.rates.form.toHelp")}
              dependencies={["effectiveFrom"]}
              rules={refundRateRules.effectiveTo}
            >
              <DatePicker style={{ width: "100%" }} placeholder={t("taxRefund.rates.open")} data-testid="rate-form-to" />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label={t("taxRefund.rates.fields.note")}>
            <Input.TextArea rows={2} maxLength={300} showCount placeholder={t("taxRefund.rates.form.notePlaceholder")} />
          </Form.Item>
        </Form>
        <Alert type="info" showIcon message={t("taxRefund.rates.form.hint")} />
      </Flex>
    </Modal>
  );
};
