/**
 * Pure helpers of the 收结汇 screens (API_CONTRACT.md → FX): exact decimal arithmetic on the API's decimal strings
 * (amount × rate for the CNY prefill, deltas), input checks, list query strings, status looks and the rate chart's
 * scales. Money never becomes a JS number here; only the chart converts a rate to plot a point.
 * Unit-tested (test/fx.test.ts).
 */
import { decimalCompare, SETTLEMENT_STATUSES, type FxRatePoint, type SettlementStatus } from "@jmt/api-types";
import { buildListQuery, contains, eq } from "@jmt/strapi-provider";
import { readUploadFailure, type UploadError, type UploadFailure } from "./upload-problems";

// ── exact decimals ─────────────────────────────────────────────────────────────────────────────

/** A decimal string as an integer of its smallest unit: "12.5" → { units: 125n, scale: 1 }. */
interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$|^([+-]?)\.(\d+)$/;

/** Whether `value` is a plain decimal string (`"12"`, `"12.50"`, `"-0.5"`, `".5"`); no exponents, no separators. */
export const isDecimal = (value: unknown): value is string => typeof value === "string" && DECIMAL.test(value.trim());

const parse = (value: string): Scaled => {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`not a decimal: ${value}`);
  const sign = match[1] ?? match[4] ?? "";
  const whole = match[2] ?? "0";
  const fraction = match[3] ?? match[5] ?? "";
  const units = BigInt(`${whole}${fraction}` || "0");
  return { units: sign === "-" ? -units : units, scale: fraction.length };
};

const pow10 = (exponent: number): bigint => 10n ** BigInt(exponent);

/** Rounds to `scale` places, half away from zero (what 四舍五入 means for money, on either side of zero). */
const rescale = ({ units, scale }: Scaled, target: number): bigint => {
  if (scale <= target) return units * pow10(target - scale);
  const divisor = pow10(scale - target);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return negative ? -quotient : quotient;
};

const format = (units: bigint, scale: number): string => {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
};

/** `"1000.00" × "7.1234"` rounded half-up to `scale` places: "7123.40". Exact (BigInt), never a float. */
export const multiplyDecimal = (a: string, b: string, scale = 2): string => {
  const x = parse(a);
  const y = parse(b);
  return format(rescale({ units: x.units * y.units, scale: x.scale + y.scale }, scale), scale);
};

/** `a + b` with `scale` places (rounded half-up when an operand has more). */
export const addDecimal = (a: string, b: string, scale = 2): string => format(rescale(parse(a), scale) + rescale(parse(b), scale), scale);

/** `a − b` with `scale` places. */
export const subtractDecimal = (a: string, b: string, scale = 2): string => format(rescale(parse(a), scale) - rescale(parse(b), scale), scale);

/** `"7.1"` → `"7.1000"` (rounded half-up when longer): what is shown and sent for a rate / an amount. */
export const toScale = (value: string, scale: number): string => format(rescale(parse(value), scale), scale);

/** -1, 0 or 1 by sign (for colouring a change or a delta). */
export const decimalSign = (value: string | null | undefined): -1 | 0 | 1 => {
  if (!isDecimal(value)) return 0;
  const { units } = parse(value);
  return units < 0n ? -1 : units > 0n ? 1 : 0;
};

/**
 * A positive decimal with at most `maxDecimals` places, as typed in a form: `"7.1234"` passes for 4, `"7.12345"`,
 * `"0"`, `"-1"`, `"1e3"` and `"7,1"` do not. For rates (4) and amounts (2).
 */
export const isPositiveDecimal = (value: unknown, maxDecimals: number): boolean => {
  if (typeof value !== "string") return false;
  const text = value.trim();
  if (!/^\d+(?:\.\d+)?$/.test(text)) return false;
  const fraction = text.split(".")[1] ?? "";
  return fraction.length <= maxDecimals && parse(text).units > 0n;
};

// ── settlements ────────────────────────────────────────────────────────────────────────────────

/** Pseudo status of the queue's tabs: no status filter. */
export const ALL_SETTLEMENTS = "all";
export type SettlementTab = SettlementStatus | typeof ALL_SETTLEMENTS;
export const SETTLEMENT_TABS: readonly SettlementTab[] = [...SETTLEMENT_STATUSES, ALL_SETTLEMENTS];

export const isSettlementStatus = (value: unknown): value is SettlementStatus =>
  typeof value === "string" && (SETTLEMENT_STATUSES as readonly string[]).includes(value);

/** 结汇中 = gold (waits on the platform), 已完成 = green, 已驳回 = red. */
export const SETTLEMENT_COLORS: Record<SettlementStatus, string> = { processing: "gold", completed: "green", rejected: "red" };
export const settlementTimelineColor = (status: string | null | undefined): string =>
  status === "completed" ? "green" : status === "rejected" ? "red" : status === "processing" ? "#d48806" : "gray";

