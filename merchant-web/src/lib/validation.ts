/** Mainland China mobile number: 11 digits, starting 13–19. */
export const MAINLAND_PHONE = /^1[3-9]\d{9}$/;
/** SMS verification code as the cms sends it. */
export const SMS_CODE = /^\d{4,6}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Latin names/addresses for customs documents: letters, digits, spaces and common punctuation. */
export const LATIN_TEXT = /^[A-Za-z0-9\s.,&'()\-/#:;]*$/;

export function isMainlandPhone(value: string | null | undefined): boolean {
  return MAINLAND_PHONE.test((value ?? "").trim());
}

/** 13900000001 → 139****0001 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  return MAINLAND_PHONE.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
