/** Cell normalisation and formula-injection helpers for the e-order import and exports. */

const FULLWIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const FULLWIDTH_NUMERIC_PUNCT: Readonly<Record<string, string>> = {
  '\uFF0E': '.', // ．
  '\uFF0C': ',', // ，
  '\uFF0D': '-', // －
  '\uFF0B': '+', // ＋
  '\u3002': '.', // 。 (typed instead of a decimal point with a Chinese IME)
};
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Full-width digits and Latin letters → half-width, ideographic/non-breaking spaces → space, invisible
 * characters removed, trimmed. Chinese punctuation inside text is left alone.
 */
const NEEDS_WORK = /[\u200B-\u200D\u2060\uFEFF\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\u3000\u00A0]/;

export function normaliseText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s.trim(); // fast path: the usual cell
  return s
    .replace(INVISIBLE, '')
    .replace(FULLWIDTH_ALNUM, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0]/g, ' ')
    .trim();
}

/** normaliseText plus full-width decimal point, comma and signs → ASCII, for numeric and code fields. */
export function normaliseNumericText(s: string): string {
  return normaliseText(s).replace(/[\uFF0E\uFF0C\uFF0D\uFF0B\u3002]/g, (ch) => FULLWIDTH_NUMERIC_PUNCT[ch] ?? ch);
}

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a text value would be interpreted as a formula if exported naively. */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value);
}

export type ExportTarget = 'csv' | 'xlsx';

/**
 * Makes a value safe to put into an exported spreadsheet cell.
 * - numbers pass through (a negative number is data, not a formula);
 * - text starting with = + - @ TAB CR gets a leading apostrophe so no spreadsheet evaluates it;
 * - for CSV the result is also quoted when needed (commas, quotes, newlines), quotes doubled.
 * For XLSX write the returned string as a string cell (ExcelJS does this for JS strings) — never as a formula.
 */
export function safeCell(value: string | number | null | undefined, target: ExportTarget = 'csv'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (looksLikeFormula(s)) s = `'${s}`;
  if (target === 'csv' && /[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV line from values, each made safe with safeCell. */
export function safeCsvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map((v) => safeCell(v, 'csv')).join(',');
}
