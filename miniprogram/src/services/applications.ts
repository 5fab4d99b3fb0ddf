import { config } from '../config';
import { format, messages } from '../locales/index';
import { ApiError, toApiError, toNetworkError } from '../utils/errors';
import { formatDateTime } from '../utils/format';
import { api, ApiClient, listQuery, LOGIN_PAGE } from './api';
import { clearSession, getToken } from './session';

/**
 * Applications (workflow engine, API_CONTRACT.md "Applications"): 工商注册 R1–R3 and 跨境申报 D1–D6.
 * Plain TS shared by packageRegistration, packageFiling, the home page and the progress/timeline components.
 */

export const REGISTRATION_KIND = 'business-registration';
export const FILING_KINDS = ['customs-registration', 'eport-card', 'dxp-id', 'cloud-signature', 'enterprise-filing'] as const;
/** 出口退税 (plugins/taxrefund): an application kind of its own module. */
export const TAX_REFUND_KIND = 'tax-refund';

export type ApplicationData = Record<string, unknown> & { files?: Record<string, string> };

export interface TimelineEntry {
  from: string | null;
  to: string;
  fromLabel?: string | null;
  toLabel?: string | null;
  note?: string | null;
  actorName?: string | null;
  actorKind?: 'merchant' | 'platform' | 'system' | string;
  createdAt: string;
}

export interface Application {
  id?: number;
  documentId: string;
  number?: string;
  kind: string;
  kindLabel?: string;
  module?: string;
  status: string;
  statusLabel?: string;
  owner?: string;
  data: ApplicationData;
  merchant?: { documentId: string; nameCn: string };
  submittedAt?: string | null;
  lastTransitionAt?: string | null;
  completedAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
  timeline?: TimelineEntry[];
  allowedTransitions?: Array<{ to: string; label: string; by: string; noteRequired: boolean }>;
}

export interface KindDefinition {
  kind: string;
  module: string;
  label: string;
  description?: string;
  order?: number;
  states: Array<{ key: string; label: string; owner: string; terminal: boolean }>;
  /** Progress-board states in order: `{ key, label }` (current cms) or plain keys (older builds). */
  steps: Array<string | { key: string; label: string }>;
  templates?: Array<{ key: string; label: string; format: string }>;
  fileSlots?: Array<{ key: string; label: string; required: boolean; hint?: string | null; when?: When }>;
  /** `path` is the dotted path into `data` (the workflow plugin); `key` in older builds. */
  fields?: KindField[];
  prerequisites?: string[];
}

export interface FieldOption {
  value: string;
  label: string;
}

/** A field of a kind: `when` decides whether it is asked at all (see whenHolds). */
export interface KindField {
  key?: string;
  path?: string;
  label: string;
  required?: boolean;
  hint?: string | null;
  type?: string;
  placeholder?: string | null;
  options?: FieldOption[] | null;
  when?: When;
}

/** One condition of a field/slot: the value at `path` is one of `in`. */
export interface WhenCondition {
  path: string;
  in: unknown[];
}

/** null (always), one condition, or conditions that must all hold. */
export type When = WhenCondition | WhenCondition[] | null | undefined;

/** Whether a field or file slot applies to this data (the server's rule: every condition holds). */
export function whenHolds(when: When, data: unknown): boolean {
  if (!when) return true;
  const conditions = Array.isArray(when) ? when : [when];
  return conditions.every((c) => {
    if (!c || !c.path) return true;
    const value = getPath(data, c.path);
    const text = value === undefined || value === null ? '' : String(value);
    return Array.isArray(c.in) && c.in.some((v) => String(v) === text);
  });
}

/** G9 我的进度 (GET /api/applications/progress): one entry per module. */
export interface ModuleProgress {
  module: string;
  label: string;
  done: number;
  total: number;
  status?: string | null;
  statusLabel?: string | null;
  steps: Array<{ key: string; label: string; done: boolean; state?: string }>;
  next: { label: string; link?: string; mpPath?: string } | null;
  locked?: boolean;
}

export interface ProgressCardModule {
  module: string;
  label: string;
  doneText: string;
  percent: number;
  complete: boolean;
  steps: Array<{ key: string; label: string; done: boolean }>;
  nextLabel: string;
  nextPage: string;
  locked: boolean;
}

export interface GuideStep {
  kind: string;
  label: string;
  order: number;
  state: 'done' | 'in_progress' | 'action_required' | 'pending' | 'locked';
  status: string | null;
  statusLabel: string | null;
  applicationId: string | null;
  recommended: boolean;
}

