import {
  FX_CURRENCIES,
  FX_EVIDENCE_CATEGORIES,
  decimalCompare,
  formatAmount,
  isFxCurrency,
  type FxAlertDirection,
  type FxCurrency,
  type FxEvidenceCategory,
  type FxProfile,
  type FxRatePoint,
  type SettlementStatus,
} from "@jmt/api-types";
import type { ApiError } from "../providers/apiError";
import { fieldErrorsOf, formFieldErrors } from "./formErrors";

/**
 * 收结汇 rules of the merchant web that need no React: decimal-string checks and arithmetic (money and
 * rates never become floats, except to place a point on a chart), labels' inputs, the error mapping of
 * the quick-settlement form, and the chart's scales.
 */

export { FX_CURRENCIES, FX_EVIDENCE_CATEGORIES };

/** The history ranges the trend chart offers (days; the server accepts 7…365). */
export const FX_HISTORY_DAYS = [7, 30, 90, 365] as const;
export type FxHistoryDays = (typeof FX_HISTORY_DAYS)[number];

/** `?currency=EUR` → EUR; anything else → USD, the account's currency. */
export function currencyFromQuery(value: string | null | undefined): FxCurrency {
  const upper = (value ?? "").trim().toUpperCase();
  return isFxCurrency(upper) ? upper : "USD";
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** What a person types into an amount or rate box → a decimal string (commas, spaces, full-width digits gone). */
export function normalizeDecimal(input: unknown): string {
  if (input === null || input === undefined) return "";
  return String(input)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[,，\s]/g, "")
    .trim();
}

function decimals(value: string): number {
  const i = value.indexOf(".");
  return i < 0 ? 0 : value.length - i - 1;
}

/** A positive decimal string with at most `maxDecimals` decimals ("100", "100.5", "100.50"). */
export function isPositiveDecimal(value: string, maxDecimals: number): boolean {
  if (!DECIMAL.test(value) || decimals(value) > maxDecimals || decimals(value) > 8) return false;
  return decimalCompare(value, "0") > 0;
}

/** USD amounts: > 0, at most 2 decimals. */
export const isUsdAmount = (value: string): boolean => isPositiveDecimal(value, 2);
/** Rates: > 0, at most 4 decimals. */
export const isRate = (value: string): boolean => isPositiveDecimal(value, 4);

/** Sign of a decimal string, `null` when it is not one. */
export function signOf(value: string | null | undefined): -1 | 0 | 1 | null {
  if (value === null || value === undefined || value === "") return null;
  try {
    return decimalCompare(value, "0");
  } catch {
    return null;
  }
}

/** "12.5" → "+12.50", "-3" → "-3.00", "0" → "0.00" (for ledger deltas and rate changes). */
export function formatSigned(value: string | null | undefined, places = 2): string {
  const sign = signOf(value);
  if (sign === null) return "—";
  const formatted = formatAmount(value!, places);
  return sign > 0 ? `+${formatted}` : formatted;
}

export type Tone = "up" | "down" | "flat";

/** Which way a change went; `null` when there is nothing to compare with. */
export function toneOf(change: string | null | undefined): Tone | null {
  const sign = signOf(change);
  return sign === null ? null : sign > 0 ? "up" : sign < 0 ? "down" : "flat";
}

function scaled(value: string): { int: bigint; scale: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const frac = m[3] ?? "";
  const int = BigInt(m[2] + frac);
  return { int: m[1] ? -int : int, scale: frac.length };
}

/**
 * Exact product of two decimal strings, rounded half-up (away from zero) to `places`:
 * the estimated CNY of a settlement (amount × rate), as the server computes it.
 */
export function multiplyDecimal(a: string, b: string, places = 2): string {
  const x = scaled(a);
  const y = scaled(b);
  let product = x.int * y.int;
  const scale = x.scale + y.scale;
  const negative = product < 0n;
  if (negative) product = -product;
  let result: bigint;
  if (scale > places) {
    const divisor = 10n ** BigInt(scale - places);
    result = product / divisor;
    if ((product % divisor) * 2n >= divisor) result += 1n;
  } else {
    result = product * 10n ** BigInt(places - scale);
  }
  const digits = result.toString().padStart(places + 1, "0");
  const text = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return negative && result !== 0n ? `-${text}` : text;
}

