import type {
  FxAccount,
  FxAlert,
  FxAlertDirection,
  FxAlertInput,
  FxCurrency,
  FxEvidenceCategory,
  FxProfile,
  FxRate,
  FxRateHistory,
  FxRatesMeta,
  LedgerEntry,
  SettlementDetail,
  SettlementInput,
  SettlementListItem,
  SettlementStatus,
} from '@jmt/api-types';
import { checkForm, fx } from '@jmt/contracts/forms';
import { format, messages } from '../locales/index';
import { api, ApiClient, ListPage, listQuery, readList } from '../services/api';
import { ProgressStep } from '../services/applications';
import { compare, format as formatAmount, isDecimal, mulFixed } from '@jmt/money';
import { ApiError, FieldErrors, fieldErrors, formErrors } from '../utils/errors';
import { formatDateTime } from '../utils/format';

/**
 * 收结汇 (API_CONTRACT.md "FX", plugins/fx): the calls and the pure view logic of the three packageFx pages
 * (FX home, 快速结汇, 结汇详情). Lives in the subpackage so none of it lands in the main package. Amounts and
 * rates stay decimal strings; only the trend chart turns rates into numbers, to place its bars.
 */

const enc = encodeURIComponent;
const BASE = '/api/fx';

export type Tone = 'default' | 'processing' | 'success' | 'warning' | 'error';

export type Page<T> = ListPage<T>;

// ---------------------------------------------------------------- pages (the paths WeChat pushes open)

export const PAGES = {
  index: (currency?: string) => `/packageFx/pages/index/index${currency ? `?currency=${enc(currency)}` : ''}`,
  settle: '/packageFx/pages/settle/index',
  settlement: (id: string) => `/packageFx/pages/settlement/index?id=${enc(id)}`,
};

/** 我的 is a tab page: reached with wx.switchTab. */
export const MINE_PAGE = '/pages/mine/index';

// ---------------------------------------------------------------- API

export function fetchRates(client: ApiClient = api): Promise<{ rates: FxRate[]; meta: FxRatesMeta }> {
  return client.get<{ data?: FxRate[]; meta?: FxRatesMeta }>(`${BASE}/rates`).then((r) => ({
    rates: (r && Array.isArray(r.data) ? r.data : []) as FxRate[],
    meta: (r && r.meta) || { stale: false, lastFetch: null },
  }));
}

export function fetchRateHistory(currency: string, days: number, client: ApiClient = api): Promise<FxRateHistory> {
  return client.get<{ data: FxRateHistory }>(`${BASE}/rates/history`, { query: { currency, days } }).then((r) => r.data);
}

export function fetchAccount(client: ApiClient = api): Promise<FxAccount> {
  return client.get<{ data: FxAccount }>(`${BASE}/account`).then((r) => r.data);
}

export function fetchLedger(page = 1, pageSize = 20, client: ApiClient = api): Promise<Page<LedgerEntry>> {
  return client.get<ListPage<LedgerEntry>>(`${BASE}/ledger`, { query: listQuery(page, pageSize) }).then((r) => readList(r, page, pageSize));
}

export function listSettlements(page = 1, pageSize = 20, client: ApiClient = api): Promise<Page<SettlementListItem>> {
  return client.get<ListPage<SettlementListItem>>(`${BASE}/settlements`, { query: listQuery(page, pageSize) }).then((r) => readList(r, page, pageSize));
}

export function getSettlement(id: string, client: ApiClient = api): Promise<SettlementDetail> {
  return client.get<{ data: SettlementDetail }>(`${BASE}/settlements/${enc(id)}`).then((r) => r.data);
}

export function createSettlement(input: SettlementInput, client: ApiClient = api): Promise<{ id: string; number: string; status: SettlementStatus }> {
  return client.post<{ data: { id: string; number: string; status: SettlementStatus } }>(`${BASE}/settlements`, input).then((r) => r.data);
}

export function listAlerts(client: ApiClient = api): Promise<FxAlert[]> {
  return client.get<{ data?: FxAlert[] }>(`${BASE}/alerts`).then((r) => (r && Array.isArray(r.data) ? r.data : []));
}

