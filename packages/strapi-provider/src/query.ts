/**
 * Refine → Strapi 5 REST query translation.
 *
 * Strapi 5 reads `filters`, `sort`, `pagination`, `populate`, `fields`, `status` and `locale` from the
 * query string in the `qs` bracket syntax (`filters[nameCn][$containsi]=晶`). Everything here is a pure
 * function from Refine's `CrudFilter` / `CrudSort` / `Pagination` to a plain object, then `qs.stringify`.
 */
import type { CrudFilter, CrudOperators, CrudSort, LogicalFilter, Pagination } from "@refinedev/core";
import qs from "qs";

export type StrapiFilterObject = Record<string, unknown>;

/** Refine operator → Strapi 5 operator. `contains` is case-insensitive, as users expect from a search box. */
const OPERATORS: Partial<Record<CrudOperators, string>> = {
  eq: "$eq",
  ne: "$ne",
  eqs: "$eq",
  nes: "$ne",
  lt: "$lt",
  gt: "$gt",
  lte: "$lte",
  gte: "$gte",
  in: "$in",
  nin: "$notIn",
  contains: "$containsi",
  ncontains: "$notContainsi",
  containss: "$contains",
  ncontainss: "$notContains",
  between: "$between",
  startswith: "$startsWithi",
  startswiths: "$startsWith",
  endswith: "$endsWithi",
  endswiths: "$endsWith",
};

/** Operators expressed as `$not: { <positive operator> }` because Strapi has no direct negative form. */
const NEGATED: Partial<Record<CrudOperators, CrudOperators>> = {
  nbetween: "between",
  nstartswith: "startswith",
  nstartswiths: "startswiths",
  nendswith: "endswith",
  nendswiths: "endswiths",
};

export class UnsupportedFilterError extends Error {
  constructor(operator: string) {
    super(`Strapi 5 has no equivalent for the Refine filter operator "${operator}"`);
    this.name = "UnsupportedFilterError";
  }
}

/** A value the user has not chosen yet (an empty search box, a cleared select) — the filter is skipped. */
const isBlank = (value: unknown): boolean => value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/** `merchant.nameCn` → `{ merchant: { nameCn: leaf } }` */
const nest = (field: string, leaf: unknown): StrapiFilterObject => {
  const parts = field.split(".").filter(Boolean);
  return parts.reduceRight<unknown>((acc, key) => ({ [key]: acc }), leaf) as StrapiFilterObject;
};

const logicalToStrapi = (filter: LogicalFilter): StrapiFilterObject | undefined => {
  const { field, operator, value } = filter;
  if (operator === "null") {
    // `{operator: "null", value: false}` means "is not null"; anything else (true / undefined) means "is null".
    return nest(field, value === false ? { $notNull: true } : { $null: true });
  }
  if (operator === "nnull") {
    return nest(field, value === false ? { $null: true } : { $notNull: true });
  }
  if (isBlank(value)) return undefined;

  const negatedOf = NEGATED[operator];
  if (negatedOf) {
    const inner = OPERATORS[negatedOf] as string;
    return nest(field, { $not: { [inner]: value } });
  }
  const strapiOperator = OPERATORS[operator];
  if (!strapiOperator) throw new UnsupportedFilterError(operator);

  if (operator === "in" || operator === "nin") {
    return nest(field, { [strapiOperator]: Array.isArray(value) ? value : [value] });
  }
  if (operator === "between") {
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [from, to] = value as unknown[];
    if (isBlank(from) && isBlank(to)) return undefined;
    if (isBlank(from)) return nest(field, { $lte: to });
    if (isBlank(to)) return nest(field, { $gte: from });
    return nest(field, { $between: [from, to] });
  }
  return nest(field, { [strapiOperator]: value });
};

/** One Refine filter → one Strapi filter object (or `undefined` if the filter is blank). */
export const filterToStrapi = (filter: CrudFilter): StrapiFilterObject | undefined => {
  if (filter.operator === "or" || filter.operator === "and") {
    const children = (filter.value ?? []).map((child) => filterToStrapi(child)).filter((child): child is StrapiFilterObject => child !== undefined);
    if (children.length === 0) return undefined;
    const group = { [`$${filter.operator}`]: children };
    // A ConditionalFilter with a `key` scopes the whole group to a field (Refine's convention).
    return filter.key ? nest(filter.key, group) : group;
  }
  return logicalToStrapi(filter as LogicalFilter);
};

