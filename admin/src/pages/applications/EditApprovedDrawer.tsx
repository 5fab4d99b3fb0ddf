import { formatProblem, type ApplicationDetail, type KindInfo } from "@jmt/api-types";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App as AntdApp, Button, Col, Drawer, Form, Input, Row, Select, Space } from "antd";
import { useMemo, useState } from "react";
import { applies, getPath, setPath, type DataRecord } from "../../lib/application-data";
import { workflowApi } from "../../providers/data-provider";
import { useKindFields } from "./DataSections";

/** Fields staff should not rewrite after approval (they change what the application is). */
const LOCKED = new Set(["path", "entityType"]);
/** Form item names may not contain dots: `legalPerson.name` ↔ `legalPerson__name`. */
const toName = (path: string) => path.replace(/\./g, "__");

/**
 * 修改已核准信息: staff correct the main fields of an approved / completed application (`PUT /api/applications/:id`,
 * audited by the cms). A plain form over the kind's text fields; files and shareholders are left as they are.
 */
export const EditApprovedDrawer = ({
  open,
  application,
  meta,
  onClose,
  onSaved,
}: {
  open: boolean;
  application: ApplicationDetail;
  meta: KindInfo | undefined;
  onClose(): void;
  onSaved(): void | Promise<void>;
}) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [saving, setSaving] = useState(false);
  const data = useMemo(() => (application.data ?? {}) as DataRecord, [application.data]);
  const allFields = useKindFields(application.kind, meta);
  const fields = useMemo(() => allFields.filter((field) => !LOCKED.has(field.path) && applies(field.when, data)), [allFields, data]);
  const initialValues = useMemo(
    () => Object.fromEntries(fields.map((field) => [toName(field.path), (getPath(data, field.path) as string | undefined) ?? undefined])),
    [fields, data],
  );

  const save = async () => {
    const values = await form.validateFields();
    let next: DataRecord = data;
    for (const field of fields) {
      const value = values[toName(field.path)];
      const before = getPath(data, field.path);
      const cleaned = typeof value === "string" ? value.trim() : value;
      if ((cleaned ?? "") !== (before ?? "")) next = setPath(next, field.path, cleaned ?? "");
    }
    if (next === data) {
      message.info(t("applications.edit.noChanges"));
      return;
    }
    setSaving(true);
    try {
      await workflowApi.update(application.documentId, next);
      message.success(t("applications.edit.saved"));
      await onSaved();
    } catch (error) {
      notification.error({ message: t("applications.edit.failed"), description: (error as HttpError).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t("applications.edit.title")}
      width={640}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t("buttons.cancel")}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="edit-approved-save">
            {t("buttons.save")}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Alert type="info" showIcon message={t("applications.edit.hint")} />
        <Form form={form} layout="vertical" initialValues={initialValues}>
          <Row gutter={16}>
            {fields.map((field) => (
              <Col xs={24} md={field.type === "textarea" ? 24 : 12} key={field.path}>
                <Form.Item
                  name={toName(field.path)}
                  label={field.label}
                  rules={[
                    ...(field.required ? [{ required: true, whitespace: true, message: t("applications.edit.required", { field: field.label }) }] : []),
                    {
                      // The same identifier checks as the merchant side (check characters included).
                      validator: async (_: unknown, value: unknown) => {
                        const problem = formatProblem(field.type, value);
                        if (problem) throw new Error(t(`applications.edit.invalid.${problem}`, { field: field.label }));
                      },
                    },
                  ]}
                >
                  {field.options ? (
                    <Select allowClear={!field.required} options={field.options} />
                  ) : field.type === "textarea" ? (
                    <Input.TextArea rows={3} maxLength={500} />
                  ) : (
                    <Input maxLength={field.type === "creditCode" ? 18 : 200} className={field.type && field.type !== "text" ? "mono" : undefined} />
                  )}
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Space>
    </Drawer>
  );
};
