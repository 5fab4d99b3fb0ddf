/**
 * A tiny exact decimal helper on BigInt scaled integers — enough for e-order amounts
 * (multiply, add, compare, round). Values travel as canonical strings ("12.5", "0", "-3.25").
 * Never converts through binary floats.
 */

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

function toScaled(s: string): Scaled {
  const m = PLAIN.exec(s);
  if (!m) throw new Error(`not a plain decimal: ${s}`);
  const frac = m[3] ?? '';
  const n = BigInt(m[2] + frac);
  return { n: m[1] ? -n : n, scale: frac.length };
}

function fromScaled({ n, scale }: Scaled): string {
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
  return fromScaled(toScaled(s));
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
  const [x, y, scale] = align(toScaled(a), toScaled(b));
  return fromScaled({ n: x + y, scale });
}

export function sub(a: string, b: string): string {
  const [x, y, scale] = align(toScaled(a), toScaled(b));
  return fromScaled({ n: x - y, scale });
}

export function mul(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  return fromScaled({ n: x.n * y.n, scale: x.scale + y.scale });
}

/** -1, 0 or 1. */
export function cmp(a: string, b: string): number {
  const [x, y] = align(toScaled(a), toScaled(b));
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
  const x = toScaled(a);
  if (x.scale <= places) return fromScaled(x);
  const drop = 10n ** BigInt(x.scale - places);
  const neg = x.n < 0n;
  const mag = neg ? -x.n : x.n;
  let q = mag / drop;
  if ((mag % drop) * 2n >= drop) q += 1n;
  return fromScaled({ n: neg ? -q : q, scale: places });
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
