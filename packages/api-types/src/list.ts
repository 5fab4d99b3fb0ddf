/**
 * Strapi's list format, which every list route of the cms speaks — Strapi's own content-type routes and the plugin
 * routes alike (API_CONTRACT.md → Lists). A request carries `pagination[page]`, `pagination[pageSize]`,
 * `filters[<field>][<$operator>]=…` and `sort=<field>:<asc|desc>`; the answer is
 * `{ data, meta: { pagination: { page, pageSize, pageCount, total }, ...extra } }`. A filter field or operator the
 * route does not declare answers 400 VALIDATION_FAILED with `details.errors: [{ field, message }]`.
 */

/** `meta.pagination` of a list answer. */
export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

/** `meta` of a list answer: the pagination, and whatever the route adds beside it (counts, `canWrite`, …). */
export type ListMeta<Extra extends object = Record<never, never>> = { pagination: Pagination } & Extra;

/** A list answer. */
export interface ListResponse<T, Extra extends object = Record<never, never>> {
  data: T[];
  meta: ListMeta<Extra>;
}

/** The filter operators the list routes accept (each route allows a few per field). */
export type ListOperator = "$eq" | "$ne" | "$in" | "$notIn" | "$lt" | "$lte" | "$gt" | "$gte" | "$contains" | "$containsi" | "$null" | "$notNull" | "$between";

/** `filters` of a list request, one level deep: `{ status: { $in: ["a", "b"] }, q: { $containsi: "晶" } }`. */
export type ListFilters = Record<string, Partial<Record<ListOperator, string | number | boolean | ReadonlyArray<string | number>>>>;

/** The query of a list request, before it is written as `pagination[page]=…&filters[…]=…&sort=…`. */
export interface ListRequest {
  pagination?: { page?: number; pageSize?: number };
  filters?: ListFilters;
  /** `field:asc` / `field:desc`, several comma-separated. */
  sort?: string;
}
