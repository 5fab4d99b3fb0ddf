/**
 * 收结汇 (X1–X4, plugins/fx): `/api/fx/*` — the rate board and its history, staff-entered rates, rate alerts, the
 * USD sub-account and its ledger, the bank's balance uploads, settlement requests and their processing.
 *
 * Money is exact (ARCHITECTURE principle 7): amounts and rates travel as decimal strings and are read here without
 * ever becoming binary floats; what a body parses to is a plain decimal string with the scale the platform stores
 * ("3000.00", "7.1234"). Checks that need the database or today's date stay with the service: a settlement's
 * evidence files (the caller's own uploads of the three kinds), its date window, an alert's stored currency.
 */
import * as z from 'zod/mini';
import { dataOf, listOf, listQuery, maybe, timestamp } from './common';
import { checked, idParams, text } from './fields';
import { routes } from './route';

// ── exact decimals ───────────────────────────────────────────────────────────────────────────

export type DecimalProblem = 'REQUIRED' | 'NOT_A_NUMBER' | 'NEGATIVE' | 'ZERO' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE';

/** A decimal as typed, taken apart: `integer` without leading zeros, `fraction` without trailing zeros. */
export interface DecimalReading {
  negative: boolean;
  integer: string;
  fraction: string;
}

/** 1,000,000,000,000.00: more than any sub-account holds; keeps cents inside a signed 64-bit integer. */
const MAX_INTEGER_DIGITS = 13;

