import { invitations } from '@jmt/contracts/forms';

/**
 * Phone numbers as people type them, judged by the contracts' rule. This module loads @jmt/contracts/forms: the
 * pages that open first (home, 我的, 消息中心) only mask phones, with `maskPhone` of utils/format.
 */
export { maskPhone } from './format';

/** Mainland China mobile number: the contracts' pattern (`MAINLAND_PHONE`: 11 digits starting 13–19). */
export function isMainlandMobile(phone: string): boolean {
  return invitations.MAINLAND_PHONE.test(phone);
}

/** Keep digits only, at most 11 (what a user pastes may contain spaces or dashes). */
export function normalizePhone(input: string): string {
  return String(input || '')
    .replace(/\D/g, '')
    .slice(0, 11);
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
