/**
 * One list format for every plugin list route: Strapi's own. Requests carry `pagination[page]`,
 * `pagination[pageSize]`, `filters[<field>][<$operator>]` and `sort=<field>:<asc|desc>` (what
 * `@jmt/strapi-provider` sends for Refine's `useList` / `useTable`); answers are
 * `{ data, meta: { pagination: { page, pageSize, pageCount, total }, ...extra } }`.
 *
 * A route declares which fields it may be filtered and sorted by and with which operators; anything else is
 * refused with VALIDATION_FAILED naming the parameter, so a client cannot filter on fields it should not see or
 * send unbounded queries. A `search` pseudo-field (`filters[q][$containsi]=…`) searches several attributes at once.
 */
import type { Row } from './knex';

export const OPERATORS = ['$eq', '$ne', '$in', '$notIn', '$lt', '$lte', '$gt', '$gte', '$contains', '$containsi', '$null', '$notNull', '$between'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface FilterSpec {
  /** Operators a client may use on this field. */
  ops: Operator[];
  /** How values are read from the query string (strings by default). */
  type?: 'string' | 'number' | 'boolean';
  /** For a search field: the attributes (dotted paths) it searches with `$containsi`, OR-ed. */
  search?: string[];
  /** Values a client may ask for (an enumeration such as statuses). */
  values?: readonly string[];
  /** Where the field lives when it is not the attribute of the same name (e.g. `merchant` → `merchant.documentId`). */
  path?: string;
  /** Checked and handed to the service in `filters`, but not a column: the service turns it into conditions. */
  custom?: boolean;
}

export interface ListSpec {
  /** Filterable fields by name (dotted names for relation fields: `merchant.documentId`). */
  filters?: Record<string, FilterSpec>;
  /** Sortable attributes. */
  sort?: string[];
  /** When the client does not sort. */
  defaultSort?: Record<string, 'asc' | 'desc'>[];
  defaultPageSize?: number;
  maxPageSize?: number;
}

export interface ListQuery {
  where: Row;
  orderBy: Record<string, 'asc' | 'desc'>[];
  page: number;
  pageSize: number;
  offset: number;
  limit: number;
  /** The filters as parsed, by field name (for services that need a value themselves, e.g. a status for counts). */
  filters: Record<string, { op: Operator; value: unknown }[]>;
  /** The where clause without some fields' filters (tab counts that ignore the tab's own filter). */
  whereExcept(...fields: string[]): Row;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface ListResponse<T> {
  data: T[];
  meta: { pagination: Pagination } & Record<string, unknown>;
}

export class ListQueryError extends Error {
  constructor(readonly errors: { field: string; message: string }[]) {
    super('invalid list query');
  }
}

const MAX_VALUE_LENGTH = 200;
const DOCUMENT_ID_FILTER: FilterSpec = { ops: ['$eq', '$in'] };
const MAX_IN = 100;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toInt(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function nest(path: string, leaf: unknown): Row {
  return path.split('.').reduceRight<unknown>((acc, key) => ({ [key]: acc }), leaf) as Row;
}

/** `{ status: { $in: [...] }, merchant: { documentId: { $eq: x } } }` → [['status', '$in', [...]], ['merchant.documentId', '$eq', x]] */
function flatten(input: unknown, prefix: string, out: [string, string, unknown][], errors: { field: string; message: string }[], depth = 0): void {
  if (depth > 4) {
    errors.push({ field: `filters.${prefix}`, message: '筛选条件层级过深' });
    return;
  }
  if (!isObject(input)) {
    // `filters[status]=x` is shorthand for `$eq`.
    if (prefix) out.push([prefix, '$eq', input]);
    else errors.push({ field: 'filters', message: '筛选条件格式不正确' });
    return;
  }
  for (const [key, value] of Object.entries(input)) {
    if (key === '$and' && !prefix) {
      const parts = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
      for (const part of parts.slice(0, 20)) flatten(part, '', out, errors, depth + 1);
    } else if (key.startsWith('$')) {
      if (!prefix) errors.push({ field: `filters.${key}`, message: `不支持的筛选方式 ${key}` });
      else out.push([prefix, key, value]);
    } else flatten(value, prefix ? `${prefix}.${key}` : key, out, errors, depth + 1);
  }
}

function coerce(value: unknown, spec: FilterSpec, field: string, errors: { field: string; message: string }[]): unknown {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    errors.push({ field, message: '筛选值格式不正确' });
    return undefined;
  }
  const text = String(value);
  if (text.length > MAX_VALUE_LENGTH) {
    errors.push({ field, message: `筛选值不能超过 ${MAX_VALUE_LENGTH} 个字符` });
    return undefined;
  }
  if (spec.values && !spec.values.includes(text)) {
    errors.push({ field, message: `不支持的取值「${text.slice(0, 20)}」` });
    return undefined;
  }
  if (spec.type === 'number') {
    if (!/^-?\d+(\.\d+)?$/.test(text)) {
      errors.push({ field, message: '筛选值应为数字' });
      return undefined;
    }
    return Number(text);
  }
  if (spec.type === 'boolean') {
    if (text !== 'true' && text !== 'false') {
      errors.push({ field, message: '筛选值应为 true 或 false' });
      return undefined;
    }
    return text === 'true';
  }
  return text;
}

function listOf(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  // qs turns `x[$in][0]=a&x[$in][1]=b` into an array, but more than 20 items into an object keyed by index.
  if (isObject(value)) return Object.values(value);
  if (typeof value === 'string') return value.split(',');
  return null;
}

/** Parses a list request against its route's spec; throws ListQueryError listing every bad parameter. */
export function parseListQuery(query: Row | undefined, spec: ListSpec = {}): ListQuery {
  const q = query ?? {};
  const errors: { field: string; message: string }[] = [];
  const pagination = isObject(q.pagination) ? q.pagination : {};
  const maxPageSize = spec.maxPageSize ?? 100;
  const pageSize = Math.min(maxPageSize, toInt(pagination.pageSize, spec.defaultPageSize ?? 20));
  const page = Math.min(100_000, toInt(pagination.page, 1));

  const flat: [string, string, unknown][] = [];
  if (q.filters !== undefined && q.filters !== '') flatten(q.filters, '', flat, errors);
  if (flat.length > 30) errors.push({ field: 'filters', message: '筛选条件过多' });
  const and: { field: string; where: Row }[] = [];
  const filters: ListQuery['filters'] = {};
  for (const [field, op, raw] of flat.slice(0, 30)) {
    // Every list can be asked for given documents (Refine's getMany: `filters[documentId][$in]`).
    const fs = spec.filters?.[field] ?? (field === 'documentId' ? DOCUMENT_ID_FILTER : undefined);
    const name = `filters.${field}`;
    if (!fs) {
      errors.push({ field: name, message: `不支持按「${field}」筛选` });
      continue;
    }
    if (!fs.ops.includes(op as Operator)) {
      errors.push({ field: name, message: `「${field}」不支持 ${op} 筛选` });
      continue;
    }
    const operator = op as Operator;
    let value: unknown;
    if (operator === '$null' || operator === '$notNull') value = true;
    else if (operator === '$in' || operator === '$notIn' || operator === '$between') {
      const items = listOf(raw);
      if (!items || items.length === 0 || items.length > MAX_IN || (operator === '$between' && items.length !== 2)) {
        errors.push({ field: name, message: operator === '$between' ? '区间筛选需要两个值' : `最多 ${MAX_IN} 个取值` });
        continue;
      }
      const coerced = items.map((v) => coerce(v, fs, name, errors));
      if (coerced.some((v) => v === undefined)) continue;
      value = coerced;
    } else {
      value = coerce(raw, fs, name, errors);
      if (value === undefined) continue;
      if (value === '' && (operator === '$containsi' || operator === '$contains')) continue; // an empty search box
    }
    (filters[field] ??= []).push({ op: operator, value });
    if (fs.custom) continue;
    if (fs.search) and.push({ field, where: { $or: fs.search.map((path) => nest(path, { $containsi: value })) } });
    else and.push({ field, where: nest(fs.path ?? field, { [operator]: value }) });
  }

  const orderBy: Record<string, 'asc' | 'desc'>[] = [];
  const sortInput = q.sort === undefined || q.sort === '' ? [] : Array.isArray(q.sort) ? q.sort : isObject(q.sort) ? Object.values(q.sort) : String(q.sort).split(',');
  for (const item of sortInput.slice(0, 5)) {
    const [field, dir = 'asc'] = String(item).split(':');
    if (!spec.sort?.includes(field) || (dir !== 'asc' && dir !== 'desc')) {
      errors.push({ field: 'sort', message: `不支持按「${String(item).slice(0, 40)}」排序` });
      continue;
    }
    orderBy.push(nest(field, dir) as Record<string, 'asc' | 'desc'>);
  }
  if (errors.length) throw new ListQueryError(errors);
  if (!orderBy.length) orderBy.push(...(spec.defaultSort ?? [{ id: 'desc' }]));
  // A stable order for paging: ties broken by id.
  if (!orderBy.some((o) => 'id' in o)) orderBy.push({ id: orderBy[0] && Object.values(orderBy[0])[0] === 'asc' ? 'asc' : 'desc' });
  const whereOf = (parts: { where: Row }[]): Row => (parts.length ? { $and: parts.map((p) => p.where) } : {});
  return {
    where: whereOf(and),
    whereExcept: (...fields: string[]) => whereOf(and.filter((p) => !fields.includes(p.field))),
    orderBy,
    page,
    pageSize,
    offset: (page - 1) * pageSize,
    limit: pageSize,
    filters,
  };
}

export function paginate(page: number, pageSize: number, total: number): Pagination {
  return { page, pageSize, pageCount: Math.ceil(total / pageSize), total };
}

/** `{ data, meta: { pagination, ...extra } }` */
export function listResponse<T>(data: T[], list: Pick<ListQuery, 'page' | 'pageSize'>, total: number, extra: Record<string, unknown> = {}): ListResponse<T> {
  return { data, meta: { pagination: paginate(list.page, list.pageSize, total), ...extra } };
}

/** The single value a client filtered `field` by with `$eq` (or the values of `$in`), if any. */
export function filterValues(list: Pick<ListQuery, 'filters'>, field: string): string[] | null {
  const found = list.filters[field];
  if (!found) return null;
  return found.flatMap((f) => (Array.isArray(f.value) ? f.value.map(String) : [String(f.value)]));
}