export function createAlert(input: FxAlertInput, client: ApiClient = api): Promise<FxAlert> {
  return client.post<{ data: FxAlert }>(`${BASE}/alerts`, input).then((r) => r.data);
}

export function updateAlert(id: string, patch: Partial<Pick<FxAlert, 'threshold' | 'direction' | 'active'>>, client: ApiClient = api): Promise<FxAlert> {
  return client.put<{ data: FxAlert }>(`${BASE}/alerts/${enc(id)}`, patch).then((r) => r.data);
}

export function deleteAlert(id: string, client: ApiClient = api): Promise<unknown> {
  return client.del(`${BASE}/alerts/${enc(id)}`);
}

// ---------------------------------------------------------------- account (X2)

const PROFILE_KEYS: Array<keyof FxProfile> = ['fxSubAccount', 'settlementCardNo', 'settlementBankName', 'legalPersonName'];

export const usd = (amount: string | null | undefined) => `${messages().fx.usd}${formatAmount(amount)}`;
export const cny = (amount: string | null | undefined) => `${messages().fx.cny}${formatAmount(amount)}`;

function isPositive(value: string | null | undefined): boolean {
  return !!value && isDecimal(value) && compare(value, '0') > 0;
}

/** Labels of the 我的 fields still empty (the server's `missing`, else what is empty). */
export function missingProfileLabels(account: Pick<FxAccount, 'profile'> | null | undefined): string[] {
  const labels = messages().fx.profileFields;
  const profile = account && account.profile;
  if (!profile) return [];
  const missing = Array.isArray(profile.missing) && profile.missing.length ? profile.missing : PROFILE_KEYS.filter((k) => !profile[k]);
  return missing.map((key) => labels[key] || key);
}

export interface AccountView {
  balance: string;
  available: string;
  frozen: string;
  hasFrozen: boolean;
  updatedText: string;
  settlingText: string;
  profileComplete: boolean;
  profileNotice: string;
}

export function accountView(account: FxAccount): AccountView {
  const t = messages().fx.account;
  const updated = formatDateTime(account.updatedAt);
  const missing = missingProfileLabels(account);
  const complete = !!(account.profile && account.profile.complete) && missing.length === 0;
  return {
    balance: usd(account.balance),
    available: usd(account.available),
    frozen: usd(account.frozen),
    hasFrozen: isPositive(account.frozen),
    updatedText: updated ? format(t.updatedAt, { time: updated }) : t.neverUpdated,
    settlingText: account.settling > 0 ? format(t.settling, { count: account.settling }) : '',
    profileComplete: complete,
    profileNotice: complete ? '' : format(t.profileIncomplete, { fields: missing.join('、') }),
  };
}

export interface ProfileRow {
  key: string;
  label: string;
  value: string;
  empty: boolean;
}

/** The read-only merchant fields of a settlement (form: the account's profile; detail: as submitted). */
export function profileRows(profile: Partial<FxProfile> | null | undefined): ProfileRow[] {
  const labels = messages().fx.profileFields;
  const empty = messages().fx.settle.empty;
  return PROFILE_KEYS.map((key) => {
    const value = (profile && profile[key]) || '';
    return { key, label: labels[key], value: value || empty, empty: !value };
  });
}

// ---------------------------------------------------------------- rates (X1)

export type Trend = 'up' | 'down' | 'flat';

export interface RateCard {
  currency: string;
  name: string;
  pair: string;
  rate: string;
  changeText: string;
  trend: Trend;
  stale: boolean;
  selected: boolean;
}

function signed(value: string): string {
  return value.charAt(0) === '-' || value.charAt(0) === '+' ? value : `+${value}`;
}

export function rateTrend(change: string | null | undefined): Trend {
  if (!change || !isDecimal(change.replace(/^\+/, ''))) return 'flat';
  const c = compare(change.replace(/^\+/, ''), '0');
  return c > 0 ? 'up' : c < 0 ? 'down' : 'flat';
}