export interface FxListParams {
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/**
 * `{status: "all", q: " 晶华 ", page: 2}` → `filters[q][$containsi]=晶华&pagination[page]=2&pagination[pageSize]=20`
 * (Strapi's list format; the 全部 tab and empty values left out).
 */
export const buildFxQuery = (params: FxListParams): string =>
  buildListQuery({
    filters: { status: params.status === ALL_SETTLEMENTS ? undefined : eq(params.status), q: contains(params.q) },
    page: params.page,
    pageSize: params.pageSize,
  });

/** The CNY field's error on a `CNY_AMOUNT_MISMATCH`: the expected amount the cms computed, when it sent one. */
export const expectedCnyOf = (details: Record<string, unknown> | undefined): string | undefined => {
  const expected = details?.expected;
  if (typeof expected === "string" && isDecimal(expected)) return expected;
  if (typeof expected === "number" && Number.isFinite(expected)) return String(expected);
  return undefined;
};

// ── rates ──────────────────────────────────────────────────────────────────────────────────────

/** Decimals of a currency's rate as the cms accepts and stores it: 4, HKD 5 (as CFETS quotes it). */
export const rateScaleOf = (currency: string | null | undefined): number => (currency === "HKD" ? 5 : 4);

/** The rate history windows offered (the API takes 7…365 days). */
export const HISTORY_WINDOWS = [7, 30, 90, 180, 365] as const;

export const RATE_SOURCE_COLORS: Record<string, string> = { cfets: "blue", ecb: "geekblue", manual: "purple", bundled: "default" };

export interface ChartPoint {
  x: number;
  y: number;
  date: string;
  rate: string;
  source: string;
}

export interface ChartLayout {
  points: ChartPoint[];
  /** y-axis ticks, bottom to top: value (as text with `decimals` places) and its y. */
  ticks: Array<{ value: string; y: number }>;
  /** a few x-axis labels (dates) spread over the width */
  labels: Array<{ date: string; x: number }>;
  min?: FxRatePoint;
  max?: FxRatePoint;
}

/** The highest and lowest point of a history (exact comparison; the first one wins a tie). */
export const extremes = (points: readonly FxRatePoint[]): { min?: FxRatePoint; max?: FxRatePoint } => {
  let min: FxRatePoint | undefined;
  let max: FxRatePoint | undefined;
  for (const point of points) {
    if (!isDecimal(point.rate)) continue;
    if (!min || decimalCompare(point.rate, min.rate) < 0) min = point;
    if (!max || decimalCompare(point.rate, max.rate) > 0) max = point;
  }
  return { min, max };
};

/** A "nice" step (1, 2, 2.5 or 5 × 10ⁿ) for about `count` intervals over `span`. */
const niceStep = (span: number, count: number): number => {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= raw) ?? 10;
  return factor * magnitude;
};

/**
 * Where each point of a rate history goes in a `width` × `height` plot area (y grows downwards), with round y-axis
 * ticks around the data and up to `labelCount` date labels. Plotting is the one place a rate becomes a number.
 */
export const chartLayout = (
  points: readonly FxRatePoint[],
  { width, height, decimals = 4, tickCount = 4, labelCount = 5 }: { width: number; height: number; decimals?: number; tickCount?: number; labelCount?: number },
): ChartLayout => {
  const valid = points.filter((point) => isDecimal(point.rate));
  if (valid.length === 0) return { points: [], ticks: [], labels: [] };
  const values = valid.map((point) => Number(point.rate));
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (high === low) {
    // A flat line: give it some room around the value.
    const pad = Math.abs(low) * 0.001 || 0.0001;
    low -= pad;
    high += pad;
  }
  const step = niceStep(high - low, tickCount);
  const bottom = Math.floor(low / step) * step;
  const top = Math.ceil(high / step) * step;
  const y = (value: number) => height - ((value - bottom) / (top - bottom)) * height;
  const x = (index: number) => (valid.length === 1 ? width / 2 : (index / (valid.length - 1)) * width);

  const ticks: ChartLayout["ticks"] = [];
  for (let value = bottom, guard = 0; value <= top + step / 2 && guard < 50; value += step, guard += 1) {
    ticks.push({ value: value.toFixed(decimals), y: y(value) });
  }
  const labelIndexes = new Set<number>();
  const wanted = Math.min(labelCount, valid.length);
  for (let i = 0; i < wanted; i += 1) labelIndexes.add(wanted === 1 ? 0 : Math.round((i / (wanted - 1)) * (valid.length - 1)));

  return {
    points: valid.map((point, index) => ({ x: x(index), y: y(values[index] as number), date: point.date, rate: point.rate, source: point.source })),
    ticks,
    labels: [...labelIndexes].sort((a, b) => a - b).map((index) => ({ date: (valid[index] as FxRatePoint).date, x: x(index) })),
    ...extremes(valid),
  };
};

/** The index of the point nearest to `x` (hover on the chart). */
export const nearestPoint = (points: readonly ChartPoint[], x: number): number => {
  let best = -1;
  let distance = Infinity;
  points.forEach((point, index) => {
    const d = Math.abs(point.x - x);
    if (d < distance) {
      distance = d;
      best = index;
    }
  });
  return best;
};

// ── balance uploads ────────────────────────────────────────────────────────────────────────────

export type { UploadFailure, UploadProblem } from "./upload-problems";
export { badRowCount } from "./upload-problems";

/** The template's columns, left to right: a row's problems are listed in this order. */
export const BALANCE_COLUMNS = ["商户名称", "外汇子账号", "币种", "账户余额", "余额日期"] as const;

/** What a failed `POST /api/fx/balance-uploads` means for the page (see UploadFailure). */
export const uploadFailureOf = (error: UploadError): UploadFailure => readUploadFailure(error, "BALANCE_UPLOAD_INVALID", BALANCE_COLUMNS);
