import {
  ArrowLeftOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  EditOutlined,
  FileDoneOutlined,
  InfoCircleOutlined,
  ReloadOutlined,
  SaveOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Result,
  Select,
  Skeleton,
  Tag,
  Tooltip,
} from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ModuleLocked } from "../../components/ModuleLocked";
import { ApplicationTimeline } from "../../components/applications/ApplicationTimeline";
import { FieldLabel, PrefillContext } from "../../components/applications/FieldLabel";
import { useFilePreview } from "../../components/applications/FilePreview";
import { FileSlotUpload } from "../../components/applications/FileSlotUpload";
import { ProgressBoard } from "../../components/applications/ProgressBoard";
import { TemplateDownloads } from "../../components/applications/TemplateDownloads";
import {
  refreshAfterWrite,
  useApplicationDetail,
  useCanWrite,
  useGuide,
  useKind,
  useLatestApplication,
  usePrefill,
} from "../../hooks/useApplications";
import { invalidateLists } from "../../hooks/useResourceList";
import { useHome } from "../../hooks/useSession";
import { useT } from "../../i18n/useT";
import { compact, getIn, mergeData, namePath } from "../../lib/applications";
import { canEnterModule } from "../../lib/modules";
import { toApiError } from "../../providers/apiError";
import { applicationsApi } from "../../providers/applicationsApi";
import {
  FILING_STEPS,
  formatProblem,
  isFilingKind,
  whenHolds,
  type ApplicationDetail,
  type KindField,
  type KindInfo,
  type MissingField,
} from "@jmt/api-types";
import { DESCRIPTION_COLUMNS } from "../../theme";
import { FilingHero } from "./FilingGuidePage";

type Data = Record<string, unknown>;

const UPPER_TYPES = new Set(["creditCode", "idNumber", "customsCode"]);

