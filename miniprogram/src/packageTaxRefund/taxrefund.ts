import type {
  EnterpriseType,
  LinkedBatch,
  Pagination,
  RefundEstimate,
  TAX_REFUND_STEPS,
  TaxRefundData,
  TaxRefundDetail,
  TaxRefundFileSlot,
  TaxRefundListItem,
} from '@jmt/api-types';
import { checkForm, firstProblem, fx, taxrefund } from '@jmt/contracts/forms';
import { format, messages } from '../locales/index';
import { api, ApiClient, listQuery } from '../services/api';
import { ApplicationData, createApplication, KindDefinition, lastReason, missingFields, ProgressStep, saveDraft, TAX_REFUND_KIND, transition } from '../services/applications';
import { fetchMe } from '../services/me';
import { getRole } from '../services/session';
import { compare, format as formatAmount, isDecimal, isDecimalInput, sum } from '@jmt/money';
import { ApiError, errorMessage, FieldErrors, fieldErrors } from '../utils/errors';
import { formatDateTime } from '../utils/format';

/**
 * 出口退税 (API_CONTRACT.md "Tax refund", plugins/taxrefund): the calls and the pure view logic of the three
 * packageTaxRefund pages (退税列表, 新建/修改申请, 退税详情). A refund is a workflow application of kind
 * `tax-refund`: created, saved and submitted with the /api/applications endpoints, read with /api/tax-refund.
 * Lives in the subpackage so none of it lands in the main package. Amounts stay decimal strings throughout.
 */

const enc = encodeURIComponent;
const BASE = '/api/tax-refund';

export { TAX_REFUND_KIND };

export type Tone = 'default' | 'processing' | 'success' | 'warning' | 'error';
type StepKey = (typeof TAX_REFUND_STEPS)[number];

/** A list item of GET /api/tax-refund/applications, and the detail of GET /api/tax-refund/applications/:id. */
export type RefundItem = TaxRefundListItem<TaxRefundData>;
export type RefundDetail = TaxRefundDetail<TaxRefundData>;

// ---------------------------------------------------------------- pages (the detail is what WeChat pushes open)

export const PAGES = {
  index: '/packageTaxRefund/pages/index/index',
  apply: (id?: string | null) => `/packageTaxRefund/pages/apply/index${id ? `?id=${enc(id)}` : ''}`,
  detail: (id: string) => `/packageTaxRefund/pages/detail/index?id=${enc(id)}`,
};

// ---------------------------------------------------------------- API

/** Page size of the list sweep (the server's maximum) and how many pages the summary may read. */
export const LIST_PAGE_SIZE = 100;
export const LIST_MAX_PAGES = 10;

export function listRefunds(page = 1, pageSize = LIST_PAGE_SIZE, client: ApiClient = api): Promise<{ data: RefundItem[]; pagination: Pagination }> {
  return client.get<{ data?: RefundItem[]; meta?: { pagination?: Pagination } }>(`${BASE}/applications`, { query: listQuery(page, pageSize) }).then((r) => {
    const data = r && Array.isArray(r.data) ? r.data : [];
    const given = r && r.meta && r.meta.pagination;
    return { data, pagination: given || { page, pageSize, pageCount: 1, total: data.length } };
  });
}

/**
 * Every refund of the merchant, newest first: the summary (到账 total, 办理中) needs them all and the contract has
 * no totals endpoint. A few pages of 100 cover a small exporter for years; past LIST_MAX_PAGES it says so.
 */
export async function listAllRefunds(client: ApiClient = api): Promise<{ items: RefundItem[]; total: number; truncated: boolean }> {
  const first = await listRefunds(1, LIST_PAGE_SIZE, client);
  const pageCount = Math.max(1, first.pagination.pageCount || 1);
  const last = Math.min(pageCount, LIST_MAX_PAGES);
  const rest: Array<Promise<{ data: RefundItem[] }>> = [];
  for (let page = 2; page <= last; page++) rest.push(listRefunds(page, LIST_PAGE_SIZE, client));
  const items = first.data.concat(...(await Promise.all(rest)).map((r) => r.data));
  // A refund updated between two page reads may show up twice.
  const seen: Record<string, boolean> = {};
  const unique = items.filter((a) => (seen[a.documentId] ? false : (seen[a.documentId] = true)));
  return { items: unique, total: first.pagination.total || unique.length, truncated: pageCount > LIST_MAX_PAGES };
}

