/**
 * Checks for the identifiers Chinese forms ask for. Checksums catch the typos that would otherwise
 * only surface at the registry weeks later.
 */
export const isMobile = (value: string): boolean => /^1[3-9]\d{9}$/.test(value);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码 (GB 11643-1999): 17 digits, a valid birth date, and the mod-11 check character. */
export function isIdNumber(value: string): boolean {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth.getTime() > Date.now()) return false;
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters from its alphabet with the mod-31 check character. */
export function isCreditCode(value: string): boolean {
  const code = value.toUpperCase();
  if (!/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/.test(code)) return false;
  const sum = USCC_WEIGHTS.reduce((acc, weight, i) => acc + weight * USCC_CHARS.indexOf(code[i]), 0);
  const check = (31 - (sum % 31)) % 31;
  return USCC_CHARS[check] === code[17];
}

/** The check character a 17-character credit-code body needs (demo data and tests build valid codes). */
export function creditCodeCheck(body17: string): string {
  const sum = USCC_WEIGHTS.reduce((acc, weight, i) => acc + weight * USCC_CHARS.indexOf(body17[i]), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

export function idNumberCheck(body17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(body17[i]), 0);
  return ID_CHECK[sum % 11];
}

/** 海关编码 (报关单位注册编码): 10 characters. */
export const isCustomsCode = (value: string): boolean => /^[0-9A-Z]{10}$/.test(value.toUpperCase());

/** A positive decimal with at most 4 decimals (amounts stay strings: principle 7). */
export const isDecimal = (value: string): boolean => /^(?:0|[1-9]\d{0,11})(?:\.\d{1,4})?$/.test(value) && Number(value) > 0;

export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
