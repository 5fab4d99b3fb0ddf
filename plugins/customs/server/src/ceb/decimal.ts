/**
 * Exact decimal handling for CEB amounts and quantities.
 *
 * Customs fields are N19,5 (at most 14 integer digits, 5 decimals). Values travel as strings so
 * that 0.1 + 0.2 never becomes "0.30000000000000004" in a declaration. Arithmetic for the
 * consistency checks (qty × price, sums) is done on BigInt-scaled integers, never on floats.
 */

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
