/**
 * Exact decimal-string helpers for money and rates (the cms sends them as strings: "12580.00", "7.1234").
 *
 * The web apps take `decimalCompare` / `formatAmount` from @jmt/api-types. The mini-program cannot ship that
 * package's runtime code (it is not bundled into miniprogram_npm, and its compare uses BigInt, which older
 * iOS WeChat engines lack), so these are string-only mirrors; test/unit/decimal.test.ts checks they agree
 * with the shared ones. Never parse money into a JS number to compute or compare.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

interface Parts {
  negative: boolean;
  /** Integer digits without leading zeros ('0' for zero). */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

function parse(value: string): Parts {
  const m = DECIMAL.exec(String(value).trim());
  if (!m) throw new Error(`not a decimal: ${value}`);
  const int = m[2].replace(/^0+(?=\d)/, '');
  const frac = (m[3] || '').replace(/0+$/, '');
  const zero = int === '0' && frac === '';
  return { negative: m[1] === '-' && !zero, int, frac };
}

function compareMagnitude(a: Parts, b: Parts): -1 | 0 | 1 {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const len = Math.max(a.frac.length, b.frac.length);
  const fa = padEnd(a.frac, len);
  const fb = padEnd(b.frac, len);
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

function padEnd(s: string, len: number): string {
  let out = s;
  while (out.length < len) out += '0';
  return out;
}

/** Whether `value` is a plain decimal string ("12", "-0.5", "7.1234"). */
export function isDecimal(value: string | null | undefined): boolean {
  return typeof value === 'string' && DECIMAL.test(value.trim());
}

/** Compares two decimal strings exactly: -1, 0 or 1 (throws on anything that is not a decimal). */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const magnitude = compareMagnitude(x, y);
  return (x.negative ? -magnitude : magnitude) as -1 | 0 | 1;
}

/** "1234567.8" → "1,234,567.80" for display (string in, string out; "—" for nothing). */
export function formatAmount(value: string | null | undefined, decimals = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const m = DECIMAL.exec(String(value).trim());
  if (!m) return String(value);
  const int = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const given = m[3] || '';
  const keep = Math.max(decimals, given.replace(/0+$/, '').length);
  const frac = padEnd(given, decimals).slice(0, keep);
  return `${m[1]}${int}${frac ? `.${frac}` : ''}`;
}

/**
 * A user-typed amount: digits with at most `maxDecimals` decimals ("1000", "1000.5", "0.01"); no sign,
 * no thousands separators.
 */
export function isDecimalInput(value: string, maxDecimals: number): boolean {
  const pattern = maxDecimals > 0 ? new RegExp(`^\\d+(\\.\\d{1,${maxDecimals}})?$`) : /^\d+$/;
  return pattern.test(value);
}

/**
 * a × b exactly, rounded half-up to `decimals` places (for an estimate such as USD amount × rate → CNY).
 * Digit-by-digit multiplication: no floats, no BigInt.
 */
export function multiplyDecimal(a: string, b: string, decimals = 2): string {
  const x = parse(a);
  const y = parse(b);
  const digitsA = (x.int + x.frac).split('').map(Number).reverse();
  const digitsB = (y.int + y.frac).split('').map(Number).reverse();
  const product: number[] = new Array(digitsA.length + digitsB.length).fill(0);
  for (let i = 0; i < digitsA.length; i++) {
    for (let j = 0; j < digitsB.length; j++) product[i + j] += digitsA[i] * digitsB[j];
  }
  for (let k = 0; k < product.length - 1; k++) {
    product[k + 1] += Math.floor(product[k] / 10);
    product[k] %= 10;
  }
  const scale = x.frac.length + y.frac.length;
  let digits = product.reverse().join('').replace(/^0+(?=\d)/, '');
  // Line the digits up so exactly `scale` of them are fraction digits.
  while (digits.length <= scale) digits = `0${digits}`;
  let int = digits.slice(0, digits.length - scale);
  let frac = digits.slice(digits.length - scale);
  if (frac.length > decimals) {
    const roundUp = Number(frac.charAt(decimals)) >= 5;
    frac = frac.slice(0, decimals);
    if (roundUp) {
      const bumped = incrementDigits(int + frac);
      int = bumped.slice(0, bumped.length - decimals) || '0';
      frac = bumped.slice(bumped.length - decimals);
    }
  } else {
    frac = padEnd(frac, decimals);
  }
  int = int.replace(/^0+(?=\d)/, '');
  const zero = /^0*$/.test(int + frac);
  const sign = x.negative !== y.negative && !zero ? '-' : '';
  return `${sign}${int}${decimals > 0 ? `.${frac}` : ''}`;
}

