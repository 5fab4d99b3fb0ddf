/** Mainland China mobile number: 11 digits starting 13–19. */
export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}

/** Keep digits only, at most 11 (what a user pastes may contain spaces or dashes). */
export function normalizePhone(input: string): string {
  return String(input || '')
    .replace(/\D/g, '')
    .slice(0, 11);
}

/** 138****0000 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/**
 * What the cms accepts as a mainland mobile (cms identity/lib/phone.ts `normalizeMainlandPhone`): spaces and dashes
 * dropped, a leading +86 / 86 tolerated; the 11 digits, or null when they are not a mainland mobile.
 */
export function normalizeMainlandPhone(input: string | null | undefined): string | null {
  const compact = String(input || '')
    .replace(/[\s-]/g, '')
    .replace(/^(\+?86)(?=1\d{10}$)/, '');
  return isMainlandMobile(compact) ? compact : null;
}