export interface Guide {
  steps: GuideStep[];
  next: string | null;
  done: number;
  total: number;
}

export interface ApplicationTodo {
  applicationId: string;
  kind: string;
  module: string;
  title: string;
  status: string;
  /** The state's label as the server names it (e.g. 出口退税 `draft` → 填写申请). */
  statusLabel?: string;
  link?: string;
  mpPath?: string;
}

export interface MissingField {
  field: string;
  label: string;
  /** `required` (empty) or `invalid` (e.g. a file that is not a real PDF), when the server says. */
  reason?: string;
}

const enc = encodeURIComponent;

export function getApplication(id: string, client: ApiClient = api): Promise<Application> {
  return client.get<{ data: Application }>(`/api/applications/${enc(id)}`).then((r) => r.data);
}

export function listApplications(kind: string, client: ApiClient = api): Promise<Application[]> {
  return client.get<{ data: Application[] }>('/api/applications', { query: listQuery(1, 20, { kind }) }).then((r) => r.data || []);
}

export function createApplication(kind: string, data: ApplicationData, client: ApiClient = api): Promise<Application> {
  return client.post<{ data: Application }>('/api/applications', { kind, data }).then((r) => r.data);
}

/** Save draft (not validated server-side). */
export function saveDraft(id: string, data: ApplicationData, client: ApiClient = api): Promise<Application> {
  return client.put<{ data: Application }>(`/api/applications/${enc(id)}`, { data }).then((r) => r.data);
}

export function transition(id: string, to: string, note?: string, client: ApiClient = api): Promise<Application> {
  const body: Record<string, string> = { to };
  if (note) body.note = note;
  return client.post<{ data: Application }>(`/api/applications/${enc(id)}/transitions`, body).then((r) => r.data);
}

export function fetchPrefill(kind: string, client: ApiClient = api): Promise<{ data: ApplicationData; sources: Record<string, string> }> {
  return client
    .get<{ data: ApplicationData; meta?: { sources?: Record<string, string> } }>('/api/applications/prefill', { query: { kind } })
    .then((r) => ({ data: r.data || {}, sources: (r.meta && r.meta.sources) || {} }));
}

export function fetchKinds(client: ApiClient = api): Promise<KindDefinition[]> {
  return client.get<{ data: KindDefinition[] }>('/api/applications/kinds').then((r) => r.data || []);
}

export function fetchGuide(client: ApiClient = api): Promise<Guide> {
  return client.get<{ data: Guide }>('/api/applications/guide').then((r) => r.data);
}

export function fetchProgress(client: ApiClient = api): Promise<ModuleProgress[]> {
  return client.get<{ data: ModuleProgress[] }>('/api/applications/progress').then((r) => r.data || []);
}

/** 我的进度 card rows: done/total, bar percent, step marks and where the next step opens. */
export function progressCard(items: ModuleProgress[] | null | undefined): ProgressCardModule[] {
  const t = messages().myProgress;
  return (items || []).map((m) => {
    const total = Math.max(0, Number(m.total) || 0);
    const done = Math.min(total, Math.max(0, Number(m.done) || 0));
    const next = m.next || null;
    return {
      module: m.module,
      label: m.label || (messages().modules[m.module] ? messages().modules[m.module].title : m.module),
      doneText: format(t.doneOf, { done, total }),
      percent: total ? Math.round((100 * done) / total) : 0,
      complete: total > 0 && done >= total,
      steps: (m.steps || []).map((s) => ({ key: s.key, label: s.label, done: !!s.done })),
      nextLabel: next ? next.label : '',
      nextPage: next ? toPageUrl(next.mpPath) : '',
      locked: !!m.locked,
    };
  });
}

export function fetchTodos(client: ApiClient = api): Promise<ApplicationTodo[]> {
  return client.get<{ data: ApplicationTodo[] }>('/api/applications/todos').then((r) => r.data || []);
}

/** The open application of a kind, if any (newest first from the list; a closed one as fallback). */
export async function findApplication(kind: string, client: ApiClient = api): Promise<Application | null> {
  const list = await listApplications(kind, client);
  if (!list.length) return null;
  const open = list.filter((a) => a.status !== 'rejected')[0];
  return open || list[0];
}

/** `APPLICATION_INCOMPLETE` → its `details.missing`, else []. */
export function missingFields(err: unknown): MissingField[] {
  if (!(err instanceof ApiError) || err.code !== 'APPLICATION_INCOMPLETE') return [];
  const missing = err.details && (err.details.missing as unknown);
  if (!Array.isArray(missing)) return [];
  return missing
    .filter((m) => m && typeof m === 'object')
    .map((m) => {
      const item = m as MissingField;
      const out: MissingField = { field: String(item.field || ''), label: String(item.label || item.field || '') };
      if (item.reason) out.reason = String(item.reason);
      return out;
    });
}

