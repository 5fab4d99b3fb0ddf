import { EditOutlined, InfoCircleOutlined, SaveOutlined } from "@ant-design/icons";
import { useOne, useUpdate } from "@refinedev/core";
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, Radio, Row, Skeleton } from "antd";
import { useEffect } from "react";
import { cms, fieldRule, fx } from "@jmt/contracts";
import { RegistrationStatusTag } from "../../components/StatusTag";
import { useT } from "../../i18n/useT";
import { DESCRIPTION_COLUMNS } from "../../theme";
import { fieldErrorsOf, formFieldErrors } from "../../lib/formErrors";
import { EMAIL, LATIN_TEXT, MAINLAND_PHONE } from "../../lib/validation";
import type { ApiError } from "../../providers/apiError";
import { errorMessage } from "../../providers/apiError";
import { queryClient } from "../../providers/queryClient";
import {
  MERCHANT_FX_FIELDS,
  type Merchant,
  type MerchantEditable,
  type MerchantFxFields,
  type MerchantRole,
} from "../../providers/types";

/** What the form edits: the M2 fields and the 收结汇 account fields a settlement quotes. */
type MerchantFormValues = MerchantEditable & MerchantFxFields;

const FIELDS: (keyof MerchantFormValues)[] = [
  "type",
  "nameCn",
  "nameEn",
  "addressCn",
  "addressEn",
  "legalPersonName",
  "contactName",
  "contactPhone",
  "contactEmail",
  ...MERCHANT_FX_FIELDS,
];

function pickEditable(m: Merchant): MerchantFormValues {
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) out[f] = m[f] ?? (f === "type" ? undefined : "");
  return out as unknown as MerchantFormValues;
}

/** M2 merchant info: admins edit (PUT /api/merchants/:documentId); members read only. */
/** The server's rules for the merchant fields (@jmt/contracts): lengths of the merchant route, the fx write guard's formats. */
const merchantFields = cms.merchantInput.shape.data.shape;
const { merchantFxFields } = fx;

