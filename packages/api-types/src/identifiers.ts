/**
 * Checks of the identifiers Chinese forms ask for, the same rules the cms applies (cms plugins/workflow
 * lib/validators.ts): the front ends catch typos before submitting, the server has the last word.
 * Values are trimmed; letters are compared in upper case.
 */
import { sign } from "@jmt/money";

/** Mainland China mobile number: 11 digits, starting 13–19. */
export const MAINLAND_PHONE = /^1[3-9]\d{9}$/;
/** 统一社会信用代码 (GB 32100-2015): 18 characters, digits and capital letters except I, O, Z, S, V. */
export const CREDIT_CODE = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;
/** 居民身份证号 (GB 11643-1999): 17 digits and a check character (digit or X). */
export const ID_NUMBER = /^\d{17}[\dX]$/;
/** 海关编码: 10 characters. */
export const CUSTOMS_CODE = /^[0-9A-Z]{10}$/;
/** A decimal with at most 4 decimals ("50", "12.5"); amounts stay strings. */
export const DECIMAL = /^(0|[1-9]\d{0,11})(\.\d{1,4})?$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (v: unknown): string => (typeof v === "string" ? v.trim() : v == null ? "" : String(v).trim());

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";
const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const isMainlandPhone = (v: unknown): boolean => MAINLAND_PHONE.test(text(v));

/** `13900000001` → `139****0001`; anything that is not a mobile number is shown as it is. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return MAINLAND_PHONE.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** The check character of a 17-digit ID body (mod 11). */
export function idNumberCheck(body17: string): string {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body17[i]), 0);
  return ID_CHECK[sum % 11] ?? "";
}

/** The check character of a 17-character credit-code body (mod 31). */
export function creditCodeCheck(body17: string): string {
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_CHARS.indexOf(body17[i] ?? ""), 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] ?? "";
}

/** 统一社会信用代码 with its check character. */
export function isCreditCode(v: unknown): boolean {
  const code = text(v).toUpperCase();
  return CREDIT_CODE.test(code) && creditCodeCheck(code.slice(0, 17)) === code[17];
}

/** 居民身份证号: a real birth date (1900 – today) and the check character. */
export function isIdNumber(v: unknown, today: Date = new Date()): boolean {
  const id = text(v).toUpperCase();
  if (!ID_NUMBER.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth.getTime() > today.getTime()) {
    return false;
  }
  return idNumberCheck(id.slice(0, 17)) === id[17];
}

export const isCustomsCode = (v: unknown): boolean => CUSTOMS_CODE.test(text(v).toUpperCase());
export const isEmail = (v: unknown): boolean => EMAIL.test(text(v));
/** A positive decimal with at most 4 decimals. */
export const isPositiveDecimal = (v: unknown): boolean => DECIMAL.test(text(v)) && sign(text(v)) > 0;

/** What is wrong with a value of a field type the server checks by format (`null`: fine, or empty). */
export type FormatProblem = "phone" | "creditCode" | "idNumber" | "email" | "number" | "customsCode";

/** The format check of a kind's field by its type (empty values are the `required` rule's business). */
export function formatProblem(type: string | undefined, value: unknown): FormatProblem | null {
  const v = text(value);
  if (v === "") return null;
  switch (type) {
    case "phone":
      return isMainlandPhone(v) ? null : "phone";
    case "creditCode":
      return isCreditCode(v) ? null : "creditCode";
    case "idNumber":
      return isIdNumber(v) ? null : "idNumber";
    case "email":
      return isEmail(v) ? null : "email";
    case "number":
    case "decimal":
      return isPositiveDecimal(v) ? null : "number";
    case "customsCode":
      return isCustomsCode(v) ? null : "customsCode";
    default:
      return null;
  }
}