/** Mini-program page of an application (contract "Links"). */
export function applicationPage(kind: string, id?: string | null): string {
  if (kind === REGISTRATION_KIND) return `/packageRegistration/pages/index/index${id ? `?id=${enc(id)}` : ''}`;
  // 出口退税: many refunds at once, each with its detail page (written out: main-package code must not require the subpackage).
  if (kind === TAX_REFUND_KIND) return id ? `/packageTaxRefund/pages/detail/index?id=${enc(id)}` : '/packageTaxRefund/pages/index/index';
  return `/packageFiling/pages/detail/index?kind=${enc(kind)}${id ? `&id=${enc(id)}` : ''}`;
}

/** mpPath from the server ("packageFiling/pages/…") → an absolute page url for wx.navigateTo. */
export function toPageUrl(path: string | null | undefined): string {
  if (!path) return '';
  return path.charAt(0) === '/' ? path : `/${path}`;
}

// ---------------------------------------------------------------- progress board + timeline (pure)

export const REGISTRATION_STEPS = ['filling', 'initial_review', 'onsite_check', 'approved'];
export const FILING_STEPS = ['filling', 'submitted', 'processing', 'completed'];
const ERROR_STATES = ['returned', 'rejected'];

export interface ProgressStep {
  key: string;
  label: string;
}

export interface ProgressModel {
  items: Array<{ title: string; description: string }>;
  current: number;
  /** antd-mini Steps status: `error` marks the current step red. */
  status: 'process' | 'finish' | 'error';
  tone: 'processing' | 'success' | 'warning' | 'error';
  errorKind: '' | 'returned' | 'rejected';
  statusLabel: string;
}

/**
 * Where an application stands on its progress board. Returned/rejected put the error on the step it was
 * sent back from (the last timeline entry's `from`; 材料初审 when unknown).
 */
export function progressModel(steps: ProgressStep[], status: string, options: { statusLabel?: string; errorFrom?: string | null } = {}): ProgressModel {
  const t = messages().progress;
  const keys = steps.map((s) => s.key);
  const items = steps.map((s) => ({ title: s.label, description: '' }));
  const last = keys.length - 1;
  if (ERROR_STATES.indexOf(status) >= 0) {
    const from = options.errorFrom ? keys.indexOf(options.errorFrom) : -1;
    const current = from > 0 ? from : Math.min(1, last);
    const errorKind = status as 'returned' | 'rejected';
    return {
      items,
      current,
      status: 'error',
      tone: errorKind === 'returned' ? 'warning' : 'error',
      errorKind,
      statusLabel: options.statusLabel || (errorKind === 'returned' ? t.returned : t.rejected),
    };
  }
  const index = keys.indexOf(status);
  const current = index >= 0 ? index : 0;
  const finished = index === last && last >= 0;
  return {
    items,
    current,
    status: finished ? 'finish' : 'process',
    tone: finished ? 'success' : 'processing',
    errorKind: '',
    statusLabel: options.statusLabel || (steps[current] ? steps[current].label : status),
  };
}

/** Labels of a kind's progress steps, from its kind definition or the built-in ones. */
export function stepsOf(kind: string, definition?: KindDefinition | null): ProgressStep[] {
  const labels = messages().registrationStatus;
  const filingLabels = messages().filingStatus;
  if (definition && definition.steps && definition.steps.length) {
    const byKey: Record<string, string> = {};
    (definition.states || []).forEach((s) => {
      byKey[s.key] = s.label;
    });
    return definition.steps.map((step) => {
      const key = typeof step === 'string' ? step : step.key;
      const given = typeof step === 'string' ? '' : step.label;
      return { key, label: given || byKey[key] || labels[key] || filingLabels[key] || key };
    });
  }
  if (kind === REGISTRATION_KIND) return REGISTRATION_STEPS.map((key) => ({ key, label: labels[key] }));
  return FILING_STEPS.map((key) => ({ key, label: filingLabels[key] }));
}

/** A status key → its Chinese label (工商注册 and 跨境申报 states). */
export function applicationStatusLabel(status: string): string {
  return messages().filingStatus[status] || messages().registrationStatus[status] || status;
}

/** The latest staff note of a returned/rejected application (the reason to show). */
export function lastReason(timeline: TimelineEntry[] | null | undefined, status: string): { reason: string; from: string | null } {
  const list = timeline || [];
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].to === status) return { reason: (list[i].note || '').trim(), from: list[i].from || null };
  }
  return { reason: '', from: null };
}