/** "+0.0123（+0.17%）" — `changePct` is read as a percentage. */
export function changeText(rate: Pick<FxRate, 'change' | 'changePct'>): string {
  if (!rate.change) return '—';
  const trend = rateTrend(rate.change);
  const change = trend === 'flat' ? rate.change.replace(/^[+-]/, '') : signed(rate.change);
  const pct = rate.changePct ? `（${trend === 'flat' ? rate.changePct.replace(/^[+-]/, '') : signed(rate.changePct)}%）` : '';
  return `${change}${pct}`;
}

export function rateCards(rates: FxRate[] | null | undefined, selected: string): RateCard[] {
  return (rates || []).map((r) => ({
    currency: r.currency,
    name: r.name,
    pair: r.pair,
    rate: r.rate,
    changeText: changeText(r),
    trend: rateTrend(r.change),
    stale: !!r.stale,
    selected: r.currency === selected,
  }));
}

/** "2026-11-21 · 中国外汇交易中心" under the board, from the newest rate. */
export function ratesAsOf(rates: FxRate[] | null | undefined): string {
  const list = rates || [];
  if (!list.length) return '';
  const newest = list.reduce((a, b) => (b.date > a.date ? b : a));
  return format(messages().fx.rates.asOf, { date: newest.date, source: newest.sourceLabel || newest.source });
}

/** `?currency=` of the page, if it is one of the board's currencies; else USD (else the first). */
export function pickCurrency(requested: string | null | undefined, rates: FxRate[] | null | undefined): string {
  const list = rates || [];
  const wanted = String(requested || '').toUpperCase();
  if (wanted && (!list.length || list.some((r) => r.currency === wanted))) return wanted;
  if (!list.length || list.some((r) => r.currency === 'USD')) return 'USD';
  return list[0].currency;
}

// ---------------------------------------------------------------- trend (X1)

export const TREND_DAYS = [7, 30, 90];

export interface TrendBar {
  key: string;
  date: string;
  rate: string;
  /** Height in % of the plot, as a string for the style attribute. */
  height: string;
  last: boolean;
}

export interface TrendView {
  bars: TrendBar[];
  high: string;
  low: string;
  first: string;
  last: string;
  trend: Trend;
  startDate: string;
  endDate: string;
}

/**
 * Bars of the trend chart (views, no canvas or chart library): each point's height spans 12–100 % between the
 * lowest and the highest rate of the range. The extremes are picked exactly; only the heights use numbers.
 */
export function trendView(history: Pick<FxRateHistory, 'points'> | null | undefined): TrendView | null {
  const points = ((history && history.points) || []).filter((p) => p && isDecimal(p.rate));
  if (!points.length) return null;
  let high = points[0].rate;
  let low = points[0].rate;
  points.forEach((p) => {
    if (compare(p.rate, high) > 0) high = p.rate;
    if (compare(p.rate, low) < 0) low = p.rate;
  });
  const min = Number(low);
  const span = Number(high) - min;
  const bars = points.map((p, index) => {
    const share = span > 0 ? (Number(p.rate) - min) / span : 0.5;
    return { key: p.date, date: p.date, rate: p.rate, height: (12 + 88 * share).toFixed(1), last: index === points.length - 1 };
  });
  const first = points[0].rate;
  const last = points[points.length - 1].rate;
  const c = compare(last, first);
  return {
    bars,
    high,
    low,
    first,
    last,
    trend: c > 0 ? 'up' : c < 0 ? 'down' : 'flat',
    startDate: points[0].date,
    endDate: points[points.length - 1].date,
  };
}

// ---------------------------------------------------------------- alerts (X1)

export const MAX_ALERTS = 20;

export interface AlertRow {
  id: string;
  label: string;
  active: boolean;
  currentText: string;
  triggeredText: string;
  direction: FxAlertDirection;
}

export function alertLabel(alert: Pick<FxAlert, 'currency' | 'direction' | 'threshold'>, rates: FxRate[] | null | undefined): string {
  const t = messages().fx.alerts;
  const rate = (rates || []).filter((r) => r.currency === alert.currency)[0];
  return format(t.label, { name: rate ? rate.name : alert.currency, direction: t.directions[alert.direction] || alert.direction, threshold: alert.threshold });
}

