import { CloseOutlined } from "@ant-design/icons";
import type { SettlementDetail } from "@jmt/api-types";
import { fieldRule, fx } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { useTranslate } from "@refinedev/core";
import { Alert, App as AntdApp, Form, Input, Modal, Space } from "antd";
import { useEffect, useState } from "react";
import { QuickReasons } from "../../components/common/QuickReasons";
import { Money } from "../../components/fx/Money";
import { checkBody } from "../../lib/contract-form";
import { toggleReason } from "../../lib/reasons";
import { fxApi } from "../../providers/data-provider";
import { i18n } from "../../providers/i18n";

/**
 * The reason's rule from the contract (`fx.rejectInput`: trimmed, at most 500 characters kept). That a reason is
 * needed at all is the service's rule (NOTE_REQUIRED), not the schema's: the modal's own required rule says it.
 */
export const rejectSettlementRules = { reason: [fieldRule(fx.rejectInput.shape.reason)] };

/**
 * 驳回结汇: a reason is required (quick picks + free text, as for application returns); the frozen amount is released
 * and the merchant is told why.
 */
export const RejectSettlementModal = ({
  settlement,
  open,
  onClose,
  onDone,
}: {
  settlement: SettlementDetail;
  open: boolean;
  onClose(): void;
  onDone(): void | Promise<void>;
}) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const [submitting, setSubmitting] = useState(false);
  const reason = Form.useWatch("reason", form) ?? "";
  const reasons = i18n.list("fx.reject.reasons");

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const pick = (picked: string) => {
    form.setFieldsValue({ reason: toggleReason(form.getFieldValue("reason") as string | undefined, picked) });
    void form.validateFields(["reason"]).catch(() => undefined);
  };

  const submit = async () => {
    let values: { reason?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const body = checkBody(form, fx.rejectInput, values);
    if (!body?.reason) return;
    setSubmitting(true);
    try {
      await fxApi.rejectSettlement(settlement.id, body.reason);
      message.success(t("fx.reject.done", { number: settlement.number }));
      await onDone();
    } catch (error) {
      const apiError = error as ApiHttpError;
      notification.error({ message: t("fx.reject.failed"), description: apiError.message });
      if (apiError.code === "SETTLEMENT_NOT_PROCESSING") await onDone();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("fx.reject.title")}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("fx.reject.confirm")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{
        danger: true,
        icon: <CloseOutlined />,
        loading: submitting,
        ...({ "data-testid": "reject-confirm" } as Record<string, string>),
      }}
      destroyOnHidden
      width={560}
    >
      <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="reject-modal">
        <Form form={form} layout="vertical" requiredMark>
          <Form.Item label={t("applications.actions.quickReasons")}>
            <QuickReasons reasons={reasons} note={reason} onToggle={pick} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("fx.reject.reason")}
            rules={[{ required: true, whitespace: true, message: t("fx.reject.reasonRequired") }, ...rejectSettlementRules.reason]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder={t("fx.reject.reasonPlaceholder")} data-testid="reject-reason" />
          </Form.Item>
        </Form>
        <Alert
          type="warning"
          showIcon
          message={
            <span>
              {t("fx.reject.hintBefore")} <Money value={settlement.amount} strong /> {t("fx.reject.hintAfter")}
            </span>
          }
        />
      </Space>
    </Modal>
  );
};
