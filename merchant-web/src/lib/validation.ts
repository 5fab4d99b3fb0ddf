/** Form checks of the merchant web. Phone and e-mail rules are the shared ones (@jmt/api-types). */
export { EMAIL, MAINLAND_PHONE, isMainlandPhone, maskPhone } from "@jmt/api-types";

/** SMS verification code as the cms sends it. */
export const SMS_CODE = /^\d{4,6}$/;
/** Latin names/addresses for customs documents: letters, digits, spaces and common punctuation. */
export const LATIN_TEXT = /^[A-Za-z0-9\s.,&'()\-/#:;]*$/;
/** 外汇子账户: the bank's sub-account number (digits, letters, hyphens), as the cms checks it. */
export const FX_SUB_ACCOUNT = /^[0-9A-Za-z-]{6,40}$/;
/** 结汇银行卡号: a mainland bank card or account number, as the cms checks it. */
export const BANK_CARD_NO = /^\d{12,30}$/;
/** Account and card numbers are often pasted with spaces. */
export const withoutSpaces = (value: unknown): string => String(value ?? "").replace(/[\s\u3000]/g, "");
