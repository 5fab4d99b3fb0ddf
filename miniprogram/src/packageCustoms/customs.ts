import { checkForm, customs } from '@jmt/contracts/forms';
import { format, messages } from '../locales/index';
import { api, ApiClient, ListPage, listQuery, readList } from '../services/api';
import { ProgressStep, toPageUrl } from '../services/applications';
import { ApiError, FieldErrors, formErrors } from '../utils/errors';
import { formatDateTime } from '../utils/format';

// Shared with the other packages; re-exported so the customs pages keep one import.
export { fieldErrors } from '../utils/errors';
export type { FieldErrors } from '../utils/errors';
export { confirmModal } from '../utils/wx-promise';

/**
 * 出口报关 (API_CONTRACT.md "Customs", plugins/customs): the calls and the pure view logic of the three
 * packageCustoms pages. Lives in the subpackage so none of it lands in the main package.
 */

export type Stage = 'orders' | 'inventories' | 'waybill' | 'summary' | 'done';
export type NextAction = 'import' | 'declare-orders' | 'declare-inventories' | 'declare-waybill' | 'declare-summary';
export type SubjectKind = 'order' | 'inventory' | 'waybill' | 'summary' | 'cancellation';
export type Tone = 'default' | 'processing' | 'success' | 'warning' | 'error';

/** A declared record (订单, 清单, 总分单, 汇总, 撤销) as the server presents it. */
export interface CustomsRecord {
  id: string;
  documentId?: string;
  kind?: string;
  status: string;
  statusLabel?: string | null;
  returnStatus?: number | null;
  returnStatusLabel?: string | null;
  returnInfo?: string | null;
  returnAt?: string | null;
  guid?: string | null;
  copNo?: string | null;
  preNo?: string | null;
  invtNo?: string | null;
  sumNo?: string | null;
  orderNo?: string | null;
  logisticsNo?: string | null;
  billNo?: string | null;
  trafName?: string | null;
  voyageNo?: string | null;
  packageCount?: number | null;
  grossWeight?: string | null;
  declaredAt?: string | null;
  createdAt?: string | null;
}

export interface Cancellation extends CustomsRecord {
  invtNo: string;
  reason?: string | null;
  ebcCode?: string | null;
  copName?: string | null;
  withdrawnAt?: string | null;
}

export interface StatusCounts {
  total: number;
  byStatus: Record<string, number>;
}

export interface BatchProgress {
  stage: Stage;
  next: { action: NextAction; label: string; hint: string } | null;
  orders: StatusCounts;
  inventories: StatusCounts;
  waybill: CustomsRecord | null;
  summary: CustomsRecord | null;
  needsSummary: boolean;
}

export interface Batch {
  id: string;
  documentId?: string;
  number: string;
  name: string;
  tradeMode?: string;
  statisticsFlag?: string;
  logisticsCode?: string;
  logisticsName?: string;
  country?: string;
  status?: string;
  note?: string | null;
  createdAt?: string;
  progress: BatchProgress;
}

/** A receipt of the batch (`timeline` of GET /api/customs/batches/:id, newest first). */
export interface ReceiptEvent {
  subjectType: string;
  messageType?: string;
  returnStatus: number;
  returnStatusLabel?: string | null;
  status?: string;
  returnInfo?: string | null;
  at: string;
}

export interface BatchDetail extends Batch {
  imports?: Array<{ importId: string; status: string; fileName: string; total: number; valid: number; errorCount: number; createdAt: string }>;
  timeline?: ReceiptEvent[];
  canWrite?: boolean;
}

export interface CustomsConfig {
  status: 'valid' | 'invalid' | 'unverified' | 'missing' | string;
  dxpId?: string | null;
  ebcCode?: string | null;
  ebcName?: string | null;
  ebpCode?: string | null;
  ebpName?: string | null;
  agentCode?: string | null;
  agentName?: string | null;
  customsCode?: string | null;
  portCode?: string | null;
  appKey?: string | null;
  hasSecret?: boolean;
  verifiedAt?: string | null;
  verifyErrors?: Array<{ field: string; message: string }>;
}

