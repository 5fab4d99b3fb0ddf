/**
 * Strapi's list format, which every list route of the cms speaks (`@jmt/api-types` → list): the query the web apps'
 * typed clients send, and their answers read with defaults for whatever the server left out. Written by the same
 * `stringifyQuery` as the data provider, so every list request looks alike.
 * Unit-tested here (test/list-query.test.ts) and through the admin clients (admin/test/*.test.ts).
 */
import type { ListMeta, ListOperator, ListResponse, Pagination } from "@jmt/api-types";
import { stringifyQuery } from "./query";

/** The typed clients' tables ask for 20 rows unless told otherwise. */
export const LIST_PAGE_SIZE = 20;

/** A filter of one field: `{ $eq: "x" }`; `undefined` (a blank value) leaves the field out. */
export type FieldFilter = Partial<Record<ListOperator, string | number | ReadonlyArray<string | number>>> | undefined;

export interface ListQuery {
  filters?: Record<string, FieldFilter>;
  page?: number;
  pageSize?: number;
  /** `field:asc` / `field:desc`, several comma-separated; the route's own order when left out. */
  sort?: string;
}

/** A value typed by someone (a search box, a select), trimmed; undefined when blank. */
export const clean = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
};

/** `{ $eq: value }`, or nothing for a blank value. */
export const eq = (value: unknown): FieldFilter => {
  const text = clean(value);
  return text === undefined ? undefined : { $eq: text };
};

/** `{ $containsi: value }` (a search box: case-insensitive), or nothing for a blank value. */
export const contains = (value: unknown): FieldFilter => {
  const text = clean(value);
  return text === undefined ? undefined : { $containsi: text };
};

/** One value → `$eq`, several → `$in`; blanks dropped, nothing when none is left. */
export const oneOrMany = (value: string | readonly string[] | undefined): FieldFilter => {
  if (!Array.isArray(value)) return eq(value);
  const values = value.map(clean).filter((v): v is string => v !== undefined);
  return values.length ? { $in: values } : undefined;
};

const positive = (value: number | undefined, fallback: number): number =>
  value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;

/**
 * `{ filters: { q: contains(" 晶华 ") }, page: 2 }` →
 * `filters[q][$containsi]=%E6%99%B6%E5%8D%8E&pagination[page]=2&pagination[pageSize]=20` (blank filters left out).
 */
export const buildListQuery = ({ filters = {}, page, pageSize, sort }: ListQuery): string => {
  const present = Object.fromEntries(Object.entries(filters).filter(([, filter]) => filter !== undefined));
  return stringifyQuery({
    ...(Object.keys(present).length ? { filters: present } : {}),
    ...(sort ? { sort } : {}),
    pagination: { page: positive(page, 1), pageSize: positive(pageSize, LIST_PAGE_SIZE) },
  });
};

interface ListBody<T> {
  data?: T[];
  meta?: { pagination?: Partial<Pagination> } & Record<string, unknown>;
}

/**
 * A list answer with its pagination complete: what the server left out is taken from the rows (page 1, all of
 * them). The extras of `meta` (counts, `canWrite`) are passed on as they came.
 */
export const readList = <T, Extra extends object = Record<never, never>>(answer: unknown): ListResponse<T, Partial<Extra>> => {
  // What came over the wire: a list answer, or (from an older route) a bare array.
  const body = answer as ListBody<T> | T[] | null | undefined;
  if (Array.isArray(body))
    return { data: body, meta: { pagination: { page: 1, pageSize: body.length, pageCount: 1, total: body.length } } as ListMeta<Partial<Extra>> };
  const data = Array.isArray(body?.data) ? body.data : [];
  const { pagination, ...extra } = body?.meta ?? {};
  const pageSize = pagination?.pageSize ?? data.length;
  const total = pagination?.total ?? data.length;
  return {
    data,
    meta: {
      ...(extra as Partial<Extra>),
      pagination: {
        page: pagination?.page ?? 1,
        pageSize,
        pageCount: pagination?.pageCount ?? (pageSize > 0 ? Math.ceil(total / pageSize) : 1),
        total,
      },
    } as ListMeta<Partial<Extra>>,
  };
};
