import { format, messages } from '../locales/index';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Message-list time: 刚刚 / N 分钟前 / N 小时前 / 昨天 14:30 / 2025-03-08. */
export function formatMessageTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const t = messages().time;
  const diffMinutes = Math.floor((now.getTime() - date.getTime()) / 60000);
  if (diffMinutes < 1) return t.justNow;
  if (diffMinutes < 60) return format(t.minutesAgo, { n: diffMinutes });
  const sameDay = date.toDateString() === now.toDateString();
  if (sameDay) return format(t.hoursAgo, { n: Math.floor(diffMinutes / 60) });
  const yesterday = new Date(now.getTime() - 86400000);
  const hm = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === yesterday.toDateString()) return format(t.yesterday, { time: hm });
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Badge text: 0 → '', 120 → '99+'. */
export function badgeText(count: number | null | undefined): string {
  const n = Number(count) || 0;
  if (n <= 0) return '';
  return n > 99 ? '99+' : String(n);
}

/** 2025-03-08 14:30 (local time; '' for an invalid date). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 138****0000 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
