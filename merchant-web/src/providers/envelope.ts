/**
 * The cms contract's envelopes: single answers `{ data }`. Lists speak Strapi's list format and are read through
 * Refine's `useList` and the shared data provider (hooks/useResourceList.ts), never by hand.
 */

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

/** Query parameters without the empty ones. */
export const params = (p: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined && v !== ""));
