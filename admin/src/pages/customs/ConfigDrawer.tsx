import { CheckCircleFilled, CloseCircleFilled, LockOutlined, SafetyCertificateOutlined, SaveOutlined } from "@ant-design/icons";
import type { CustomsConfigStatus, DdtConfigField, StaffCustomsConfig } from "@jmt/api-types";
import { customs, fieldRule } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { useTranslate } from "@refinedev/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App as AntdApp, Button, Col, Divider, Drawer, Flex, Form, Input, Result, Row, Skeleton, Space, Typography, type FormInstance } from "antd";
import type { Rule } from "antd/es/form";
import { useEffect, useRef, useState, type RefObject } from "react";
import { ConfigStatusTag } from "../../components/customs/CustomsStatusTag";
import { checkBody } from "../../lib/contract-form";
import { configFormValues, configInput, splitVerifyErrors, UPPERCASE_CONFIG_FIELDS, type ConfigFormValues } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { customsApi } from "../../providers/data-provider";
import { CUSTOMS_KEYS } from "./hooks";

type FormField = DdtConfigField | "appSecret";

/**
 * Fields 点点通 checks as codes (capitals and digits), those it requires and its lengths (see the simulator's
 * verifyConfig): 点点通's rules, not the cms's — the cms saves any config and reports 点点通's verdict — kept here
 * so staff fix them before saving. The cms's own rules are the contract's (`configRules`).
 */
const CODE_FIELDS: readonly FormField[] = ["ebcCode", "ebpCode", "agentCode"];
const REQUIRED_FIELDS: readonly FormField[] = ["dxpId", "ebcCode", "ebcName", "ebpCode", "customsCode", "portCode"];
const MAX_LENGTH: Partial<Record<FormField, number>> = {
  dxpId: 30,
  ebcCode: 18,
  ebpCode: 18,
  agentCode: 18,
  ebcName: 100,
  ebpName: 100,
  agentName: 100,
  customsCode: 4,
  portCode: 4,
};
/** The input cap of a text field without a 点点通 limit (appKey): the contract allows 256 characters. */
const TEXT_CAP = 256;

/**
 * The cms's rules of each field, the contract's (`customs.configInput`: text of at most 256 characters, the secret at
 * most 512), run on what a save sends for the field (trimmed, codes in capitals, an empty secret left out).
 */
export const configRules = (name: FormField) => [
  fieldRule(customs.configInput.shape[name], (value) => configInput({ [name]: value } as ConfigFormValues)[name]),
];

const SECTIONS: Array<{ key: string; fields: FormField[] }> = [
  { key: "transfer", fields: ["dxpId", "appKey", "appSecret"] },
  { key: "ebc", fields: ["ebcCode", "ebcName"] },
  { key: "ebp", fields: ["ebpCode", "ebpName"] },
  { key: "agent", fields: ["agentCode", "agentName"] },
  { key: "customs", fields: ["customsCode", "portCode"] },
];

const VERDICT_TYPE: Record<CustomsConfigStatus, "success" | "error" | "warning" | "info"> = {
  valid: "success",
  invalid: "error",
  unverified: "warning",
  missing: "info",
};

/**
 * 点点通接口配置 of one merchant: the form, saved and verified at once (`PUT /api/customs/configs/:merchant`), the
 * verdict on top (校验通过, or 点点通's errors under the fields they concern) and 重新校验 for the saved config.
 */
