import { EyeOutlined, PaperClipOutlined } from "@ant-design/icons";
import { Button, Descriptions, Table, Tag } from "antd";
import { useFilePreview } from "../../components/applications/FilePreview";
import { useT } from "../../i18n/useT";
import { activeSlots, ratioSum } from "../../lib/applications";
import {
  REGISTRATION_FILE_SLOTS,
  type BusinessRegistrationData,
  type KindInfo,
  type Shareholder,
} from "@jmt/api-types";
import { DESCRIPTION_COLUMNS } from "../../theme";

export function slotLabel(kind: KindInfo | undefined, key: string, t: (k: string) => string): string {
  return kind?.fileSlots.find((s) => s.key === key)?.label ?? t(`registration.slots.${key}`);
}

/** 回看: what was (or will be) submitted, read-only, files previewable. */
export function RegistrationReview({ data, kind }: { data: BusinessRegistrationData; kind?: KindInfo }) {
  const t = useT();
  const preview = useFilePreview();
  const path = data.path === "existing" ? "existing" : "new";
  const company = data.entityType === "company";
  const empty = <span className="jmt-muted">{t("common.notFilled")}</span>;
  const v = (x: unknown) => (typeof x === "string" && x.trim() ? x : empty);
  const names = (data.nameOptions ?? []).filter((n) => n && n.trim());

  return (
    <div className="jmt-review" data-testid="registration-review">
      <div className="jmt-form-section">{t("registration.steps.entity")}</div>
      <Descriptions bordered size="small" column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
        <Descriptions.Item label={t("registration.fields.path")}>{t(`registration.path.${path}`)}</Descriptions.Item>
        <Descriptions.Item label={t("registration.fields.entityType")}>
          {data.entityType ? t(`merchantType.${data.entityType}`) : empty}
        </Descriptions.Item>
      </Descriptions>

      <div className="jmt-form-section">{t("registration.steps.name")}</div>
      <Descriptions bordered size="small" column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
        {path === "new" ? (
          <Descriptions.Item label={t("registration.fields.nameOptions")} span="filled">
            {names.length ? (
              <ol className="jmt-review-names">
                {names.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ol>
            ) : (
              empty
            )}
          </Descriptions.Item>
        ) : (
          <>
            <Descriptions.Item label={t("registration.fields.companyName")}>{v(data.companyName)}</Descriptions.Item>
            <Descriptions.Item label={t("registration.fields.creditCode")}>{v(data.creditCode)}</Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t("registration.fields.registeredAddress")} span="filled">
          {v(data.registeredAddress)}
        </Descriptions.Item>
      </Descriptions>

      {path === "new" && (
        <>
          <div className="jmt-form-section">{t("registration.steps.scope")}</div>
          <Descriptions bordered size="small" column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
            <Descriptions.Item label={t("registration.fields.businessScope")} span={company ? 1 : "filled"}>
              {v(data.businessScope)}
            </Descriptions.Item>
            {company && (
              <Descriptions.Item label={t("registration.fields.registeredCapital")}>
                {data.registeredCapital ? t("registration.capitalValue", { value: data.registeredCapital }) : empty}
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}

      <div className="jmt-form-section">
        {t(company && path === "new" ? "registration.steps.people" : "registration.steps.peopleShort")}
      </div>
      <Descriptions bordered size="small" column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
        <Descriptions.Item label={t("registration.fields.legalPersonName")}>
          {v(data.legalPerson?.name)}
        </Descriptions.Item>
        <Descriptions.Item label={t("registration.fields.legalPersonId")}>
          {v(data.legalPerson?.idNumber)}
        </Descriptions.Item>
        <Descriptions.Item label={t("registration.fields.legalPersonPhone")}>
          {v(data.legalPerson?.phone)}
        </Descriptions.Item>
        <Descriptions.Item label={t("registration.fields.contact")}>
          {data.contact?.name || data.contact?.phone
            ? `${data.contact?.name ?? ""} ${data.contact?.phone ?? ""}`
            : empty}
        </Descriptions.Item>
      </Descriptions>
      {company && path === "new" && (
        <Table<Shareholder & { key: string }>
          className="jmt-review-table"
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={(data.shareholders ?? []).map((s, i) => ({ ...s, key: String(i) }))}
          columns={[
            { title: t("registration.fields.shareholderName"), dataIndex: "name" },
            { title: t("registration.fields.shareholderId"), dataIndex: "idNumber" },
            { title: t("registration.fields.ratio"), dataIndex: "ratio", render: (r: string) => (r ? `${r}%` : "—") },
          ]}
          footer={() => t("registration.ratioTotal", { total: ratioSum(data.shareholders) })}
        />
      )}

      <div className="jmt-form-section">{t("registration.steps.files")}</div>
      <div className="jmt-review-files">
        {activeSlots(kind?.fileSlots, { path }, REGISTRATION_FILE_SLOTS[path]).map((slot) => {
          const id = data.files?.[slot.key];
          const label = slotLabel(kind, slot.key, t);
          return (
            <div key={slot.key} className="jmt-review-file">
              <PaperClipOutlined />
              <span>{label}</span>
              {id ? (
                <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => void preview.open(id, label)}>
                  {t("applications.upload.preview")}
                </Button>
              ) : (
                <Tag bordered={false}>
                  {slot.required ? t("applications.upload.missing") : t("applications.upload.none")}
                </Tag>
              )}
            </div>
          );
        })}
      </div>
      {preview.modal}
    </div>
  );
}
