/**
 * Field-level diff of an audit record's `before` / `after` JSON: both sides are flattened to paths
 * (`address.city`, `tags[0]`) and compared, so a reviewer sees exactly which fields changed.
 */
export type DiffKind = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  path: string;
  before: unknown;
  after: unknown;
  kind: DiffKind;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** `{a: {b: 1}, c: [2]}` → `Map{"a.b" => 1, "c[0]" => 2}`; empty objects/arrays stay as leaves. */
export const flatten = (value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> => {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, index) => flatten(item, `${prefix}[${index}]`, out));
  } else if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix !== "" || value !== undefined) {
    out.set(prefix || "(value)", value);
  }
  return out;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Rows in a stable order: the `before` paths first (as recorded), then paths only `after` has. */
export const diffJson = (before: unknown, after: unknown): DiffRow[] => {
  const left = before === null || before === undefined ? new Map<string, unknown>() : flatten(before);
  const right = after === null || after === undefined ? new Map<string, unknown>() : flatten(after);
  const rows: DiffRow[] = [];
  for (const [path, value] of left) {
    if (!right.has(path)) rows.push({ path, before: value, after: undefined, kind: "removed" });
    else {
      const next = right.get(path);
      rows.push({ path, before: value, after: next, kind: same(value, next) ? "unchanged" : "changed" });
    }
  }
  for (const [path, value] of right) {
    if (!left.has(path)) rows.push({ path, before: undefined, after: value, kind: "added" });
  }
  return rows;
};

/** Display form of a leaf value. */
export const formatValue = (value: unknown): string => {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
};
