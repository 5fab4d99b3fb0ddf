/**
 * Exact decimals (ARCHITECTURE principle 7), one module for the cms, the plugins, the web apps and the
 * mini-program. Amounts, rates, quantities and weights travel as plain decimal strings ("12580.00", "7.1234")
 * and are never converted through binary floats. Arithmetic is big.js: exact for + − ×, and division to 40
 * decimals before the caller rounds. No BigInt anywhere, so the mini-program's older WeChat engines run it.
 *
 * Rounding is half-up, meaning half away from zero ("2.345" → "2.35", "-2.345" → "-2.35"), as banks and
 * customs round.
 */
import BigJs from 'big.js';

/** A big.js constructor of our own, so the settings below cannot leak into (or be changed by) anyone else's. */
const Big = BigJs();
Big.DP = 40;
Big.RM = 1; // ROUND_HALF_UP: half away from zero
// Never exponent notation in toString(): amounts print as plain digits however large or small.
Big.NE = -1e6;
Big.PE = 1e6;

/** A decimal in flight, for chained arithmetic on the server (`dec(a).times(b).div(c)`). */
export type Dec = InstanceType<typeof BigJs>;
/** What the functions below accept: a plain decimal string, a finite number, or a `Dec`. */
export type DecimalValue = string | number | Dec;

/** A plain decimal: optional "-", digits, optional "." and digits. No exponent, no separators, no "+". */
const PLAIN = /^-?\d+(?:\.\d+)?$/;

export const isPlainDecimal = (s: string): boolean => PLAIN.test(s);

/** Whether `value` is a plain decimal string, allowing surrounding spaces ("12", " -0.5 ", "7.1234"). */
export const isDecimal = (value: unknown): value is string => typeof value === 'string' && PLAIN.test(value.trim());

/**
 * A decimal to compute with. Strings must be plain decimals (surrounding spaces allowed): "1e3", "1,000",
 * "" and "abc" throw `not a decimal`, because a silently-misread amount is worse than a loud one.
 */