export function getRefund(id: string, client: ApiClient = api): Promise<RefundDetail> {
  return client.get<{ data: RefundDetail }>(`${BASE}/applications/${enc(id)}`).then((r) => r.data);
}

export interface EstimateQuery {
  hsCode: string;
  enterpriseType: EnterpriseType;
  purchaseAmount?: string;
  orderAmount?: string;
  date?: string;
}

export function fetchEstimate(query: EstimateQuery, client: ApiClient = api): Promise<RefundEstimate> {
  return client.get<{ data: RefundEstimate }>(`${BASE}/estimate`, { query: { ...query } }).then((r) => r.data);
}

/** The merchant's customs batches with released 清单, for linking ([] when there are none or on failure). */
export function fetchDeclarations(client: ApiClient = api): Promise<LinkedBatch[]> {
  return client.get<{ data?: LinkedBatch[] }>(`${BASE}/declarations`).then(
    (r) => (r && Array.isArray(r.data) ? r.data : []),
    () => [],
  );
}

/** A new refund draft (many may be open at once) → its id. */
export function createRefund(form: RefundForm, client: ApiClient = api): Promise<string> {
  return createApplication(TAX_REFUND_KIND, refundData(form), client).then((a) => a.documentId);
}

export function saveRefund(id: string, form: RefundForm, client: ApiClient = api): Promise<unknown> {
  return saveDraft(id, refundData(form), client);
}

/** 提交申报 (draft → declared) and 重新提交 (returned → declared): the server validates here. */
export function submitRefund(id: string, client: ApiClient = api): Promise<unknown> {
  return transition(id, 'declared', undefined, client);
}

/** Merchant admins create and edit refunds; members only look. Offline, the role last seen decides. */
export function loadCanWrite(client: ApiClient = api): Promise<boolean> {
  return fetchMe(client).then(
    (me) => !!me && me.role === 'admin',
    () => getRole() === 'admin',
  );
}

// ---------------------------------------------------------------- money and labels

export const cny = (amount: string | null | undefined) => `${messages().taxRefund.cny}${formatAmount(amount)}`;

export function statusLabel(status: string, given?: string | null): string {
  return given || messages().taxRefund.status[status] || status;
}

export function refundTone(status: string): Tone {
  if (status === 'paid') return 'success';
  if (status === 'rejected') return 'error';
  if (status === 'returned') return 'warning';
  if (status === 'draft') return 'default';
  return 'processing';
}

const IN_FLIGHT = ['declared', 'reviewing', 'treasury'];
const ACTION_NEEDED = ['draft', 'returned'];

/** 申报 → 审核 → 退库 → 到账 for app-progress. */
export function refundSteps(): ProgressStep[] {
  const labels = messages().taxRefund.steps;
  const keys: StepKey[] = ['declared', 'reviewing', 'treasury', 'paid'];
  return keys.map((key) => ({ key, label: labels[key] }));
}

// ---------------------------------------------------------------- 退税列表 (T1/T2)

export type RefundFilter = 'all' | 'active' | 'todo' | 'done';
export const FILTER_KEYS: RefundFilter[] = ['all', 'active', 'todo', 'done'];

const FILTER_STATUSES: Record<RefundFilter, string[] | null> = {
  all: null,
  active: IN_FLIGHT,
  todo: ACTION_NEEDED,
  done: ['paid', 'rejected'],
};

export interface RefundRow {
  id: string;
  number: string;
  status: string;
  statusLabel: string;
  tone: Tone;
  orderText: string;
  estimateText: string;
  /** false: no estimate yet (no HS code, or no rate for it): shown muted. */
  estimated: boolean;
  refundedText: string;
  hsText: string;
  exportDate: string;
  updatedText: string;
  /** Under the row: a draft's call to action or the staff's reason of a return. */
  hint: string;
  /** Drafts open the form, the others their detail. */
  page: string;
}

