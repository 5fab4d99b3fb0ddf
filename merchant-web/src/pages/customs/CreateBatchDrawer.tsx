import { InfoCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, AutoComplete, Button, Collapse, Drawer, Form, Input, Radio, Select, Space } from "antd";
import { useMemo, useState } from "react";
import type { BatchInput, CustomsBatch, StatisticsFlag, TradeMode } from "@jmt/api-types";
import { TRADE_MODES } from "@jmt/api-types";
import { customs, fieldRule } from "@jmt/contracts";
import { CustomsHints } from "../../components/customs/CustomsHints";
import { refreshCustoms, useCarriers } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import { COUNTRIES, TRAF_MODES, WRAP_TYPES, fieldErrorsOf, formFieldErrors, isCountryCode } from "../../lib/customs";
import { toApiError } from "../../providers/apiError";
import { customsApi } from "../../providers/customsApi";

/**
 * The server's own rules for a new batch (@jmt/contracts) decide what the form accepts; the wording stays this
 * app's (locale file) where it has its own, else it is the message the cms would answer.
 */
const { batchInput } = customs;

interface Values {
  name: string;
  tradeMode: TradeMode;
  statisticsFlag: StatisticsFlag;
  logisticsName: string;
  logisticsCode: string;
  country: string;
  parcelWeight: string;
  trafMode: string;
  wrapType: string;
  note?: string;
}

const FORM_FIELDS = [
  "name",
  "tradeMode",
  "statisticsFlag",
  "logisticsName",
  "logisticsCode",
  "country",
  "parcelWeight",
  "trafMode",
  "wrapType",
  "note",
] as const;

export interface RecentCarrier {
  logisticsCode: string;
  logisticsName: string;
}

