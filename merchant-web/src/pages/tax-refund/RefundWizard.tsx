import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  CheckOutlined,
  ContainerOutlined,
  FilePdfOutlined,
  SaveOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  Radio,
  Skeleton,
  Steps,
  Tag,
} from "antd";
import type { NamePath } from "antd/es/form/interface";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState, type ReactNode } from "react";
import { Link } from "react-router";
import {
  TAX_REFUND_FILE_SLOTS,
  TAX_REFUND_KIND,
  type Application,
  type KindInfo,
  type MissingField,
  type TaxRefundData,
} from "@jmt/api-types";
import { fieldRule, taxrefund as taxRefundContract } from "@jmt/contracts";
import { FileSlotUpload } from "../../components/applications/FileSlotUpload";
import { EstimatePanel } from "../../components/tax-refund/EstimatePanel";
import {
  refreshTaxRefunds,
  refreshTaxRefundList,
  useDebounced,
  useDeclarations,
  useRefundEstimate,
  useRefundRates,
} from "../../hooks/useTaxRefund";
import { useT } from "../../i18n/useT";
import { namePath } from "../../lib/applications";
import { normalizeDecimal } from "../../lib/fx";
import {
  REFUND_STEPS,
  estimateQuery,
  firstMissingStep,
  isYuanAmount,
  normalizeHsCode,
  ratesInForce,
  refundDraft,
  refundResumeStep,
  refundStepOf,
  suggestRates,
  type RefundFormValues,
  type RefundStepKey,
} from "../../lib/taxRefund";
import { toApiError } from "../../providers/apiError";
import { applicationsApi } from "../../providers/applicationsApi";
import type { TaxRefundDetail } from "../../providers/taxRefundApi";
import { RefundReview, useSlotLabel } from "./RefundReview";

type Data = Partial<TaxRefundData>;
/** The form holds the export date as a Dayjs (the DatePicker's value). */
type FormShape = Omit<RefundFormValues, "exportDate"> & { exportDate?: Dayjs | null };

const DATE = "YYYY-MM-DD";
const STEP_FIELDS: Record<RefundStepKey, NamePath[]> = {
  info: [
    ["enterpriseType"],
    ["orderAmount"],
    ["purchaseAmount"],
    ["hsCode"],
    ["exportDate"],
    ["invoiceNo"],
    ["customsBatches"],
    ["note"],
  ],
  documents: [["files"]],
  confirm: [],
};

function toForm(data: Data): FormShape {
  const date = data.exportDate ? dayjs(data.exportDate, DATE, true) : null;
  return {
    enterpriseType: data.enterpriseType ?? "trading",
    orderAmount: data.orderAmount ?? "",
    purchaseAmount: data.purchaseAmount ?? "",
    hsCode: data.hsCode ?? "",
    exportDate: date?.isValid() ? date : null,
    invoiceNo: data.invoiceNo ?? "",
    customsBatches: data.customsBatches ?? [],
    note: data.note ?? "",
    files: { ...(data.files ?? {}) },
  };
}

function fromForm(values: FormShape): RefundFormValues {
  const { exportDate, ...rest } = values;
  // A cleared date is "" (not undefined), so the saved draft loses it too.
  return { ...rest, exportDate: exportDate ? exportDate.format(DATE) : "" };
}

export interface RefundWizardProps {
  /** null: a new refund, created on its first save. */
  application: TaxRefundDetail | null;
  kind?: KindInfo;
  /** The first save created the refund (the page moves its address to the refund's). */
  onCreated: (created: Application<Data>) => void;
  onSubmitted: (id: string) => void;
  /** A way back in the wizard's own header (the pages have theirs in the hero). */
  onCancel?: () => void;
}

/**
 * T1 退税申请: 退税信息 (with the live estimate beside it) → 上传单据 (three PDFs) → 确认提交. The draft is saved
 * at every step and after every upload; submission errors send the user back to the step and field concerned.
 */
