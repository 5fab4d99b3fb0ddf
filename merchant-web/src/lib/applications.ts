/**
 * Pure rules of the application screens (工商注册 wizard, 跨境申报 forms): field checks mirroring the cms,
 * the wizard's steps, where each field lives, what is still missing, and where to resume.
 */
import {
  DECIMAL,
  REGISTRATION_FILE_SLOTS,
  isCreditCode,
  isIdNumber,
  isMainlandPhone as isPhone,
  isPositiveDecimal,
  whenHolds,
  type BusinessRegistrationData,
  type KindCondition,
  type RegistrationPath,
} from "@jmt/api-types";

const trim = (v: unknown): string => (typeof v === "string" ? v.trim() : v == null ? "" : String(v).trim());

/** A shareholder's share: more than 0, at most 100. */
export const isRatio = (v: unknown): boolean => isPositiveDecimal(v) && Number(trim(v)) <= 100;

/** Sum of shareholder ratios in hundredths of a percent (no float drift: "33.33" + "66.67" = 100). */
export function ratioSum(shareholders: Array<{ ratio?: unknown } | null | undefined> | null | undefined): number {
  const hundredths = (shareholders ?? []).reduce((n, s) => {
    const v = trim(s?.ratio);
    return DECIMAL.test(v) ? n + Math.round(Number(v) * 100) : n;
  }, 0);
  return hundredths / 100;
}

export const ratiosComplete = (shareholders: Parameters<typeof ratioSum>[0]): boolean =>
  Math.round(ratioSum(shareholders) * 100) === 10000;

// ── the registration wizard ───────────────────────────────────────────────────────────────

export type WizardStepKey = "entity" | "name" | "scope" | "people" | "files" | "confirm";

/** Steps of the wizard: a path "existing" merchant has no 经营范围与资本 step. */
export function wizardSteps(path: RegistrationPath | undefined): WizardStepKey[] {
  return path === "existing"
    ? ["entity", "name", "people", "files", "confirm"]
    : ["entity", "name", "scope", "people", "files", "confirm"];
}

