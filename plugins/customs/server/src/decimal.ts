/**
 * The customs view of exact decimals. Values travel as strings and are never converted through binary floats;
 * the arithmetic is the platform's one money module (@jmt/money), re-exported here under the names the import
 * and the flow use (`add`, `sub`, `mul`, `cmp`, `round`, `canonical` …). What is customs' own is the CEB field
 * format (N19,5: at most 14 integer digits, 5 decimals) and the "equal within rounding" rule of the validator.
 */
import * as money from '@jmt/money';

export { abs, add, canonical, fractionDigits, fromNumber, integerDigits, isPlainDecimal, mul, round, sign, sub } from '@jmt/money';
/** -1, 0 or 1. */
export const cmp = money.compare;

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

export function decimalPlaces(text: string): number {
  return money.writtenPlaces(text);
}

/**
 * "Equal within rounding": |expected − actual| must not exceed half a unit in the last decimal
 * place the declarant used, and never less than 0.01 (a cent), because line totals and order
 * totals are routinely rounded to cents by merchants' systems.
 */
export function withinRounding(expected: string, actual: string): boolean {
  const places = Math.min(money.writtenPlaces(actual), DECIMAL_SCALE);
  const halfUnit = money.div('0.5', money.canonical(`1${'0'.repeat(places)}`), DECIMAL_SCALE + 1);
  const tolerance = money.compare(halfUnit, '0.01') > 0 ? halfUnit : '0.01';
  return money.compare(money.abs(money.sub(expected, actual)), tolerance) <= 0;
}