export interface CustomsTodo {
  module: string;
  key: string;
  title: string;
  body?: string;
  action?: string;
  link?: string;
  mpPath?: string;
}

export interface CustomsTodos {
  items: CustomsTodo[];
  counts: { orders: number; lists: number; summaries: number };
}

export interface WaybillForm {
  billNo: string;
  trafName: string;
  voyageNo: string;
}

const enc = encodeURIComponent;
const BASE = '/api/customs';

// ---------------------------------------------------------------- pages (the paths WeChat pushes open)

export const PAGES = {
  index: '/packageCustoms/pages/index/index',
  batch: (id: string) => `/packageCustoms/pages/batch/index?id=${enc(id)}`,
  cancellations: (invtNo?: string) => `/packageCustoms/pages/cancellations/index${invtNo ? `?invtNo=${enc(invtNo)}` : ''}`,
};

// ---------------------------------------------------------------- API

/** C9: crystal-industry hints, edited by staff (GET /api/customs/hints). */
export interface CustomsHint {
  key: string;
  title: string;
  body: string;
  placement?: string | null;
}

export function fetchHints(client: ApiClient = api): Promise<CustomsHint[]> {
  return client.get<{ data?: CustomsHint[] }>(`${BASE}/hints`).then((r) => (r && Array.isArray(r.data) ? r.data : []).filter((h) => h && h.title && h.body));
}

export function fetchConfig(client: ApiClient = api): Promise<CustomsConfig> {
  return client.get<{ data: CustomsConfig }>(`${BASE}/config`).then((r) => r.data);
}

/** GET /api/customs/todos answers `{ data: { items, counts } }` (the contract writes it unwrapped; both are read). */
export function fetchCustomsTodos(client: ApiClient = api): Promise<CustomsTodos> {
  return client.get<{ data?: CustomsTodos } & Partial<CustomsTodos>>(`${BASE}/todos`).then((r) => {
    const body = r && r.data && Array.isArray(r.data.items) ? r.data : (r as Partial<CustomsTodos>);
    return {
      items: (body && Array.isArray(body.items) ? body.items : []) as CustomsTodo[],
      counts: (body && body.counts) || { orders: 0, lists: 0, summaries: 0 },
    };
  });
}

export function listBatches(page = 1, pageSize = 20, client: ApiClient = api): Promise<ListPage<Batch>> {
  return client.get<ListPage<Batch>>(`${BASE}/batches`, { query: listQuery(page, pageSize) }).then((r) => readList(r, page, pageSize));
}

export function getBatch(id: string, client: ApiClient = api): Promise<BatchDetail> {
  return client.get<{ data: BatchDetail }>(`${BASE}/batches/${enc(id)}`).then((r) => r.data);
}

/**
 * The guided step the mini-program may take: 申报电子订单, 申报出口清单, 清单总分单 (with its form),
 * 提交汇总申请单. `import` is PC-only (Excel upload).
 */
export function runNextAction(id: string, action: NextAction, form?: WaybillForm, client: ApiClient = api): Promise<unknown> {
  const path = `${BASE}/batches/${enc(id)}`;
  switch (action) {
    case 'declare-orders':
      return client.post(`${path}/orders/declare`);
    case 'declare-inventories':
      return client.post(`${path}/inventories`);
    case 'declare-waybill':
      return client.post(`${path}/waybill`, {
        billNo: (form && form.billNo.trim()) || '',
        trafName: (form && form.trafName.trim()) || '',
        voyageNo: (form && form.voyageNo.trim()) || '',
      });
    case 'declare-summary':
      return client.post(`${path}/summary`);
    default:
      return Promise.reject(new ApiError(400, 'PC_ONLY', messages().customs.importPc));
  }
}

export function listCancellations(invtNo: string, page = 1, pageSize = 20, client: ApiClient = api): Promise<ListPage<Cancellation>> {
  return client.get<ListPage<Cancellation>>(`${BASE}/cancellations`, { query: listQuery(page, pageSize, {}, { invtNo }) }).then((r) => readList(r, page, pageSize));
}

