/**
 * Strapi 5 documents carry a numeric row `id` and a stable string `documentId`. Refine keys records by `id`, and
 * every Strapi 5 REST route addresses documents by `documentId`, so the front ends use `id = documentId` and keep
 * the numeric id aside as `_numericId` (useful for display and for the few routes that still want it).
 */
export interface StrapiDocumentIds {
  id: string | number;
  documentId?: string;
  _numericId?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Recursively rewrites every object with a string `documentId` (the record and its populated relations,
 * components excepted — they have no documentId) so that `id === documentId`. Other values are returned as-is.
 */
export const normalizeDocument = <T = unknown>(value: unknown): T => {
  if (Array.isArray(value)) return value.map((item) => normalizeDocument(item)) as T;
  if (!isObject(value)) return value as T;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = isObject(child) || Array.isArray(child) ? normalizeDocument(child) : child;
  }
  if (typeof value.documentId === "string") {
    if (typeof value.id === "number") out._numericId = value.id;
    out.id = value.documentId;
  }
  return out as T;
};

/**
 * Reverses `normalizeDocument` for a request body: Strapi rejects `id`, `documentId` and `_numericId` inside
 * `data`, so they are dropped from the top level of what the form sends.
 */
export const toStrapiData = (variables: unknown): unknown => {
  if (!isObject(variables)) return variables;
  const { id: _id, documentId: _documentId, _numericId, ...rest } = variables;
  return rest;
};
