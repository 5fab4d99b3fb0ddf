/**
 * The operation log speaks Strapi's list format like every list (`@jmt/strapi-provider` → buildListQuery):
 *   GET /api/audit-logs?filters[actor][$containsi]=<phone>&filters[module][$eq]=<m>
 *       &filters[createdAt][$gte]=<ISO>&filters[createdAt][$lte]=<ISO>&pagination[page]=1&pagination[pageSize]=20
 *   GET /api/audit-logs/export?<same filters>   (no paging: the export has every row)
 * This module turns the page's filters into that query, skipping empty ones.
 */
import { buildListQuery, clean, contains, eq, stringifyQuery, type FieldFilter } from "@jmt/strapi-provider";
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

/** `filters[createdAt][$gte|$lte]`: either end may be open; nothing when both are. */
const range = (from: unknown, to: unknown): FieldFilter => {
  const start = clean(from);
  const end = clean(to);
  if (start === undefined && end === undefined) return undefined;
  return { ...(start !== undefined ? { $gte: start } : {}), ...(end !== undefined ? { $lte: end } : {}) };
};

/** The list's `filters`: the actor searches the phone (or a user id), the module is exact, the time a range. */
export const auditListFilters = (filters: AuditLogFilters): Record<string, FieldFilter> => ({
  actor: contains(filters.actor),
  module: eq(filters.module),
  createdAt: range(filters.from, filters.to),
});

/** Query string (without `?`) for the list endpoint: the filters, then `pagination[page]` and `pagination[pageSize]`. */
export const buildAuditLogQuery = (query: AuditLogQuery): string =>
  buildListQuery({ filters: auditListFilters(query), page: query.page, pageSize: query.pageSize });

/** Absolute-path URL of the CSV export with the same filters (no paging: the export has every row). */
export const buildAuditExportUrl = (apiUrl: string, filters: AuditLogFilters): string => {
  const present = Object.fromEntries(Object.entries(auditListFilters(filters)).filter(([, filter]) => filter !== undefined));
  const search = Object.keys(present).length ? stringifyQuery({ filters: present }) : "";
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
