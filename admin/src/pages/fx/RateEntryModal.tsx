import { EditOutlined } from "@ant-design/icons";
import { FX_CURRENCIES, type FxCurrency, type FxRate } from "@jmt/api-types";
import { fieldRule, fx } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { useTranslate } from "@refinedev/core";
import { Alert, App as AntdApp, DatePicker, Flex, Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { bodyRule, checkBody, dayText } from "../../lib/contract-form";
import { isPositiveDecimal, rateScaleOf, toScale } from "../../lib/fx";
import { fxApi } from "../../providers/data-provider";

interface EntryValues {
  currency?: FxCurrency;
  date?: Dayjs;
  rate?: string;
}

/** What the modal starts with: a row's currency / date / rate (修正), or USD today (录入). */
export interface RateEntryStart {
  currency: FxCurrency;
  date?: string;
  rate?: string;
}

/** What `PUT /api/fx/rates` is sent for the form's values, before the contract (`fx.manualRateInput`) parses it. */
export const rateEntryBody = (values: EntryValues) => ({ currency: values.currency, date: dayText(values.date), rate: values.rate });

/**
 * The fields' rules, the contract's: the rate's decimals depend on the currency (4, HKD 5), so the rate is judged
 * with the whole body. A future date is the service's rule (it knows today): the date picker does not offer one.
 */
export const rateEntryRules = {
  currency: [fieldRule(fx.manualRateInput.shape.currency)],
  date: [fieldRule(fx.manualRateInput.shape.date, dayText)],
  rate: [bodyRule(fx.manualRateInput, "rate", rateEntryBody)],
};

/**
 * 录入 / 修正汇率: a staff rate for a currency and a date (`PUT /api/fx/rates`); for that date it takes precedence over
 * CFETS, ECB and the bundled history.
 */
export const RateEntryModal = ({
  start,
  rates,
  onClose,
  onSaved,
}: {
  start: RateEntryStart | null;
  rates: readonly FxRate[];
  onClose(): void;
  onSaved(currency: FxCurrency): void | Promise<void>;
}) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [form] = Form.useForm<EntryValues>();
  const [saving, setSaving] = useState(false);
  const currency = Form.useWatch("currency", form);
  const quote = rates.find((rate) => rate.currency === currency);
  // 4 decimals, HKD 5: what the cms accepts for the currency.
  const scale = rateScaleOf(currency);

  useEffect(() => {
    if (!start) return;
    const startScale = rateScaleOf(start.currency);
    form.setFieldsValue({
      currency: start.currency,
      date: start.date ? dayjs(start.date) : dayjs(),
      rate: start.rate && isPositiveDecimal(start.rate, startScale) ? toScale(start.rate, startScale) : undefined,
    });
  }, [start, form]);

  const save = async () => {
    let values: EntryValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    // The rate parsed to its currency's decimals ("7.1" → "7.1000"), as the cms stores it.
    const body = checkBody(form, fx.manualRateInput, rateEntryBody(values));
    if (!body) return;
    setSaving(true);
    try {
      await fxApi.saveRate(body);
      message.success(t("fx.rates.entry.saved", { currency: t(`fx.currencies.${body.currency}`), date: body.date }));
      await onSaved(body.currency);
    } catch (error) {
      const apiError = error as ApiHttpError;
      const fieldErrors = (apiError.details?.errors as Array<{ field?: string; message?: string }> | undefined) ?? [];
      const known = fieldErrors.filter((item) => item.field === "rate" || item.field === "date" || item.field === "currency");
      if (known.length) form.setFields(known.map((item) => ({ name: item.field as keyof EntryValues, errors: [item.message ?? ""] })));
      notification.error({ message: t("fx.rates.entry.failed"), description: apiError.message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={start !== null}
      title={start?.rate ? t("fx.rates.entry.titleEdit") : t("fx.rates.entry.title")}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ icon: <EditOutlined />, loading: saving, ...({ "data-testid": "rate-entry-save" } as Record<string, string>) }}
      destroyOnHidden
      width={520}
    >
      <Flex vertical gap={8} data-testid="rate-entry-modal">
        <Form<EntryValues> form={form} layout="vertical">
          <Flex gap={16} wrap>
            <Form.Item name="currency" label={t("fx.rates.fields.currency")} style={{ flex: "1 1 180px" }} required rules={rateEntryRules.currency}>
              <Select
                options={FX_CURRENCIES.map((code) => ({ value: code, label: `${code} · ${t(`fx.currencies.${code}`)}` }))}
                data-testid="rate-entry-currency"
              />
            </Form.Item>
            <Form.Item name="date" label={t("fx.rates.fields.date")} style={{ flex: "1 1 180px" }} required rules={rateEntryRules.date}>
              <DatePicker style={{ width: "100%" }} allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), "day")} data-testid="rate-entry-date" />
            </Form.Item>
          </Flex>
          <Form.Item
            name="rate"
            dependencies={["currency"]}
            label={t("fx.rates.entry.rate", { pair: quote?.pair ?? (currency === "JPY" ? "100JPY/CNY" : `${currency ?? "USD"}/CNY`) })}
            extra={quote ? t("fx.rates.entry.current", { rate: quote.rate, date: quote.date }) : undefined}
            required
            rules={rateEntryRules.rate}
          >
            <Input
              inputMode="decimal"
              autoComplete="off"
              className="mono"
              placeholder={scale === 5 ? "0.91234" : "7.1234"}
              onBlur={(event) => {
                const text = event.target.value.trim();
                if (isPositiveDecimal(text, scale)) form.setFieldsValue({ rate: toScale(text, scale) });
              }}
              data-testid="rate-entry-rate"
            />
          </Form.Item>
        </Form>
        <Alert type="info" showIcon message={t("fx.rates.entry.hint")} />
      </Flex>
    </Modal>
  );
};