/** 办理说明: what it is, what to prepare, how long it takes. */
function Instructions({ kind, info }: { kind: string; info?: KindInfo }) {
  const t = useT();
  const prepare = t(`filing.kinds.${kind}.prepare`, undefined, "").split("|").filter(Boolean);
  return (
    <Card
      className="jmt-panel jmt-instructions"
      title={
        <span className="jmt-panel-title">
          <InfoCircleOutlined /> {t("filing.instructions")}
        </span>
      }
      data-testid="instructions"
    >
      <div className="jmt-instr-block">
        <div className="jmt-instr-label">{t("filing.what")}</div>
        <p>{t(`filing.kinds.${kind}.what`, undefined, info?.description ?? "")}</p>
      </div>
      {prepare.length > 0 && (
        <div className="jmt-instr-block">
          <div className="jmt-instr-label">{t("filing.prepare")}</div>
          <ul className="jmt-instr-list">
            {prepare.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="jmt-instr-block">
        <div className="jmt-instr-label">{t("filing.duration")}</div>
        <p>
          <ClockCircleOutlined /> {t(`filing.kinds.${kind}.duration`, undefined, "")}
        </p>
      </div>
      <TemplateDownloads kind={kind} templates={info?.templates ?? []} />
    </Card>
  );
}

function optionLabel(field: KindField, value: unknown): string {
  const found = field.options?.find((o) => o.value === value);
  return found?.label ?? (typeof value === "string" ? value : "");
}

/** Read-back of what was submitted. */
function FilingReview({ info, data }: { info?: KindInfo; data: Data }) {
  const t = useT();
  const preview = useFilePreview();
  const files = (data.files ?? {}) as Record<string, string>;
  const fields = (info?.fields ?? []).filter((f) => whenHolds(f.when, data));
  return (
    <div className="jmt-review" data-testid="filing-review">
      <Descriptions bordered size="small" column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
        {fields.map((f) => {
          const value = getIn(data, f.path);
          const shown = f.type === "select" ? optionLabel(f, value) : typeof value === "string" ? value : "";
          return (
            <Descriptions.Item key={f.path} label={f.label} span={f.type === "textarea" ? "filled" : 1}>
              {shown || <span className="jmt-muted">{t("common.notFilled")}</span>}
            </Descriptions.Item>
          );
        })}
      </Descriptions>
      <div className="jmt-form-section" style={{ marginTop: 20 }}>
        {t("filing.files")}
      </div>
      <div className="jmt-review-files">
        {(info?.fileSlots ?? []).map((slot) => (
          <div key={slot.key} className="jmt-review-file">
            <FileDoneOutlined />
            <span>{slot.label}</span>
            {files[slot.key] ? (
              <Button size="small" type="link" onClick={() => void preview.open(files[slot.key]!, slot.label)}>
                {t("applications.upload.preview")}
              </Button>
            ) : (
              <Tag bordered={false}>
                {slot.required ? t("applications.upload.missing") : t("applications.upload.none")}
              </Tag>
            )}
          </div>
        ))}
      </div>
      {preview.modal}
    </div>
  );
}

/** The form of a filing kind: fields and file slots from the kind, prefilled (G10), draft and submit. */
function FilingForm({
  kind,
  info,
  application,
  prefill,
  prerequisiteBlock,
  onDone,
}: {
  kind: string;
  info?: KindInfo;
  application: ApplicationDetail | null;
  prefill?: { data: Data; sources: Record<string, string> };
  prerequisiteBlock: string | null;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Data>();
  const [appId, setAppId] = useState<string | null>(application?.documentId ?? null);
  const [stored, setStored] = useState<Data>(application?.data ?? prefill?.data ?? {});
  const [busy, setBusy] = useState<"draft" | "submit" | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [missing, setMissing] = useState<MissingField[]>([]);
  const values = Form.useWatch([], form) as Data | undefined;
  const current = useMemo(() => mergeData(stored, values ?? {}), [stored, values]);
  const fields = (info?.fields ?? []).filter((f) => whenHolds(f.when, current));
  const resubmit = application?.status === "returned";
  const context = useMemo(() => ({ sources: prefill?.sources ?? {}, prefill: prefill?.data ?? {} }), [prefill]);

  const save = async (silent: boolean): Promise<string | null> => {
    const data = compact(mergeData(stored, form.getFieldsValue(true) as Data));
    try {
      let id = appId;
      if (!id) {
        try {
          id = (await applicationsApi.create(kind, data)).documentId;
        } catch (error) {
          const e = toApiError(error);
          if (e.code !== "APPLICATION_EXISTS" || typeof e.details.id !== "string") throw e;
          id = e.details.id;
        }
        setAppId(id);
      }
      const saved = await applicationsApi.saveDraft(id, data);
      setStored((saved?.data as Data) ?? data);
      await invalidateLists("applications");
      if (!silent) message.success(t("applications.draftSaved"));
      return id;
    } catch (error) {
      message.error(toApiError(error).message);
      return null;
    }
  };

  const submit = async () => {
    setServerError(null);
    setMissing([]);
    try {
      await form.validateFields(undefined, { recursive: true });
    } catch {
      message.warning(t("filing.fixBeforeSubmit"));
      return;
    }
    setBusy("submit");
    try {
      const id = await save(true);
      if (!id) return;
      await applicationsApi.transition(id, "submitted");
      message.success(t(resubmit ? "filing.resubmitted" : "filing.submitted"));
      await refreshAfterWrite();
      onDone();
    } catch (error) {
      const e = toApiError(error);
      if (e.code === "APPLICATION_INCOMPLETE" && Array.isArray(e.details.missing)) {
        const list = e.details.missing as MissingField[];
        setMissing(list);
        form.setFields(
          list.map((m) => ({
            name: namePath(m.field),
            errors: [t("registration.errors.missingField", { label: m.label })],
          })),
        );
      }
      setServerError(e.message);
    } finally {
      setBusy(null);
    }
  };

  const rulesFor = (f: KindField) => [
    ...(f.required
      ? [{ required: true, whitespace: true, message: t("registration.errors.required", { label: f.label }) }]
      : []),
    {
      validator: async (_: unknown, v: unknown) => {
        const problem = formatProblem(f.type, v);
        if (problem) throw new Error(t(`registration.errors.${problem}`));
      },
    },
  ];

  const control = (f: KindField) => {
    const path = f.path;
    if (f.type === "select") {
      return (
        <Select
          placeholder={f.placeholder ?? t("filing.choose")}
          options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          data-testid={`field-${path}`}
        />
      );
    }
    if (f.type === "textarea") {
      return (
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={300}
          placeholder={f.placeholder ?? undefined}
          data-testid={`field-${path}`}
        />
      );
    }
    const max =
      f.type === "phone"
        ? 11
        : f.type === "creditCode" || f.type === "idNumber"
          ? 18
          : f.type === "customsCode"
            ? 10
            : 120;
    return (
      <Input
        maxLength={max}
        inputMode={f.type === "phone" ? "tel" : f.type === "decimal" ? "decimal" : undefined}
        placeholder={f.placeholder ?? undefined}
        data-testid={`field-${path}`}
      />
    );
  };

  const missingSet = new Set(missing.map((m) => m.field));
  const prefilledFile = (key: string): string | null => {
    const id = context.sources[`files.${key}`] ? getIn(context.prefill, `files.${key}`) : null;
    return typeof id === "string" ? id : null;
  };

  return (
    <PrefillContext.Provider value={context}>
      <Card
        className="jmt-panel"
        data-testid="filing-form"
        title={<span className="jmt-panel-title">{t(resubmit ? "filing.fixTitle" : "filing.formTitle")}</span>}
        extra={application?.number && <Tag bordered={false}>{application.number}</Tag>}
      >
        {prerequisiteBlock && (
          <Alert
            className="jmt-step-alert"
            type="warning"
            showIcon
            message={prerequisiteBlock}
            data-testid="prerequisite-note"
          />
        )}
        {Object.keys(context.sources).length > 0 && !resubmit && (
          <Alert className="jmt-step-alert" type="success" showIcon message={t("filing.prefillNote")} />
        )}
        {serverError && (
          <Alert
            className="jmt-step-alert"
            type="error"
            showIcon
            data-testid="submit-error"
            message={serverError}
            description={
              missing.length > 0 ? (
                <div className="jmt-missing">
                  {t("registration.missingLead")}
                  {missing.map((m) => (
                    <Tag key={m.field} color="error" bordered={false} data-testid="missing-field">
                      {m.label}
                    </Tag>
                  ))}
                </div>
              ) : undefined
            }
          />
        )}
        <Form<Data> form={form} layout="vertical" initialValues={stored} requiredMark="optional" scrollToFirstError>
          <div className="jmt-form-section">{t("filing.formSection")}</div>
          <div className="jmt-grid-2">
            {fields.map((f) => {
              const path = f.path;
              return (
                <Form.Item
                  key={path}
                  name={namePath(path)}
                  label={<FieldLabel text={f.label} field={path} />}
                  rules={rulesFor(f)}
                  required={f.required}
                  normalize={
                    UPPER_TYPES.has(f.type ?? "")
                      ? (v: string) => (v ?? "").toUpperCase().replace(/\s/g, "")
                      : undefined
                  }
                  className={f.type === "textarea" ? "jmt-span-2" : undefined}
                >
                  {control(f)}
                </Form.Item>
              );
            })}
          </div>
          {(info?.fileSlots ?? []).length > 0 && (
            <>
              <div className="jmt-form-section">{t("filing.files")}</div>
              <div className="jmt-slots">
                {(info?.fileSlots ?? [])
                  .filter((s) => whenHolds(s.when, current))
                  .map((slot) => (
                    <Form.Item
                      key={slot.key}
                      name={["files", slot.key]}
                      className="jmt-slot-item"
                      rules={
                        slot.required
                          ? [{ required: true, message: t("registration.errors.fileRequired", { label: slot.label }) }]
                          : []
                      }
                    >
                      <FileSlotUpload
                        slot={slot}
                        invalid={missingSet.has(`files.${slot.key}`)}
                        prefilledId={prefilledFile(slot.key)}
                      />
                    </Form.Item>
                  ))}
              </div>
            </>
          )}
        </Form>
        <div className="jmt-wizard-actions">
          <span className="jmt-muted">{t("filing.draftHint")}</span>
          <span className="jmt-wizard-spacer" />
          <Button
            icon={<SaveOutlined />}
            loading={busy === "draft"}
            onClick={async () => {
              setBusy("draft");
              await save(false);
              setBusy(null);
            }}
            data-testid="save-draft"
          >
            {t("applications.saveDraft")}
          </Button>
          <Tooltip title={prerequisiteBlock}>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy === "submit"}
              disabled={!!prerequisiteBlock}
              onClick={() => void submit()}
              data-testid="filing-submit"
            >
              {t(resubmit ? "filing.resubmit" : "filing.submit")}
            </Button>
          </Tooltip>
        </div>
      </Card>
    </PrefillContext.Provider>
  );
}

/** 跨境申报 D2–D6: 办理说明, templates, the prefilled form, then progress, timeline and read-back. */
export function FilingKindPage() {
  const t = useT();
  const navigate = useNavigate();
  const params = useParams();
  const kind = params.kind ?? "";
  const { home, query: homeQuery } = useHome();
  const open = canEnterModule(home, "filing");
  const { canWrite, loading: meLoading } = useCanWrite();
  const { kind: info, isLoading: kindsLoading } = useKind(kind);
  const latest = useLatestApplication(kind);
  const detail = useApplicationDetail(latest.data?.documentId);
  const prefill = usePrefill<Data>(kind, canWrite && open && isFilingKind(kind));
  const guide = useGuide(open);
  const [editing, setEditing] = useState(false);

  if (!isFilingKind(kind)) {
    return (
      <Result
        status="404"
        title={t("filing.unknownKind")}
        extra={
          <Button type="primary" onClick={() => navigate("/filing")}>
            {t("filing.backToGuide")}
          </Button>
        }
      />
    );
  }
  if (!homeQuery.isLoading && !open) {
    return (
      <div className="jmt-page">
        <ModuleLocked moduleKey="filing" title={t("modules.filing.title")} />
      </div>
    );
  }

  const step = guide.data?.steps.find((s) => s.kind === kind);
  const label = info?.label ?? step?.label ?? t(`filing.kinds.${kind}.title`);
  const loading =
    homeQuery.isLoading || meLoading || kindsLoading || latest.isLoading || (!!latest.data && detail.isLoading);
  const app = detail.data ?? null;
  const prerequisiteBlock =
    step && step.prerequisitesMet === false
      ? t("filing.prerequisite", { names: (step.prerequisites ?? []).map((p) => `「${p.label}」`).join("、") })
      : null;

  const main = () => {
    if (loading) {
      return (
        <Card className="jmt-panel" data-testid="filing-loading">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      );
    }
    if (latest.isError || detail.isError) {
      return (
        <Result
          status="warning"
          title={t("applications.loadFailed")}
          subTitle={(latest.error ?? detail.error)?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void refreshAfterWrite()}>
              {t("common.reload")}
            </Button>
          }
        />
      );
    }
    const editable = !app || app.status === "filling" || (app.status === "returned" && editing);
    if (editable && canWrite) {
      return (
        <FilingForm
          key={`${app?.documentId ?? "new"}-${app?.status ?? ""}-${prefill.isSuccess}`}
          kind={kind}
          info={info}
          application={app}
          prefill={
            prefill.data ? { data: prefill.data.data as Data, sources: prefill.data.meta?.sources ?? {} } : undefined
          }
          prerequisiteBlock={prerequisiteBlock}
          onDone={() => setEditing(false)}
        />
      );
    }
    if (!app) {
      return (
        <Card className="jmt-panel">
          <Empty description={t("filing.memberNotStarted")} />
        </Card>
      );
    }
    return (
      <>
        {!canWrite && <Alert type="info" showIcon message={t("applications.readOnly")} data-testid="read-only-note" />}
        {app.status !== "filling" && (
          <ProgressBoard
            application={app}
            kind={info}
            fallbackSteps={FILING_STEPS}
            extra={
              canWrite && app.status === "returned" ? (
                <Button
                  type="primary"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(true)}
                  data-testid="fix-and-resubmit"
                >
                  {t("filing.fixAndResubmit")}
                </Button>
              ) : undefined
            }
          >
            {(app.status === "submitted" || app.status === "processing") && (
              <Alert className="jmt-board-alert" type="info" showIcon message={t(`filing.waiting.${app.status}`)} />
            )}
            {app.status === "completed" && (
              <Alert className="jmt-board-alert" type="success" showIcon message={t("filing.completedNote")} />
            )}
          </ProgressBoard>
        )}
        <Card
          className="jmt-panel"
          title={
            <span className="jmt-panel-title">
              {t(app.status === "filling" ? "filing.draftTitle" : "filing.reviewTitle")}
            </span>
          }
        >
          <FilingReview info={info} data={(app.data ?? {}) as Data} />
        </Card>
        {app.timeline?.length ? <ApplicationTimeline timeline={app.timeline} /> : null}
      </>
    );
  };

  return (
    <div className="jmt-page" data-testid="filing-kind" data-kind={kind}>
      <Breadcrumb
        className="jmt-breadcrumb"
        items={[
          { title: <Link to="/">{t("app.console")}</Link> },
          { title: <Link to="/filing">{t("modules.filing.title")}</Link> },
          { title: label },
        ]}
      />
      <div className="jmt-kind-head">
        <FilingHero title={label} lead={t(`filing.kinds.${kind}.summary`, undefined, info?.description ?? "")} />
      </div>
      <div className="jmt-kind-layout">
        <div className="jmt-kind-main">{main()}</div>
        <aside className="jmt-kind-aside">
          <Instructions kind={kind} info={info} />
          <Button block icon={<ArrowLeftOutlined />} onClick={() => navigate("/filing")}>
            {t("filing.backToGuide")}
          </Button>
        </aside>
      </div>
    </div>
  );
}