/** "0999" + 1 → "1000" (a string of digits). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  while (i >= 0) {
    if (out[i] === '9') {
      out[i] = '0';
      i--;
    } else {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}

/** Two strings of digits of the same length, compared. */
function compareDigits(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function padStart(s: string, len: number): string {
  let out = s;
  while (out.length < len) out = `0${out}`;
  return out;
}

/** a + b (digit strings, same length) → digits, one longer when it carries. */
function addDigits(a: string, b: string): string {
  let out = '';
  let carry = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const sum = Number(a.charAt(i)) + Number(b.charAt(i)) + carry;
    out = String(sum % 10) + out;
    carry = sum >= 10 ? 1 : 0;
  }
  return carry ? `1${out}` : out;
}

/** a − b (digit strings, same length, a ≥ b) → digits. */
function subtractDigits(a: string, b: string): string {
  let out = '';
  let borrow = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    let diff = Number(a.charAt(i)) - Number(b.charAt(i)) - borrow;
    borrow = diff < 0 ? 1 : 0;
    if (diff < 0) diff += 10;
    out = String(diff) + out;
  }
  return out;
}

/**
 * a + b exactly, as a decimal string with the longer of the two fractions ("4680.00" + "0.5" → "4680.50").
 * Digit by digit: no floats, no BigInt (older iOS WeChat engines lack it).
 */
export function addDecimal(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  // The places as written ("4680.00" keeps two), not the significant ones parse() keeps.
  const places = (v: string) => ((DECIMAL.exec(String(v).trim()) as RegExpExecArray)[3] || '').length;
  const scale = Math.max(places(a), places(b));
  const width = Math.max(x.int.length, y.int.length) + scale;
  const dx = padStart(x.int + padEnd(x.frac, scale), width);
  const dy = padStart(y.int + padEnd(y.frac, scale), width);
  let digits: string;
  let negative: boolean;
  if (x.negative === y.negative) {
    digits = addDigits(dx, dy);
    negative = x.negative;
  } else {
    const c = compareDigits(dx, dy);
    digits = c >= 0 ? subtractDigits(dx, dy) : subtractDigits(dy, dx);
    negative = c > 0 ? x.negative : c < 0 ? y.negative : false;
  }
  digits = padStart(digits, scale + 1);
  const int = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(digits.length - scale);
  const zero = /^0*$/.test(int + frac);
  return `${negative && !zero ? '-' : ''}${int}${scale ? `.${frac}` : ''}`;
}

/**
 * The exact sum of the decimal strings among `values` (anything else — null, '' — is skipped), with at least
 * `decimals` fraction digits: sumDecimals(['4680.00', null, '9360']) → "14040.00".
 */
export function sumDecimals(values: ReadonlyArray<string | null | undefined>, decimals = 2): string {
  let total = '0';
  values.forEach((v) => {
    if (typeof v === 'string' && isDecimal(v)) total = addDecimal(total, v.trim());
  });
  const m = DECIMAL.exec(total) as RegExpExecArray;
  const frac = m[3] || '';
  return frac.length >= decimals ? total : `${m[1]}${m[2]}${decimals ? `.${padEnd(frac, decimals)}` : ''}`;
}