export function refundRows(items: RefundItem[] | null | undefined): RefundRow[] {
  const t = messages().taxRefund.index;
  return (items || []).map((a) => {
    const d = (a.data || {}) as Partial<TaxRefundData>;
    const updated = formatDateTime(a.lastTransitionAt || a.updatedAt);
    let hint = '';
    if (a.status === 'draft') hint = t.draftHint;
    else if (a.status === 'returned' && a.lastNote) hint = format(t.returnedHint, { note: a.lastNote.trim() });
    return {
      id: a.documentId,
      number: a.number || '',
      status: a.status,
      statusLabel: statusLabel(a.status, a.statusLabel),
      tone: refundTone(a.status),
      orderText: format(t.orderAmount, { amount: d.orderAmount ? cny(d.orderAmount) : '—' }),
      estimateText: a.estimate ? format(t.estimate, { amount: cny(a.estimate.estimate) }) : t.noEstimate,
      estimated: !!a.estimate,
      refundedText: a.refundedAmount ? format(t.refunded, { amount: cny(a.refundedAmount) }) : '',
      hsText: d.hsCode ? format(t.hsCode, { code: d.hsCode }) : '',
      exportDate: d.exportDate || '',
      updatedText: updated ? format(t.updatedAt, { time: updated }) : '',
      hint,
      page: a.status === 'draft' ? PAGES.apply(a.documentId) : PAGES.detail(a.documentId),
    };
  });
}

export function filterRows(rows: RefundRow[], filter: RefundFilter): RefundRow[] {
  const statuses = FILTER_STATUSES[filter];
  return statuses ? rows.filter((r) => statuses.indexOf(r.status) >= 0) : rows;
}

export interface FilterTab {
  key: RefundFilter;
  label: string;
  count: number;
}

export function filterTabs(rows: RefundRow[]): FilterTab[] {
  const labels = messages().taxRefund.index.filters;
  return FILTER_KEYS.map((key) => ({ key, label: labels[key], count: filterRows(rows, key).length }));
}

export interface RefundSummary {
  /** ¥ total refunded (到账), summed exactly from the return messages' amounts. */
  paidTotal: string;
  paidText: string;
  /** Paid refunds whose amount no return message has confirmed yet. */
  paidMissingText: string;
  inFlightCount: number;
  inFlightEstimate: string;
  actionCount: number;
  truncatedText: string;
}

export function refundSummary(items: RefundItem[] | null | undefined, truncatedAt = 0): RefundSummary {
  const t = messages().taxRefund.index;
  const list = items || [];
  const paid = list.filter((a) => a.status === 'paid');
  const withAmount = paid.filter((a) => isDecimal(a.refundedAmount));
  const inFlight = list.filter((a) => IN_FLIGHT.indexOf(a.status) >= 0);
  return {
    paidTotal: cny(
      sum(
        withAmount.map((a) => a.refundedAmount),
        2,
      ),
    ),
    paidText: paid.length ? format(t.paidCount, { count: paid.length }) : t.paidNone,
    paidMissingText: paid.length > withAmount.length ? format(t.paidMissing, { count: paid.length - withAmount.length }) : '',
    inFlightCount: inFlight.length,
    inFlightEstimate: cny(
      sum(
        inFlight.map((a) => (a.estimate ? a.estimate.estimate : null)),
        2,
      ),
    ),
    actionCount: list.filter((a) => ACTION_NEEDED.indexOf(a.status) >= 0).length,
    truncatedText: truncatedAt ? format(t.truncated, { count: truncatedAt }) : '',
  };
}

// ---------------------------------------------------------------- 新建/修改申请 (T1, T4)

export const FILE_SLOT_KEYS: TaxRefundFileSlot[] = ['tax_declaration', 'tax_purchase_invoice', 'tax_sales_invoice'];

export interface RefundSlot {
  key: string;
  label: string;
  hint: string;
  required: boolean;
}

/** The three PDF slots: labels and hints from the kind definition (the server's), else the built-in ones. */
export function fileSlots(def?: KindDefinition | null): RefundSlot[] {
  const fallback = messages().taxRefund.apply.fileSlots;
  const given = (def && def.fileSlots) || [];
  return FILE_SLOT_KEYS.map((key) => {
    const slot = given.filter((s) => s.key === key)[0];
    return {
      key,
      label: (slot && slot.label) || fallback[key].label,
      hint: (slot && slot.hint) || fallback[key].hint,
      required: slot ? !!slot.required : true,
    };
  });
}