export interface TimelineItem {
  key: string;
  title: string;
  note: string;
  actor: string;
  time: string;
  tone: 'success' | 'warning' | 'error' | 'default';
}

/** Timeline for display, newest first. */
export function timelineView(timeline: TimelineEntry[] | null | undefined): TimelineItem[] {
  const t = messages().timeline;
  const statusLabels = messages().registrationStatus;
  return (timeline || [])
    .map((e, index) => {
      const toLabel = e.toLabel || statusLabels[e.to] || e.to;
      const title = e.from ? `${e.fromLabel || statusLabels[e.from] || e.from} → ${toLabel}` : `${t.created} · ${toLabel}`;
      const actorKind = t.actors[e.actorKind || ''] || '';
      const actor = [actorKind, e.actorName || ''].filter(Boolean).join(' · ');
      let tone: TimelineItem['tone'] = 'default';
      if (e.to === 'returned') tone = 'warning';
      else if (e.to === 'rejected') tone = 'error';
      else if (e.to === 'approved' || e.to === 'completed' || e.to === 'paid') tone = 'success';
      return { key: `${index}-${e.createdAt}`, title, note: (e.note || '').trim(), actor, time: formatDateTime(e.createdAt), tone };
    })
    .reverse();
}

// ---------------------------------------------------------------- uploads (R2, D-slots)

export interface UploadedFile {
  documentId: string;
  originalName?: string;
  mime?: string;
  size?: number;
}

/** POST /api/private-files (multipart `file` + `category` = the slot key) with the Bearer token. */
export function uploadPrivateFile(filePath: string, category: string): Promise<UploadedFile> {
  const token = getToken();
  const header: Record<string, string> = { Accept: 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${config.apiBaseUrl}/api/private-files`,
      filePath,
      name: 'file',
      formData: { category },
      header,
      timeout: 60000,
      success(res) {
        let body: unknown = res.data;
        if (typeof body === 'string' && body !== '') {
          try {
            body = JSON.parse(body);
          } catch (e) {
            // not JSON
          }
        }
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const data = body && typeof body === 'object' ? (body as { data?: UploadedFile }).data : undefined;
          if (data && data.documentId) resolve(data);
          else reject(toApiError(res.statusCode, body));
          return;
        }
        const error = toApiError(res.statusCode, body);
        if (res.statusCode === 401 && token) {
          clearSession();
          wx.reLaunch({ url: LOGIN_PAGE });
        }
        reject(error);
      },
      fail(err) {
        reject(toNetworkError(err && err.errMsg));
      },
    });
  });
}

/**
 * Opens a private file (GET /api/private-files/:id/download, Bearer token): images in the image viewer, PDFs and
 * other documents with wx.openDocument.
 */
export function openPrivateFile(documentId: string, mime?: string | null): Promise<void> {
  const token = getToken();
  const header: Record<string, string> = {};
  if (token) header.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url: `${config.apiBaseUrl}/api/private-files/${enc(documentId)}/download`,
      header,
      timeout: 60000,
      success(res) {
        if (res.statusCode < 200 || res.statusCode >= 300) {
          reject(toApiError(res.statusCode, null));
          return;
        }
        const done = { success: () => resolve(), fail: (err: { errMsg?: string }) => reject(toNetworkError(err && err.errMsg)) };
        if (/^image\//.test(mime || '')) wx.previewImage({ urls: [res.tempFilePath], ...done });
        else wx.openDocument({ filePath: res.tempFilePath, showMenu: true, ...done });
      },
      fail(err) {
        reject(toNetworkError(err && err.errMsg));
      },
    });
  });
}

// ---------------------------------------------------------------- small data helpers

/** Read a dotted path ("legalPerson.name", "shareholders.0.ratio") from application data. */
export function getPath(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((obj, key) => (obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined), data);
}

/** Immutable set of a dotted path. */
export function setPath<T extends Record<string, unknown>>(data: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const source = (data || {}) as Record<string, unknown>;
  const isIndex = /^\d+$/.test(head);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(source) ? source.slice() : { ...source };
  const next = rest.length ? setPath(((source as Record<string, unknown>)[head] || (/^\d+$/.test(rest[0]) ? [] : {})) as Record<string, unknown>, rest.join('.'), value) : value;
  if (Array.isArray(copy) && isIndex) copy[Number(head)] = next;
  else (copy as Record<string, unknown>)[head] = next;
  return copy as T;
}