/** 新建批次: the batch's declaration settings, checked here and by the cms (its field errors land on the fields). */
export function CreateBatchDrawer({
  open,
  onClose,
  onCreated,
  recent,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (batch: CustomsBatch) => void;
  recent: RecentCarrier[];
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [countrySearch, setCountrySearch] = useState("");
  const carriers = useCarriers(open);
  const flag = Form.useWatch("statisticsFlag", form);

  const carrierOptions = useMemo(() => {
    const used = recent
      .filter((r) => r.logisticsName)
      .map((r) => ({ value: r.logisticsName, label: `${r.logisticsName}（${r.logisticsCode}）` }));
    const vendors = (carriers.data ?? [])
      .filter((c) => !recent.some((r) => r.logisticsName === c.name))
      .map((c) => ({ value: c.name, label: c.customsCode ? `${c.name}（${c.customsCode}）` : c.name }));
    return [
      ...(used.length ? [{ label: t("customs.batchForm.recentCarriers"), options: used }] : []),
      ...(vendors.length ? [{ label: t("customs.batchForm.platformCarriers"), options: vendors }] : []),
    ];
  }, [carriers.data, recent, t]);

  const countryOptions = useMemo(() => {
    const common = COUNTRIES.map((c) => ({ value: c.code, label: `${c.code} ${t(`customs.country.${c.key}`)}` }));
    const typed = countrySearch.trim();
    if (isCountryCode(typed) && !COUNTRIES.some((c) => c.code === typed)) {
      return [...common, { value: typed, label: t("customs.batchForm.otherCountry", { code: typed }) }];
    }
    return common;
  }, [countrySearch, t]);

  /** A carrier brings its customs code along: from an earlier batch, else from the platform's carrier list. */
  const pickCarrier = (name: string) => {
    const code =
      recent.find((r) => r.logisticsName === name)?.logisticsCode ||
      carriers.data?.find((c) => c.name === name)?.customsCode;
    if (code) form.setFields([{ name: "logisticsCode", value: code, errors: [] }]);
  };

  const submit = async () => {
    setServerError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const input: BatchInput = {
        name: values.name.trim(),
        tradeMode: values.tradeMode,
        statisticsFlag: values.statisticsFlag,
        logisticsCode: values.logisticsCode.trim(),
        logisticsName: values.logisticsName.trim(),
        country: values.country,
        parcelWeight: values.parcelWeight.trim(),
        trafMode: values.trafMode,
        wrapType: values.wrapType,
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      };
      const batch = await customsApi.createBatch(input);
      message.success(t("customs.batchForm.created", { number: batch.number }));
      await refreshCustoms();
      form.resetFields();
      onCreated(batch);
    } catch (error) {
      const e = toApiError(error);
      const { fields, other } = formFieldErrors(fieldErrorsOf(e.details), FORM_FIELDS);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
      setServerError(
        fields.length && !other.length ? t("customs.batchForm.fixFields") : [e.message, ...other].join("；"),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width="min(960px, 100vw)"
      title={t("customs.batchForm.title")}
      rootClassName="jmt-batch-drawer"
      destroyOnHidden
      footer={
        <div className="jmt-drawer-footer">
          <span className="jmt-muted">{t("customs.batchForm.footerHint")}</span>
          <Space>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={busy}
              onClick={() => void submit()}
              data-testid="batch-submit"
            >
              {t("customs.batchForm.submit")}
            </Button>
          </Space>
        </div>
      }
    >
      <div className="jmt-drawer-columns">
        <div className="jmt-drawer-main">
          {serverError && (
            <Alert className="jmt-step-alert" type="error" showIcon message={serverError} data-testid="batch-error" />
          )}
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark="optional"
            initialValues={{
              tradeMode: "9610",
              statisticsFlag: "B",
              country: "502",
              parcelWeight: "0.5",
              trafMode: "5",
              wrapType: "22",
            }}
          >
            <Form.Item
              name="name"
              label={t("customs.batchForm.name")}
              rules={[
                { required: true, whitespace: true, message: t("customs.batchForm.nameRequired") },
                fieldRule(batchInput.shape.name),
              ]}
              validateFirst
              extra={t("customs.batchForm.nameHint")}
            >
              <Input maxLength={100} placeholder={t("customs.batchForm.namePlaceholder")} data-testid="batch-name" />
            </Form.Item>
            <div className="jmt-grid-2">
              <Form.Item
                name="tradeMode"
                label={t("customs.batchForm.tradeMode")}
                rules={[{ required: true }, fieldRule(batchInput.shape.tradeMode)]}
                validateFirst
              >
                <Select
                  data-testid="batch-tradeMode"
                  options={TRADE_MODES.map((m) => ({ value: m, label: `${m} ${t(`customs.tradeMode.${m}`)}` }))}
                />
              </Form.Item>
              <Form.Item
                name="country"
                label={t("customs.batchForm.country")}
                rules={[
                  { required: true, message: t("customs.batchForm.countryRequired") },
                  fieldRule(batchInput.shape.country, { message: t("customs.batchForm.countryInvalid") }),
                ]}
                validateFirst
                extra={t("customs.batchForm.countryHint")}
              >
                <Select
                  showSearch
                  data-testid="batch-country"
                  options={countryOptions}
                  onSearch={setCountrySearch}
                  filterOption={(input, option) => String(option?.label ?? "").includes(input.trim())}
                />
              </Form.Item>
            </div>
            <Form.Item
              name="statisticsFlag"
              label={t("customs.batchForm.statisticsFlag")}
              rules={[{ required: true }, fieldRule(batchInput.shape.statisticsFlag)]}
              validateFirst
            >
              <Radio.Group className="jmt-flag-group" data-testid="batch-statisticsFlag">
                {(["B", "A"] as const).map((f) => (
                  <Radio.Button key={f} value={f} className="jmt-flag" data-flag={f}>
                    <span className="jmt-choice-title">{t(`customs.flag.${f}.title`)}</span>
                    <span className="jmt-choice-desc">{t(`customs.flag.${f}.desc`)}</span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            {flag === "A" && (
              <Alert className="jmt-step-alert" type="warning" showIcon message={t("customs.flag.A.warning")} />
            )}
            <div className="jmt-form-section">{t("customs.batchForm.carrierSection")}</div>
            <div className="jmt-grid-2">
              <Form.Item
                name="logisticsName"
                label={t("customs.batchForm.logisticsName")}
                rules={[
                  { required: true, whitespace: true, message: t("customs.batchForm.logisticsNameRequired") },
                  fieldRule(batchInput.shape.logisticsName),
                ]}
                validateFirst
              >
                <AutoComplete
                  options={carrierOptions}
                  onSelect={pickCarrier}
                  filterOption={(input, option) =>
                    String(option?.label ?? "")
                      .toLowerCase()
                      .includes(input.toLowerCase())
                  }
                >
                  <Input
                    maxLength={100}
                    placeholder={t("customs.batchForm.logisticsNamePlaceholder")}
                    data-testid="batch-logisticsName"
                  />
                </AutoComplete>
              </Form.Item>
              <Form.Item
                name="logisticsCode"
                label={t("customs.batchForm.logisticsCode")}
                normalize={(v: string) => (v ?? "").toUpperCase().replace(/\s/g, "")}
                rules={[
                  { required: true, message: t("customs.batchForm.logisticsCodeRequired") },
                  fieldRule(batchInput.shape.logisticsCode, { message: t("customs.batchForm.logisticsCodeInvalid") }),
                ]}
                validateFirst
                extra={t("customs.batchForm.logisticsCodeHint")}
              >
                <Input maxLength={18} placeholder="3207980YT1" data-testid="batch-logisticsCode" />
              </Form.Item>
            </div>
            <div className="jmt-grid-2">
              <Form.Item
                name="parcelWeight"
                label={t("customs.batchForm.parcelWeight")}
                // Optional for the server (it has a default); the form asks for it so the figure is the merchant's own.
                rules={[
                  { required: true, message: t("customs.batchForm.parcelWeightRequired") },
                  fieldRule(batchInput.shape.parcelWeight, { message: t("customs.batchForm.parcelWeightInvalid") }),
                ]}
                validateFirst
                extra={t("customs.batchForm.parcelWeightHint")}
              >
                <Input inputMode="decimal" suffix="kg" maxLength={20} data-testid="batch-parcelWeight" />
              </Form.Item>
              <Form.Item name="note" label={t("customs.batchForm.note")} rules={[fieldRule(batchInput.shape.note)]}>
                <Input maxLength={500} placeholder={t("customs.batchForm.notePlaceholder")} />
              </Form.Item>
            </div>
            <Collapse
              ghost
              size="small"
              className="jmt-more"
              items={[
                {
                  key: "more",
                  label: (
                    <span>
                      <InfoCircleOutlined /> {t("customs.batchForm.more")}
                    </span>
                  ),
                  forceRender: true,
                  children: (
                    <div className="jmt-grid-2">
                      <Form.Item name="trafMode" label={t("customs.batchForm.trafMode")}>
                        <Select
                          options={TRAF_MODES.map((m) => ({ value: m, label: `${m} ${t(`customs.trafMode.${m}`)}` }))}
                        />
                      </Form.Item>
                      <Form.Item name="wrapType" label={t("customs.batchForm.wrapType")}>
                        <Select
                          options={WRAP_TYPES.map((m) => ({ value: m, label: `${m} ${t(`customs.wrapType.${m}`)}` }))}
                        />
                      </Form.Item>
                    </div>
                  ),
                },
              ]}
            />
          </Form>
        </div>
        <aside className="jmt-drawer-aside">
          <CustomsHints placement="batch.create" compact />
          <div className="jmt-hints-box jmt-flag-explain">
            <div className="jmt-hints-head">{t("customs.flag.explainTitle")}</div>
            <p className="jmt-hint-body">{t("customs.flag.explain")}</p>
          </div>
        </aside>
      </div>
    </Drawer>
  );
}
