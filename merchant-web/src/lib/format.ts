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
