import { SaveOutlined, SendOutlined } from "@ant-design/icons";
import { Alert, App, Button, Empty, Form, Input, Modal, Select, Space, Spin } from "antd";
import { useEffect, useState } from "react";
import type { CustomsCancellation, CustomsRecordDetail } from "@jmt/api-types";
import { refreshCustoms, useCancellable } from "../../hooks/useCustoms";
import { customs, fieldRule } from "@jmt/contracts";
import { useT } from "../../i18n/useT";
import { fieldErrorsOf, formFieldErrors } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { toApiError } from "../../providers/apiError";
import { customsApi } from "../../providers/customsApi";

interface Values {
  invtNo: string;
  reason: string;
}

/** 新建撤销申请: pick a released 清单 (searchable by 清单编号), say why, then 暂存 or 申报. */
export function CreateCancellationModal({
  open,
  initialInvtNo,
  onClose,
  onCreated,
}: {
  open: boolean;
  initialInvtNo?: string;
  onClose: () => void;
  onCreated: (c: CustomsRecordDetail<CustomsCancellation>, declared: boolean) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState(initialInvtNo ?? "");
  const [debounced, setDebounced] = useState(initialInvtNo ?? "");
  const [busy, setBusy] = useState<"draft" | "declare" | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const cancellable = useCancellable(debounced, open);

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  const submit = async (declare: boolean) => {
    setServerError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(declare ? "declare" : "draft");
    try {
      const created = await customsApi.createCancellation({
        invtNo: values.invtNo,
        reason: values.reason.trim(),
        ...(declare ? { declare: true } : {}),
      });
      message.success(
        t(declare ? "customs.cancellations.declared" : "customs.cancellations.saved", { invtNo: values.invtNo }),
      );
      await refreshCustoms();
      form.resetFields();
      onCreated(created, declare);
    } catch (error) {
      const e = toApiError(error);
      const { fields, other } = formFieldErrors(fieldErrorsOf(e.details), ["invtNo", "reason"]);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
      setServerError(fields.length && !other.length ? null : [e.message, ...other].join("；"));
    } finally {
      setBusy(null);
    }
  };

  const options = (cancellable.data ?? []).map((i) => ({
    value: i.invtNo ?? "",
    label: (
      <div className="jmt-invt-option" data-testid="cancellable-option" data-invt-no={i.invtNo ?? ""}>
        <span className="jmt-mono">{i.invtNo}</span>
        <span className="jmt-muted">
          {t("customs.cancellations.optionMeta", {
            orderNo: i.orderNo ?? "",
            time: formatDateTime(i.returnAt ?? i.declaredAt),
          })}
        </span>
      </div>
    ),
  }));

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t("customs.cancellations.createTitle")}
      rootClassName="jmt-cancel-modal"
      destroyOnHidden
      width={600}
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          <Button
            icon={<SaveOutlined />}
            loading={busy === "draft"}
            disabled={busy !== null}
            onClick={() => void submit(false)}
            data-testid="cancel-save"
          >
            {t("customs.cancellations.saveDraft")}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy === "declare"}
            disabled={busy !== null}
            onClick={() => void submit(true)}
            data-testid="cancel-declare"
          >
            {t("customs.cancellations.declareNow")}
          </Button>
        </Space>
      }
    >
      <p className="jmt-muted">{t("customs.cancellations.createLead")}</p>
      {serverError && (
        <Alert className="jmt-step-alert" type="error" showIcon message={serverError} data-testid="cancel-error" />
      )}
      <Form<Values> form={form} layout="vertical" requiredMark="optional">
        <Form.Item
          name="invtNo"
          label={t("customs.field.invtNo")}
          rules={[{ required: true, message: t("customs.cancellations.invtNoRequired") }]}
        >
          <Select
            showSearch
            allowClear
            filterOption={false}
            searchValue={search}
            onSearch={setSearch}
            placeholder={t("customs.cancellations.invtNoPlaceholder")}
            options={options}
            optionLabelProp="value"
            notFoundContent={
              cancellable.isFetching ? (
                <Spin size="small" />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.cancellations.noneCancellable")} />
              )
            }
            data-testid="cancel-invtNo"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("customs.cancellations.reason")}
          rules={[
            { required: true, whitespace: true, message: t("customs.cancellations.reasonRequired") },
            fieldRule(customs.cancellationInput.shape.reason),
          ]}
          validateFirst
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={500}
            showCount
            placeholder={t("customs.cancellations.reasonPlaceholder")}
            data-testid="cancel-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
