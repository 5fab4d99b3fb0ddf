import type { AllowedTransition } from "@jmt/api-types";
import { applications, fieldRule } from "@jmt/contracts";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { useTranslate } from "@refinedev/core";
import { Alert, App as AntdApp, Form, Input, Modal, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { ApplicationStatusTag } from "../../components/applications/ApplicationStatusTag";
import { QuickReasons } from "../../components/common/QuickReasons";
import { moduleOfKind, type KindModule } from "../../lib/application-kinds";
import { checkBody } from "../../lib/contract-form";
import { toggleReason } from "../../lib/reasons";
import { i18n } from "../../providers/i18n";
import { workflowApi } from "../../providers/data-provider";

interface Props {
  applicationId: string;
  /** The application's kind: 工商注册, the 跨境申报 kinds and 出口退税 get their own quick-pick reasons. */
  kind?: string;
  /** The transition being taken, or null when closed. */
  transition: AllowedTransition | null;
  fromStatus: string;
  fromLabel?: string;
  toLabel?: string;
  onClose(): void;
  onDone(transition: AllowedTransition): void | Promise<void>;
}

/** Where each module's quick-pick reasons live in the locale (工商注册's at the top). */
const REASON_KEYS: Record<KindModule, string> = {
  registration: "applications.reasons",
  filing: "applications.reasons.filing",
  "tax-refund": "applications.reasons.taxRefund",
};

/** Common reasons, per module and target state, offered as quick picks (they fill the note; free text can follow). */
const reasonsFor = (to: string, kind: string | undefined): string[] => {
  const state = to === "rejected" ? "rejected" : "returned";
  return i18n.list(`${REASON_KEYS[kind ? moduleOfKind(kind) : "registration"]}.${state}`);
};

/**
 * The note's rule from the contract (`applications.transitionInput`: trimmed, blank is none, 1000 characters kept).
 * Which moves need one is the kind's rule (`noteRequired`, NOTE_REQUIRED from the engine): the modal's own rule.
 */
export const transitionRules = { note: [fieldRule(applications.transitionInput.shape.note)] };

/**
 * Confirms a transition. Return / reject (noteRequired) need a reason: quick picks + free text; other moves take an
 * optional note. The merchant is notified by the cms (in-app message + WeChat).
 */
export const TransitionModal = ({ applicationId, kind, transition, fromStatus, fromLabel, toLabel, onClose, onDone }: Props) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [submitting, setSubmitting] = useState(false);
  const note = Form.useWatch("note", form) ?? "";
  const noteRequired = Boolean(transition?.noteRequired);
  const reasons = transition && (noteRequired || transition.to === "returned" || transition.to === "rejected") ? reasonsFor(transition.to, kind) : [];
  const danger = transition?.to === "rejected";

  useEffect(() => {
    if (transition) form.resetFields();
  }, [transition, form]);

  const pickReason = (reason: string) => {
    form.setFieldsValue({ note: toggleReason(form.getFieldValue("note") as string | undefined, reason) });
    void form.validateFields(["note"]).catch(() => undefined);
  };

  const submit = async () => {
    if (!transition) return;
    let values: { note?: string };
    try {
      values = await form.validateFields();
    } catch {
      // The form shows what is missing (e.g. the required reason).
      return;
    }
    const body = checkBody(form, applications.transitionInput, { to: transition.to, note: values.note });
    if (!body) return;
    setSubmitting(true);
    try {
      await workflowApi.transition(applicationId, body.to, body.note);
      // "已{{action}}" reads well for 退回补正 / 核准通过; labels already in the past (已报送税务机关, 退税款已到账) stand alone.
      message.success(transition.label.includes("已") ? transition.label : t("applications.actions.done", { action: transition.label }));
      await onDone(transition);
    } catch (error) {
      const httpError = error as ApiHttpError;
      const missing = (httpError.details?.missing as Array<{ label?: string; field?: string }> | undefined) ?? [];
      notification.error({
        message: t("applications.actions.failed", { action: transition.label }),
        description: (
          <Space direction="vertical" size={4}>
            <span>{httpError.message}</span>
            {missing.length > 0 && <span>{missing.map((item) => item.label || item.field).join("、")}</span>}
          </Space>
        ),
      });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={transition !== null}
      title={transition?.label}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("applications.actions.confirm")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ danger, loading: submitting, ...({ "data-testid": "transition-confirm" } as Record<string, string>) }}
      destroyOnHidden
      width={560}
      data-testid="transition-modal"
    >
      {transition && (
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Space size={8} wrap>
            <Typography.Text type="secondary">{t("applications.actions.move")}</Typography.Text>
            <ApplicationStatusTag status={fromStatus} label={fromLabel} />
            <span aria-hidden="true">→</span>
            <ApplicationStatusTag status={transition.to} label={toLabel} />
          </Space>
          <Form form={form} layout="vertical" requiredMark={noteRequired ? true : "optional"}>
            {reasons.length > 0 && (
              <Form.Item label={t("applications.actions.quickReasons")}>
                <QuickReasons reasons={reasons} note={note} onToggle={pickReason} />
              </Form.Item>
            )}
            <Form.Item
              name="note"
              label={noteRequired ? t("applications.actions.reason") : t("applications.actions.note")}
              rules={[
                ...(noteRequired ? [{ required: true, whitespace: true, message: t("applications.actions.reasonRequired") }] : []),
                ...transitionRules.note,
              ]}
            >
              <Input.TextArea
                rows={4}
                maxLength={500}
                showCount
                placeholder={noteRequired ? t("applications.actions.reasonPlaceholder") : t("applications.actions.notePlaceholder")}
                data-testid="transition-note"
              />
            </Form.Item>
          </Form>
          <Alert
            type={danger ? "warning" : "info"}
            showIcon
            message={t(
              danger
                ? kind && moduleOfKind(kind) === "tax-refund"
                  ? "applications.actions.rejectHintTaxRefund"
                  : "applications.actions.rejectHint"
                : "applications.actions.notifyHint",
            )}
          />
        </Space>
      )}
    </Modal>
  );
};
