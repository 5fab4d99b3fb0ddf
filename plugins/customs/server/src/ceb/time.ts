/**
 * Time and identifier helpers. Customs times are Beijing time (UTC+8, no DST) whatever the zone
 * the server runs in, so we shift the epoch and read UTC fields instead of relying on TZ.
 */
import { randomUUID } from 'crypto';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function beijingParts(date: Date): { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number } {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const b = new Date(date.getTime() + BEIJING_OFFSET_MS);
  return {
    y: b.getUTCFullYear(),
    mo: b.getUTCMonth() + 1,
    d: b.getUTCDate(),
    h: b.getUTCHours(),
    mi: b.getUTCMinutes(),
    s: b.getUTCSeconds(),
    ms: b.getUTCMilliseconds(),
  };
}

/** yyyyMMddHHmmss in Beijing time (appTime). */
export function formatAppTime(date: Date): string {
  const p = beijingParts(date);
  return `${pad(p.y, 4)}${pad(p.mo)}${pad(p.d)}${pad(p.h)}${pad(p.mi)}${pad(p.s)}`;
}

/** yyyyMMddHHmmssSSS in Beijing time (receipt returnTime). */
export function formatReturnTime(date: Date): string {
  return formatAppTime(date) + pad(beijingParts(date).ms, 3);
}

/** yyyyMMdd in Beijing time (ieDate). */
export function formatIeDate(date: Date): string {
  return formatAppTime(date).slice(0, 8);
}

/**
 * Parses a compact customs timestamp (yyyyMMdd, yyyyMMddHHmmss or yyyyMMddHHmmssSSS) as Beijing
 * time. Returns undefined when the shape is wrong or the calendar date does not exist (20240230).
 */
export function parseCustomsTime(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})(\d{3})?)?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0', m[7] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(utc);
  // Date.UTC rolls 30 Feb over into March; a round-trip mismatch means the date does not exist.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  return new Date(utc - BEIJING_OFFSET_MS);
}

export const GUID_PATTERN = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** 36-character upper-case GUID (random v4 UUID), as the CEB head `guid` requires. */
export function newGuid(): string {
  return randomUUID().toUpperCase();
}