/** Released inventories without an open cancellation (at most 50), searchable by 清单编号. */
export function listCancellable(invtNo: string, client: ApiClient = api): Promise<CustomsRecord[]> {
  const query: Record<string, string> = {};
  if (invtNo.trim()) query.invtNo = invtNo.trim();
  return client.get<{ data: CustomsRecord[] }>(`${BASE}/cancellable`, { query }).then((r) => r.data || []);
}

export function createCancellation(input: { invtNo: string; reason: string; declare: boolean }, client: ApiClient = api): Promise<Cancellation> {
  const body: Record<string, unknown> = { invtNo: input.invtNo, reason: input.reason.trim() };
  if (input.declare) body.declare = true;
  return client.post<{ data: Cancellation }>(`${BASE}/cancellations`, body).then((r) => r.data);
}

export function declareCancellation(id: string, client: ApiClient = api): Promise<Cancellation> {
  return client.post<{ data: Cancellation }>(`${BASE}/cancellations/${enc(id)}/declare`).then((r) => r.data);
}

export function withdrawCancellation(id: string, client: ApiClient = api): Promise<Cancellation> {
  return client.post<{ data: Cancellation }>(`${BASE}/cancellations/${enc(id)}/withdraw`).then((r) => r.data);
}

// ---------------------------------------------------------------- statuses

/** The success end per record kind (contract: orders stored, inventories released, 总分单/汇总 reviewed, 撤销 approved). */
export const DONE_STATUS: Record<SubjectKind, string> = {
  order: 'stored',
  inventory: 'released',
  waybill: 'reviewed',
  summary: 'reviewed',
  cancellation: 'approved',
};

/** Statuses still waiting for customs, per kind (the server's "pending" sets). */
const IN_FLIGHT: Record<SubjectKind, string[]> = {
  order: ['queued', 'declaring'],
  inventory: ['queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting'],
  waybill: ['queued', 'declaring', 'stored', 'reviewing', 'inspecting'],
  summary: ['queued', 'declaring', 'stored', 'reviewing', 'inspecting'],
  cancellation: ['queued', 'declaring', 'stored', 'reviewing', 'inspecting'],
};

/** Display order of the counts. */
export const STATUS_ORDER = ['draft', 'queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting', 'released', 'approved', 'rejected', 'cancelled', 'withdrawn'];

export function isInFlight(kind: SubjectKind, status: string | null | undefined): boolean {
  return !!status && IN_FLIGHT[kind].indexOf(status) >= 0;
}

/** The Chinese label of a status (撤销申请单 drafts are 暂存). */
export function statusLabel(status: string | null | undefined, kind?: SubjectKind): string {
  if (!status) return '';
  const t = messages().customs;
  if (kind === 'cancellation' && status === 'draft') return t.cancellationDraft;
  return t.status[status] || status;
}

export function statusTone(kind: SubjectKind, status: string | null | undefined): Tone {
  if (!status) return 'default';
  if (status === 'rejected') return 'error';
  if (status === 'inspecting') return 'warning';
  if (status === DONE_STATUS[kind] || (kind === 'inventory' && status === 'released')) return 'success';
  if (isInFlight(kind, status)) return 'processing';
  return 'default';
}

export interface CountRow {
  status: string;
  label: string;
  count: number;
  tone: Tone;
}