export function RefundWizard({ application, kind, onCreated, onSubmitted, onCancel }: RefundWizardProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormShape>();
  const [appId, setAppId] = useState<string | null>(application?.documentId ?? null);
  const [stored, setStored] = useState<Data>(application?.data ?? {});
  const resubmit = application?.status === "returned";
  // A returned refund is walked through from the start; a draft resumes where it was left.
  const [current, setCurrent] = useState(() => (application && !resubmit ? refundResumeStep(application.data) : 0));
  const [saving, setSaving] = useState<"draft" | "next" | "submit" | null>(null);
  const [missing, setMissing] = useState<MissingField[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const initialValues = useMemo(() => toForm(application?.data ?? {}), [application]);
  const watched = Form.useWatch([], form) as FormShape | undefined;
  const values = useMemo(() => fromForm({ ...initialValues, ...(watched ?? {}) }), [initialValues, watched]);
  const enterpriseType = values.enterpriseType === "producer" ? "producer" : "trading";
  const step = REFUND_STEPS[current] ?? "confirm";
  const slotLabel = useSlotLabel(kind?.fileSlots);

  const rates = useRefundRates();
  const declarations = useDeclarations();
  const debouncedQuery = useDebounced(estimateQuery(values), 400);
  const estimate = useRefundEstimate(debouncedQuery);
  const today = dayjs().format(DATE);
  const suggestions = useMemo(
    () => suggestRates(ratesInForce(rates.data ?? [], values.exportDate || today), values.hsCode ?? ""),
    [rates.data, values.exportDate, values.hsCode, today],
  );

  const save = async (mode: "draft" | "next" | "submit" | "auto"): Promise<{ id: string; data: Data } | null> => {
    const data = refundDraft(stored, fromForm(form.getFieldsValue(true) as FormShape));
    if (mode !== "auto") setSaving(mode);
    try {
      let id = appId;
      let saved: Application<Data>;
      if (!id) {
        saved = await applicationsApi.create<Data>(TAX_REFUND_KIND, data);
        id = saved.documentId;
        setAppId(id);
        onCreated(saved);
      } else {
        saved = await applicationsApi.saveDraft<Data>(id, data);
      }
      const next = saved?.data ?? data;
      setStored(next);
      void refreshTaxRefundList();
      if (mode === "draft") message.success(t("applications.draftSaved"));
      return { id, data: next };
    } catch (error) {
      message.error(toApiError(error).message);
      return null;
    } finally {
      if (mode !== "submit" && mode !== "auto") setSaving(null);
    }
  };

  const goTo = (index: number) => {
    setCurrent(Math.max(0, Math.min(index, REFUND_STEPS.length - 1)));
    window.scrollTo({ top: 0, behavior: "smooth" });
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step], { recursive: true });
    } catch {
      message.warning(t("taxRefund.wizard.fixStep"));
      return;
    }
    if (await save("next")) goTo(current + 1);
  };

  /** The server's `details.missing` on the fields and slots they name; the first one's step opens. */
  const showMissing = (list: MissingField[]) => {
    setMissing(list);
    type Fields = Parameters<typeof form.setFields>[0];
    form.setFields(
      // Server paths ("files.tax_declaration") as antd name paths: typed loosely, they come from the server.
      list.map((m) => ({
        name: namePath(m.field),
        errors: [
          m.reason === "invalid"
            ? m.field.startsWith("files.")
              ? // The server says "<slot>：<problem>"; the slot is right there, the problem is what to tell.
                t("taxRefund.errors.invalidPdf", { problem: m.label.slice(m.label.indexOf("：") + 1) })
              : t("taxRefund.errors.invalid", { label: m.label })
            : t("registration.errors.missingField", { label: m.label }),
        ],
      })) as Fields,
    );
    goTo(firstMissingStep(list));
  };

  const submit = async () => {
    setServerError(null);
    setMissing([]);
    try {
      await form.validateFields(undefined, { recursive: true });
    } catch (error) {
      const first = (error as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name.join(".");
      if (first) goTo(REFUND_STEPS.indexOf(refundStepOf(first)));
      message.warning(t("taxRefund.wizard.fixBeforeSubmit"));
      return;
    }
    const saved = await save("submit");
    if (!saved) return setSaving(null);
    try {
      await applicationsApi.transition(saved.id, "declared");
      message.success(t(resubmit ? "taxRefund.wizard.resubmitted" : "taxRefund.wizard.submitted"));
      onSubmitted(saved.id);
      await refreshTaxRefunds();
    } catch (error) {
      const e = toApiError(error);
      if (e.code === "APPLICATION_INCOMPLETE" && Array.isArray(e.details.missing))
        showMissing(e.details.missing as MissingField[]);
      setServerError(e.message);
    } finally {
      setSaving(null);
    }
  };

  const required = (label: string) => ({
    required: true,
    whitespace: true,
    message: t("registration.errors.required", { label }),
  });
  const amountRule = {
    validator: async (_: unknown, v: string) =>
      !v || isYuanAmount(v) ? undefined : Promise.reject(new Error(t("taxRefund.errors.amount"))),
  };
  const panel = (key: RefundStepKey, children: ReactNode) => (
    <div className="jmt-wizard-panel" hidden={step !== key} data-step={key}>
      {children}
    </div>
  );
  const missingFields = new Set(missing.map((m) => m.field));
  const batchList = declarations.data ?? [];

  const infoStep = (
    <>
      <div className="jmt-step-lead">{t("taxRefund.wizard.lead.info")}</div>
      <Form.Item
        name="enterpriseType"
        label={t("taxRefund.fields.enterpriseType")}
        rules={[{ required: true, message: t("taxRefund.errors.enterpriseType") }]}
      >
        <Radio.Group className="jmt-choice-group" data-testid="refund-enterprise-type">
          {(["trading", "producer"] as const).map((type) => (
            <Radio.Button key={type} value={type} className="jmt-choice" data-testid={`enterprise-${type}`}>
              <span className="jmt-choice-title">{t(`taxRefund.type.${type}.title`)}</span>
              <span className="jmt-choice-desc">{t(`taxRefund.type.${type}.desc`)}</span>
              <span className="jmt-tr-choice-formula">{t(`taxRefund.type.${type}.formula`)}</span>
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <div className="jmt-grid-2">
        <Form.Item
          name="orderAmount"
          label={t("taxRefund.fields.orderAmount")}
          extra={t("taxRefund.hints.orderAmount")}
          normalize={(v: string) => normalizeDecimal(v)}
          rules={[required(t("taxRefund.fields.orderAmount")), amountRule]}
        >
          <Input
            inputMode="decimal"
            suffix={t("taxRefund.yuan")}
            placeholder="86500.00"
            maxLength={16}
            data-testid="refund-order-amount"
          />
        </Form.Item>
        {enterpriseType === "trading" ? (
          <Form.Item
            name="purchaseAmount"
            label={t("taxRefund.fields.purchaseAmount")}
            extra={t("taxRefund.hints.purchaseAmount")}
            normalize={(v: string) => normalizeDecimal(v)}
            rules={[required(t("taxRefund.fields.purchaseAmount")), amountRule]}
          >
            <Input
              inputMode="decimal"
              suffix={t("taxRefund.yuan")}
              placeholder="72000.00"
              maxLength={16}
              data-testid="refund-purchase-amount"
            />
          </Form.Item>
        ) : (
          <div className="jmt-tr-producer-note" data-testid="producer-note">
            {t("taxRefund.hints.producer")}
          </div>
        )}
        <Form.Item
          name="hsCode"
          label={t("taxRefund.fields.hsCode")}
          extra={t("taxRefund.hints.hsCode")}
          normalize={(v: string) => normalizeHsCode(v)}
          validateFirst
          rules={[
            required(t("taxRefund.fields.hsCode")),
            // The code the estimate (and the rate table) reads, as the cms reads it.
            fieldRule(taxRefundContract.estimateQuery.shape.hsCode, { message: t("taxRefund.errors.hsCode") }),
          ]}
        >
          <AutoComplete
            options={suggestions.map((r) => ({
              value: r.hsCode,
              label: (
                <div className="jmt-hs-option" data-testid="hs-option" data-code={r.hsCode}>
                  <span className="jmt-mono">{r.hsCode}</span>
                  <span className="jmt-hs-option-desc">{r.description}</span>
                  <Tag bordered={false} color="orange">
                    {r.rate}%
                  </Tag>
                </div>
              ),
            }))}
            popupMatchSelectWidth={460}
            notFoundContent={rates.isLoading ? t("taxRefund.hints.ratesLoading") : t("taxRefund.hints.noRate")}
          >
            <Input maxLength={14} inputMode="numeric" placeholder="7116200000" data-testid="refund-hs-code" />
          </AutoComplete>
        </Form.Item>
        <Form.Item
          name="exportDate"
          label={t("taxRefund.fields.exportDate")}
          extra={t("taxRefund.hints.exportDate")}
          rules={[{ required: true, message: t("taxRefund.errors.exportDate") }]}
        >
          <DatePicker
            className="jmt-full-width"
            format={DATE}
            disabledDate={(d) => d.isAfter(dayjs().endOf("day"))}
            data-testid="refund-export-date"
          />
        </Form.Item>
        <Form.Item name="invoiceNo" label={t("taxRefund.fields.invoiceNo")} extra={t("taxRefund.hints.invoiceNo")}>
          <Input maxLength={30} data-testid="refund-invoice-no" />
        </Form.Item>
      </div>

      <div className="jmt-form-section">
        <ContainerOutlined /> {t("taxRefund.fields.customsBatches")}
        <Tag bordered={false}>{t("applications.upload.optional")}</Tag>
      </div>
      {declarations.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : declarations.isError ? (
        <Alert
          className="jmt-step-alert"
          type="warning"
          showIcon
          message={t("taxRefund.batches.loadFailed")}
          description={declarations.error?.message}
        />
      ) : batchList.length === 0 ? (
        <Empty
          className="jmt-tr-batches-empty"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          data-testid="batches-empty"
          description={
            <div>
              <div className="jmt-empty-title">{t("taxRefund.batches.emptyTitle")}</div>
              <div className="jmt-muted">{t("taxRefund.batches.emptyDesc")}</div>
              <Link to="/customs">{t("taxRefund.batches.goCustoms")}</Link>
            </div>
          }
        />
      ) : (
        <Form.Item name="customsBatches" extra={t("taxRefund.batches.hint")}>
          <Checkbox.Group className="jmt-tr-batches" data-testid="refund-batches">
            {batchList.map((b) => (
              <Checkbox key={b.id} value={b.id} className="jmt-tr-batch" data-testid="batch-option" data-id={b.id}>
                <span className="jmt-tr-batch-name">{b.name}</span>
                <span className="jmt-muted jmt-mono">{b.number}</span>
                <span className="jmt-muted">{t("taxRefund.batches.released", { count: b.releasedInventories })}</span>
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      <Form.Item name="note" label={t("taxRefund.fields.note")}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={300}
          showCount
          placeholder={t("taxRefund.hints.note")}
          data-testid="refund-note"
        />
      </Form.Item>
    </>
  );

  const documentsStep = (
    <>
      <div className="jmt-step-lead">
        <FilePdfOutlined /> {t("taxRefund.wizard.lead.documents")}
      </div>
      <div className="jmt-fx-slots">
        {TAX_REFUND_FILE_SLOTS.map((slot) => {
          const label = slotLabel(slot);
          const declared = kind?.fileSlots.find((s) => s.key === slot);
          return (
            <Form.Item
              key={slot}
              name={["files", slot]}
              className="jmt-slot-item"
              rules={[{ required: true, message: t("registration.errors.fileRequired", { label }) }]}
            >
              <FileSlotUpload
                slot={{
                  key: slot,
                  label,
                  required: true,
                  hint: declared?.hint || t(`taxRefund.slots.${slot}.hint`),
                  accept: ["application/pdf"],
                }}
                invalid={missingFields.has(`files.${slot}`)}
              />
            </Form.Item>
          );
        })}
      </div>
    </>
  );

  const confirmStep = (
    <>
      <Alert type="info" showIcon className="jmt-step-alert" message={t("taxRefund.wizard.lead.confirm")} />
      {step === "confirm" && (
        <RefundReview
          data={refundDraft(stored, values)}
          estimate={debouncedQuery ? (estimate.data ?? null) : null}
          batches={batchList}
          kindSlots={kind?.fileSlots}
          withFiles
        />
      )}
    </>
  );

  return (
    <div className="jmt-kind-layout">
      <div className="jmt-kind-main">
        <Card className="jmt-panel jmt-wizard" data-testid="refund-wizard" data-current-step={step}>
          <div className="jmt-wizard-head">
            <div>
              <div className="jmt-wizard-title">
                {t(
                  resubmit
                    ? "taxRefund.wizard.fixTitle"
                    : application
                      ? "taxRefund.wizard.editTitle"
                      : "taxRefund.wizard.formTitle",
                )}
                {application?.number && <Tag bordered={false}>{application.number}</Tag>}
              </div>
              <div className="jmt-muted">{t("taxRefund.wizard.subtitle")}</div>
            </div>
            {onCancel && (
              <Button onClick={onCancel} icon={<ArrowLeftOutlined />}>
                {t("taxRefund.wizard.cancel")}
              </Button>
            )}
          </div>
          <Steps
            className="jmt-wizard-steps"
            current={current}
            onChange={goTo}
            size="small"
            items={REFUND_STEPS.map((key, i) => ({
              title: t(`taxRefund.steps.${key}`),
              status: i === current ? "process" : i < current ? "finish" : "wait",
            }))}
            data-testid="wizard-steps"
          />
          {resubmit && (
            <Alert
              className="jmt-wizard-alert"
              type="warning"
              showIcon
              message={t("taxRefund.detail.returnedTitle")}
              description={
                application?.lastNote
                  ? t("applications.reason", { note: application.lastNote })
                  : t("applications.returnedNoReason")
              }
              data-testid="wizard-return-note"
            />
          )}
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
                      <Tag
                        key={m.field}
                        color="error"
                        bordered={false}
                        className="jmt-clickable-row"
                        data-testid="missing-field"
                        data-field={m.field}
                        data-reason={m.reason}
                        onClick={() => goTo(REFUND_STEPS.indexOf(refundStepOf(m.field)))}
                      >
                        {m.label}
                      </Tag>
                    ))}
                  </div>
                ) : undefined
              }
            />
          )}
          <Form<FormShape>
            form={form}
            layout="vertical"
            initialValues={initialValues}
            requiredMark="optional"
            className="jmt-wizard-form"
            scrollToFirstError
            onValuesChange={(changed: Partial<FormShape>) => {
              const touched = Object.keys(changed).flatMap((k) =>
                k === "files" ? Object.keys(changed.files ?? {}).map((slot) => `files.${slot}`) : [k],
              );
              if (touched.length) setMissing((list) => list.filter((m) => !touched.includes(m.field)));
              // A new upload is kept at once: leaving the page does not lose it.
              if (changed.files && appId) void save("auto");
            }}
          >
            {panel("info", infoStep)}
            {panel("documents", documentsStep)}
            {panel("confirm", confirmStep)}
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
                {t(resubmit ? "taxRefund.wizard.resubmit" : "taxRefund.wizard.submit")}
              </Button>
            )}
          </div>
        </Card>
      </div>
      <aside className="jmt-kind-aside">
        <Card className="jmt-panel" size="small" data-testid="wizard-estimate">
          <EstimatePanel query={debouncedQuery} result={estimate} enterpriseType={enterpriseType} rates={rates.data} />
        </Card>
        <Card
          className="jmt-panel jmt-instructions"
          size="small"
          title={<span className="jmt-panel-title">{t("taxRefund.guide.prepareTitle")}</span>}
        >
          <ul className="jmt-instr-list">
            {TAX_REFUND_FILE_SLOTS.map((slot) => (
              <li key={slot} data-uploaded={values.files?.[slot] ? "true" : "false"}>
                {slotLabel(slot)}
              </li>
            ))}
          </ul>
          <p className="jmt-muted jmt-tr-pdf-note">{t("taxRefund.guide.pdfOnly")}</p>
        </Card>
      </aside>
    </div>
  );
}
