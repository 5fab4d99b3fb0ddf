import { Alert, App, Form, Input, Modal } from "antd";
import { useState } from "react";
import type { WaybillInput } from "@jmt/api-types";
import { customs, fieldRule } from "@jmt/contracts";
import { refreshCustoms } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import { fieldErrorsOf, formFieldErrors } from "../../lib/customs";
import { toApiError } from "../../providers/apiError";
import { customsApi } from "../../providers/customsApi";

const FIELDS = ["billNo", "trafName", "voyageNo"] as const;
/** The server's own rules for a 总分单 (@jmt/contracts). */
const { waybillInput } = customs;

/** 申报清单总分单 (CEB607): 提运单号, 运输工具名称, 航班航次号 for the batch's released inventories. */
export function WaybillModal({
  batchId,
  open,
  released,
  onClose,
}: {
  batchId: string;
  open: boolean;
  released: number;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<WaybillInput>();
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

  const submit = async () => {
    setServerError(null);
    let values: WaybillInput;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await customsApi.declareWaybill(batchId, {
        billNo: values.billNo.trim(),
        trafName: values.trafName.trim(),
        voyageNo: values.voyageNo.trim(),
      });
      message.success(t("customs.waybill.declared"));
      await refreshCustoms();
      form.resetFields();
      onClose();
    } catch (error) {
      const e = toApiError(error);
      const { fields, other } = formFieldErrors(fieldErrorsOf(e.details), FIELDS);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as keyof WaybillInput, errors: f.errors })));
      setServerError(fields.length && !other.length ? null : [e.message, ...other].join("；"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("customs.waybill.submit")}
      okButtonProps={{ loading: busy, "data-testid": "waybill-submit" }}
      title={t("customs.waybill.title")}
      destroyOnHidden
      rootClassName="jmt-waybill-modal"
    >
      <p className="jmt-muted">{t("customs.waybill.lead", { count: released })}</p>
      {serverError && (
        <Alert className="jmt-step-alert" type="error" showIcon message={serverError} data-testid="waybill-error" />
      )}
      <Form<WaybillInput> form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="billNo"
          label={t("customs.waybill.billNo")}
          extra={t("customs.waybill.billNoHint")}
          rules={[
            { required: true, whitespace: true, message: t("customs.waybill.billNoRequired") },
            fieldRule(waybillInput.shape.billNo, {
              message: t("customs.waybill.asciiOnly", { label: t("customs.waybill.billNo") }),
            }),
          ]}
          validateFirst
        >
          <Input maxLength={37} placeholder="784-20261122-01" data-testid="waybill-billNo" />
        </Form.Item>
        <Form.Item
          name="trafName"
          label={t("customs.waybill.trafName")}
          rules={[
            { required: true, whitespace: true, message: t("customs.waybill.trafNameRequired") },
            fieldRule(waybillInput.shape.trafName),
          ]}
          validateFirst
        >
          <Input maxLength={100} placeholder="CK AIRLINES" data-testid="waybill-trafName" />
        </Form.Item>
        <Form.Item
          name="voyageNo"
          label={t("customs.waybill.voyageNo")}
          rules={[
            { required: true, whitespace: true, message: t("customs.waybill.voyageNoRequired") },
            fieldRule(waybillInput.shape.voyageNo, {
              message: t("customs.waybill.asciiOnly", { label: t("customs.waybill.voyageNo") }),
            }),
          ]}
          validateFirst
        >
          <Input maxLength={32} placeholder="CK262" data-testid="waybill-voyageNo" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
