/**
 * Exact money for the FX plugin (ARCHITECTURE principle 7), on the platform's one money module (@jmt/money).
 * Amounts live in the database as integers of the smallest unit (cents, fen) so the account's conditional
 * UPDATE can compare them; rates as fixed-scale decimal strings; JSON carries decimal strings. What is the
 * plugin's own: the scales, the bank's conversion rule, and BIGINT columns read as bigint.
 */
import * as money from '@jmt/money';

export { compare, dec, fixed, parseDecimal, type Dec, type DecimalProblem } from '@jmt/money';

export const AMOUNT_SCALE = 2;
export const RATE_SCALE = 4;

/** Cents (a bigint, or whatever the driver returned for a BIGINT column) → "1234.56". */
export function fromMinor(minor: bigint | number | string | null | undefined, scale = AMOUNT_SCALE): string {
  return money.fromMinor(minor === null || minor === undefined ? 0 : String(minor), scale);
}

/** "1234.56" → 123456n. Throws on more decimals than `scale`: callers validate first. */
export const toMinor = (value: money.DecimalValue, scale = AMOUNT_SCALE): bigint => BigInt(money.toMinor(value, scale));

/** amount × rate, rounded half-up to fen: what a bank pays out. */
export const convert = (amount: money.DecimalValue, rate: money.DecimalValue): string => money.mulFixed(amount, rate, AMOUNT_SCALE);

/** BIGINT columns come back as number (SQLite) or string (MySQL): always read them through this. */
export const bigintOf = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value)));