/** A JS number's shortest text, in plain notation ("1.5e-7" → "0.00000015"): a spreadsheet cell or a JSON number. */
function plainNumber(n: number): string {
  const text = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!m) return text;
  const digits = m[2] + (m[3] ?? '');
  const point = m[2].length + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${m[1]}${digits}${'0'.repeat(point - digits.length)}`;
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Reads what a person typed or a client sent: "1,234.50", " 1234.5 ", full-width digits, a JSON number. Plain
 * decimal notation only — "1e3" and "0x10" are not amounts. The same reading as the server's money module.
 */
export function readDecimal(input: unknown): DecimalReading | 'REQUIRED' | 'NOT_A_NUMBER' {
  if (input === null || input === undefined) return 'REQUIRED';
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return 'NOT_A_NUMBER';
    text = plainNumber(input);
  } else if (typeof input === 'string') text = input;
  else return 'NOT_A_NUMBER';
  text = text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E/g, '.')
    .replace(/[,\uFF0C\s]/g, '');
  if (text === '') return 'REQUIRED';
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text) ?? /^([+-]?)()\.(\d+)$/.exec(text);
  if (!m) return 'NOT_A_NUMBER';
  const integer = m[2].replace(/^0+/, '');
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  return { negative: m[1] === '-' && (integer !== '' || fraction !== ''), integer, fraction };
}

/** What is wrong with a reading at `scale` decimals (null: any), in the order the platform always judged it. */
export function judgeDecimal(r: DecimalReading, scale: number | null, options: { allowZero?: boolean; allowNegative?: boolean } = {}): DecimalProblem | null {
  if (scale !== null && r.fraction.length > scale) return 'TOO_MANY_DECIMALS';
  if (r.negative && !options.allowNegative) return 'NEGATIVE';
  if (r.integer === '' && r.fraction === '' && !options.allowZero) return 'ZERO';
  if (r.integer.length > MAX_INTEGER_DIGITS) return 'TOO_LARGE';
  return null;
}

/** The reading as a plain decimal string: shortest ("13.5"), or with exactly `scale` decimals ("13.50"). */
export function decimalText(r: DecimalReading, scale?: number): string {
  const fraction = scale === undefined ? r.fraction : r.fraction.padEnd(scale, '0');
  return `${r.negative ? '-' : ''}${r.integer || '0'}${fraction ? `.${fraction}` : ''}`;
}

/** Read and judge at once: the shortest decimal string, or the first problem. */
export function parseDecimalText(input: unknown, scale: number, options: { allowZero?: boolean; allowNegative?: boolean } = {}): { value: string } | { problem: DecimalProblem } {
  const r = readDecimal(input);
  if (typeof r === 'string') return { problem: r };
  const problem = judgeDecimal(r, scale, options);
  return problem ? { problem } : { value: decimalText(r) };
}

/** `请输入大于 0 的{what}`, `{what}最多 N 位小数`, `{what}超出范围`: how the platform words a bad amount. */
export function amountMessage(what: string, scale: number, problem: DecimalProblem): string {
  if (problem === 'TOO_MANY_DECIMALS') return `${what}最多 ${scale} 位小数`;
  if (problem === 'TOO_LARGE') return `${what}超出范围`;
  return `请输入大于 0 的${what}`;
}

/** A required field: on success it always has a value (every path that has none reports a problem). */
const required = <T>(schema: z.ZodMiniType<T | undefined, unknown>) => schema as unknown as z.ZodMiniType<T, unknown>;

/** A positive decimal with at most `scale` decimals, parsed to exactly `scale` decimals ("3000" → "3000.00"). */
function money(what: string, scale: number, description: string) {
  return required(
    checked<string>(
      what,
      true,
      (input, issue) => {
        const r = readDecimal(input);
        const problem = typeof r === 'string' ? r : judgeDecimal(r, scale);
        if (problem || typeof r === 'string') {
          issue(amountMessage(what, scale, problem ?? 'REQUIRED'));
          return undefined;
        }
        return decimalText(r, scale);
      },
      { description, pattern: `^\\d+(\\.\\d{1,${scale}})?$` },
    ),
  );
}

/** "YYYY-MM-DD" that is a real calendar date. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Cross-field rules of an object (a scale that depends on the currency, a date that depends on another): run after
 * the fields, also when some of them failed, so one answer names every problem in the order of the form.
 */
export function crossCheck<T extends object>(run: (value: Partial<T>, issue: (field: string, message: string) => void) => void) {
  return z.superRefine<T>(
    (value, ctx) => run(value as Partial<T>, (field, message) => ctx.addIssue({ code: 'custom', message, path: [field], input: (value as Record<string, unknown>)[field] })),
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  );
}

export interface FieldError {
  field: string;
  message: string;
}

/** What a body is, field by field, when it is not refused outright: what parsed, and every field's problem. */
export interface Checked<T> {
  value: Partial<T>;
  errors: FieldError[];
}

/**
 * Parses an object field by field without refusing it: for a route whose answer must also name problems only the
 * server can see (a settlement's evidence files), so the service adds those and refuses once, every problem listed.
 * `errors` empty means `value` is the whole parsed body.
 */
export function checkFields<S extends z.ZodMiniObject>(schema: S, input: unknown): Checked<z.output<S>> {
  const whole = schema.safeParse(input);
  if (whole.success) return { value: whole.data as Partial<z.output<S>>, errors: [] };
  const errors = whole.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const raw = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const value: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodMiniType>)) {
    const one = field.safeParse(raw[key]);
    if (one.success && one.data !== undefined) value[key] = one.data;
  }
  return { value: value as Partial<z.output<S>>, errors };
}

// ── currencies ────────────────────────────────────────────────────────────────────────────────

/** The six currencies of the board, quoted as CFETS quotes them: CNY per unit, 4 decimals (HKD 5). */
export const CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP', 'HKD', 'AUD'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const RATE_SCALES: Record<Currency, number> = { USD: 4, EUR: 4, JPY: 4, GBP: 4, HKD: 5, AUD: 4 };
/** What a rate has when its currency is not known (yet). */
const DEFAULT_RATE_SCALE = 4;
export const isCurrency = (value: unknown): value is Currency => typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);
const scaleOf = (currency: unknown): number => (isCurrency(currency) ? RATE_SCALES[currency] : DEFAULT_RATE_SCALE);

const currencyField = (message: string) =>
  required(checked<Currency>('币种', true, (input, issue) => (isCurrency(input) ? input : (issue(message), undefined)), { enum: [...CURRENCIES] }));

export const DIRECTIONS = ['above', 'below'] as const;
export type Side = (typeof DIRECTIONS)[number];
const directionField = (required = true) =>
  checked<Side>('预警方向', required, (input, issue) => (input === 'above' || input === 'below' ? input : (issue('请选择「高于」或「低于」'), undefined)), {
    enum: [...DIRECTIONS],
  });

/**
 * A rate whose scale depends on its currency: the field only says whether it is a number at all (`请输入大于 0 的…`);
 * `judgeRate` judges it once the currency is known. Parses to the shortest decimal string.
 */
const rateText = (what: string, description: string) =>
  checked<string>(
    what,
    true,
    (input, issue) => {
      const r = readDecimal(input);
      if (typeof r === 'string') {
        issue(`请输入大于 0 的${what}`);
        return undefined;
      }
      return decimalText(r);
    },
    { description, pattern: '^\\d+(\\.\\d{1,5})?$' },
  );

/** A rate (or alert threshold) for `currency`: exactly its scale of decimals ("7.1" → "7.1000"), or what is wrong. */
export function judgeRate(text: string, currency: unknown, what: string): { value: string } | { message: string } {
  const scale = scaleOf(currency);
  const r = readDecimal(text);
  if (typeof r === 'string') return { message: `请输入大于 0 的${what}` };
  const problem = judgeDecimal(r, scale);
  if (problem) return { message: problem === 'TOO_MANY_DECIMALS' ? `${what}最多 ${scale} 位小数` : `请输入大于 0 的${what}` };
  return { value: decimalText(r, scale) };
}

/** An alert's threshold against its currency (the service judges an edited one against the stored currency). */
export const judgeThreshold = (text: string, currency: unknown) => judgeRate(text, currency, '预警汇率');

// ── bodies and queries ────────────────────────────────────────────────────────────────────────

/** GET /fx/rates/history: `currency` (default USD, any case), `days` (7–365, default 30; anything else is 30). */
export const historyQuery = z.object({
  currency: checked<Currency>(
    '币种',
    false,
    (input, issue) => {
      const c = String(input).toUpperCase();
      return isCurrency(c) ? c : (issue('不支持的币种'), undefined);
    },
    { enum: [...CURRENCIES], default: 'USD' },
  ),
  days: checked<number>('天数', false, (input) => Math.min(365, Math.max(7, Math.round(Number(input)) || 30)), { type: 'integer', minimum: 7, maximum: 365, default: 30 }),
});
export type HistoryQuery = z.output<typeof historyQuery>;

/** PUT /fx/rates: staff enter (or correct) a day's rate; not for a future date (the service knows today). */
export const manualRateInput = z
  .object({
    currency: currencyField('请选择币种'),
    date: required(checked<string>('日期', true, (input, issue) => (isIsoDate(input) ? input : (issue('日期格式应为 YYYY-MM-DD'), undefined)), { format: 'date' })),
    rate: required(rateText('汇率', '汇率（人民币 / 外币单位，最多 4 位小数，港元 5 位）')),
  })
  .check(
    crossCheck<{ currency: Currency; date: string; rate: string }>((v, issue) => {
      if (v.rate === undefined) return;
      const judged = judgeRate(v.rate, v.currency, '汇率');
      if ('message' in judged) issue('rate', judged.message);
    }),
    z.overwrite((v) => ({ ...v, rate: (judgeRate(v.rate, v.currency, '汇率') as { value: string }).value })),
  );
export type ManualRateInput = z.output<typeof manualRateInput>;

/** POST /fx/alerts: a merchant's rate alert; the threshold has its currency's decimals. */
export const alertInput = z
  .object({
    currency: currencyField('请选择币种（美元、欧元、日元、英镑、港元、澳元）'),
    direction: required(directionField()),
    threshold: required(rateText('预警汇率', '预警汇率（最多 4 位小数，港元 5 位）')),
    /** Judged after the threshold (the order of the form). Default: on. */
    active: checked<boolean>('启用', false, (input) => input as boolean, { type: 'boolean', default: true }),
  })
  .check(
    crossCheck<{ currency: Currency; direction: Side; threshold: string; active?: boolean }>((v, issue) => {
      if (v.threshold !== undefined) {
        const judged = judgeThreshold(v.threshold, v.currency);
        if ('message' in judged) issue('threshold', judged.message);
      }
      if (v.active !== undefined && typeof v.active !== 'boolean') issue('active', '启用状态只能是开或关');
    }),
    z.overwrite((v) => ({ ...v, threshold: (judgeThreshold(v.threshold, v.currency) as { value: string }).value })),
  );
export type AlertInput = z.output<typeof alertInput>;

/**
 * PUT /fx/alerts/:id: what changes (the currency never does). The threshold is judged by the service against the
 * alert's currency (`judgeThreshold`); here it only has to be a number.
 */
export const alertUpdateInput = z.object({
  direction: directionField(false),
  threshold: checked<string>(
    '预警汇率',
    false,
    (input, issue) => {
      const r = readDecimal(input);
      return typeof r === 'string' ? (issue('请输入大于 0 的预警汇率'), undefined) : decimalText(r);
    },
    { description: '预警汇率（按预警的币种：最多 4 位小数，港元 5 位）', pattern: '^\\d+(\\.\\d{1,5})?$' },
  ),
  active: checked<boolean>('启用', false, (input, issue) => (typeof input === 'boolean' ? input : (issue('启用状态只能是开或关'), undefined)), { type: 'boolean' }),
});
export type AlertUpdateInput = z.output<typeof alertUpdateInput>;

// ── the 我的 fields a settlement quotes ────────────────────────────────────────────────────────────

/** Account and card numbers are often pasted with spaces (also full-width ones): they are dropped before the check. */
export const withoutSpaces = (value: unknown): string => String(value ?? '').replace(/[\s\u3000]/g, '');
/**
 * 外汇子账户 and 结汇银行卡号 of a merchant, as the fx plugin's write guard checks them on every merchant write
 * (FX_FIELD_INVALID) and 我的 checks them before saving. Blank clears the field.
 */
export const merchantFxFields = {
  fxSubAccount: text('外汇子账户', 40, { pattern: /^[0-9A-Za-z-]{6,40}$/, patternMessage: '外汇子账户只能包含数字、字母和短横线（6–40 位）' }),
  settlementCardNo: text('结汇银行卡号', 30, { pattern: /^\d{12,30}$/, patternMessage: '结汇银行卡号应为 12–30 位数字' }),
};

/** The three evidence slots of a settlement request (private files of these categories). */
export const SETTLEMENT_EVIDENCE = [
  { category: 'fx_withdrawal', label: '提现截图' },
  { category: 'fx_statement', label: '收款平台流水文档' },
  { category: 'fx_logistics', label: '物流发货信息文档' },
] as const;
/** How far from today a settlement's date may be (the service checks the window: it knows today). */
export const SETTLEMENT_DATE_WINDOW_DAYS = 30;

/**
 * POST /fx/settlements (X3). `evidence` is the documentIds of the caller's own uploads, one per slot; which of them
 * are the caller's and of which kind only the server can tell, so the service checks them (and the date window)
 * and answers every problem of the form at once.
 */
export const settlementInput = z.object({
  amount: money('结汇金额', 2, '结汇金额（美元，最多 2 位小数）'),
  rate: money('结汇汇率', 4, '结汇汇率（参考汇率，最多 4 位小数）'),
  date: required(
    checked<string>('结汇日期', true, (input, issue) => (isIsoDate(input) ? input : (issue('请选择结汇日期'), undefined)), {
      format: 'date',
      description: `结汇日期（今天前后 ${SETTLEMENT_DATE_WINDOW_DAYS} 天内）`,
    }),
  ),
  note: checked<string>(
    '备注',
    false,
    (input, issue) => {
      const note = typeof input === 'string' ? input.trim() : '';
      if (note.length > 500) issue('备注最多 500 字');
      return note || undefined;
    },
    { maxLength: 500 },
  ),
  evidence: checked<string[]>('结汇凭证', false, (input) => (Array.isArray(input) ? input.filter((x): x is string => typeof x === 'string') : []), {
    type: 'array',
    items: { type: 'string' },
    description: `结汇凭证：${SETTLEMENT_EVIDENCE.map((e) => `${e.label}（${e.category}）`).join('、')}各一份，POST /api/private-files 上传后的 documentId`,
  }),
});
export type SettlementInput = z.output<typeof settlementInput>;

/** POST /fx/settlements/:id/complete (X4): the bank's actual rate and the RMB amount it paid (= amount × rate). */
export const completeInput = z.object({
  actualRate: money('实际结算汇率', 4, '实际结算汇率（最多 4 位小数）'),
  cnyAmount: money('人民币到账金额', 2, '人民币到账金额（元，须等于结汇金额 × 实际汇率，允许 FX_SETTLEMENT_TOLERANCE_CNY 的误差）'),
});
export type CompleteInput = z.output<typeof completeInput>;

/** POST /fx/settlements/:id/reject: the reason (trimmed, at most 500 characters); none is NOTE_REQUIRED. */
export const rejectInput = z.object({
  reason: checked<string>('驳回原因', false, (input) => (typeof input === 'string' ? input.trim().slice(0, 500) : ''), { maxLength: 500 }),
});
export type RejectInput = z.output<typeof rejectInput>;

// ── answers ───────────────────────────────────────────────────────────────────────────────────

const decimal = z.string().check(z.regex(/^-?\d+(\.\d+)?$/));
/** US$ or ¥ with two decimals. */
const amount = z.string().check(z.regex(/^-?\d+\.\d{2}$/));
const merchantRef = z.object({ documentId: z.string(), nameCn: z.string() });
const source = z.enum(['manual', 'cfets', 'ecb', 'bundled']);

export const rate = z.object({
  currency: z.enum(CURRENCIES),
  name: z.string(),
  pair: z.string(),
  unit: z.number(),
  rate: decimal,
  date: z.string(),
  source,
  sourceLabel: z.string(),
  previousRate: maybe(decimal),
  change: maybe(decimal),
  changePct: maybe(decimal),
  stale: z.boolean(),
});
export const ratesBoard = z.object({
  data: z.array(rate),
  meta: z.object({ stale: z.boolean(), lastFetch: maybe(z.object({ at: timestamp, ok: z.boolean(), provider: z.string(), error: maybe(z.string()) })) }),
});
export const rateHistory = z.object({ currency: z.enum(CURRENCIES), name: z.string(), unit: z.number(), points: z.array(z.object({ date: z.string(), rate: decimal, source })) });
export const fetchOutcome = z.object({
  busy: z.boolean(),
  results: z.array(
    z.object({
      provider: z.enum(['cfets', 'ecb']),
      ok: z.boolean(),
      date: maybe(z.string()),
      count: z.number(),
      error: maybe(z.object({ code: z.enum(['FX_FEED_UNREACHABLE', 'FX_FEED_MALFORMED', 'FX_FEED_STALE']), message: z.string() })),
    }),
  ),
});

export const alert = z.object({
  id: z.string(),
  currency: z.enum(CURRENCIES),
  direction: z.enum(DIRECTIONS),
  threshold: decimal,
  active: z.boolean(),
  lastSide: maybe(z.enum(DIRECTIONS)),
  triggeredAt: maybe(timestamp),
  currentRate: maybe(decimal),
});

const profileFields = { fxSubAccount: maybe(z.string()), settlementCardNo: maybe(z.string()), settlementBankName: maybe(z.string()), legalPersonName: maybe(z.string()) };
const accountFields = { currency: z.literal('USD'), balance: amount, frozen: amount, available: amount, updatedAt: maybe(timestamp) };
export const account = z.object({
  ...accountFields,
  /** 结汇中 requests. */
  settling: z.number(),
  profile: z.object({ ...profileFields, complete: z.boolean(), missing: z.array(z.enum(['fxSubAccount', 'settlementCardNo', 'settlementBankName', 'legalPersonName'])) }),
});

export const LEDGER_TYPES = ['balance_update', 'freeze', 'unfreeze', 'settlement'] as const;
export const ledgerEntry = z.object({
  id: z.string(),
  type: z.enum(LEDGER_TYPES),
  typeLabel: z.string(),
  balanceDelta: amount,
  frozenDelta: amount,
  balanceAfter: amount,
  frozenAfter: amount,
  availableAfter: amount,
  note: maybe(z.string()),
  /** The settlement request that caused it (documentId). */
  settlementId: maybe(z.string()),
  createdAt: timestamp,
});
export const merchantAccount = z.object({ merchant: merchantRef, fxSubAccount: maybe(z.string()), ...accountFields, settling: z.number() });

export const balanceUpload = z.object({ id: z.string(), fileName: z.string(), total: z.number(), changed: z.number(), uploadedBy: maybe(z.string()), createdAt: timestamp });
export const balanceUploadResult = z.object({
  id: z.string(),
  total: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  rows: z.array(
    z.object({ row: z.number(), subAccount: z.string(), merchant: merchantRef, previousBalance: amount, balance: amount, delta: amount, status: z.enum(['changed', 'unchanged']) }),
  ),
});

export const SETTLEMENT_STATUSES = ['processing', 'completed', 'rejected'] as const;
export const settlement = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(SETTLEMENT_STATUSES),
  statusLabel: z.string(),
  amount,
  date: z.string(),
  rate: decimal,
  note: maybe(z.string()),
  merchant: merchantRef,
  createdAt: timestamp,
  completedAt: maybe(timestamp),
});
export const settlementDetail = z.extend(settlement, {
  /** The 我的 fields as they were when the request was submitted. */
  profile: z.looseObject(profileFields),
  evidence: z.array(z.object({ id: z.string(), category: z.string(), label: z.string(), originalName: maybe(z.string()), mime: maybe(z.string()), size: maybe(z.number()) })),
  actualRate: maybe(decimal),
  cnyAmount: maybe(amount),
  remainingUsd: maybe(amount),
  rejectReason: maybe(z.string()),
  timeline: z.array(z.object({ status: z.enum(SETTLEMENT_STATUSES), label: z.string(), note: maybe(z.string()), actorName: maybe(z.string()), at: timestamp })),
  /** The caller may complete or reject it now (staff with fx.settle, while it is processing). */
  canAct: z.boolean(),
});
const settlementCounts = z.object({ processing: z.number(), completed: z.number(), rejected: z.number() });

// ── routes ────────────────────────────────────────────────────────────────────────────────────

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MERCHANT_WRITE = ['FORBIDDEN', 'MEMBER_READ_ONLY'];
const removed = z.object({ id: z.string(), deleted: z.literal(true) });
const EVIDENCE_EXAMPLE = ['k3v9qz1m7x2c8b4n6t0w5r1y', 'p8d2l6f0h4j9s3a7e1u5o2iq', 'c5m1x7v3b9n2z6q0w8e4r1ty'];

export const fxRoutes = routes('收结汇', [
  { method: 'GET', path: '/fx/rates', handler: 'rates', audience: 'user', summary: '汇率看板：六种外币的最新汇率、涨跌与数据是否过期', response: ratesBoard, errors: [] },
  {
    method: 'GET',
    path: '/fx/rates/history',
    handler: 'history',
    audience: 'user',
    summary: '某币种的历史汇率（每天一个点，7–365 天）',
    query: historyQuery,
    response: dataOf(rateHistory),
    errors: ['VALIDATION_FAILED'],
    example: { query: { currency: 'USD', days: '90' } },
  },
  {
    method: 'PUT',
    path: '/fx/rates',
    handler: 'setRate',
    audience: 'staff',
    permission: 'fx.rates',
    summary: '录入或修正某日汇率（优先于各数据源）',
    body: manualRateInput,
    response: dataOf(z.object({ currency: z.enum(CURRENCIES), date: z.string(), rate: decimal, source: z.literal('manual'), sourceLabel: z.string() })),
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
    example: { body: { currency: 'USD', date: '2026-11-20', rate: '7.1234' } },
  },
  {
    method: 'POST',
    path: '/fx/rates/fetch',
    handler: 'fetchRates',
    audience: 'staff',
    permission: 'fx.rates',
    summary: '立即从中国外汇交易中心与欧洲央行抓取汇率',
    response: dataOf(fetchOutcome),
    errors: ['FORBIDDEN'],
  },
  { method: 'GET', path: '/fx/alerts', handler: 'listAlerts', audience: 'merchant', summary: '本商户的汇率预警', response: dataOf(z.array(alert)), errors: ['FORBIDDEN'] },
  {
    method: 'POST',
    path: '/fx/alerts',
    handler: 'createAlert',
    audience: 'merchant',
    permission: 'data.write',
    summary: '新建汇率预警（越过阈值时消息 + 微信通知，每次越过一次）',
    body: alertInput,
    status: 201,
    response: dataOf(alert),
    errors: ['VALIDATION_FAILED', 'FX_ALERT_LIMIT', ...MERCHANT_WRITE],
    example: { body: { currency: 'USD', direction: 'above', threshold: '7.2500' } },
  },
  {
    method: 'PUT',
    path: '/fx/alerts/:id',
    handler: 'updateAlert',
    audience: 'merchant',
    permission: 'data.write',
    summary: '修改汇率预警（方向、阈值、启用；币种不变）',
    params: idParams,
    body: alertUpdateInput,
    response: dataOf(alert),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', ...MERCHANT_WRITE],
    example: { body: { threshold: '7.3000', active: true } },
  },
  {
    method: 'DELETE',
    path: '/fx/alerts/:id',
    handler: 'deleteAlert',
    audience: 'merchant',
    permission: 'data.write',
    summary: '删除汇率预警',
    params: idParams,
    response: dataOf(removed),
    errors: ['NOT_FOUND', ...MERCHANT_WRITE],
  },
  {
    method: 'GET',
    path: '/fx/account',
    handler: 'account',
    audience: 'merchant',
    summary: '本商户的美元外汇子账户：余额、冻结、可用、结汇中笔数与结汇资料是否齐全',
    response: dataOf(account),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/fx/ledger',
    handler: 'ledger',
    audience: 'user',
    summary: '外汇子账户明细（余额更新、结汇冻结、结汇解冻、结汇）',
    description: '商户看本商户的明细；平台人员（fx.view）须用 `filters[merchant][$eq]` 指定商户。',
    query: listQuery,
    response: listOf(ledgerEntry),
    list: { filters: { type: ['$eq', '$in'], merchant: ['$eq (商户 documentId，平台人员必填)'] }, sort: ['createdAt'] },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
  {
    method: 'GET',
    path: '/fx/accounts',
    handler: 'accounts',
    audience: 'staff',
    permission: 'fx.view',
    summary: '各商户的外汇子账户余额',
    query: listQuery,
    response: listOf(merchantAccount),
    list: { filters: { q: ['$containsi (商户名称或外汇子账号)'] }, sort: ['nameCn'] },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  {
    method: 'GET',
    path: '/fx/balance-uploads/template.xlsx',
    handler: 'balanceTemplate',
    audience: 'staff',
    permission: 'fx.balances',
    summary: '下载子账户余额上传模板（Excel）',
    download: { contentType: XLSX },
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/fx/balance-uploads',
    handler: 'listUploads',
    audience: 'staff',
    permission: 'fx.view',
    summary: '子账户余额上传记录',
    query: listQuery,
    response: listOf(balanceUpload),
    list: { filters: {}, sort: ['createdAt'] },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  {
    method: 'POST',
    path: '/fx/balance-uploads',
    handler: 'uploadBalances',
    audience: 'staff',
    permission: 'fx.balances',
    summary: '上传银行子账户余额（逐行校验，任一行有错整份不写入；变动的余额记明细并通知商户）',
    upload: { field: 'file', accept: [XLSX], maxBytes: '5 MB，5000 行' },
    response: dataOf(balanceUploadResult),
    errors: ['FILE_REQUIRED', 'FILE_TOO_LARGE', 'IMPORT_FILE_REJECTED', 'BALANCE_UPLOAD_INVALID', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/fx/settlements',
    handler: 'listSettlements',
    audience: 'user',
    summary: '结汇申请列表（`meta.counts`：各状态笔数，不受状态筛选影响）',
    description: '商户看本商户的申请（新的在前）；平台人员（fx.view）可按商户、编号或商户名称筛选，只看结汇中时最早的在前。',
    query: listQuery,
    response: listOf(settlement, { counts: settlementCounts }),
    list: { filters: { status: ['$eq', '$in'], merchant: ['$eq (商户 documentId，平台)'], q: ['$containsi (结汇编号或商户名称，平台)'] }, sort: ['createdAt', 'date', 'number'] },
    errors: ['FORBIDDEN', 'NO_MERCHANT', 'VALIDATION_FAILED'],
    example: { query: { 'filters[status][$eq]': 'processing', 'pagination[page]': '1', 'pagination[pageSize]': '20' } },
  },
  {
    method: 'POST',
    path: '/fx/settlements',
    handler: 'createSettlement',
    audience: 'merchant',
    permission: 'data.write',
    summary: '提交结汇申请（金额立即冻结，不能超过可用余额）',
    body: settlementInput,
    status: 201,
    response: dataOf(z.object({ id: z.string(), number: z.string(), status: z.literal('processing') })),
    errors: ['VALIDATION_FAILED', 'MODULE_LOCKED', 'FX_PROFILE_INCOMPLETE', 'INSUFFICIENT_AVAILABLE', ...MERCHANT_WRITE],
    example: { body: { amount: '3000.00', rate: '7.1234', date: '2026-11-21', note: 'TikTok 美国站 11 月紫水晶手串货款', evidence: EVIDENCE_EXAMPLE } },
  },
  {
    method: 'GET',
    path: '/fx/settlements/:id',
    handler: 'findSettlement',
    audience: 'user',
    summary: '结汇申请详情：凭证、提交时的账户资料、办理进度',
    params: idParams,
    response: dataOf(settlementDetail),
    errors: ['FORBIDDEN', 'NO_MERCHANT', 'NOT_FOUND'],
  },
  {
    method: 'POST',
    path: '/fx/settlements/:id/complete',
    handler: 'completeSettlement',
    audience: 'staff',
    permission: 'fx.settle',
    summary: '完成结汇：录入实际汇率与人民币到账金额（须与结汇金额 × 实际汇率相符）',
    params: idParams,
    body: completeInput,
    response: dataOf(settlementDetail),
    errors: ['VALIDATION_FAILED', 'CNY_AMOUNT_MISMATCH', 'SETTLEMENT_NOT_PROCESSING', 'NOT_FOUND', 'FORBIDDEN'],
    example: { body: { actualRate: '7.1180', cnyAmount: '21354.00' } },
  },
  {
    method: 'POST',
    path: '/fx/settlements/:id/reject',
    handler: 'rejectSettlement',
    audience: 'staff',
    permission: 'fx.settle',
    summary: '驳回结汇申请（须写明原因，冻结金额解冻）',
    params: idParams,
    body: rejectInput,
    response: dataOf(settlementDetail),
    errors: ['NOTE_REQUIRED', 'SETTLEMENT_NOT_PROCESSING', 'NOT_FOUND', 'FORBIDDEN'],
    example: { body: { reason: '物流发货信息与提现金额不符，请补充发货单' } },
  },
]);
