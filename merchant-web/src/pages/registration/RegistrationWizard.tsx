import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  CheckOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Form, Input, Radio, Space, Steps, Tag, Tooltip } from "antd";
import type { NamePath } from "antd/es/form/interface";
import { useMemo, useState, type ReactNode } from "react";
import { FieldLabel, PrefillContext } from "../../components/applications/FieldLabel";
import { FileSlotUpload } from "../../components/applications/FileSlotUpload";
import { TemplateDownloads } from "../../components/applications/TemplateDownloads";
import { refreshAfterWrite } from "../../hooks/useApplications";
import { useT } from "../../i18n/useT";
import {
  activeSlots,
  compact,
  getIn,
  kindAsks,
  isRatio,
  mergeData,
  namePath,
  ratioSum,
  ratiosComplete,
  resumeStep,
  stepOfField,
  wizardSteps,
  type WizardStepKey,
} from "../../lib/applications";
import { ApiError, toApiError } from "../../providers/apiError";
import { applicationsApi } from "../../providers/applicationsApi";
import {
  REGISTRATION_FILE_SLOTS,
  isCreditCode,
  isIdNumber,
  isMainlandPhone as isPhone,
  isPositiveDecimal,
  type ApplicationDetail,
  type BusinessRegistrationData,
  type KindInfo,
  type MissingField,
} from "@jmt/api-types";
import { queryClient } from "../../providers/queryClient";
import { RegistrationReview, slotLabel } from "./RegistrationReview";

const STEP_FIELDS: Record<WizardStepKey, NamePath[]> = {
  entity: [["entityType"]],
  name: [["nameOptions"], ["registeredAddress"], ["companyName"], ["creditCode"]],
  scope: [["businessScope"], ["registeredCapital"]],
  people: [["legalPerson"], ["shareholders"], ["contact"]],
  files: [["files"]],
  confirm: [],
};

const SCOPE_CHIPS = ["crystalProcessing", "jewelryRetail", "importExport", "onlineSales", "crafts"] as const;

/** The form holds nameOptions as three boxes and at least one shareholder row for a company. */
function toFormValues(data: BusinessRegistrationData): BusinessRegistrationData {
  const names = [...(data.nameOptions ?? [])];
  while (names.length < 3) names.push("");
  const shareholders = data.shareholders?.length ? data.shareholders : [{ name: "", idNumber: "", ratio: "" }];
  return { ...data, nameOptions: names.slice(0, 3), shareholders, files: { ...(data.files ?? {}) } };
}

/** The draft to save: the form over the stored data, blanks trimmed, fields of the other entity type dropped. */
function toData(base: BusinessRegistrationData, values: BusinessRegistrationData): BusinessRegistrationData {
  const merged = compact(mergeData(base, values as Record<string, unknown>));
  merged.nameOptions = (merged.nameOptions ?? []).map((n) => (n ?? "").trim()).filter(Boolean);
  if (merged.creditCode) merged.creditCode = merged.creditCode.toUpperCase();
  if (merged.path === "new" && merged.entityType !== "company") {
    delete merged.registeredCapital;
    delete merged.shareholders;
  } else if (merged.shareholders) {
    merged.shareholders = merged.shareholders.filter((s) => s && (s.name || s.idNumber || s.ratio));
  }
  const files: Record<string, string> = {};
  for (const [k, id] of Object.entries(merged.files ?? {})) if (id) files[k] = id;
  merged.files = files;
  return merged;
}

export interface RegistrationWizardProps {
  application: ApplicationDetail<BusinessRegistrationData>;
  kind?: KindInfo;
  prefill?: { data: unknown; sources: Record<string, string> };
  /** Start at the first step (a new application) rather than where the draft left off. */
  fresh?: boolean;
  /** A returned application being fixed: submitting resubmits it. */
  resubmit?: boolean;
  onCancel?: () => void;
  onSubmitted: () => void;
}