export interface RefundForm {
  enterpriseType: EnterpriseType | '';
  orderAmount: string;
  purchaseAmount: string;
  hsCode: string;
  exportDate: string;
  invoiceNo: string;
  note: string;
  customsBatches: string[];
  /** slot key → private-file documentId */
  files: Record<string, string>;
}

/** Most Donghai crystal exporters buy from workshops and export: 外贸企业 is the usual choice. */
export function emptyForm(): RefundForm {
  return { enterpriseType: 'trading', orderAmount: '', purchaseAmount: '', hsCode: '', exportDate: '', invoiceNo: '', note: '', customsBatches: [], files: {} };
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function formFromData(data: Partial<TaxRefundData> | null | undefined): RefundForm {
  const d = data || {};
  const files: Record<string, string> = {};
  FILE_SLOT_KEYS.forEach((key) => {
    const id = d.files && d.files[key];
    if (id) files[key] = id;
  });
  return {
    enterpriseType: d.enterpriseType === 'producer' || d.enterpriseType === 'trading' ? d.enterpriseType : '',
    orderAmount: text(d.orderAmount),
    purchaseAmount: text(d.purchaseAmount),
    hsCode: text(d.hsCode),
    exportDate: text(d.exportDate),
    invoiceNo: text(d.invoiceNo),
    note: text(d.note),
    customsBatches: Array.isArray(d.customsBatches) ? d.customsBatches.filter((x) => typeof x === 'string') : [],
    files,
  };
}

/** "7116 20 00.00" → "7116200000": the server reads HS codes without spaces and dots too. */
export function normalizeHsCode(value: string): string {
  return String(value || '').replace(/[\s.]/g, '');
}

/**
 * The application's `data` (TaxRefundData): trimmed, empty optional values left out, and no 进项金额 for a
 * 生产企业 (its refund is figured on the FOB amount; the form keeps what was typed in case the type changes back).
 */
export function refundData(form: RefundForm): ApplicationData {
  const data: ApplicationData = {};
  const put = (key: string, value: string) => {
    if (value) data[key] = value;
  };
  put('enterpriseType', form.enterpriseType);
  put('orderAmount', form.orderAmount.trim());
  if (form.enterpriseType !== 'producer') put('purchaseAmount', form.purchaseAmount.trim());
  put('hsCode', normalizeHsCode(form.hsCode));
  put('exportDate', form.exportDate);
  put('invoiceNo', form.invoiceNo.trim());
  put('note', form.note.trim());
  if (form.customsBatches.length) data.customsBatches = form.customsBatches.slice();
  const files: Record<string, string> = {};
  FILE_SLOT_KEYS.forEach((key) => {
    if (form.files[key]) files[key] = form.files[key];
  });
  data.files = files;
  return data;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
export const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The export-date picker: three years back up to today (no future exports; the server checks the same). */
export function exportDateRange(now: Date = new Date()): { start: string; end: string } {
  return { start: ymd(new Date(now.getFullYear() - 3, now.getMonth(), now.getDate())), end: ymd(now) };
}

const isPositiveAmount = (value: string) => isDecimalInput(value, 2) && compare(value, '0') > 0;

/** The checks the server makes on submission, in Chinese under each field (keys = the server's field paths). */
export function validateRefund(form: RefundForm, slots: RefundSlot[] = fileSlots(), now: Date = new Date()): FieldErrors {
  const t = messages().taxRefund.apply;
  const errors: FieldErrors = {};
  if (!form.enterpriseType) errors.enterpriseType = format(t.amountRequired, { label: t.stepType });
  const order = form.orderAmount.trim();
  if (!order) errors.orderAmount = format(t.amountRequired, { label: t.orderAmount });
  else if (!isPositiveAmount(order)) errors.orderAmount = t.amountInvalid;
  if (form.enterpriseType !== 'producer') {
    const purchase = form.purchaseAmount.trim();
    if (!purchase) errors.purchaseAmount = format(t.amountRequired, { label: t.purchaseAmount });
    else if (!isPositiveAmount(purchase)) errors.purchaseAmount = t.amountInvalid;
  }
  const hs = normalizeHsCode(form.hsCode);
  // The HS code's rule is the estimate's contract (GET /tax-refund/estimate): submitting estimates the refund too.
  const hsProblem = hs ? firstProblem(taxrefund.estimateQuery.shape.hsCode, hs) : t.hsCodeRequired;
  if (hsProblem) errors.hsCode = hsProblem;
  if (!form.exportDate || form.exportDate > exportDateRange(now).end) errors.exportDate = t.exportDateChoose;
  slots.forEach((slot) => {
    if (slot.required && !form.files[slot.key]) errors[`files.${slot.key}`] = format(t.fileRequired, { label: slot.label });
  });
  if (form.note.length > 500) errors.note = t.noteTooLong;
  return errors;
}

/** The form waits this long after the last keystroke before asking for an estimate. */
export const ESTIMATE_DELAY_MS = 400;

/**
 * What the estimate needs — the HS code without spaces and dots, the amount of the enterprise's kind, the export
 * date — once its contract (`estimateQuery`) takes it, or null while the server would refuse it (no request then).
 */
export function estimateQuery(form: RefundForm): EstimateQuery | null {
  // Not picked yet: the contract would take the default (外贸企业); the form waits for the choice.
  if (!form.enterpriseType) return null;
  const producer = form.enterpriseType === 'producer';
  const amount = (producer ? form.orderAmount : form.purchaseAmount).trim();
  // Nothing that reads as a number yet ("", "abc", by the contracts' own reading): nothing to estimate.
  if (typeof fx.readDecimal(amount) === 'string') return null;
  const query: EstimateQuery = { hsCode: normalizeHsCode(form.hsCode), enterpriseType: form.enterpriseType };
  if (producer) query.orderAmount = amount;
  else query.purchaseAmount = amount;
  if (form.exportDate) query.date = form.exportDate;
  return checkForm(taxrefund.estimateQuery, query).ok ? query : null;
}

/** Same query → same answer: the page skips a request when nothing that matters changed. */
export function estimateKey(query: EstimateQuery | null): string {
  if (!query) return '';
  return [query.enterpriseType, query.hsCode, query.purchaseAmount || '', query.orderAmount || '', query.date || ''].join('|');
}

export interface EstimateView {
  amount: string;
  rateText: string;
  matchedText: string;
  basisText: string;
  formula: string;
}

export function estimateView(e: RefundEstimate | null | undefined): EstimateView | null {
  if (!e) return null;
  const t = messages().taxRefund.apply;
  return {
    amount: cny(e.estimate),
    rateText: format(t.estimateRate, { rate: e.rate }),
    matchedText: format(t.estimateMatched, { code: e.matchedCode, description: e.description || '' }).trim(),
    basisText: t.estimateBasis[e.basis] || '',
    formula: e.formula || '',
  };
}

/** An estimate that failed, in Chinese: the server's own sentence for the field when it gave one. */
export function estimateError(err: unknown): string {
  const fields = fieldErrors(err);
  const first = fields.hsCode || fields.purchaseAmount || fields.orderAmount || fields.date || fields.enterpriseType;
  return first || errorMessage(err);
}

export interface SubmitFailure {
  message: string;
  /** field path → message, for the fields on the form. */
  errors: FieldErrors;
  /** APPLICATION_INCOMPLETE items, listed at the top of the form. */
  missing: Array<{ field: string; text: string }>;
}

/** A failed save/submit: APPLICATION_INCOMPLETE and VALIDATION_FAILED go onto their fields. */
export function submitFailure(err: unknown): SubmitFailure {
  const t = messages().taxRefund.apply;
  const errors = fieldErrors(err);
  const missing = missingFields(err).map((m) => ({
    field: m.field,
    text: m.reason === 'invalid' ? m.label : format(t.missingRequired, { label: m.label }),
  }));
  missing.forEach((m) => {
    errors[m.field] = m.text;
  });
  return { message: err instanceof ApiError ? err.message : errorMessage(err), errors, missing };
}

export interface BatchOption {
  id: string;
  title: string;
  sub: string;
  selected: boolean;
}

export function batchOptions(batches: LinkedBatch[] | null | undefined, selected: string[]): BatchOption[] {
  const t = messages().taxRefund.apply;
  return (batches || []).map((b) => ({
    id: b.id,
    title: [b.number, b.name].filter(Boolean).join(' · '),
    sub: format(t.batchReleased, { count: b.releasedInventories }),
    selected: selected.indexOf(b.id) >= 0,
  }));
}

// ---------------------------------------------------------------- 退税详情 (T2, the page WeChat pushes open)

export interface InfoRow {
  key: string;
  label: string;
  value: string;
}

export interface ReturnRow {
  key: string;
  date: string;
  statusLabel: string;
  tone: Tone;
  amountText: string;
  message: string;
}

export interface FileRow {
  key: string;
  label: string;
  documentId: string;
}

export interface RefundDetailView {
  id: string;
  number: string;
  status: string;
  statusLabel: string;
  tone: Tone;
  draft: boolean;
  returned: boolean;
  rejected: boolean;
  paid: boolean;
  /** 申报 / 审核 / 退库: waiting on the platform and the tax authority. */
  waiting: boolean;
  /** The merchant may edit it now (draft, returned). */
  editable: boolean;
  /** The staff note of a return or rejection. */
  reason: string;
  headLabel: string;
  headAmount: string;
  estimate: EstimateView | null;
  refundedText: string;
  returns: ReturnRow[];
  info: InfoRow[];
  batches: Array<{ id: string; title: string; sub: string }>;
  files: FileRow[];
}

export function refundDetailView(r: RefundDetail): RefundDetailView {
  const t = messages().taxRefund.detail;
  const f = t.fields;
  const d = (r.data || {}) as Partial<TaxRefundData>;
  const status = r.status;
  const paid = status === 'paid';
  const reason = (r.lastNote || '').trim() || lastReason(r.timeline, status).reason;
  const typeLabel = d.enterpriseType ? messages().taxRefund.enterpriseTypes[d.enterpriseType] || d.enterpriseType : '';
  const info: InfoRow[] = [
    { key: 'enterpriseType', label: f.enterpriseType, value: typeLabel },
    { key: 'orderAmount', label: f.orderAmount, value: d.orderAmount ? cny(d.orderAmount) : '' },
    { key: 'purchaseAmount', label: f.purchaseAmount, value: d.enterpriseType !== 'producer' && d.purchaseAmount ? cny(d.purchaseAmount) : '' },
    { key: 'hsCode', label: f.hsCode, value: d.hsCode || '' },
    { key: 'exportDate', label: f.exportDate, value: d.exportDate || '' },
    { key: 'invoiceNo', label: f.invoiceNo, value: d.invoiceNo || '' },
    { key: 'note', label: f.note, value: (d.note || '').trim() },
    { key: 'submittedAt', label: f.submittedAt, value: formatDateTime(r.submittedAt) },
    { key: 'completedAt', label: f.completedAt, value: formatDateTime(r.completedAt) },
  ].filter((row) => row.value);
  const refunded = isDecimal(r.refundedAmount) ? cny(r.refundedAmount) : '';
  const estimate = estimateView(r.estimate);
  const files = d.files || {};
  return {
    id: r.documentId,
    number: r.number || '',
    status,
    statusLabel: statusLabel(status, r.statusLabel),
    tone: refundTone(status),
    draft: status === 'draft',
    returned: status === 'returned',
    rejected: status === 'rejected',
    paid,
    waiting: IN_FLIGHT.indexOf(status) >= 0,
    editable: !!r.editable,
    reason,
    headLabel: paid && refunded ? t.refunded : t.estimate,
    headAmount: paid && refunded ? refunded : estimate ? estimate.amount : '—',
    estimate,
    refundedText: refunded,
    returns: (r.returns || [])
      .map((x, index) => ({
        key: `${index}-${x.date}`,
        date: x.date,
        statusLabel: statusLabel(x.status, x.statusLabel),
        tone: refundTone(x.status),
        amountText: x.amount ? format(t.returnAmount, { amount: cny(x.amount) }) : '',
        message: (x.message || '').trim(),
      }))
      .reverse(),
    info,
    batches: (r.batches || []).map((b) => ({
      id: b.id,
      title: [b.number, b.name].filter(Boolean).join(' · '),
      sub: format(messages().taxRefund.apply.batchReleased, { count: b.releasedInventories }),
    })),
    files: fileSlots().map((slot) => ({ key: slot.key, label: slot.label, documentId: files[slot.key as TaxRefundFileSlot] || '' })),
  };
}
