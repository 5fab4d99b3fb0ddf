/** Mainland China mobile number: 11 digits starting 13–19. */
export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** Keep digits only, at most 11 (what a user pastes may contain spaces or dashes). */
export function normalizePhone(input: string): string {
  return String(input || '').replace(/\D/g, '').slice(0, 11);
}

/** 138****0000 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