/** Counts by status, non-zero ones in display order (unknown statuses last). */
export function countRows(kind: SubjectKind, counts: StatusCounts | null | undefined): CountRow[] {
  const by = (counts && counts.byStatus) || {};
  const keys = Object.keys(by).filter((k) => Number(by[k]) > 0);
  keys.sort((a, b) => {
    const ia = STATUS_ORDER.indexOf(a);
    const ib = STATUS_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  return keys.map((status) => ({ status, label: statusLabel(status, kind), count: Number(by[status]), tone: statusTone(kind, status) }));
}

// ---------------------------------------------------------------- stages

export const STAGES: Stage[] = ['orders', 'inventories', 'waybill', 'summary', 'done'];

/** 电子订单 → 出口清单 → 清单总分单 → 汇总申请单 → 完成; without 汇总申报 (statisticsFlag A) there is no 汇总 step. */
export function stageSteps(needsSummary: boolean): ProgressStep[] {
  const labels = messages().customs.stages;
  return STAGES.filter((s) => needsSummary || s !== 'summary').map((key) => ({ key, label: labels[key] }));
}

/** Whether anything of the batch still waits for a customs receipt (the batch page polls meanwhile). */
export function progressInFlight(p: BatchProgress | null | undefined): boolean {
  if (!p) return false;
  const any = (kind: SubjectKind, counts: StatusCounts | null | undefined) =>
    Object.keys((counts && counts.byStatus) || {}).some((s) => isInFlight(kind, s) && Number(counts!.byStatus[s]) > 0);
  return any('order', p.orders) || any('inventory', p.inventories) || isInFlight('waybill', p.waybill && p.waybill.status) || isInFlight('summary', p.summary && p.summary.status);
}

function rejectedCount(p: BatchProgress): number {
  const o = (p.orders && p.orders.byStatus) || {};
  const i = (p.inventories && p.inventories.byStatus) || {};
  return (Number(o.rejected) || 0) + (Number(i.rejected) || 0);
}

export interface StageView {
  steps: ProgressStep[];
  stage: Stage;
  /** Tag on the progress board: 已完成 / 等待海关回执 / 待您操作 / 有退单待处理 / the stage. */
  statusLabel: string;
  inFlight: boolean;
}

export function stageView(p: BatchProgress): StageView {
  const t = messages().customs;
  const steps = stageSteps(!!p.needsSummary);
  const inFlight = progressInFlight(p);
  let label: string;
  if (p.stage === 'done') label = t.stageStatus.done;
  else if (p.next && p.next.action !== 'import') label = t.stageStatus.action;
  else if (inFlight) label = t.stageStatus.waiting;
  else if (rejectedCount(p) > 0) label = t.stageStatus.attention;
  else label = t.stages[p.stage] || p.stage;
  return { steps, stage: p.stage, statusLabel: label, inFlight };
}

// ---------------------------------------------------------------- next action

/**
 * What the batch page offers for `progress.next`:
 *   pc      — 导入电子订单: Excel stays on the PC (hint only);
 *   button  — 申报电子订单 / 申报出口清单 / 提交汇总申请单: one tap (after a confirm);
 *   waybill — 申报清单总分单: the billNo / trafName / voyageNo form;
 *   waiting — nothing to do, receipts pending; done — all finished; none — nothing offered.
 * `canAct` is false for members (read-only): they see the step, not the button.
 */
export interface NextView {
  mode: 'pc' | 'button' | 'waybill' | 'waiting' | 'done' | 'none';
  action: NextAction | '';
  label: string;
  hint: string;
  canAct: boolean;
}

export function nextView(p: BatchProgress, canWrite: boolean): NextView {
  const t = messages().customs;
  const next = p.next;
  if (!next) {
    if (p.stage === 'done') return { mode: 'done', action: '', label: t.allDone, hint: '', canAct: false };
    if (progressInFlight(p)) return { mode: 'waiting', action: '', label: t.waiting, hint: '', canAct: false };
    return { mode: 'none', action: '', label: t.noNext, hint: '', canAct: false };
  }
  if (next.action === 'import') return { mode: 'pc', action: next.action, label: next.label, hint: t.importPc, canAct: false };
  const mode = next.action === 'declare-waybill' ? 'waybill' : 'button';
  if (['declare-orders', 'declare-inventories', 'declare-waybill', 'declare-summary'].indexOf(next.action) < 0) {
    // An action this build does not know: show it, offer nothing.
    return { mode: 'none', action: '', label: next.label, hint: next.hint || '', canAct: false };
  }
  return { mode, action: next.action, label: next.label, hint: next.hint || '', canAct: !!canWrite };
}

/** The 总分单 form checked by its contract (`waybillInput`: required, lengths, printable ASCII for the numbers). */
export function validateWaybill(form: WaybillForm): FieldErrors {
  return formErrors(checkForm(customs.waybillInput, { billNo: form.billNo, trafName: form.trafName, voyageNo: form.voyageNo }));
}

// ---------------------------------------------------------------- view rows

export interface RecordView {
  status: string;
  statusLabel: string;
  tone: Tone;
  returnStatusLabel: string;
  returnInfo: string;
  billNo: string;
  sumNo: string;
  packageCount: string;
}

export function recordView(kind: SubjectKind, r: CustomsRecord | null | undefined): RecordView | null {
  if (!r) return null;
  return {
    status: r.status,
    statusLabel: statusLabel(r.status, kind),
    tone: statusTone(kind, r.status),
    returnStatusLabel: r.returnStatusLabel || '',
    returnInfo: (r.returnInfo || '').trim(),
    billNo: r.billNo || '',
    sumNo: r.sumNo || '',
    packageCount: r.packageCount === null || r.packageCount === undefined ? '' : String(r.packageCount),
  };
}

/** Rows for app-timeline (`rows`): receipts newest first, "出口清单 · 海关入库", 回执说明, CEB message type. */
export interface ReceiptRow {
  key: string;
  title: string;
  note: string;
  actor: string;
  time: string;
  tone: Tone;
}

export function receiptRows(events: ReceiptEvent[] | null | undefined): ReceiptRow[] {
  const t = messages().customs;
  return (events || []).map((e, index) => {
    const subject = t.subjects[e.subjectType] || e.subjectType || '';
    const label = e.returnStatusLabel || statusLabel(e.status) || String(e.returnStatus);
    const kind = (t.subjects[e.subjectType] ? e.subjectType : 'order') as SubjectKind;
    const tone = e.status ? statusTone(kind, e.status) : 'default';
    return {
      key: `${index}-${e.at}-${e.returnStatus}`,
      title: subject ? `${subject} · ${label}` : label,
      note: (e.returnInfo || '').trim(),
      actor: e.messageType || '',
      time: formatDateTime(e.at),
      tone: tone === 'processing' ? 'default' : tone,
    };
  });
}

export interface BatchRow {
  id: string;
  number: string;
  name: string;
  stageLabel: string;
  statusLabel: string;
  tone: Tone;
  ordersText: string;
  inventoriesText: string;
  orderCounts: CountRow[];
  inventoryCounts: CountRow[];
  nextLabel: string;
  inFlight: boolean;
  page: string;
}

export function batchRows(batches: Batch[] | null | undefined): BatchRow[] {
  const t = messages().customs;
  return (batches || []).map((b) => {
    const p = b.progress;
    const view = stageView(p);
    return {
      id: b.id,
      number: b.number,
      name: b.name,
      stageLabel: t.stages[p.stage] || p.stage,
      statusLabel: view.statusLabel,
      tone: p.stage === 'done' ? 'success' : view.inFlight ? 'processing' : p.next && p.next.action !== 'import' ? 'warning' : 'default',
      ordersText: format(t.countOrders, { total: (p.orders && p.orders.total) || 0 }),
      inventoriesText: format(t.countInventories, { total: (p.inventories && p.inventories.total) || 0 }),
      orderCounts: countRows('order', p.orders),
      inventoryCounts: countRows('inventory', p.inventories),
      nextLabel: p.next ? p.next.label : '',
      inFlight: view.inFlight,
      page: PAGES.batch(b.id),
    };
  });
}

export interface TodoRow {
  key: string;
  title: string;
  body: string;
  page: string;
}

/** Customs to-dos: tap → the item's mpPath (batch or 撤销 page), else the customs home. */
export function todoRows(items: CustomsTodo[] | null | undefined): TodoRow[] {
  return (items || []).map((item, index) => ({
    key: item.key || `todo-${index}`,
    title: item.title,
    body: item.body || '',
    page: toPageUrl(item.mpPath) || PAGES.index,
  }));
}

export interface ConfigView {
  status: string;
  statusLabel: string;
  tone: Tone;
  hint: string;
  rows: Array<{ label: string; value: string }>;
  errors: string[];
}

export function configView(c: CustomsConfig | null | undefined): ConfigView {
  const t = messages().customs.config;
  const status = (c && c.status) || 'missing';
  const tone: Tone = status === 'valid' ? 'success' : status === 'invalid' ? 'error' : 'warning';
  const pair = (name?: string | null, code?: string | null) => [name, code ? `（${code}）` : ''].filter(Boolean).join('');
  const rows =
    !c || status === 'missing'
      ? []
      : [
          { label: t.dxpId, value: c.dxpId || '' },
          { label: t.ebc, value: pair(c.ebcName, c.ebcCode) },
          { label: t.ebp, value: pair(c.ebpName, c.ebpCode) },
          { label: t.agent, value: pair(c.agentName, c.agentCode) },
          { label: t.customsCode, value: c.customsCode || '' },
          { label: t.portCode, value: c.portCode || '' },
          { label: t.appKey, value: c.appKey || '' },
          { label: t.verifiedAt, value: formatDateTime(c.verifiedAt) },
        ].filter((r) => r.value);
  return {
    status,
    statusLabel: t.statuses[status] || status,
    tone,
    hint: t.hints[status] || '',
    rows,
    errors: ((c && c.verifyErrors) || []).map((e) => e.message).filter(Boolean),
  };
}

/** 申报 and 不再撤销 are open for 暂存 (draft) and 退单 (rejected) cancellations only. */
export function canWithdraw(status: string | null | undefined): boolean {
  return status === 'draft' || status === 'rejected';
}

export const canDeclareCancellation = canWithdraw;

export interface CancellationRow {
  id: string;
  invtNo: string;
  reason: string;
  statusLabel: string;
  tone: Tone;
  returnStatusLabel: string;
  returnInfo: string;
  ebc: string;
  guid: string;
  time: string;
  canDeclare: boolean;
  canWithdraw: boolean;
  declareLabel: string;
  inFlight: boolean;
}

/** Rows of the 撤销 list; members (readOnly) get no actions. */
export function cancellationRows(list: Cancellation[] | null | undefined, readOnly: boolean): CancellationRow[] {
  const t = messages().customs.cancel;
  return (list || []).map((c) => ({
    id: c.id || c.documentId || '',
    invtNo: c.invtNo,
    reason: c.reason || '',
    statusLabel: statusLabel(c.status, 'cancellation'),
    tone: c.status === 'withdrawn' ? 'default' : statusTone('cancellation', c.status),
    returnStatusLabel: c.returnStatusLabel || '',
    returnInfo: (c.returnInfo || '').trim(),
    ebc: [c.copName, c.ebcCode ? `（${c.ebcCode}）` : ''].filter(Boolean).join(''),
    guid: c.guid || '',
    time: formatDateTime(c.declaredAt || c.createdAt),
    canDeclare: !readOnly && canDeclareCancellation(c.status),
    canWithdraw: !readOnly && canWithdraw(c.status),
    declareLabel: c.status === 'rejected' ? t.redeclare : t.declare,
    inFlight: isInFlight('cancellation', c.status),
  }));
}

/** A new 撤销申请单 checked by its contract (`cancellationInput`: the picked 清单编号, a reason of at most 500 characters). */
export function validateCancellation(input: { invtNo: string; reason: string }): FieldErrors {
  const errors = formErrors(checkForm(customs.cancellationInput, { invtNo: input.invtNo, reason: input.reason }));
  // 清单编号 is picked from a list on this page, not typed: say so.
  if (!input.invtNo) errors.invtNo = messages().customs.cancel.pickRequired;
  return errors;
}

/** Polls while something is in flight (receipts arrive every few seconds). */
export const POLL_MS = 5000;