export function MerchantInfo({ documentId, role }: { documentId: string; role: MerchantRole | null }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MerchantFormValues>();
  const isAdmin = role === "admin";
  const { result: merchant, query } = useOne<Merchant, ApiError>({ resource: "merchants", id: documentId });
  const { mutate: update, mutation: updateMutation } = useUpdate<Merchant, ApiError, Partial<MerchantFormValues>>();

  useEffect(() => {
    if (merchant) form.setFieldsValue(pickEditable(merchant));
  }, [merchant, form]);

  if (query.isLoading) {
    return (
      <Card className="jmt-panel">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (query.isError || !merchant) {
    return (
      <Card className="jmt-panel">
        <Empty description={query.error?.message ?? t("common.loadFailed")}>
          <Button onClick={() => void query.refetch()}>{t("common.reload")}</Button>
        </Empty>
      </Card>
    );
  }

  const dash = <span className="jmt-muted">{t("common.notFilled")}</span>;
  const show = (v: unknown) => (typeof v === "string" && v.trim() ? v : dash);

  if (!isAdmin) {
    return (
      <Card className="jmt-panel" data-testid="merchant-readonly">
        <Alert
          type="info"
          showIcon
          icon={<InfoCircleOutlined />}
          message={t("me.merchant.readOnlyNote")}
          className="jmt-me-note"
          data-testid="member-readonly-note"
        />
        <Descriptions bordered column={DESCRIPTION_COLUMNS} size="middle" className="jmt-descriptions">
          <Descriptions.Item label={t("me.merchant.nameCn")} span={2}>
            <span data-testid="merchant-name-cn">{merchant.nameCn}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.nameEn")} span={2}>
            {show(merchant.nameEn)}
          </Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.type")}>
            {merchant.type ? t(`merchantType.${merchant.type}`) : dash}
          </Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.registrationStatus")}>
            <RegistrationStatusTag status={merchant.registrationStatus} />
          </Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.addressCn")} span={2}>
            {show(merchant.addressCn)}
          </Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.addressEn")} span={2}>
            {show(merchant.addressEn)}
          </Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.legalPersonName")}>
            {show(merchant.legalPersonName)}
          </Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.contactName")}>{show(merchant.contactName)}</Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.contactPhone")}>{show(merchant.contactPhone)}</Descriptions.Item>
          <Descriptions.Item label={t("me.merchant.contactEmail")}>{show(merchant.contactEmail)}</Descriptions.Item>
          {MERCHANT_FX_FIELDS.map((f) => (
            <Descriptions.Item key={f} label={t(`fx.profile.${f}`)} span={f === "settlementBankName" ? 2 : 1}>
              <span data-testid={`merchant-${f}`}>{show(merchant[f])}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </Card>
    );
  }

  const onFinish = (values: MerchantFormValues) => {
    // Only what changed is sent: untouched empty fields stay as they are (null, not ""), and facts an approved
    // registration locked are not re-sent.
    const saved = pickEditable(merchant);
    const data: Partial<MerchantFormValues> = {};
    for (const f of FIELDS) {
      const raw = values[f];
      const v = typeof raw === "string" ? raw.trim() : raw;
      if ((v ?? "") !== (saved[f] ?? "")) (data as Record<string, unknown>)[f] = v;
    }
    if (Object.keys(data).length === 0) {
      message.info(t("me.merchant.nothingChanged"));
      return;
    }
    update(
      { resource: "merchants", id: documentId, values: data, successNotification: false, errorNotification: false },
      {
        onSuccess: () => {
          message.success(t("me.merchant.saved"));
          void queryClient.invalidateQueries({ queryKey: ["jmt"] });
        },
        onError: (e) => {
          // The cms checks the 结汇账户 fields too (format, a sub-account registered to another merchant).
          const { fields } = formFieldErrors(fieldErrorsOf(e.details), FIELDS);
          if (fields.length)
            form.setFields(fields.map((f) => ({ name: f.name as keyof MerchantFormValues, errors: f.errors })));
          message.error(errorMessage(e));
        },
      },
    );
  };

  return (
    <Card className="jmt-panel" data-testid="merchant-form">
      <Alert
        type="info"
        showIcon
        icon={<EditOutlined />}
        message={t("me.merchant.adminNote")}
        className="jmt-me-note"
      />
      <Form<MerchantFormValues> form={form} layout="vertical" onFinish={onFinish}>
        <div className="jmt-form-section">{t("me.merchant.basic")}</div>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t("me.merchant.type")}>
              <Radio.Group optionType="button" buttonStyle="solid">
                <Radio.Button value="individual">{t("merchantType.individual")}</Radio.Button>
                <Radio.Button value="company">{t("merchantType.company")}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("me.merchant.registrationStatus")}>
              <RegistrationStatusTag status={merchant.registrationStatus} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameCn"
              label={t("me.merchant.nameCn")}
              rules={[
                { required: true, whitespace: true, message: t("me.merchant.nameCnRequired") },
                fieldRule(merchantFields.nameCn),
              ]}
            >
              <Input maxLength={100} data-testid="merchant-name-cn-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t("me.merchant.nameEn")}
              rules={[
                { pattern: LATIN_TEXT, message: t("me.merchant.nameEnInvalid") },
                fieldRule(merchantFields.nameEn),
              ]}
            >
              <Input maxLength={200} placeholder="Donghai ... Crystal Co., Ltd." />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="addressCn" label={t("me.merchant.addressCn")}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="addressEn"
              label={t("me.merchant.addressEn")}
              rules={[
                { pattern: LATIN_TEXT, message: t("me.merchant.nameEnInvalid") },
                fieldRule(merchantFields.addressEn),
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <div className="jmt-form-section">{t("me.merchant.contact")}</div>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item name="legalPersonName" label={t("me.merchant.legalPersonName")}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t("me.merchant.contactName")}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label={t("me.merchant.contactPhone")}
              rules={[
                { pattern: MAINLAND_PHONE, message: t("me.merchant.phoneInvalid") },
                fieldRule(merchantFields.contactPhone),
              ]}
            >
              <Input maxLength={11} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactEmail"
              label={t("me.merchant.contactEmail")}
              rules={[
                { pattern: EMAIL, message: t("me.merchant.emailInvalid") },
                fieldRule(merchantFields.contactEmail),
              ]}
            >
              <Input maxLength={100} inputMode="email" />
            </Form.Item>
          </Col>
        </Row>
        <div className="jmt-form-section" id="fx-account">
          {t("me.merchant.fxSection")}
        </div>
        <Alert type="info" showIcon className="jmt-me-note" message={t("me.merchant.fxNote")} />
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item
              name="fxSubAccount"
              label={t("fx.profile.fxSubAccount")}
              normalize={fx.withoutSpaces}
              rules={[fieldRule(merchantFxFields.fxSubAccount, { message: t("me.merchant.fxSubAccountInvalid") })]}
              extra={t("me.merchant.fxSubAccountHint")}
            >
              <Input maxLength={40} className="jmt-mono" data-testid="merchant-fxSubAccount-input" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="settlementCardNo"
              label={t("fx.profile.settlementCardNo")}
              normalize={fx.withoutSpaces}
              rules={[
                fieldRule(merchantFxFields.settlementCardNo, { message: t("me.merchant.settlementCardNoInvalid") }),
              ]}
              extra={t("me.merchant.settlementCardNoHint")}
            >
              <Input
                maxLength={30}
                inputMode="numeric"
                className="jmt-mono"
                data-testid="merchant-settlementCardNo-input"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="settlementBankName"
              label={t("fx.profile.settlementBankName")}
              rules={[fieldRule(merchantFields.settlementBankName)]}
            >
              <Input
                maxLength={100}
                placeholder={t("me.merchant.settlementBankNamePlaceholder")}
                data-testid="merchant-settlementBankName-input"
              />
            </Form.Item>
          </Col>
        </Row>
        <div className="jmt-form-actions">
          <Button onClick={() => form.setFieldsValue(pickEditable(merchant))}>{t("me.merchant.reset")}</Button>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={updateMutation.isPending}>
            {t("common.save")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
