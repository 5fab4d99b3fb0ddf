/**
 * Exact money (ARCHITECTURE principle 7). Amounts live in the database as integers of the smallest unit
 * (cents, fen) so the account's conditional UPDATE can compare them; rates as fixed-scale decimal strings.
 * Everything in between is decimal.js, never a binary float; JSON carries decimal strings.
 */
import Decimal from 'decimal.js';

// 40 significant digits: far beyond any amount × rate product this platform meets, so no silent rounding.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const AMOUNT_SCALE = 2;
export const RATE_SCALE = 4;
/** 1,000,000,000,000.00 — more than any sub-account will hold; keeps cents inside a signed 64-bit integer. */
const MAX_INTEGER_DIGITS = 13;

export type DecimalProblem = 'REQUIRED' | 'NOT_A_NUMBER' | 'NEGATIVE' | 'ZERO' | 'TOO_MANY_DECIMALS' | 'TOO_LARGE';

/**
 * Reads what a person typed or a spreadsheet cell held: "1,234.50", " 1234.5 ", full-width digits.
 * Plain decimal notation only — "1e3" and "0x10" are not amounts.
 */
export function parseDecimal(input: unknown, scale: number, options: { allowZero?: boolean; allowNegative?: boolean } = {}): { value: Dec } | { problem: DecimalProblem } {
  if (input === null || input === undefined) return { problem: 'REQUIRED' };
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { problem: 'NOT_A_NUMBER' };
    // A spreadsheet number cell: its shortest round-trip text is what the person typed.
    text = String(input);
    if (/e/i.test(text)) text = new D(input).toFixed();
  } else if (typeof input === 'string') {
    text = input;
  } else return { problem: 'NOT_A_NUMBER' };
  text = text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0E/g, '.')
    .replace(/[,\uFF0C\s]/g, '');
  if (text === '') return { problem: 'REQUIRED' };
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text) ?? /^([+-]?)()\.(\d+)$/.exec(text);
  if (!m) return { problem: 'NOT_A_NUMBER' };
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return { problem: 'TOO_MANY_DECIMALS' };
  const value = new D(`${m[1]}${m[2] || '0'}.${fraction || '0'}`);
  if (value.isNegative() && !value.isZero() && !options.allowNegative) return { problem: 'NEGATIVE' };
  if (value.isZero() && !options.allowZero) return { problem: 'ZERO' };
  if (value.abs().trunc().toFixed().length > MAX_INTEGER_DIGITS) return { problem: 'TOO_LARGE' };
  return { value };
}

export const dec = (value: string | number | bigint | Dec): Dec => new D(typeof value === 'bigint' ? value.toString() : value);

/** Cents (a bigint, or whatever the driver returned for a BIGINT column) → "1234.56". */
export function fromMinor(minor: bigint | number | string | null | undefined, scale = AMOUNT_SCALE): string {
  return new D(String(minor ?? 0)).div(new D(10).pow(scale)).toFixed(scale);
}

/** "1234.56" → 123456n. Throws on more decimals than `scale`: callers validate first. */
export function toMinor(value: Dec | string, scale = AMOUNT_SCALE): bigint {
  const scaled = dec(value).mul(new D(10).pow(scale));
  if (!scaled.isInteger()) throw new Error(`toMinor: ${dec(value).toFixed()} has more than ${scale} decimals`);
  return BigInt(scaled.toFixed(0));
}

/** Rounds half-up to `scale` decimals and prints exactly that many. */
export const fixed = (value: Dec | string, scale: number): string => dec(value).toDecimalPlaces(scale, D.ROUND_HALF_UP).toFixed(scale);

/** amount × rate, rounded half-up to fen: what a bank pays out. */
export const convert = (amount: Dec | string, rate: Dec | string): string => fixed(dec(amount).mul(dec(rate)), AMOUNT_SCALE);

export const compare = (a: Dec | string, b: Dec | string): number => dec(a).comparedTo(dec(b));

/** BIGINT columns come back as number (SQLite) or string (MySQL): always read them through this. */
export const bigintOf = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value)));