export const ConfigDrawer = ({
  merchant,
  onClose,
  onSaved,
  mayEdit,
}: {
  merchant: { documentId: string; nameCn: string } | null;
  onClose: () => void;
  onSaved: (config: StaffCustomsConfig) => void;
  mayEdit: boolean;
}) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ConfigFormValues>();
  const [saving, setSaving] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [verdict, setVerdict] = useState<StaffCustomsConfig | null>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const merchantId = merchant?.documentId ?? "";
  const query = useQuery({
    queryKey: CUSTOMS_KEYS.config(merchantId),
    queryFn: () => customsApi.config(merchantId),
    enabled: Boolean(merchantId),
    staleTime: 0,
  });
  const config = verdict ?? query.data;

  const close = () => {
    setVerdict(null);
    setDirty(false);
    form.resetFields();
    onClose();
  };

  /** A new verdict: the form is rebuilt from the saved config (see ConfigForm's key) with 点点通's errors under the fields. */
  const applyResult = (saved: StaffCustomsConfig) => {
    setVerdict(saved);
    client.setQueryData(CUSTOMS_KEYS.config(merchantId), saved);
    onSaved(saved);
  };

  const save = async () => {
    let values: ConfigFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = configInput(values);
    if (!checkBody(form, customs.configInput, input)) return;
    setSaving(true);
    try {
      const saved = await customsApi.saveConfig(merchantId, input);
      applyResult(saved);
      setDirty(false);
      const say = saved.status === "valid" ? message.success : saved.status === "invalid" ? message.error : message.warning;
      say(t(`customs.configs.drawer.saved.${saved.status}`));
    } catch (error) {
      const apiError = error as ApiHttpError;
      const problems = (apiError.details?.errors as Array<{ field?: string; message?: string }> | undefined) ?? [];
      const { byField } = splitVerifyErrors(problems.map((problem) => ({ field: problem.field ?? "", message: problem.message ?? "" })));
      form.setFields((Object.keys(byField) as FormField[]).map((name) => ({ name, errors: byField[name] ?? [] })));
      notification.error({ message: t("customs.configs.drawer.saveFailed"), description: apiError.message });
    } finally {
      setSaving(false);
    }
  };

  const reverify = async () => {
    setVerifying(true);
    try {
      const checked = await customsApi.verifyConfig(merchantId);
      applyResult(checked);
      const say = checked.status === "valid" ? message.success : checked.status === "invalid" ? message.error : message.warning;
      say(t(`customs.configs.status.${checked.status}`));
    } catch (error) {
      notification.error({ message: t("customs.configs.drawer.verifyFailed"), description: (error as ApiHttpError).message });
    } finally {
      setVerifying(false);
    }
  };

  const rulesOf = (name: FormField): Rule[] => {
    const label = t(`customs.configs.drawer.labels.${name}`);
    const rules: Rule[] = [];
    if (REQUIRED_FIELDS.includes(name)) rules.push({ required: true, whitespace: true, message: t("customs.configs.drawer.required", { field: label }) });
    if (name === "customsCode" || name === "portCode") rules.push({ pattern: /^\d{4}$/, message: t("customs.configs.drawer.customsCodeFormat") });
    if (CODE_FIELDS.includes(name)) rules.push({ pattern: /^[0-9A-Za-z]*$/, message: t("customs.configs.drawer.codeFormat") });
    const max = MAX_LENGTH[name];
    if (max) rules.push({ max, message: `${label} ≤ ${max}` });
    return [...rules, ...configRules(name)];
  };

  const helpOf = (name: FormField): string | undefined => {
    if (name === "dxpId") return t("customs.configs.drawer.help.dxpId");
    if (CODE_FIELDS.includes(name) && name !== "agentCode") return t("customs.configs.drawer.help.code");
    if (name === "agentCode") return t("customs.configs.drawer.help.agent");
    if (name === "customsCode") return t("customs.configs.drawer.help.customsCode");
    if (name === "portCode") return t("customs.configs.drawer.help.portCode");
    if (name === "appSecret") return config?.hasSecret ? t("customs.configs.drawer.help.secretStored") : t("customs.configs.drawer.help.secretNone");
    return undefined;
  };

  const status = (config?.status ?? "missing") as CustomsConfigStatus;
  const { byField, general } = splitVerifyErrors(config?.verifyErrors);
  const fieldErrors = Object.entries(byField);

  return (
    <Drawer
      open={Boolean(merchant)}
      onClose={close}
      width={720}
      destroyOnHidden
      title={
        <Space size={8} wrap>
          <span>{t("customs.configs.drawer.title", { merchant: merchant?.nameCn ?? "" })}</span>
          {config && <ConfigStatusTag status={config.status} />}
        </Space>
      }
      footer={
        mayEdit && !query.isError ? (
          <Flex justify="space-between" gap={12} wrap>
            <Button
              icon={<SafetyCertificateOutlined />}
              onClick={() => void reverify()}
              loading={verifying}
              disabled={!config?.configured || saving || dirty}
              data-testid="config-reverify"
            >
              {t("customs.configs.drawer.reverify")}
            </Button>
            <Space>
              <Button onClick={close}>{t("customs.configs.drawer.cancel")}</Button>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                disabled={verifying || query.isLoading}
                onClick={() => void save()}
                data-testid="config-save"
              >
                {t("customs.configs.drawer.save")}
              </Button>
            </Space>
          </Flex>
        ) : null
      }
      data-testid="config-drawer"
    >
      {query.isError ? (
        <Result status="warning" title={t("customs.common.loadFailed")} subTitle={(query.error as { message?: string })?.message} />
      ) : query.isLoading || !config ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <Flex vertical gap={16} ref={topRef}>
          <Alert
            type={VERDICT_TYPE[status]}
            showIcon
            icon={status === "valid" ? <CheckCircleFilled /> : status === "invalid" ? <CloseCircleFilled /> : undefined}
            data-testid="config-verdict"
            data-status={status}
            message={
              <Space size={8} wrap>
                <Typography.Text strong>{t(`customs.configs.drawer.verdict.${status}`)}</Typography.Text>
                {config.verifiedAt && status !== "missing" && (
                  <Typography.Text type="secondary">
                    {t("customs.configs.drawer.verifiedAt", { time: formatDateTime(config.verifiedAt, true) })}
                  </Typography.Text>
                )}
              </Space>
            }
            description={
              <Flex vertical gap={4}>
                <span>{t(`customs.configs.drawer.verdict.${status}Desc`)}</span>
                {general.map((text) => (
                  <Typography.Text key={text} type="danger">
                    {text}
                  </Typography.Text>
                ))}
                {status === "invalid" && fieldErrors.length > 0 && (
                  <ul className="verify-errors">
                    {fieldErrors.map(([field, messages]) => (
                      <li key={field}>
                        <Typography.Text strong>{t(`customs.configs.drawer.labels.${field}`, field)}</Typography.Text>：{(messages ?? []).join("；")}
                      </li>
                    ))}
                  </ul>
                )}
              </Flex>
            }
          />
          {dirty && config.configured && <Alert type="info" showIcon message={t("customs.configs.drawer.unsaved")} />}
          <ConfigForm
            key={`${merchantId}:${config.updatedAt ?? config.status}:${config.verifiedAt ?? ""}`}
            form={form}
            config={config}
            mayEdit={mayEdit}
            rulesOf={rulesOf}
            helpOf={helpOf}
            onDirty={() => setDirty(true)}
            topRef={topRef}
          />
        </Flex>
      )}
    </Drawer>
  );
};

