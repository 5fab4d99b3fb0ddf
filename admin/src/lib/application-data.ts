/**
 * Reading `application.data` for display and correction: dotted paths (`legalPerson.name`, `nameOptions.0`),
 * the kinds' field / file-slot conditions (`when`), grouping into labelled sections. Pure; unit-tested.
 */
import { REGISTRATION_KIND, TAX_REFUND_KIND, whenHolds, type KindCondition, type KindFileSlot, type KindInfo } from "@jmt/api-types";

export type DataRecord = Record<string, unknown>;

/**
 * When a field / file slot applies. The workflow plugin sends one condition or a list of them that must all hold
 * (工商注册 `registeredCapital`: `[{path:"path",in:["new"]},{path:"entityType",in:["company"]}]`).
 */
export type Conditions = KindCondition | readonly KindCondition[] | null | undefined;

/** A field to show or edit: the kind's metadata, normalised (`path` is always set). */
export interface FieldView {
  path: string;
  label: string;
  type?: string;
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  when?: Conditions;
}

const segments = (path: string | undefined | null): string[] => (typeof path === "string" ? path.split(".").filter((part) => part !== "") : []);

/** `getPath({a: {b: [1, 2]}}, "a.b.1")` → 2 */
export const getPath = (data: unknown, path: string): unknown =>
  segments(path).reduce<unknown>((node, part) => {
    if (Array.isArray(node)) return node[Number(part)];
    if (node && typeof node === "object") return (node as DataRecord)[part];
    return undefined;
  }, data);

/** Immutable set: a copy of `data` with `value` at `path` (arrays for numeric segments). */
export const setPath = (data: DataRecord, path: string, value: unknown): DataRecord => {
  const parts = segments(path);
  if (parts.length === 0) return data;
  const write = (node: unknown, index: number): unknown => {
    const part = parts[index] as string;
    const numeric = /^\d+$/.test(part);
    const container: DataRecord | unknown[] = Array.isArray(node)
      ? [...node]
      : node && typeof node === "object"
        ? { ...(node as DataRecord) }
        : numeric
          ? []
          : {};
    const current = Array.isArray(container) ? container[Number(part)] : container[part];
    const next = index === parts.length - 1 ? value : write(current, index + 1);
    if (Array.isArray(container)) container[Number(part)] = next;
    else container[part] = next;
    return container;
  };
  return write(data, 0) as DataRecord;
};

/** Whether a field / slot applies to this data (no condition = always; a list = every condition holds): the shared rule. */
export const applies = (when: Conditions, data: DataRecord): boolean => whenHolds(when, data);

/** The kind's fields as the console shows and edits them. */
export const fieldsOfKind = (meta: KindInfo | undefined): FieldView[] =>
  (meta?.fields ?? [])
    .map((field) => ({
      path: field.path,
      label: field.label,
      type: field.type,
      required: field.required,
      options: field.options ?? undefined,
      when: field.when,
    }))
    .filter((field) => Boolean(field.path));

/** Top-level keys of `data` that are shown by the fields, by dedicated sections or (`shownElsewhere`) by the page's own cards. */
const coveredKeys = (fields: FieldView[], shownElsewhere: readonly string[]): Set<string> =>
  new Set(["files", "shareholders", ...shownElsewhere, ...fields.map((field) => segments(field.path)[0] as string)]);

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);

/**
 * Data not described by any field (older drafts, extra keys): flattened to `[path, value]` pairs of primitives
 * so it can be shown without dumping JSON.
 */
export const extraEntries = (data: DataRecord, fields: FieldView[], shownElsewhere: readonly string[] = []): Array<[string, string]> => {
  const covered = coveredKeys(fields, shownElsewhere);
  const out: Array<[string, string]> = [];
  const walk = (value: unknown, path: string) => {
    if (isEmpty(value)) return;
    if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${path}.${index + 1}`));
    else if (value && typeof value === "object") Object.entries(value as DataRecord).forEach(([key, child]) => walk(child, `${path}.${key}`));
    else out.push([path, String(value)]);
  };
  for (const [key, value] of Object.entries(data ?? {})) {
    if (!covered.has(key)) walk(value, key);
  }
  return out;
};

/** Section of a field of 工商注册 (a filing kind or a refund is one section). */
export const sectionOf = (kind: string, path: string): string => {
  if (kind === TAX_REFUND_KIND) return "taxRefund";
  if (kind !== REGISTRATION_KIND) return "filing";
  const head = segments(path)[0] ?? "";
  if (head === "path" || head === "entityType") return "application";
  if (head === "legalPerson") return "legalPerson";
  if (head === "contact") return "contact";
  return "entity";
};

export const SECTION_ORDER = ["application", "entity", "legalPerson", "contact", "filing", "taxRefund"] as const;

/** Fields that apply to the data, grouped into sections in display order. */
export const groupFields = (kind: string, fields: FieldView[], data: DataRecord): Array<{ section: string; fields: FieldView[] }> => {
  const groups = new Map<string, FieldView[]>();
  for (const field of fields) {
    if (!applies(field.when, data)) continue;
    const section = sectionOf(kind, field.path);
    groups.set(section, [...(groups.get(section) ?? []), field]);
  }
  return SECTION_ORDER.filter((section) => groups.has(section)).map((section) => ({ section, fields: groups.get(section) ?? [] }));
};

/** File slots that apply to the data, plus any uploaded file whose slot the metadata does not know. */
export type FileSlotRow = Pick<KindFileSlot, "key" | "label" | "required"> & Partial<KindFileSlot> & { documentId?: string };

export const fileSlotsFor = (slots: KindFileSlot[] | undefined, data: DataRecord): FileSlotRow[] => {
  const files = (data?.files ?? {}) as Record<string, unknown>;
  const known = (slots ?? []).filter((slot) => applies(slot.when, data) || typeof files[slot.key] === "string");
  const rows: FileSlotRow[] = known.map((slot) => ({
    ...slot,
    documentId: typeof files[slot.key] === "string" && files[slot.key] ? (files[slot.key] as string) : undefined,
  }));
  for (const [key, value] of Object.entries(files)) {
    if (typeof value === "string" && value && !rows.some((row) => row.key === key)) {
      rows.push({ key, label: key, required: false, documentId: value });
    }
  }
  return rows;
};

/** The label of a select value (`existing` → 已有营业执照). */
export const optionLabel = (field: FieldView, value: unknown): string | undefined => field.options?.find((option) => option.value === String(value))?.label;
