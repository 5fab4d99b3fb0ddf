/**
 * The operation-log endpoints do not take Strapi filters but plain parameters (API_CONTRACT.md):
 *   GET /api/audit-logs?actor=<phone>&module=<m>&from=<ISO>&to=<ISO>&page=1&pageSize=20
 *   GET /api/audit-logs/export?<same filters>
 * This module turns the page's filters into those parameters, in that order, skipping empty ones.
 */
import type { CrudFilter } from "@refinedev/core";
import type { Dayjs } from "dayjs";

export interface AuditLogFilters {
  /** Account phone (or part of it). */
  actor?: string;
  /** Module key from the endpoint's `modules` list. */
  module?: string;
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
}

export interface AuditLogQuery extends AuditLogFilters {
  page?: number;
  pageSize?: number;
}

/** The search form's values. */
export interface AuditLogSearchValues {
  actor?: string;
  module?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const FILTER_KEYS = ["actor", "module", "from", "to"] as const;

const clean = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
};

/** Query string (without `?`) for the list endpoint: actor, module, from, to, page, pageSize. */
export const buildAuditLogQuery = (query: AuditLogQuery): string => {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = clean(query[key]);
    if (value !== undefined) params.set(key, value);
  }
  if (query.page !== undefined) params.set("page", String(query.page));
  if (query.pageSize !== undefined) params.set("pageSize", String(query.pageSize));
  return params.toString();
};

/** Absolute-path URL of the CSV export with the same filters (no paging: the export has every row). */
export const buildAuditExportUrl = (apiUrl: string, filters: AuditLogFilters): string => {
  const search = buildAuditLogQuery({ actor: filters.actor, module: filters.module, from: filters.from, to: filters.to });
  return `${apiUrl.replace(/\/+$/, "")}/audit-logs/export${search ? `?${search}` : ""}`;
};

/** Search form → Refine filters (what `useTable`'s onSearch returns). Dates cover whole days. */
export const searchValuesToFilters = (values: AuditLogSearchValues): CrudFilter[] => {
  const [start, end] = values.range ?? [null, null];
  return [
    { field: "actor", operator: "eq", value: clean(values.actor) },
    { field: "module", operator: "eq", value: clean(values.module) },
    {
      field: "createdAt",
      operator: "between",
      value: start || end ? [start?.startOf("day").toISOString(), end?.endOf("day").toISOString()] : undefined,
    },
  ];
};

/** Refine filters (as kept by `useTable`) → the endpoint's parameters. */
export const filtersToAuditParams = (filters: CrudFilter[] | undefined): AuditLogFilters => {
  const result: AuditLogFilters = {};
  for (const filter of filters ?? []) {
    if (!("field" in filter)) continue;
    if (filter.field === "actor") result.actor = clean(filter.value);
    else if (filter.field === "module") result.module = clean(filter.value);
    else if (filter.field === "createdAt" && Array.isArray(filter.value)) {
      const [from, to] = filter.value as unknown[];
      result.from = clean(from);
      result.to = clean(to);
    }
  }
  return result;
};

/** `操作日志-20250102-0304.csv` */
export const exportFileName = (now: Date = new Date()): string => {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `操作日志-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.csv`;
};