/** Exact difference a − b of two decimal strings, with the larger number of decimals of the two. */
export function subtractDecimal(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  const scale = Math.max(x.scale, y.scale);
  const diff = x.int * 10n ** BigInt(scale - x.scale) - y.int * 10n ** BigInt(scale - y.scale);
  const negative = diff < 0n;
  const digits = (negative ? -diff : diff).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** Where the current rate stands against an alert's threshold. */
export function rateSide(current: string | null | undefined, threshold: string): FxAlertDirection | "equal" | null {
  if (signOf(current) === null) return null;
  try {
    const sign = decimalCompare(current!, threshold);
    return sign > 0 ? "above" : sign < 0 ? "below" : "equal";
  } catch {
    return null;
  }
}

/** The three steps of a settlement (提交 → 结汇中 → 已完成/已驳回) as antd Steps wants them. */
export function settlementSteps(status: SettlementStatus): {
  current: number;
  state: "process" | "finish" | "error";
  outcome: "completed" | "rejected" | null;
} {
  if (status === "completed") return { current: 2, state: "finish", outcome: "completed" };
  if (status === "rejected") return { current: 2, state: "error", outcome: "rejected" };
  return { current: 1, state: "process", outcome: null };
}

/** The three evidence slots in the contract's order: `evidence: [提现截图, 收款平台流水, 物流发货信息]`. */
export function evidenceList(files: Partial<Record<FxEvidenceCategory, string | null | undefined>>): string[] | null {
  const ids = FX_EVIDENCE_CATEGORIES.map((c) => files[c]);
  return ids.every((id): id is string => typeof id === "string" && id.length > 0) ? ids : null;
}

/** The 我的 fields a settlement quotes, in the order the forms show them. */
export const FX_PROFILE_FIELDS: readonly (keyof FxProfile)[] = [
  "fxSubAccount",
  "settlementCardNo",
  "settlementBankName",
  "legalPersonName",
];

/** Fields of the quick-settlement form that server errors can land on. */
export const SETTLEMENT_FORM_FIELDS = ["amount", "date", "rate", "note"] as const;

export interface SettlementErrorView {
  /** Field errors for `form.setFields`. */
  fields: { name: string; errors: string[] }[];
  /** What to say above the form. */
  alert: string;
  /** INSUFFICIENT_AVAILABLE: the available amount the server counted. */
  available: string | null;
  /** FX_PROFILE_INCOMPLETE: the 我的 fields still empty. */
  missing: (keyof FxProfile)[];
  /** Evidence problems (the slots, not a single field). */
  evidence: string[];
}

/**
 * A failed `POST /api/fx/settlements` → what the form shows: field errors on the fields, INSUFFICIENT_AVAILABLE
 * on the amount with the server's available amount, FX_PROFILE_INCOMPLETE with the missing fields.
 * `say` builds the messages that need the app's words.
 */
export function settlementErrorView(
  error: Pick<ApiError, "code" | "message" | "details">,
  say: { insufficient: (available: string) => string; fixFields: string },
): SettlementErrorView {
  const view: SettlementErrorView = { fields: [], alert: error.message, available: null, missing: [], evidence: [] };
  if (error.code === "INSUFFICIENT_AVAILABLE") {
    const available = error.details?.available;
    if (typeof available === "string" || typeof available === "number") {
      view.available = String(available);
      view.alert = say.insufficient(formatAmount(view.available));
      view.fields = [{ name: "amount", errors: [view.alert] }];
    }
    return view;
  }
  if (error.code === "FX_PROFILE_INCOMPLETE") {
    const missing = error.details?.missing;
    if (Array.isArray(missing))
      view.missing = missing.filter((f): f is keyof FxProfile => (FX_PROFILE_FIELDS as readonly string[]).includes(f));
    return view;
  }
  const all = fieldErrorsOf(error.details);
  const evidence = all.filter((e) => e.field.startsWith("evidence"));
  const { fields, other } = formFieldErrors(
    all.filter((e) => !e.field.startsWith("evidence")),
    SETTLEMENT_FORM_FIELDS,
  );
  view.fields = fields;
  view.evidence = evidence.map((e) => e.message);
  if (fields.length || evidence.length)
    view.alert = other.length ? [say.fixFields, ...other].join("；") : say.fixFields;
  return view;
}

// ── chart ────────────────────────────────────────────────────────────────────────────────────────────

export interface HistoryStats {
  first: FxRatePoint;
  last: FxRatePoint;
  min: FxRatePoint;
  max: FxRatePoint;
}

/** First, last, lowest and highest point of a history (compared as decimals). */
export function historyStats(points: FxRatePoint[]): HistoryStats | null {
  if (points.length === 0) return null;
  let min = points[0];
  let max = points[0];
  for (const p of points) {
    if (decimalCompare(p.rate, min.rate) < 0) min = p;
    if (decimalCompare(p.rate, max.rate) > 0) max = p;
  }
  return { first: points[0], last: points[points.length - 1], min, max };
}

/** About `count` round tick values covering [min, max] (for the chart's y axis). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) * 0.01 || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const start = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = start; v <= max + step * 0.5 && ticks.length < 20; v += step) ticks.push(Number(v.toFixed(10)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toFixed(10)));
  return ticks;
}

/** Indexes of at most `max` evenly spread labels over `n` points, always the first and the last. */
export function labelIndexes(n: number, max: number): number[] {
  if (n <= 0) return [];
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(Math.round((i * (n - 1)) / (max - 1)));
  return [...out].sort((a, b) => a - b);
}

/** Decimal places rates are shown with (at least; a rate quoted with more keeps them). */
export const RATE_PLACES = 4;

/**
 * Decimal places a currency's rate may have: 4, or as many as the server quotes it with (CFETS quotes
 * HKD to 5). Alert thresholds follow their currency's quote.
 */
export function rateScale(quoted: string | null | undefined): number {
  return quoted ? Math.min(8, Math.max(RATE_PLACES, decimals(quoted.trim()))) : RATE_PLACES;
}
