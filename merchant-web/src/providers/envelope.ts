/** The cms contract's envelopes: single answers `{ data }`, lists `{ data, meta: { page, pageSize, total } }`. */

export interface Paged<T> {
  data: T[];
  meta: { page: number; pageSize: number; total: number };
}

/**
 * Single answers come as `{ data }`; a few also repeat the payload at the top level (import previews) or
 * (per the contract) have none (to-dos, hints). Accept both, prefer `data`.
 */
export function unwrap<T>(body: unknown): T {
  if (
    body &&
    typeof body === "object" &&
    "data" in body &&
    (body as { data: unknown }).data !== undefined &&
    (body as { data: unknown }).data !== null
  ) {
    return (body as { data: T }).data;
  }
  return body as T;
}

/** A list answer, with defaults for whatever `meta` the server left out. */
export function paged<T>(body: unknown, defaultPageSize = 20): Paged<T> {
  const b = (body ?? {}) as Partial<Paged<T>>;
  const data = Array.isArray(b.data) ? b.data : [];
  return {
    data,
    meta: {
      page: b.meta?.page ?? 1,
      pageSize: b.meta?.pageSize ?? defaultPageSize,
      total: b.meta?.total ?? data.length,
    },
  };
}

/** Query parameters without the empty ones. */
export const params = (p: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== ""));