/** 工商注册 wizard (R1/R2): one step per group, draft saved at every step, resumes where it was left. */
export function RegistrationWizard({
  application,
  kind,
  prefill,
  fresh,
  resubmit,
  onCancel,
  onSubmitted,
}: RegistrationWizardProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<BusinessRegistrationData>();
  const [stored, setStored] = useState<BusinessRegistrationData>(application.data ?? {});
  const path = stored.path === "existing" ? "existing" : "new";
  const steps = wizardSteps(path);
  const [current, setCurrent] = useState(() =>
    fresh
      ? 0
      : resumeStep(application.data, {
          slots: activeSlots(kind?.fileSlots, { path }, REGISTRATION_FILE_SLOTS[path]),
          capitalForExisting:
            path === "existing" && kindAsks(kind?.fields, "registeredCapital", { path, entityType: "company" }),
        }),
  );
  const [saving, setSaving] = useState<"draft" | "next" | "submit" | null>(null);
  const [missing, setMissing] = useState<MissingField[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const entityType = Form.useWatch("entityType", form);
  const shareholders = Form.useWatch("shareholders", form) as BusinessRegistrationData["shareholders"];
  const initialValues = useMemo(() => toFormValues(application.data ?? {}), [application.data]);
  const step = steps[current] ?? "confirm";
  const company = entityType === "company";
  const [reviewData, setReviewData] = useState<BusinessRegistrationData>(application.data ?? {});
  const context = useMemo(() => ({ sources: prefill?.sources ?? {}, prefill: prefill?.data ?? {} }), [prefill]);

  const save = async (kindOfSave: "draft" | "next" | "submit"): Promise<BusinessRegistrationData | null> => {
    const data = toData(stored, form.getFieldsValue(true) as BusinessRegistrationData);
    setSaving(kindOfSave);
    try {
      const saved = await applicationsApi.saveDraft(application.documentId, data);
      const next = (saved?.data as BusinessRegistrationData) ?? data;
      setStored(next);
      setReviewData(next);
      queryClient.setQueryData(["applications", "detail", application.documentId], (old: unknown) =>
        old && typeof old === "object" ? { ...old, ...saved, data: next } : old,
      );
      if (kindOfSave === "draft") message.success(t("applications.draftSaved"));
      return next;
    } catch (error) {
      message.error(toApiError(error).message);
      return null;
    } finally {
      if (kindOfSave !== "submit") setSaving(null);
    }
  };

  /** The wizard step a (server) field path belongs to; an existing company's capital sits on 名称与地址. */
  const stepIndexOf = (field: string): number => {
    const key = stepOfField(field);
    const at = steps.indexOf(key === "scope" && path === "existing" ? "name" : key);
    return at >= 0 ? at : steps.length - 1;
  };

  const goTo = (index: number) => {
    setCurrent(index);
    setReviewData(toData(stored, form.getFieldsValue(true) as BusinessRegistrationData));
    window.scrollTo({ top: 0, behavior: "smooth" });
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step], { recursive: true });
    } catch {
      message.warning(t("registration.fixStep"));
      return;
    }
    if (await save("next")) goTo(Math.min(current + 1, steps.length - 1));
  };

  const showMissing = (list: MissingField[]) => {
    setMissing(list);
    form.setFields(
      list.map((m) => ({
        name: namePath(m.field),
        errors: [t("registration.errors.missingField", { label: m.label })],
      })),
    );
    const first = list[0];
    if (first) setCurrent(stepIndexOf(first.field));
  };

  const submit = async () => {
    setServerError(null);
    setMissing([]);
    try {
      await form.validateFields(undefined, { recursive: true });
    } catch (error) {
      const fields = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      const first = fields[0]?.name.join(".");
      if (first) setCurrent(stepIndexOf(first));
      message.warning(t("registration.fixBeforeSubmit"));
      return;
    }
    const data = await save("submit");
    if (!data) return setSaving(null);
    try {
      await applicationsApi.transition(application.documentId, "initial_review");
      message.success(t(resubmit ? "registration.resubmitted" : "registration.submitted"));
      await refreshAfterWrite();
      onSubmitted();
    } catch (error) {
      const e = error instanceof ApiError ? error : toApiError(error);
      if (e.code === "APPLICATION_INCOMPLETE" && Array.isArray(e.details.missing)) {
        showMissing(e.details.missing as MissingField[]);
      }
      setServerError(e.message);
    } finally {
      setSaving(null);
    }
  };

  const idRule = {
    validator: async (_: unknown, v: string) =>
      !v || isIdNumber(v) ? undefined : Promise.reject(new Error(t("registration.errors.idNumber"))),
  };
  const phoneRule = {
    validator: async (_: unknown, v: string) =>
      !v || isPhone(v) ? undefined : Promise.reject(new Error(t("registration.errors.phone"))),
  };
  const required = (label: string) => ({
    required: true,
    whitespace: true,
    message: t("registration.errors.required", { label }),
  });

  const panel = (key: WizardStepKey, children: ReactNode) => (
    <div className="jmt-wizard-panel" hidden={step !== key} data-step={key}>
      {children}
    </div>
  );

  const fileSlots = activeSlots(kind?.fileSlots, { path }, REGISTRATION_FILE_SLOTS[path]).map((s) => ({
    key: s.key,
    required: s.required,
    label: slotLabel(kind, s.key, t),
    hint: kind?.fileSlots.find((k) => k.key === s.key)?.hint || t(`registration.slotHints.${s.key}`, undefined, ""),
  }));
  // An existing company is asked its registered capital when the kind says so (on its 名称与地址 step).
  const capitalForExisting =
    path === "existing" && company && kindAsks(kind?.fields, "registeredCapital", { path, entityType });

  const missingFields = new Set(missing.map((m) => m.field));
  const prefilledFile = (key: string): string | null => {
    const id = context.sources[`files.${key}`] ? getIn(context.prefill, `files.${key}`) : null;
    return typeof id === "string" ? id : null;
  };

  const capitalItem = (
    <Form.Item
      name="registeredCapital"
      label={<FieldLabel text={t("registration.fields.registeredCapital")} field="registeredCapital" />}
      extra={t("registration.hints.capital")}
      rules={[
        required(t("registration.fields.registeredCapital")),
        {
          validator: async (_, v: string) =>
            !v || isPositiveDecimal(v) ? undefined : Promise.reject(new Error(t("registration.errors.capital"))),
        },
      ]}
    >
      <Input
        suffix={t("registration.tenThousandYuan")}
        inputMode="decimal"
        style={{ maxWidth: 280 }}
        data-testid="registered-capital"
      />
    </Form.Item>
  );

  return (
    <PrefillContext.Provider value={context}>
      <Card className="jmt-panel jmt-wizard" data-testid="registration-wizard" data-current-step={step}>
        <div className="jmt-wizard-head">
          <div>
            <div className="jmt-wizard-title">
              {t(resubmit ? "registration.resubmitTitle" : `registration.wizardTitle.${path}`)}
              {application.number && <Tag bordered={false}>{application.number}</Tag>}
            </div>
            <div className="jmt-muted">{t(`registration.wizardLead.${path}`)}</div>
          </div>
          {onCancel && (
            <Button onClick={onCancel} icon={<ArrowLeftOutlined />}>
              {t("registration.backToProgress")}
            </Button>
          )}
        </div>
        <Steps
          className="jmt-wizard-steps"
          current={current}
          onChange={goTo}
          size="small"
          items={steps.map((key, i) => ({
            title: t(`registration.steps.${key === "people" && !(company && path === "new") ? "peopleShort" : key}`),
            status: i === current ? "process" : i < current ? "finish" : "wait",
          }))}
          data-testid="wizard-steps"
        />

        {serverError && (
          <Alert
            className="jmt-wizard-alert"
            type="error"
            showIcon
            closable
            onClose={() => setServerError(null)}
            data-testid="submit-error"
            message={serverError}
            description={
              missing.length > 0 ? (
                <div className="jmt-missing">
                  {t("registration.missingLead")}
                  {missing.map((m) => (
                    <Tag key={m.field} color="error" bordered={false} data-testid="missing-field" data-field={m.field}>
                      {m.label}
                    </Tag>
                  ))}
                </div>
              ) : undefined
            }
          />
        )}

        <Form<BusinessRegistrationData>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          requiredMark="optional"
          className="jmt-wizard-form"
          scrollToFirstError
        >
          {panel(
            "entity",
            <>
              <div className="jmt-step-lead">{t(`registration.stepLead.entity.${path}`)}</div>
              <Form.Item name="entityType" rules={[{ required: true, message: t("registration.errors.entityType") }]}>
                <Radio.Group className="jmt-choice-group">
                  {(["individual", "company"] as const).map((type) => (
                    <Radio.Button key={type} value={type} className="jmt-choice" data-testid={`entity-${type}`}>
                      <span className="jmt-choice-title">{t(`merchantType.${type}`)}</span>
                      <span className="jmt-choice-desc">{t(`registration.entityDesc.${type}`)}</span>
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
            </>,
          )}

          {panel(
            "name",
            <>
              <div className="jmt-step-lead">{t(`registration.stepLead.name.${path}`)}</div>
              {path === "new" ? (
                <div className="jmt-grid-3">
                  {[0, 1, 2].map((i) => (
                    <Form.Item
                      key={i}
                      name={["nameOptions", i]}
                      label={
                        <FieldLabel
                          text={t("registration.fields.nameOption", { n: i + 1 })}
                          field={`nameOptions.${i}`}
                        />
                      }
                      rules={i === 0 ? [required(t("registration.fields.nameOption", { n: 1 }))] : []}
                      required={i === 0}
                    >
                      <Input
                        maxLength={60}
                        placeholder={t(`registration.placeholders.name${company ? "Company" : "Individual"}`)}
                        data-testid={`name-option-${i}`}
                      />
                    </Form.Item>
                  ))}
                </div>
              ) : (
                <div className="jmt-grid-2">
                  <Form.Item
                    name="companyName"
                    label={<FieldLabel text={t("registration.fields.companyName")} field="companyName" />}
                    rules={[required(t("registration.fields.companyName"))]}
                  >
                    <Input maxLength={60} data-testid="company-name" />
                  </Form.Item>
                  <Form.Item
                    name="creditCode"
                    label={<FieldLabel text={t("registration.fields.creditCode")} field="creditCode" />}
                    extra={t("registration.hints.creditCode")}
                    normalize={(v: string) => (v ?? "").toUpperCase().replace(/\s/g, "")}
                    rules={[
                      required(t("registration.fields.creditCode")),
                      {
                        validator: async (_, v: string) =>
                          !v || isCreditCode(v)
                            ? undefined
                            : Promise.reject(new Error(t("registration.errors.creditCode"))),
                      },
                    ]}
                  >
                    <Input maxLength={18} showCount data-testid="credit-code" />
                  </Form.Item>
                </div>
              )}
              {capitalForExisting && capitalItem}
              <Form.Item
                name="registeredAddress"
                label={<FieldLabel text={t("registration.fields.registeredAddress")} field="registeredAddress" />}
                rules={[required(t("registration.fields.registeredAddress"))]}
                extra={t("registration.hints.address")}
              >
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 4 }}
                  maxLength={200}
                  data-testid="registered-address"
                />
              </Form.Item>
            </>,
          )}

          {path === "new" &&
            panel(
              "scope",
              <>
                <div className="jmt-step-lead">{t("registration.stepLead.scope")}</div>
                <Form.Item
                  name="businessScope"
                  label={<FieldLabel text={t("registration.fields.businessScope")} field="businessScope" />}
                  rules={[required(t("registration.fields.businessScope"))]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 3, maxRows: 6 }}
                    maxLength={500}
                    showCount
                    data-testid="business-scope"
                  />
                </Form.Item>
                <div className="jmt-chips">
                  <span className="jmt-muted">{t("registration.scopeChips")}</span>
                  {SCOPE_CHIPS.map((chip) => (
                    <Tag.CheckableTag
                      key={chip}
                      checked={false}
                      onChange={() => {
                        const text = t(`registration.scope.${chip}`);
                        const now = (form.getFieldValue("businessScope") as string | undefined) ?? "";
                        if (now.includes(text)) return;
                        form.setFieldValue("businessScope", now ? `${now.replace(/[；;。\s]+$/, "")}；${text}` : text);
                        void form.validateFields([["businessScope"]]).catch(() => undefined);
                      }}
                      data-testid={`scope-chip-${chip}`}
                    >
                      <PlusOutlined /> {t(`registration.scope.${chip}`)}
                    </Tag.CheckableTag>
                  ))}
                </div>
                {company && capitalItem}
              </>,
            )}
          {panel(
            "people",
            <>
              <div className="jmt-step-lead">{t("registration.stepLead.people")}</div>
              <div className="jmt-form-section">{t("registration.sections.legalPerson")}</div>
              <div className="jmt-grid-3">
                <Form.Item
                  name={["legalPerson", "name"]}
                  label={<FieldLabel text={t("registration.fields.legalPersonName")} field="legalPerson.name" />}
                  rules={[required(t("registration.fields.legalPersonName"))]}
                >
                  <Input maxLength={30} data-testid="legal-name" />
                </Form.Item>
                <Form.Item
                  name={["legalPerson", "idNumber"]}
                  label={<FieldLabel text={t("registration.fields.legalPersonId")} field="legalPerson.idNumber" />}
                  normalize={(v: string) => (v ?? "").toUpperCase().replace(/\s/g, "")}
                  rules={[required(t("registration.fields.legalPersonId")), idRule]}
                >
                  <Input maxLength={18} data-testid="legal-id" />
                </Form.Item>
                <Form.Item
                  name={["legalPerson", "phone"]}
                  label={<FieldLabel text={t("registration.fields.legalPersonPhone")} field="legalPerson.phone" />}
                  rules={[required(t("registration.fields.legalPersonPhone")), phoneRule]}
                >
                  <Input maxLength={11} inputMode="tel" data-testid="legal-phone" />
                </Form.Item>
              </div>

              {company && path === "new" && (
                <>
                  <div className="jmt-form-section">
                    {t("registration.sections.shareholders")}
                    <span
                      className={`jmt-ratio-total${ratiosComplete(shareholders) ? " is-ok" : ""}`}
                      data-testid="ratio-total"
                    >
                      {t("registration.ratioTotal", { total: ratioSum(shareholders) })}
                    </span>
                  </div>
                  <Form.List
                    name="shareholders"
                    rules={[
                      {
                        validator: async (_, list: BusinessRegistrationData["shareholders"]) => {
                          if (!list || list.length === 0)
                            throw new Error(t("registration.errors.shareholdersRequired"));
                          if (list.every((s) => isRatio(s?.ratio)) && !ratiosComplete(list)) {
                            throw new Error(t("registration.errors.ratioSum", { total: ratioSum(list) }));
                          }
                        },
                      },
                    ]}
                  >
                    {(fields, { add, remove }, { errors }) => (
                      <div className="jmt-shareholders">
                        {fields.map((field, i) => (
                          <div key={field.key} className="jmt-shareholder" data-testid="shareholder-row">
                            <span className="jmt-shareholder-index">{i + 1}</span>
                            <Form.Item
                              name={[field.name, "name"]}
                              label={t("registration.fields.shareholderName")}
                              rules={[required(t("registration.fields.shareholderName"))]}
                            >
                              <Input maxLength={30} data-testid={`shareholder-name-${i}`} />
                            </Form.Item>
                            <Form.Item
                              name={[field.name, "idNumber"]}
                              label={t("registration.fields.shareholderId")}
                              normalize={(v: string) => (v ?? "").toUpperCase().replace(/\s/g, "")}
                              rules={[idRule]}
                            >
                              <Input maxLength={18} data-testid={`shareholder-id-${i}`} />
                            </Form.Item>
                            <Form.Item
                              name={[field.name, "ratio"]}
                              label={t("registration.fields.ratio")}
                              rules={[
                                required(t("registration.fields.ratio")),
                                {
                                  validator: async (_, v: string) =>
                                    !v || isRatio(v)
                                      ? undefined
                                      : Promise.reject(new Error(t("registration.errors.ratio"))),
                                },
                              ]}
                            >
                              <Input suffix="%" inputMode="decimal" data-testid={`shareholder-ratio-${i}`} />
                            </Form.Item>
                            <Tooltip title={t("registration.removeShareholder")}>
                              <Button
                                className="jmt-shareholder-remove"
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                disabled={fields.length <= 1}
                                onClick={() => remove(field.name)}
                                aria-label={t("registration.removeShareholder")}
                              />
                            </Tooltip>
                          </div>
                        ))}
                        <Form.ErrorList errors={errors} />
                        <Space wrap>
                          <Button
                            type="dashed"
                            icon={<PlusOutlined />}
                            disabled={fields.length >= 10}
                            onClick={() => add({ name: "", idNumber: "", ratio: "" })}
                            data-testid="add-shareholder"
                          >
                            {t("registration.addShareholder")}
                          </Button>
                          <Button
                            type="link"
                            icon={<UserSwitchOutlined />}
                            onClick={() => {
                              const lp = form.getFieldValue("legalPerson") as BusinessRegistrationData["legalPerson"];
                              const list =
                                (form.getFieldValue("shareholders") as BusinessRegistrationData["shareholders"]) ?? [];
                              const first = { ...(list[0] ?? {}), name: lp?.name ?? "", idNumber: lp?.idNumber ?? "" };
                              form.setFieldValue("shareholders", [first, ...list.slice(1)]);
                            }}
                          >
                            {t("registration.legalAsShareholder")}
                          </Button>
                        </Space>
                      </div>
                    )}
                  </Form.List>
                </>
              )}

              <div className="jmt-form-section">
                {t("registration.sections.contact")}
                <Button
                  type="link"
                  size="small"
                  icon={<UserSwitchOutlined />}
                  onClick={() => {
                    const lp = form.getFieldValue("legalPerson") as BusinessRegistrationData["legalPerson"];
                    form.setFieldValue("contact", { name: lp?.name ?? "", phone: lp?.phone ?? "" });
                  }}
                  data-testid="contact-same"
                >
                  {t("registration.sameAsLegal")}
                </Button>
              </div>
              <div className="jmt-grid-3">
                <Form.Item
                  name={["contact", "name"]}
                  label={<FieldLabel text={t("registration.fields.contactName")} field="contact.name" />}
                  rules={[required(t("registration.fields.contactName"))]}
                >
                  <Input maxLength={30} data-testid="contact-name" />
                </Form.Item>
                <Form.Item
                  name={["contact", "phone"]}
                  label={<FieldLabel text={t("registration.fields.contactPhone")} field="contact.phone" />}
                  rules={[required(t("registration.fields.contactPhone")), phoneRule]}
                >
                  <Input maxLength={11} inputMode="tel" data-testid="contact-phone" />
                </Form.Item>
              </div>
            </>,
          )}

          {panel(
            "files",
            <>
              <div className="jmt-step-lead">{t(`registration.stepLead.files.${path}`)}</div>
              <TemplateDownloads
                kind={application.kind}
                // company-/individual- templates: only the one for the chosen entity type.
                templates={(kind?.templates ?? []).filter((tpl) =>
                  company ? !/individual/.test(tpl.key) : !/company/.test(tpl.key),
                )}
              />
              <div className="jmt-slots">
                {fileSlots.map((slot) => (
                  <Form.Item
                    key={slot.key}
                    name={["files", slot.key]}
                    rules={
                      slot.required
                        ? [{ required: true, message: t("registration.errors.fileRequired", { label: slot.label }) }]
                        : []
                    }
                    className="jmt-slot-item"
                  >
                    <FileSlotUpload
                      slot={slot}
                      invalid={missingFields.has(`files.${slot.key}`)}
                      prefilledId={prefilledFile(slot.key)}
                    />
                  </Form.Item>
                ))}
              </div>
            </>,
          )}

          {panel(
            "confirm",
            <>
              <Alert type="info" showIcon className="jmt-step-alert" message={t("registration.confirmLead")} />
              {step === "confirm" && <RegistrationReview data={reviewData} kind={kind} />}
            </>,
          )}
        </Form>

        <div className="jmt-wizard-actions">
          <Button
            icon={<ArrowLeftOutlined />}
            disabled={current === 0}
            onClick={() => goTo(current - 1)}
            data-testid="wizard-prev"
          >
            {t("applications.prev")}
          </Button>
          <span className="jmt-wizard-spacer" />
          <Button
            icon={<SaveOutlined />}
            loading={saving === "draft"}
            onClick={() => void save("draft")}
            data-testid="save-draft"
          >
            {t("applications.saveDraft")}
          </Button>
          {step !== "confirm" ? (
            <Button type="primary" loading={saving === "next"} onClick={() => void next()} data-testid="wizard-next">
              {t("applications.next")} <ArrowRightOutlined />
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={saving === "submit"}
              onClick={() => void submit()}
              data-testid="wizard-submit"
            >
              {t(resubmit ? "registration.resubmit" : "registration.submit")}
            </Button>
          )}
        </div>
      </Card>
    </PrefillContext.Provider>
  );
}