const isPlainObject = (value: unknown): value is StrapiFilterObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Deep-merge `b` into `a`; returns false (and leaves `a` as it was) when both set the same leaf. */
const tryMerge = (a: StrapiFilterObject, b: StrapiFilterObject): boolean => {
  const conflicts = (x: StrapiFilterObject, y: StrapiFilterObject): boolean =>
    Object.keys(y).some((key) => {
      if (!(key in x)) return false;
      const xv = x[key];
      const yv = y[key];
      if (key.startsWith("$") || !isPlainObject(xv) || !isPlainObject(yv)) return true;
      return conflicts(xv, yv);
    });
  if (conflicts(a, b)) return false;
  const merge = (x: StrapiFilterObject, y: StrapiFilterObject): void => {
    for (const [key, yv] of Object.entries(y)) {
      const xv = x[key];
      if (isPlainObject(xv) && isPlainObject(yv)) merge(xv, yv);
      else x[key] = yv;
    }
  };
  merge(a, b);
  return true;
};

/**
 * Refine's top-level filter list (implicitly AND) → one Strapi `filters` object. Filters on distinct fields are
 * merged into the natural shape (`filters[nameCn][$containsi]=…&filters[type][$eq]=…`); if two of them would
 * collide (the same field and operator twice, two `or` groups) the rest go into `$and`.
 */
export const buildFilters = (filters: CrudFilter[] | undefined): StrapiFilterObject | undefined => {
  const parts = (filters ?? []).map((filter) => filterToStrapi(filter)).filter((part): part is StrapiFilterObject => part !== undefined);
  if (parts.length === 0) return undefined;
  const merged: StrapiFilterObject = {};
  const overflow: StrapiFilterObject[] = [];
  for (const part of parts) {
    if (!tryMerge(merged, structuredClone(part))) overflow.push(part);
  }
  if (overflow.length === 0) return merged;
  return { $and: [merged, ...overflow] };
};

/** `[{field: "createdAt", order: "desc"}, {field: "nameCn", order: "asc"}]` → `"createdAt:desc,nameCn:asc"` */
export const buildSort = (sorters: CrudSort[] | undefined): string | undefined => {
  const sort = (sorters ?? []).filter((s) => s.field).map((s) => `${s.field}:${s.order === "desc" ? "desc" : "asc"}`);
  return sort.length > 0 ? sort.join(",") : undefined;
};

export const DEFAULT_PAGE_SIZE = 10;

export const buildPagination = (pagination: Pagination | undefined): { page: number; pageSize: number } | undefined => {
  const mode = pagination?.mode ?? "server";
  if (mode !== "server") return undefined;
  return {
    page: pagination?.currentPage ?? 1,
    pageSize: pagination?.pageSize ?? DEFAULT_PAGE_SIZE,
  };
};

/** The `meta` keys a caller may pass straight through to Strapi. */
export interface StrapiMeta {
  /** Strapi `populate`: `"*"`, a list of relations or a nested object. */
  populate?: unknown;
  /** Strapi `fields`: the attributes to return. */
  fields?: string[];
  /** Strapi 5 draft & publish: `"draft"` or `"published"`. */
  status?: "draft" | "published";
  /** i18n locale code. */
  locale?: string;
  /** Anything else to put on the query string as-is. */
  query?: Record<string, unknown>;
  /** Extra request headers. */
  headers?: Record<string, string>;
  [key: string]: unknown;
}

export const metaToQuery = (meta: StrapiMeta | undefined): Record<string, unknown> => {
  if (!meta) return {};
  const query: Record<string, unknown> = { ...(meta.query ?? {}) };
  if (meta.populate !== undefined) query.populate = meta.populate;
  if (meta.fields !== undefined) query.fields = meta.fields;
  if (meta.status !== undefined) query.status = meta.status;
  if (meta.locale !== undefined) query.locale = meta.locale;
  return query;
};

/**
 * Serialises a Strapi query object. Keys keep their brackets (Strapi and most proxies accept both), values are
 * percent-encoded, arrays are indexed (`filters[documentId][$in][0]=a`) as Strapi's docs show.
 */
export const stringifyQuery = (query: Record<string, unknown>): string =>
  qs.stringify(query, { encodeValuesOnly: true, arrayFormat: "indices", skipNulls: true });