export function alertRows(alerts: FxAlert[] | null | undefined, rates: FxRate[] | null | undefined): AlertRow[] {
  const t = messages().fx.alerts;
  return (alerts || []).map((a) => {
    const triggered = formatDateTime(a.triggeredAt);
    return {
      id: a.id,
      label: alertLabel(a, rates),
      active: !!a.active,
      currentText: a.currentRate ? format(t.current, { rate: a.currentRate }) : '',
      triggeredText: triggered ? format(t.triggered, { time: triggered }) : '',
      direction: a.direction,
    };
  });
}

export interface AlertForm {
  currency: string;
  direction: FxAlertDirection;
  threshold: string;
}

/** The alert as POST /api/fx/alerts takes it, checked by its contract (`alertInput`: the threshold has its currency's decimals). */
export function validateAlert(form: AlertForm): FieldErrors {
  return formErrors(checkForm(fx.alertInput, alertInput(form)));
}

export function alertInput(form: AlertForm): FxAlertInput {
  return { currency: form.currency as FxCurrency, direction: form.direction, threshold: form.threshold.trim() };
}

// ---------------------------------------------------------------- settlements and ledger (X2–X4)

export function settlementTone(status: string): Tone {
  if (status === 'completed') return 'success';
  if (status === 'rejected') return 'error';
  return 'processing';
}

export function settlementStatusLabel(status: string, given?: string | null): string {
  return given || messages().fx.status[status] || status;
}

export interface SettlementRow {
  id: string;
  number: string;
  statusLabel: string;
  tone: Tone;
  amount: string;
  rateText: string;
  date: string;
  page: string;
}

export function settlementRows(list: SettlementListItem[] | null | undefined): SettlementRow[] {
  const t = messages().fx.settlements;
  return (list || []).map((s) => ({
    id: s.id,
    number: s.number,
    statusLabel: settlementStatusLabel(s.status, s.statusLabel),
    tone: settlementTone(s.status),
    amount: usd(s.amount),
    rateText: format(t.rate, { rate: s.rate }),
    date: s.date,
    page: PAGES.settlement(s.id),
  }));
}

export interface LedgerRow {
  id: string;
  typeLabel: string;
  /** The change shown big: the balance change, or the frozen amount for 冻结/解冻 rows. */
  amount: string;
  tone: 'in' | 'out' | 'frozen';
  balanceText: string;
  availableText: string;
  note: string;
  time: string;
  page: string;
}

/** "+1,000.00" / "-500.00" in dollars. */
function signedUsd(value: string): string {
  const negative = value.charAt(0) === '-';
  return `${negative ? '-' : '+'}${usd(value.replace(/^[+-]/, ''))}`;
}

export function ledgerRows(list: LedgerEntry[] | null | undefined): LedgerRow[] {
  const t = messages().fx.ledger;
  return (list || []).map((e) => {
    const balanceMoves = isDecimal(e.balanceDelta) && compare(e.balanceDelta, '0') !== 0;
    let amount: string;
    let tone: LedgerRow['tone'];
    if (balanceMoves) {
      amount = signedUsd(e.balanceDelta);
      tone = compare(e.balanceDelta, '0') > 0 ? 'in' : 'out';
    } else {
      const frozen = isDecimal(e.frozenDelta) ? e.frozenDelta : '0';
      const freezing = compare(frozen, '0') >= 0;
      amount = format(freezing ? t.frozen : t.unfrozen, { amount: usd(frozen.replace(/^[+-]/, '')) });
      tone = 'frozen';
    }
    return {
      id: e.id,
      typeLabel: e.typeLabel,
      amount,
      tone,
      balanceText: format(t.balanceAfter, { amount: usd(e.balanceAfter) }),
      availableText: format(t.availableAfter, { amount: usd(e.availableAfter) }),
      note: (e.note || '').trim(),
      time: formatDateTime(e.createdAt),
      page: e.settlementId ? PAGES.settlement(e.settlementId) : '',
    };
  });
}