/**
 * The form of one saved config: starts from it (or from the merchant's defaults when there is none) and shows
 * 点点通's verdict under the fields it concerns. Keyed by the config's version, so a save rebuilds it.
 */
const ConfigForm = ({
  form,
  config,
  mayEdit,
  rulesOf,
  helpOf,
  onDirty,
  topRef,
}: {
  form: FormInstance<ConfigFormValues>;
  config: StaffCustomsConfig;
  mayEdit: boolean;
  rulesOf: (name: FormField) => Rule[];
  helpOf: (name: FormField) => string | undefined;
  onDirty: () => void;
  /** The top of the drawer (the verdict), shown when there is no field error to show instead. */
  topRef: RefObject<HTMLDivElement | null>;
}) => {
  const t = useTranslate();
  const [initialValues] = useState(() => configFormValues(config));
  // Once per version (the component is keyed by it): the saved values, then 点点通's errors under their fields.
  const [verifyErrors] = useState(() => config.verifyErrors);
  useEffect(() => {
    form.resetFields();
    const { byField } = splitVerifyErrors(verifyErrors);
    const names = SECTIONS.flatMap((section) => section.fields).filter((name) => byField[name]?.length);
    form.setFields(names.map((name) => ({ name, errors: byField[name] ?? [] })));
    if (names.length > 0) form.scrollToField(names[0], { block: "center" });
    else topRef.current?.closest(".ant-drawer-body")?.scrollTo({ top: 0, behavior: "smooth" });
  }, [form, verifyErrors, topRef]);

  return (
    <Form<ConfigFormValues>
      form={form}
      layout="vertical"
      disabled={!mayEdit}
      requiredMark
      initialValues={initialValues}
      onValuesChange={(changed) => {
        onDirty();
        // Codes are upper case at 点点通: show them as they will be saved.
        for (const [name, value] of Object.entries(changed)) {
          if (UPPERCASE_CONFIG_FIELDS.includes(name as DdtConfigField) && typeof value === "string" && value !== value.toUpperCase()) {
            form.setFieldValue(name as FormField, value.toUpperCase());
          }
        }
      }}
      data-testid="config-form"
    >
      {SECTIONS.map((section, index) => (
        <div key={section.key}>
          <Divider orientation="left" orientationMargin={0} plain className="form-section-title" style={index === 0 ? { marginTop: 0 } : undefined}>
            {t(`customs.configs.drawer.sections.${section.key}`)}
          </Divider>
          <Row gutter={16}>
            {section.fields.map((name) => (
              <Col xs={24} sm={section.fields.length === 3 && name === "dxpId" ? 24 : 12} key={name}>
                <Form.Item name={name} label={t(`customs.configs.drawer.labels.${name}`)} rules={rulesOf(name)} extra={helpOf(name)}>
                  {name === "appSecret" ? (
                    <Input.Password
                      prefix={<LockOutlined />}
                      autoComplete="new-password"
                      placeholder={
                        config.hasSecret ? t("customs.configs.drawer.placeholders.appSecret") : t("customs.configs.drawer.placeholders.appSecretNew")
                      }
                      data-testid="config-field-appSecret"
                    />
                  ) : (
                    <Input
                      className={UPPERCASE_CONFIG_FIELDS.includes(name as DdtConfigField) ? "mono" : undefined}
                      maxLength={MAX_LENGTH[name] ?? TEXT_CAP}
                      autoComplete="off"
                      placeholder={
                        name === "dxpId"
                          ? t("customs.configs.drawer.placeholders.dxpId")
                          : CODE_FIELDS.includes(name)
                            ? t("customs.configs.drawer.placeholders.code")
                            : undefined
                      }
                      data-testid={`config-field-${name}`}
                    />
                  )}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </Form>
  );
};
