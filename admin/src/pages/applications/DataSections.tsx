import { REGISTRATION_KIND, type KindInfo } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Card, Descriptions, Empty, Flex, Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { extraEntries, fieldsOfKind, getPath, groupFields, optionLabel, type DataRecord, type FieldView } from "../../lib/application-data";

/** 工商注册 fields when the kinds metadata has not loaded (labels from the locale). */
const REGISTRATION_FALLBACK: Array<Omit<FieldView, "label"> & { labelKey: string }> = [
  { path: "path", labelKey: "path", type: "select" },
  { path: "entityType", labelKey: "entityType", type: "select" },
  { path: "nameOptions.0", labelKey: "nameOption1", when: { path: "path", in: ["new"] } },
  { path: "nameOptions.1", labelKey: "nameOption2", when: { path: "path", in: ["new"] } },
  { path: "nameOptions.2", labelKey: "nameOption3", when: { path: "path", in: ["new"] } },
  { path: "companyName", labelKey: "companyName", when: { path: "path", in: ["existing"] } },
  { path: "creditCode", labelKey: "creditCode", type: "creditCode", when: { path: "path", in: ["existing"] } },
  { path: "registeredAddress", labelKey: "registeredAddress", type: "textarea" },
  { path: "businessScope", labelKey: "businessScope", type: "textarea", when: { path: "path", in: ["new"] } },
  { path: "registeredCapital", labelKey: "registeredCapital", type: "decimal", when: { path: "entityType", in: ["company"] } },
  { path: "legalPerson.name", labelKey: "legalPersonName" },
  { path: "legalPerson.idNumber", labelKey: "legalPersonIdNumber", type: "idNumber" },
  { path: "legalPerson.phone", labelKey: "legalPersonPhone", type: "phone" },
  { path: "contact.name", labelKey: "contactName" },
  { path: "contact.phone", labelKey: "contactPhone", type: "phone" },
];

/** The fields of a kind: from the metadata, else (工商注册) the built-in list. */
export const useKindFields = (kind: string, meta: KindInfo | undefined): FieldView[] => {
  const t = useTranslate();
  const fields = fieldsOfKind(meta);
  if (fields.length > 0 || kind !== REGISTRATION_KIND) return fields;
  return REGISTRATION_FALLBACK.map(({ labelKey, ...field }) => ({
    ...field,
    label: t(`applications.data.${labelKey}`),
    options:
      field.path === "path"
        ? [
            { value: "new", label: t("applications.data.pathNew") },
            { value: "existing", label: t("applications.data.pathExisting") },
          ]
        : field.path === "entityType"
          ? [
              { value: "individual", label: t("merchants.types.individual") },
              { value: "company", label: t("merchants.types.company") },
            ]
          : undefined,
  }));
};

const PATH_COLORS: Record<string, string> = { new: "cyan", existing: "geekblue", individual: "cyan", company: "geekblue" };

/** One value, rendered by its field type. */
export const FieldValue = ({ field, value }: { field: FieldView; value: unknown }): ReactNode => {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  const text = String(value);
  if (field.type === "select" || field.options) {
    const label = optionLabel(field, value) ?? text;
    return (
      <Tag bordered={false} color={PATH_COLORS[text] ?? "purple"}>
        {label}
      </Tag>
    );
  }
  if (["idNumber", "creditCode", "customsCode", "phone"].includes(field.type ?? "")) {
    return (
      <Typography.Text className="mono" copyable>
        {text}
      </Typography.Text>
    );
  }
  if (field.type === "textarea") return <span className="pre-wrap">{text}</span>;
  return <span>{text}</span>;
};

/**
 * The submitted data as labelled read-only sections (+ shareholders table, + anything the metadata does not describe,
 * except the top-level keys `shownElsewhere` that the page shows in cards of its own).
 */
export const DataSections = ({
  kind,
  meta,
  data,
  shownElsewhere,
}: {
  kind: string;
  meta: KindInfo | undefined;
  data: DataRecord;
  shownElsewhere?: readonly string[];
}) => {
  const t = useTranslate();
  const fields = useKindFields(kind, meta);
  const groups = groupFields(kind, fields, data);
  const extras = extraEntries(data, fields, shownElsewhere);
  const shareholders = Array.isArray(data.shareholders) ? (data.shareholders as Array<Record<string, unknown>>) : [];

  if (groups.length === 0 && extras.length === 0 && shareholders.length === 0) {
    return (
      <Card size="small" title={t("applications.sections.data")}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("applications.noData")} />
      </Card>
    );
  }

  return (
    <Flex vertical gap={16} data-testid="application-data">
      {groups.map(({ section, fields: sectionFields }) => (
        <Card size="small" key={section} title={t(`applications.sections.${section}`)}>
          <Descriptions column={1} size="middle" bordered styles={{ label: { width: 200 } }}>
            {sectionFields.map((field) => (
              <Descriptions.Item key={field.path} label={field.label}>
                <FieldValue field={field} value={getPath(data, field.path)} />
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      ))}
      {shareholders.length > 0 && (
        <Card size="small" title={t("applications.sections.shareholders")}>
          <Table
            size="small"
            rowKey={(_, index) => String(index)}
            pagination={false}
            dataSource={shareholders}
            columns={[
              { title: "#", width: 56, render: (_value, _row, index) => index + 1 },
              { title: t("applications.data.shareholderName"), dataIndex: "name", render: (value?: string) => value || "—" },
              {
                title: t("applications.data.shareholderIdNumber"),
                dataIndex: "idNumber",
                render: (value?: string) => (value ? <span className="mono">{value}</span> : "—"),
              },
              {
                title: t("applications.data.shareholderRatio"),
                dataIndex: "ratio",
                width: 120,
                align: "right",
                render: (value?: string) => (value ? `${value}%` : "—"),
              },
            ]}
          />
        </Card>
      )}
      {extras.length > 0 && (
        <Card size="small" title={t("applications.sections.other")}>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 200 } }}>
            {extras.map(([path, value]) => (
              <Descriptions.Item key={path} label={<span className="mono">{path}</span>}>
                {value}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
    </Flex>
  );
};