// ---------------------------------------------------------------- 快速结汇 form (X3)

export interface EvidenceSlot {
  key: FxEvidenceCategory;
  label: string;
  hint: string;
}

/** The three evidence uploads, one private file each (category = slot key), in the contract's order. */
export const EVIDENCE_KEYS: FxEvidenceCategory[] = fx.SETTLEMENT_EVIDENCE.map((e) => e.category);

export function evidenceSlots(): EvidenceSlot[] {
  const slots = messages().fx.settle.evidenceSlots;
  return EVIDENCE_KEYS.map((key) => ({ key, label: slots[key].label, hint: slots[key].hint }));
}

export interface SettleForm {
  amount: string;
  date: string;
  rate: string;
  note: string;
  /** category → private-file documentId */
  evidence: Record<string, string>;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Days back the settlement date may go: the contract's window (the server checks it around today, in Beijing time). */
export const SETTLE_DATE_WINDOW_DAYS = fx.SETTLEMENT_DATE_WINDOW_DAYS;

/** The date picker's range: the last 30 days up to today. */
export function settleDateRange(now: Date = new Date()): { start: string; end: string } {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() - SETTLE_DATE_WINDOW_DAYS);
  return { start: ymd(start), end: ymd(now) };
}

/**
 * The form checked by its contract (`settlementInput`: amount, rate, date, note — the server's words), then what the
 * server judges with data the contract cannot see, as the page knows it: the available amount, the date picker's
 * window (the last 30 days), one upload per evidence slot.
 */
export function validateSettlement(form: SettleForm, available: string | null, now: Date = new Date()): FieldErrors {
  const t = messages().fx.settle;
  const checked = fx.checkFields(fx.settlementInput, { amount: form.amount, rate: form.rate, date: form.date, note: form.note });
  const errors = formErrors(checked);
  const amount = checked.value.amount;
  if (amount !== undefined && available !== null && isDecimal(available) && compare(amount, available) > 0) {
    errors.amount = format(t.amountOverAvailable, { available: usd(available) });
  }
  const range = settleDateRange(now);
  if (!errors.date && (form.date < range.start || form.date > range.end)) errors.date = t.dateRequired;
  evidenceSlots().forEach((slot) => {
    if (!form.evidence[slot.key]) errors[`evidence.${slot.key}`] = format(t.evidenceRequired, { label: slot.label });
  });
  return errors;
}

export function settlementInput(form: SettleForm): SettlementInput {
  const input: SettlementInput = {
    amount: form.amount.trim(),
    date: form.date,
    rate: form.rate.trim(),
    evidence: EVIDENCE_KEYS.map((key) => form.evidence[key]),
  };
  const note = form.note.trim();
  if (note) input.note = note;
  return input;
}

/** "预计可结人民币 ¥71,234.00" while the contract takes both amount and rate; '' otherwise. */
export function estimateText(amount: string, rate: string): string {
  const a = fx.settlementInput.shape.amount.safeParse(amount);
  const r = fx.settlementInput.shape.rate.safeParse(rate);
  if (!a.success || !r.success) return '';
  return format(messages().fx.settle.estimate, { amount: cny(mulFixed(a.data, r.data, 2)) });
}

/**
 * A failed submit, in Chinese: INSUFFICIENT_AVAILABLE names the available amount; VALIDATION_FAILED puts the
 * server's messages under their fields (`evidence` under the first slot still empty).
 */
export function settleError(err: unknown, form?: SettleForm): { message: string; errors: FieldErrors; available: string | null } {
  const t = messages().fx.settle;
  const errors = fieldErrors(err);
  if (errors.evidence) {
    const missing = EVIDENCE_KEYS.filter((k) => !(form && form.evidence[k]))[0] || EVIDENCE_KEYS[0];
    errors[`evidence.${missing}`] = errors.evidence;
    delete errors.evidence;
  }
  if (err instanceof ApiError && err.code === 'INSUFFICIENT_AVAILABLE') {
    const available = err.details && err.details.available !== undefined && err.details.available !== null ? String(err.details.available) : null;
    const message = available ? format(t.insufficient, { available: usd(available) }) : err.message;
    return { message, errors: { ...errors, amount: message }, available };
  }
  return { message: err instanceof ApiError ? err.message : messages().errors.unknown, errors, available: null };
}