export function dec(value: DecimalValue): Dec {
  if (typeof value === 'string') {
    const text = value.trim();
    if (!PLAIN.test(text)) throw new Error(`not a decimal: ${value}`);
    return new Big(text);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a decimal: ${value}`);
    return new Big(value);
  }
  return new Big(value);
}

/** Canonical text: no leading zeros, no trailing fraction zeros, "-0" → "0". */
function text(value: Dec): string {
  const out = value.toString();
  return out.charCodeAt(0) === 45 && value.eq(0) ? out.slice(1) : out; // 45 = "-"
}

export const canonical = (a: DecimalValue): string => text(dec(a));
export const add = (a: DecimalValue, b: DecimalValue): string => text(dec(a).plus(dec(b)));
export const sub = (a: DecimalValue, b: DecimalValue): string => text(dec(a).minus(dec(b)));
export const mul = (a: DecimalValue, b: DecimalValue): string => text(dec(a).times(dec(b)));
/** a ÷ b, rounded half-up to `places` decimals and printed with exactly that many. Throws when b is zero. */
export const div = (a: DecimalValue, b: DecimalValue, places: number): string => {
  const divisor = dec(b);
  if (divisor.eq(0)) throw new Error('division by zero');
  return dec(a).div(divisor).toFixed(places, 1);
};
/** -1, 0 or 1. */
export const compare = (a: DecimalValue, b: DecimalValue): -1 | 0 | 1 => dec(a).cmp(dec(b)) as -1 | 0 | 1;
export const abs = (a: DecimalValue): string => text(dec(a).abs());
/** -1, 0 or 1. */
export const sign = (a: DecimalValue): -1 | 0 | 1 => dec(a).cmp(0) as -1 | 0 | 1;

/** Rounds half-up to `places` decimals and prints exactly that many: fixed("2.345", 2) → "2.35", fixed("3", 2) → "3.00". */
export const fixed = (a: DecimalValue, places: number): string => {
  const out = dec(a).toFixed(places, 1);
  return /^-0(?:\.0*)?$/.test(out) ? out.slice(1) : out;
};
/** Rounds half-up to `places` decimals, canonical text: round("2.50", 0) → "3", round("1.2000", 2) → "1.2". */
export const round = (a: DecimalValue, places: number): string => text(dec(a).round(places, 1));

/** a × b rounded half-up to `places` decimals, printed with exactly that many (an estimate such as USD × rate → CNY). */
export const mulFixed = (a: DecimalValue, b: DecimalValue, places = 2): string => fixed(dec(a).times(dec(b)), places);

/**
 * The exact sum of the decimal strings among `values` (anything else — null, '' — is skipped), printed with
 * at least `minPlaces` decimals: sum(['4680.00', null, '9360'], 2) → "14040.00".
 */
export function sum(values: ReadonlyArray<string | null | undefined>, minPlaces = 0): string {
  let total = new Big(0);
  for (const v of values) if (isDecimal(v)) total = total.plus(v.trim());
  return padPlaces(text(total), minPlaces);
}

/** Significant fraction digits ("12.50" → 1). */
export function fractionDigits(a: string): number {
  if (!PLAIN.test(a)) throw new Error(`not a decimal: ${a}`);
  const dot = a.indexOf('.');
  if (dot < 0) return 0;
  let end = a.length;
  while (end > dot + 1 && a.charCodeAt(end - 1) === 48) end--; // trailing "0"
  return end - dot - 1;
}

/** Integer digits, ignoring sign and leading zeros ("0.5" → 0, "120.5" → 3). */
export function integerDigits(a: string): number {
  if (!PLAIN.test(a)) throw new Error(`not a decimal: ${a}`);
  const digits = a.replace(/^-/, '').split('.')[0];
  return digits.replace(/^0+/, '').length;
}

/** Fraction digits as written, zeros included ("12.50" → 2): the precision a person or a system chose. */
export function writtenPlaces(a: string): number {
  const dot = a.indexOf('.');
  return dot < 0 ? 0 : a.length - dot - 1;
}

function padPlaces(canonicalText: string, minPlaces: number): string {
  if (minPlaces <= 0) return canonicalText;
  const places = writtenPlaces(canonicalText);
  if (places >= minPlaces) return canonicalText;
  return `${canonicalText}${places === 0 ? '.' : ''}${'0'.repeat(minPlaces - places)}`;
}

/**
 * Plain decimal text for a number read from a spreadsheet's numeric cell. Excel keeps 15 significant digits,
 * so the number is printed with 15 (which undoes binary noise such as 0.30000000000000004) and exponent
 * notation is expanded. Null for NaN and ±Infinity.
 */
export function fromNumber(v: number): string | null {
  if (!Number.isFinite(v)) return null;
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return canonical(String(v));
  return text(new Big(v.toPrecision(15)));
}

export type DecimalProblem = 'REQUIRED' | 'NOT_A_NUMBER' | 'NEGATIVE' | 'ZERO' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE';

export interface ParseOptions {
  allowZero?: boolean;
  allowNegative?: boolean;
  /** Integer digits allowed; 13 by default (1,000,000,000,000.00 — more than any account holds). */
  maxIntegerDigits?: number;
}

/**
 * Reads what a person typed or a spreadsheet cell held: "1,234.50", " 1234.5 ", full-width digits, a numeric
 * cell. Plain decimal notation only ("1e3" and "0x10" are not amounts). The value comes back canonical.
 */
export function parseDecimal(input: unknown, scale: number, options: ParseOptions = {}): { value: string } | { problem: DecimalProblem } {
  if (input === null || input === undefined) return { problem: 'REQUIRED' };
  let raw: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { problem: 'NOT_A_NUMBER' };
    raw = fromNumber(input) as string;
  } else if (typeof input === 'string') {
    raw = input;
  } else return { problem: 'NOT_A_NUMBER' };
  raw = raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E/g, '.')
    .replace(/[,\uFF0C\s]/g, '');
  if (raw === '') return { problem: 'REQUIRED' };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(raw);
  if (!m || (m[2] === '' && !m[3])) return { problem: 'NOT_A_NUMBER' };
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return { problem: 'TOO_MANY_DECIMALS' };
  const value = canonical(`${m[1] === '-' ? '-' : ''}${m[2] || '0'}${fraction ? `.${fraction}` : ''}`);
  const s = sign(value);
  if (s < 0 && !options.allowNegative) return { problem: 'NEGATIVE' };
  if (s === 0 && !options.allowZero) return { problem: 'ZERO' };
  if (integerDigits(value) > (options.maxIntegerDigits ?? 13)) return { problem: 'TOO_LARGE' };
  return { value };
}

/**
 * A user-typed amount in a form: digits with at most `maxPlaces` decimals ("1000", "1000.5", "0.01"); no sign,
 * no thousands separators, no trailing dot.
 */
export function isDecimalInput(value: string, maxPlaces: number): boolean {
  const pattern = maxPlaces > 0 ? new RegExp(`^\\d+(\\.\\d{1,${maxPlaces}})?$`) : /^\d+$/;
  return pattern.test(value);
}

/**
 * "1234567.8" → "1,234,567.80" for display: at least `places` decimals, more when the value has more
 * significant ones; "—" for nothing; anything that is not a decimal comes back as it was.
 */
export function format(value: string | null | undefined, places = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(value).trim());
  if (!m) return String(value);
  const int = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const given = m[3] ?? '';
  const keep = Math.max(places, given.replace(/0+$/, '').length);
  const frac = given.padEnd(places, '0').slice(0, keep);
  return `${m[1]}${int}${frac ? `.${frac}` : ''}`;
}

/** Smallest units (fen, cents) as a whole-number string or number → "1234.56". */
export const fromMinor = (minor: string | number | null | undefined, scale = 2): string =>
  dec(minor === null || minor === undefined || minor === '' ? 0 : typeof minor === 'number' ? minor : minor)
    .div(new Big(10).pow(scale))
    .toFixed(scale);

/** "1234.56" → "123456" (smallest units, digits). Throws on more decimals than `scale`: callers validate first. */
export function toMinor(value: DecimalValue, scale = 2): string {
  const scaled = dec(value).times(new Big(10).pow(scale));
  if (!scaled.eq(scaled.round(0, 0))) throw new Error(`toMinor: ${canonical(value)} has more than ${scale} decimals`);
  return text(scaled);
}

/** The whole API as one object, for `Money.add(a, b)` style call sites. */
export const Money = {
  dec,
  isDecimal,
  isPlainDecimal,
  canonical,
  add,
  sub,
  mul,
  div,
  mulFixed,
  sum,
  compare,
  abs,
  sign,
  fixed,
  round,
  fractionDigits,
  integerDigits,
  writtenPlaces,
  fromNumber,
  parseDecimal,
  isDecimalInput,
  format,
  fromMinor,
  toMinor,
} as const;
