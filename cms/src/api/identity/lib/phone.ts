/** Mainland China mobile numbers: 11 digits starting 13–19 (a leading +86 / 86 is tolerated). */
export function normalizeMainlandPhone(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(compact) ? compact : null;
}

/** Beijing calendar day, for the daily send cap. */
export function beijingDay(now: number): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}