/** The step a data path belongs to ("legalPerson.idNumber" → people, "files.id_front" → files). */
export function stepOfField(field: string): WizardStepKey {
  const head = field.split(/[.[]/)[0] ?? "";
  switch (head) {
    case "path":
    case "entityType":
      return "entity";
    case "nameOptions":
    case "registeredAddress":
    case "companyName":
    case "creditCode":
      return "name";
    case "businessScope":
    case "registeredCapital":
      return "scope";
    case "legalPerson":
    case "shareholders":
    case "contact":
      return "people";
    case "files":
      return "files";
    default:
      return "confirm";
  }
}

/** "shareholders[0].ratio" / "shareholders.0.ratio" → ["shareholders", 0, "ratio"] (antd Form name path). */
export function namePath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function getIn(data: unknown, field: string | (string | number)[]): unknown {
  const path = typeof field === "string" ? namePath(field) : field;
  let node: unknown = data;
  for (const part of path) {
    if (node == null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

export interface Problem {
  /** Data path, as the server names it in `details.missing`. */
  field: string;
  /** i18n key of the problem (under `registration.errors`). */
  reason: string;
}

/**
 * What submission would refuse (mirrors the cms check): required fields per path and entity type, formats,
 * shareholder ratios that sum to 100, required file slots.
 */
export function registrationProblems(
  data: BusinessRegistrationData | null | undefined,
  options: { slots?: readonly { key: string; required: boolean }[]; capitalForExisting?: boolean } = {},
): Problem[] {
  const capitalForExisting = options.capitalForExisting ?? false;
  const d = data ?? {};
  const out: Problem[] = [];
  const need = (field: string, ok: boolean, reason = "required") => {
    if (!ok) out.push({ field, reason });
  };
  const filled = (field: string) => trim(getIn(d, field)) !== "";

  need("path", d.path === "new" || d.path === "existing");
  need("entityType", d.entityType === "individual" || d.entityType === "company");
  const path: RegistrationPath = d.path === "existing" ? "existing" : "new";
  const company = d.entityType === "company";

  if (path === "new") {
    need("nameOptions.0", trim(d.nameOptions?.[0]) !== "");
    need("registeredAddress", filled("registeredAddress"));
    need("businessScope", filled("businessScope"));
  } else {
    need("companyName", filled("companyName"));
    if (!filled("creditCode")) need("creditCode", false);
    else need("creditCode", isCreditCode(d.creditCode), "creditCode");
    need("registeredAddress", filled("registeredAddress"));
  }
  if (company && (path === "new" || filled("registeredCapital") || capitalForExisting)) {
    if (!filled("registeredCapital")) need("registeredCapital", false);
    else need("registeredCapital", isPositiveDecimal(d.registeredCapital), "capital");
  }

  need("legalPerson.name", filled("legalPerson.name"));
  if (!filled("legalPerson.idNumber")) need("legalPerson.idNumber", false);
  else need("legalPerson.idNumber", isIdNumber(d.legalPerson?.idNumber), "idNumber");
  if (!filled("legalPerson.phone")) need("legalPerson.phone", false);
  else need("legalPerson.phone", isPhone(d.legalPerson?.phone), "phone");

  if (path === "new" && company) {
    const holders = d.shareholders ?? [];
    if (holders.length === 0) need("shareholders", false, "shareholdersRequired");
    holders.forEach((s, i) => {
      need(`shareholders.${i}.name`, trim(s?.name) !== "");
      if (trim(s?.idNumber) !== "") need(`shareholders.${i}.idNumber`, isIdNumber(s?.idNumber), "idNumber");
      need(`shareholders.${i}.ratio`, isRatio(s?.ratio), trim(s?.ratio) === "" ? "required" : "ratio");
    });
    if (holders.length > 0 && holders.every((s) => isRatio(s?.ratio))) {
      need("shareholders", ratiosComplete(holders), "ratioSum");
    }
  }

  need("contact.name", filled("contact.name"));
  if (!filled("contact.phone")) need("contact.phone", false);
  else need("contact.phone", isPhone(d.contact?.phone), "phone");

  for (const slot of options.slots ?? REGISTRATION_FILE_SLOTS[path]) {
    if (slot.required) need(`files.${slot.key}`, trim(d.files?.[slot.key]) !== "", "fileRequired");
  }
  return out;
}

/** Where to resume a draft: the first step with something missing, else 确认提交. */
export function resumeStep(
  data: BusinessRegistrationData | null | undefined,
  options: Parameters<typeof registrationProblems>[1] = {},
): number {
  const steps = wizardSteps(data?.path === "existing" ? "existing" : "new");
  const problems = registrationProblems(data, options).map((p) =>
    // Capital asked of an existing company lives on its 名称与地址 step (it has no 经营范围 step).
    p.field === "registeredCapital" && data?.path === "existing" ? { ...p, field: "companyName" } : p,
  );
  for (let i = 0; i < steps.length; i++) {
    if (problems.some((p) => stepOfField(p.field) === steps[i])) return i;
  }
  return steps.length - 1;
}

/** Remove empty strings/rows so a saved draft stays small and the server sees only what was typed. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => compact(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k] = typeof v === "string" ? v.trim() : compact(v);
    }
    return out as T;
  }
  return value;
}

/** Deep merge of drafts: `patch` wins; arrays are replaced, not merged. */
export function mergeData<T extends Record<string, unknown>>(base: T, patch: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const prev = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && prev && typeof prev === "object" && !Array.isArray(prev)
        ? mergeData(prev as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out as T;
}

/** G10: a field shows 「已自动带入」 while it still holds the value the server filled in. */
export function isPrefilled(
  sources: Record<string, string> | undefined,
  prefill: unknown,
  current: unknown,
  field: string,
): boolean {
  if (!sources) return false;
  const known = Object.keys(sources).some((k) => k === field || namePath(k).join(".") === namePath(field).join("."));
  if (!known) return false;
  const before = getIn(prefill, field);
  const now = getIn(current, field);
  return trim(before) !== "" && JSON.stringify(before) === JSON.stringify(now);
}

// ── progress board ──────────────────────────────────────────────────────────────────────

export interface BoardState {
  current: number;
  state: "wait" | "process" | "finish" | "error";
}

/**
 * Where an application stands on its progress board (the kind's `steps`, e.g. 材料填报 → 材料初审 → 现场核验 →
 * 核准通过). Returned/rejected show as an error on the step they were sent back from (the timeline says which).
 */
export function boardState(
  steps: readonly string[],
  status: string | null | undefined,
  timeline: ReadonlyArray<{ from: string | null; to: string }> = [],
): BoardState {
  if (!status) return { current: 0, state: "wait" };
  if (status === "returned" || status === "rejected") {
    const last = [...timeline].reverse().find((e) => e.to === status);
    const at = last?.from ? steps.indexOf(last.from) : -1;
    return { current: at >= 0 ? at : Math.min(1, steps.length - 1), state: "error" };
  }
  const at = steps.indexOf(status);
  if (at < 0) return { current: 0, state: "process" };
  return at === steps.length - 1 ? { current: at, state: "finish" } : { current: at, state: "process" };
}

/** The staff note of the latest return/rejection (shown in the Alert). */
export function latestReason(
  status: string | null | undefined,
  timeline: ReadonlyArray<{ to: string; note: string | null }> = [],
): string | null {
  if (status !== "returned" && status !== "rejected") return null;
  return [...timeline].reverse().find((e) => e.to === status)?.note ?? null;
}

// ── kinds as the cms declares them ───────────────────────────────────────────────────────

type Condition = KindCondition;

/** The progress-board state keys of a kind. */
export function stepKeys(steps: ReadonlyArray<{ key: string }> | undefined): string[] {
  return (steps ?? []).map((s) => s.key);
}

/** The file slots asked for this data: the kind's (with their conditions), else the built-in list. */
export function activeSlots<S extends { key: string; required: boolean; when?: Condition | Condition[] | null }>(
  slots: readonly S[] | undefined,
  data: unknown,
  fallback: readonly { key: string; required: boolean }[],
): Array<S | { key: string; required: boolean }> {
  if (slots && slots.length > 0) return slots.filter((s) => whenHolds(s.when, data));
  return [...fallback];
}

/** Whether the kind asks `path` for this data (declared and its condition holds). */
export function kindAsks(
  fields: ReadonlyArray<{ path: string; when?: Condition | Condition[] | null }> | undefined,
  path: string,
  data: unknown,
): boolean {
  const field = fields?.find((f) => f.path === path);
  return !!field && whenHolds(field.when, data);
}