// ---------------------------------------------------------------- 结汇详情 (X3/X4)

export const SETTLEMENT_STEP_KEYS = ['submitted', 'processing', 'completed'];

export function settlementSteps(): ProgressStep[] {
  const labels = messages().fx.detail.steps;
  return SETTLEMENT_STEP_KEYS.map((key) => ({ key, label: labels[key] }));
}

export interface InfoRow {
  key: string;
  label: string;
  value: string;
}

export interface EvidenceRow {
  id: string;
  label: string;
  name: string;
  size: string;
  mime: string;
  /** PDF / 图片 / 文件, on the file icon. */
  kind: string;
}

export interface TimelineRow {
  key: string;
  title: string;
  note: string;
  actor: string;
  time: string;
  tone: 'success' | 'warning' | 'error' | 'default';
}

export interface SettlementView {
  number: string;
  status: string;
  statusLabel: string;
  tone: Tone;
  amount: string;
  completed: boolean;
  rejected: boolean;
  processing: boolean;
  rejectReason: string;
  result: InfoRow[];
  submitted: InfoRow[];
  profile: ProfileRow[];
  evidence: EvidenceRow[];
  timeline: TimelineRow[];
}

export function fileSize(bytes: number | null | undefined): string {
  const n = Number(bytes) || 0;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

export function settlementView(s: SettlementDetail): SettlementView {
  const t = messages().fx.detail;
  const completed = s.status === 'completed';
  const rejected = s.status === 'rejected';
  const slots = messages().fx.settle.evidenceSlots;
  const submitted: InfoRow[] = [
    { key: 'amount', label: t.amount, value: usd(s.amount) },
    { key: 'date', label: t.date, value: s.date },
    { key: 'rate', label: t.rate, value: s.rate },
    { key: 'note', label: t.note, value: (s.note || '').trim() },
    { key: 'createdAt', label: t.createdAt, value: formatDateTime(s.createdAt) },
    { key: 'completedAt', label: t.completedAt, value: completed ? formatDateTime(s.completedAt) : '' },
  ].filter((r) => r.value);
  const result: InfoRow[] = completed
    ? [
        { key: 'actualRate', label: t.actualRate, value: s.actualRate || '—' },
        { key: 'cnyAmount', label: t.cnyAmount, value: s.cnyAmount ? cny(s.cnyAmount) : '—' },
        { key: 'remainingUsd', label: t.remainingUsd, value: s.remainingUsd ? usd(s.remainingUsd) : '—' },
      ]
    : [];
  const timeline = (s.timeline || [])
    .map((e, index) => ({
      key: `${index}-${e.at}`,
      title: e.label || settlementStatusLabel(e.status),
      note: (e.note || '').trim(),
      actor: e.actorName || '',
      time: formatDateTime(e.at),
      tone: (e.status === 'completed' ? 'success' : e.status === 'rejected' ? 'error' : 'default') as TimelineRow['tone'],
    }))
    .reverse();
  return {
    number: s.number,
    status: s.status,
    statusLabel: settlementStatusLabel(s.status, s.statusLabel),
    tone: settlementTone(s.status),
    amount: usd(s.amount),
    completed,
    rejected,
    processing: s.status === 'processing',
    rejectReason: (s.rejectReason || '').trim(),
    result,
    submitted,
    profile: profileRows(s.profile),
    evidence: (s.evidence || []).map((e) => ({
      id: e.id,
      label: e.label || (slots[e.category] && slots[e.category].label) || e.category,
      name: e.originalName || '',
      size: fileSize(e.size),
      mime: e.mime || '',
      kind: t.fileKinds[e.mime === 'application/pdf' ? 'pdf' : /^image\//.test(e.mime || '') ? 'image' : 'other'],
    })),
    timeline,
  };
}
