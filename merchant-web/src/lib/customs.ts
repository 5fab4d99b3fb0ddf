import {
  BATCH_STAGES,
  stageIndex,
  type BatchProgress,
  type BatchStage,
  type ImportCellError,
  type ImportOverrides,
  type StatusCounts,
} from "@jmt/api-types";

/**
 * Pure logic of the 出口报关 screens: how statuses look, where the step bar stands, the country list,
 * server field errors → form fields, and in-place import fixes → `overrides`.
 */

/** antd Tag colours per status (the labels are `customs.status.<status>` in the locale). */
export const STATUS_COLOR: Record<string, string> = {
  draft: "default",
  queued: "default",
  declaring: "processing",
  stored: "cyan",
  reviewing: "processing",
  reviewed: "success",
  inspecting: "warning",
  released: "success",
  rejected: "error",
  approved: "success",
  withdrawn: "default",
  cancelled: "default",
};

/** Order in which status counts are listed. */
export const STATUS_ORDER = [
  "draft",
  "queued",
  "declaring",
  "stored",
  "reviewing",
  "reviewed",
  "inspecting",
  "released",
  "rejected",
  "cancelled",
] as const;

/** Status filter options of the orders and inventories tables. */
export const ORDER_FILTER_STATUSES = ["draft", "queued", "declaring", "stored", "rejected"] as const;
export const INVENTORY_FILTER_STATUSES = [
  "queued",
  "declaring",
  "stored",
  "reviewing",
  "reviewed",
  "inspecting",
  "released",
  "rejected",
  "cancelled",
] as const;
export const CANCELLATION_FILTER_STATUSES = [
  "draft",
  "queued",
  "declaring",
  "stored",
  "approved",
  "rejected",
  "withdrawn",
] as const;

/** The locale key of a status; a cancellation's draft is 暂存, not 待申报. */
export function statusKey(status: string, subject?: string): string {
  if (subject === "cancellation" && status === "draft") return "customs.status.cancellationDraft";
  return `customs.status.${status}`;
}

/** The non-zero status counts, in flow order (unknown statuses last). */
export function countEntries(counts: StatusCounts | null | undefined): { status: string; count: number }[] {
  const by = counts?.byStatus ?? {};
  const known = STATUS_ORDER.filter((s) => (by[s] ?? 0) > 0).map((s) => ({ status: s as string, count: by[s] ?? 0 }));
  const rest = Object.entries(by)
    .filter(([s, n]) => !(STATUS_ORDER as readonly string[]).includes(s) && (n ?? 0) > 0)
    .map(([status, n]) => ({ status, count: n ?? 0 }));
  return [...known, ...rest];
}

export type StepState = "wait" | "process" | "finish" | "error";

export interface FlowStep {
  key: BatchStage;
  state: StepState;
  /** 汇总申请单 of a batch declared with A (简化申报): not part of its flow. */
  skipped: boolean;
}

/**
 * The five steps of the guided flow from `progress`: steps before the stage are done, the stage is current
 * (in error when its records were rejected and nothing else moves), later ones wait; at `done` all finish.
 */
export function flowSteps(progress: BatchProgress | null | undefined): FlowStep[] {
  const stage = progress?.stage ?? "orders";
  const current = stageIndex(stage);
  const needsSummary = progress?.needsSummary !== false;
  const currentRejected = (() => {
    if (!progress || progress.next) return false;
    if (stage === "orders")
      return (progress.orders.byStatus.rejected ?? 0) > 0 && (progress.orders.byStatus.stored ?? 0) === 0;
    if (stage === "waybill") return progress.waybill?.status === "rejected";
    if (stage === "summary") return progress.summary?.status === "rejected";
    return false;
  })();
  return BATCH_STAGES.map((key, i) => {
    const skipped = key === "summary" && !needsSummary;
    let state: StepState;
    if (stage === "done" || i < current) state = "finish";
    else if (i === current) state = currentRejected ? "error" : "process";
    else state = "wait";
    return { key, state, skipped };
  });
}

/** 运抵国 choices: the common destinations of Donghai crystal (customs country codes). */
export const COUNTRIES: readonly { code: string; key: string }[] = [
  { code: "502", key: "us" },
  { code: "303", key: "gb" },
  { code: "116", key: "jp" },
  { code: "601", key: "au" },
  { code: "304", key: "de" },
  { code: "305", key: "fr" },
];

export const isCountryCode = (value: string): boolean => /^\d{3}$/.test(value);

/** 运输方式 (customs transport codes) offered in the batch form; 5 航空运输 is the default. */
export const TRAF_MODES = ["5", "2", "3", "4", "6"] as const;
/** 包装种类 offered in the batch form: 22 纸箱 (default), 23 木箱 — crystal balls travel in wood. */
export const WRAP_TYPES = ["22", "23"] as const;

/** Customs currency codes of the e-order sheet → locale key suffix. */
export const CURRENCY_KEYS: Record<string, string> = {
  "502": "USD",
  "142": "CNY",
  "300": "EUR",
  "110": "HKD",
  "116": "JPY",
  "303": "GBP",
};

/** A decimal string for kg: > 0, at most 3 decimals. */
export function isParcelWeight(value: string): boolean {
  return /^\d+(\.\d{1,3})?$/.test(value) && Number(value) > 0;
}

/** 提运单号 / 航班航次号: printable ASCII without spaces (the cms rule). */
export const isPlainAscii = (value: string): boolean => /^[\x21-\x7E]+$/.test(value);

export { fieldErrorsOf, formFieldErrors } from "./formErrors";

/** The key of one fixable cell of an import preview. */
export const cellKey = (row: number, field: string): string => `${row}:${field}`;

/** Edited cells (`cellKey` → text) → `overrides` of `POST /api/customs/imports/:id/fix`. */
export function overridesFrom(edits: Record<string, string>): ImportOverrides {
  const out: ImportOverrides = {};
  for (const [key, value] of Object.entries(edits)) {
    const i = key.indexOf(":");
    if (i <= 0) continue;
    const row = key.slice(0, i);
    const field = key.slice(i + 1);
    if (!/^\d+$/.test(row) || !field) continue;
    out[row] = { ...(out[row] ?? {}), [field]: value };
  }
  return out;
}

/** Errors a merchant can fix in the preview: a row and a field to override. */
export const isFixable = (e: ImportCellError): e is ImportCellError & { field: string } =>
  e.row > 0 && typeof e.field === "string" && e.field.length > 0;

/** The one error of a file the cms could not read at all (422 IMPORT_FILE_REJECTED → `details.errors[0]`). */
export function fatalImportError(details: Record<string, unknown> | null | undefined): ImportCellError | null {
  const errors = details?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first = errors[0] as Partial<ImportCellError> | null;
  if (!first || typeof first !== "object" || typeof first.message !== "string") return null;
  return {
    row: typeof first.row === "number" ? first.row : 0,
    column: first.column ?? null,
    field: first.field ?? null,
    code: typeof first.code === "string" ? first.code : "UNKNOWN",
    message: first.message,
    value: first.value ?? null,
    missing: Array.isArray(first.missing) ? first.missing : undefined,
    unknown: Array.isArray(first.unknown) ? first.unknown : undefined,
    duplicate: Array.isArray(first.duplicate) ? first.duplicate : undefined,
  };
}
