import dayjs from "dayjs";
import relativeTime from "dayjs/plugin/relativeTime";
import "dayjs/locale/zh-cn";

dayjs.extend(relativeTime);
dayjs.locale("zh-cn");

/** "3 分钟前" within a week, then a date. */
export function formatRelative(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return "";
  const d = dayjs(iso);
  if (!d.isValid()) return "";
  return Math.abs(dayjs(now).diff(d, "day")) < 7 ? d.from(now) : d.format("YYYY-MM-DD");
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = dayjs(iso);
  return d.isValid() ? d.format("YYYY-MM-DD HH:mm") : "";
}

export type Greeting = "morning" | "noon" | "afternoon" | "evening";

export function greetingOf(date: Date = new Date()): Greeting {
  const h = date.getHours();
  if (h < 11) return "morning";
  if (h < 13) return "noon";
  if (h < 18) return "afternoon";
  return "evening";
}

/** 2048 → "2.0 KB" (file sizes in lists). */
export function formatFileSize(bytes: number | null | undefined): string {
  if (typeof bytes !== "number" || !Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
