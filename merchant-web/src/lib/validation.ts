/** Form checks of the merchant web. Phone and e-mail rules are the shared ones (@jmt/api-types). */
export { EMAIL, MAINLAND_PHONE, isMainlandPhone, maskPhone } from "@jmt/api-types";

/** SMS verification code as the cms sends it. */
export const SMS_CODE = /^\d{4,6}$/;
/** Latin names/addresses for customs documents: letters, digits, spaces and common punctuation. */
export const LATIN_TEXT = /^[A-Za-z0-9\s.,&'()\-/#:;]*$/;
