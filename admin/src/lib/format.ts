import dayjs from "dayjs";

export const formatDateTime = (value: string | null | undefined, withSeconds = false): string =>
  value ? dayjs(value).format(withSeconds ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD HH:mm") : "—";

export const formatDate = (value: string | null | undefined): string => (value ? dayjs(value).format("YYYY-MM-DD") : "—");

export const orDash = (value: unknown): string => (value === null || value === undefined || value === "" ? "—" : String(value));
