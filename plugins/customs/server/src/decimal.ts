/**
 * Exact decimals, one module for the whole plugin. Values travel as strings and are never converted through
 * binary floats:
 * - fixed-scale helpers for CEB fields (N19,5: at most 14 integer digits, 5 decimals), used by the message
 *   validator: `DECIMAL_19_5`, `decimalText`, `toScaled`, `fromScaled`, `withinRounding`;
 * - arbitrary-scale arithmetic on BigInt for the import and the flow (e-order amounts, weights):
 *   `add`, `sub`, `mul`, `cmp`, `round`, `canonical` …
 */

// ------------------------------------------------------------------ CEB fixed scale (N19,5)

export type DecimalInput = string | number;

/** N19,5 without leading zeros ("0.5" fine, "00.5" not) and without sign or exponent. */
export const DECIMAL_19_5 = /^(0|[1-9]\d{0,13})(\.\d{1,5})?$/;

export const DECIMAL_SCALE = 5;

/**
 * Converts an input to its canonical string form, or undefined when it cannot be a decimal.
 * Numbers are accepted only when JS renders them exactly in the allowed shape — `String(0.1 + 0.2)`
 * has 17 decimals and is rejected by the format check instead of being silently rounded.
 */
export function decimalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Parses a validated decimal string into an integer scaled by 10^scale. */
export function toScaled(text: string, scale = DECIMAL_SCALE): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[2] ?? '';
  if (frac.length > scale) throw new Error(`too many decimals for scale ${scale}: ${text}`);
  return BigInt(m[1] + frac.padEnd(scale, '0'));
}

export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Renders a scaled integer back to a plain decimal string, trimming trailing zeros. */
export function fromScaled(value: bigint, scale = DECIMAL_SCALE): string {
  const neg = value < 0n;
  const digits = (neg ? -value : value).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/**
 * "Equal within rounding": |expected − actual| must not exceed half a unit in the last decimal
 * place the declarant used, and never less than 0.01 (a cent), because line totals and order
 * totals are routinely rounded to cents by merchants' systems. Both values are scaled by 10^scale.
 */
export function withinRounding(expected: bigint, actual: bigint, actualPlaces: number, scale: number): boolean {
  const halfUnit = 10n ** BigInt(scale - Math.min(actualPlaces, scale)) / 2n;
  const cent = 10n ** BigInt(scale - 2);
  const tolerance = halfUnit > cent ? halfUnit : cent;
  const diff = expected > actual ? expected - actual : actual - expected;
  return diff <= tolerance;
}

// ------------------------------------------------------------------ arithmetic on any scale

interface Scaled {
  /** value × 10^scale */
  n: bigint;
  scale: number;
}

const PLAIN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** True for a plain decimal string: optional "-", digits, optional "." + digits. */
export function isPlainDecimal(s: string): boolean {
  return PLAIN.test(s);
}

function parseScaled(s: string): Scaled {
  const m = PLAIN.exec(s);
  if (!m) throw new Error(`not a plain decimal: ${s}`);
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac);
  return { n: m[1] ? -n : n, scale: frac.length };
}

function formatScaled({ n, scale }: Scaled): string {
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    let int = digits.slice(0, digits.length - scale);
    let frac = digits.slice(digits.length - scale).replace(/0+$/, '');
    int = int.replace(/^0+(?=\d)/, '');
    const out = frac ? `${int}.${frac}` : int;
    return neg && out !== '0' ? `-${out}` : out;
  }
  digits = digits.replace(/^0+(?=\d)/, '');
  return neg && digits !== '0' ? `-${digits}` : digits;
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(scale - a.scale), b.n * 10n ** BigInt(scale - b.scale), scale];
}

/** Canonical form: no leading zeros, no trailing fraction zeros, "-0" → "0". */
export function canonical(s: string): string {
  return formatScaled(parseScaled(s));
}

/** Number of significant fraction digits ("12.50" → 1). */
export function fractionDigits(s: string): number {
  if (!PLAIN.test(s)) throw new Error(`not a plain decimal: ${s}`);
  const dot = s.indexOf('.');
  if (dot < 0) return 0;
  let end = s.length;
  while (end > dot + 1 && s.charCodeAt(end - 1) === 48) end--; // trailing "0"
  return end - dot - 1;
}

/** Number of integer digits, ignoring sign and leading zeros ("0.5" → 0, "120.5" → 3). */
export function integerDigits(s: string): number {
  const m = PLAIN.exec(s);
  if (!m) throw new Error(`not a plain decimal: ${s}`);
  return m[2].replace(/^0+/, '').length;
}

export function add(a: string, b: string): string {
  const [x, y, scale] = align(parseScaled(a), parseScaled(b));
  return formatScaled({ n: x + y, scale });
}

export function sub(a: string, b: string): string {
  const [x, y, scale] = align(parseScaled(a), parseScaled(b));
  return formatScaled({ n: x - y, scale });
}

export function mul(a: string, b: string): string {
  const x = parseScaled(a);
  const y = parseScaled(b);
  return formatScaled({ n: x.n * y.n, scale: x.scale + y.scale });
}

/** -1, 0 or 1. */
export function cmp(a: string, b: string): number {
  const [x, y] = align(parseScaled(a), parseScaled(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function abs(a: string): string {
  return a.startsWith('-') ? a.slice(1) : a;
}

export function sign(a: string): number {
  if (!PLAIN.test(a)) throw new Error(`not a plain decimal: ${a}`);
  if (!/[1-9]/.test(a)) return 0;
  return a.charCodeAt(0) === 45 ? -1 : 1; // "-"
}

/** Rounds half away from zero to `places` fraction digits. */
export function round(a: string, places: number): string {
  const x = parseScaled(a);
  if (x.scale <= places) return formatScaled(x);
  const drop = 10n ** BigInt(x.scale - places);
  const neg = x.n < 0n;
  const mag = neg ? -x.n : x.n;
  let q = mag / drop;
  if ((mag % drop) * 2n >= drop) q += 1n;
  return formatScaled({ n: neg ? -q : q, scale: places });
}

/**
 * Plain decimal string for a JS number read from a numeric cell. Excel keeps 15 significant digits, so the
 * number is printed with 15 significant digits (this undoes binary noise such as 0.30000000000000004)
 * and exponent notation is expanded. Returns null for NaN/Infinity.
 */
export function fromNumber(v: number): string | null {
  if (!Number.isFinite(v)) return null;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return canonical(String(v));
  const p = v.toPrecision(15); // "1.23450000000000e-7" or "12.3000000000000"
  const m = /^(-)?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(p);
  if (!m) return canonical(p);
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  const pointAt = 1 + exp; // position of the decimal point inside `digits`
  let s: string;
  if (pointAt <= 0) s = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) s = digits + '0'.repeat(pointAt - digits.length);
  else s = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return canonical((m[1] ?? '') + s);
}
