/**
 * Pure helpers of the 出口报关 screens (API_CONTRACT.md → Customs): list query strings, status colours and order,
 * where a batch stands on the step bar, 点点通 verify errors onto form fields, what a config save sends, hints by
 * placement, links into the outbox list. Unit-tested (test/customs.test.ts).
 */
import {
  BATCH_STAGES,
  CUSTOMS_HINT_PLACEMENTS,
  CUSTOMS_STATUSES,
  DDT_CONFIG_FIELDS,
  DDT_CONFIG_STATUSES,
  stageIndex,
  type BatchProgress,
  type BatchStage,
  type CustomsConfigStatus,
  type CustomsHint,
  type DdtConfigField,
  type FieldError,
  type StaffCustomsConfig,
  type StaffCustomsConfigInput,
  type StatusCounts,
} from "@jmt/api-types";
import type { CrudFilter } from "@refinedev/core";
import { buildListQuery, clean, contains, eq } from "@jmt/strapi-provider";

export interface CustomsListParams {
  /** 批次编号 / 名称 (board), 订单编号 / 清单编号 / 物流运单号 (a batch's records) */
  q?: string;
  /** merchant documentId (board) */
  merchant?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}

/**
 * `{q: " PC2026 ", page: 2}` → `filters[q][$containsi]=PC2026&pagination[page]=2&pagination[pageSize]=20`
 * (Strapi's list format; empty values left out).
 */
export const buildCustomsQuery = (params: CustomsListParams): string =>
  buildListQuery({
    filters: { q: contains(params.q), merchant: eq(params.merchant), status: eq(params.status) },
    page: params.page,
    pageSize: params.pageSize,
  });

/** The value of a plain `field eq value` filter of a Refine table, trimmed; undefined when empty. */
export const filterValue = (filters: CrudFilter[] | undefined, field: string): string | undefined => {
  const found = filters?.find((filter) => "field" in filter && filter.field === field);
  return found ? clean(found.value) : undefined;
};

// ── statuses ───────────────────────────────────────────────────────────────────────────────────

/** One colour per status across the customs screens: waiting = blue / cyan, customs at work = gold / orange, done = green. */
export const CUSTOMS_STATUS_COLORS: Record<string, string> = {
  draft: "default",
  queued: "cyan",
  declaring: "processing",
  stored: "geekblue",
  reviewing: "gold",
  reviewed: "green",
  inspecting: "orange",
  released: "green",
  rejected: "red",
  approved: "green",
  withdrawn: "default",
  cancelled: "purple",
};

export const customsStatusColor = (status: string | null | undefined): string => CUSTOMS_STATUS_COLORS[status ?? ""] ?? "default";

/** A status as a Timeline dot colour (antd Timeline takes plain colour names). */
export const customsTimelineColor = (status: string | null | undefined): string => {
  const color = customsStatusColor(status);
  if (color === "processing" || color === "geekblue" || color === "cyan") return "blue";
  if (color === "default") return "gray";
  if (color === "gold") return "#d48806";
  return color;
};

/** The statuses present in a count, in the order of the vocabulary (unknown ones last), without zeros. */
export const statusEntries = (counts: StatusCounts | null | undefined): Array<{ status: string; count: number }> => {
  const byStatus = counts?.byStatus ?? {};
  const known = CUSTOMS_STATUSES as readonly string[];
  return Object.entries(byStatus)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] > 0)
    .sort(([a], [b]) => (known.indexOf(a) < 0 ? 99 : known.indexOf(a)) - (known.indexOf(b) < 0 ? 99 : known.indexOf(b)))
    .map(([status, count]) => ({ status, count }));
};

// ── where a batch stands ───────────────────────────────────────────────────────────────────────

export type StepState = "wait" | "process" | "finish" | "error";

export interface StageStep {
  key: BatchStage;
  state: StepState;
  /** 汇总 of an A (简化申报) batch: not part of its flow. */
  skipped: boolean;
}

/**
 * The five steps 电子订单 → 出口清单 → 总分单 → 汇总 → 完成 and how each looks: done before the current stage,
 * in progress on it (error when that step's 总分单 / 汇总 was 退单), waiting after it; everything done at `done`.
 */
export const stageSteps = (progress: Pick<BatchProgress, "stage" | "needsSummary" | "waybill" | "summary"> | null | undefined): StageStep[] => {
  const stage = progress?.stage ?? "orders";
  const current = stageIndex(stage);
  return BATCH_STAGES.map((key, index): StageStep => {
    const skipped = key === "summary" && progress?.needsSummary === false;
    let state: StepState;
    if (stage === "done" || index < current) state = "finish";
    else if (index > current) state = "wait";
    else if ((key === "waybill" && progress?.waybill?.status === "rejected") || (key === "summary" && progress?.summary?.status === "rejected"))
      state = "error";
    else state = "process";
    return { key, state, skipped };
  });
};

/** Rejected orders and inventories of a batch: they need the merchant's attention. */
export const rejectedCount = (progress: Pick<BatchProgress, "orders" | "inventories"> | null | undefined): number =>
  (progress?.orders.byStatus.rejected ?? 0) + (progress?.inventories.byStatus.rejected ?? 0);

// ── 点点通 interface config ───────────────────────────────────────────────────────────────────────

export const isConfigStatus = (value: unknown): value is CustomsConfigStatus =>
  typeof value === "string" && (DDT_CONFIG_STATUSES as readonly string[]).includes(value);

/** How many merchants have each config status (every status present, zeros too). */
export const configStatusCounts = (configs: readonly Pick<StaffCustomsConfig, "status">[] | undefined): Record<CustomsConfigStatus, number> => {
  const counts = Object.fromEntries(DDT_CONFIG_STATUSES.map((status) => [status, 0])) as Record<CustomsConfigStatus, number>;
  for (const config of configs ?? []) if (isConfigStatus(config.status)) counts[config.status] += 1;
  return counts;
};

const FORM_FIELDS: readonly string[] = [...DDT_CONFIG_FIELDS, "appSecret"];

/**
 * 点点通's verdict onto the form: errors of a known field go under that field (several joined), the rest
 * (`field: ""` when 点点通 could not be reached, or a field the form does not have) stay general.
 */
export const splitVerifyErrors = (
  errors: readonly FieldError[] | null | undefined,
): { byField: Partial<Record<DdtConfigField | "appSecret", string[]>>; general: string[] } => {
  const byField: Partial<Record<DdtConfigField | "appSecret", string[]>> = {};
  const general: string[] = [];
  for (const error of errors ?? []) {
    if (!error?.message) continue;
    if (error.field && FORM_FIELDS.includes(error.field)) (byField[error.field as DdtConfigField | "appSecret"] ??= []).push(error.message);
    else general.push(error.message);
  }
  return { byField, general };
};

export type ConfigFormValues = Partial<Record<DdtConfigField | "appSecret", string | null | undefined>>;

/** Codes the cms upper-cases anyway; the form does it as the user types so what is shown is what is saved. */
export const UPPERCASE_CONFIG_FIELDS: readonly DdtConfigField[] = ["dxpId", "ebcCode", "ebpCode", "agentCode", "customsCode", "portCode"];

/**
 * What a save sends: every field (trimmed; empty clears it) and `appSecret` only when one was typed —
 * leaving it out keeps the stored one ("留空则不修改"; the cms would clear it on "").
 */
export const configInput = (values: ConfigFormValues): StaffCustomsConfigInput => {
  const input: StaffCustomsConfigInput = {};
  for (const field of DDT_CONFIG_FIELDS) {
    const text = typeof values[field] === "string" ? (values[field] as string).trim() : "";
    input[field] = text === "" ? null : UPPERCASE_CONFIG_FIELDS.includes(field) ? text.toUpperCase() : text;
  }
  const secret = values.appSecret;
  if (typeof secret === "string" && secret !== "") input.appSecret = secret;
  return input;
};

/** The form's starting values: the saved config, or — for a merchant without one — its name and 连云港海关 (2305). */
export const configFormValues = (config: StaffCustomsConfig | undefined): ConfigFormValues => {
  const values: ConfigFormValues = {};
  for (const field of DDT_CONFIG_FIELDS) values[field] = config?.[field] ?? undefined;
  if (config && !config.configured) {
    values.ebcName ??= config.merchant?.nameCn;
    values.customsCode ??= DEFAULT_CUSTOMS_CODE;
    values.portCode ??= DEFAULT_CUSTOMS_CODE;
  }
  values.appSecret = undefined;
  return values;
};

/** 连云港海关, the customs office of Donghai's exporters. */
export const DEFAULT_CUSTOMS_CODE = "2305";

// ── hints ──────────────────────────────────────────────────────────────────────────────────────

/** Hints grouped by placement in the order of the flow (新建批次, 订单导入, 汇总申请), other placements after. */
export const hintsByPlacement = (hints: readonly CustomsHint[] | undefined): Array<{ placement: string; hints: CustomsHint[] }> => {
  const groups = new Map<string, CustomsHint[]>();
  for (const placement of CUSTOMS_HINT_PLACEMENTS) groups.set(placement, []);
  for (const hint of hints ?? []) {
    const placement = hint.placement || "other";
    if (!groups.has(placement)) groups.set(placement, []);
    groups.get(placement)?.push(hint);
  }
  return [...groups.entries()].map(([placement, list]) => ({ placement, hints: list }));
};

/** A placement as a locale key (`batch.create` → `batch_create`: the i18n keys are dotted paths). */
export const placementKey = (placement: string | null | undefined): string => (placement || "other").replace(/\./g, "_");

// ── links ──────────────────────────────────────────────────────────────────────────────────────

/**
 * A link to an outbox list with its status tab chosen, in the URL form Refine's `syncWithLocation` reads
 * (`?filters[0][field]=status&filters[0][operator]=eq&filters[0][value]=failed`).
 */
export const outboxListLink = (path: string, status: "failed" | "pending" | "sent"): string => {
  const search = new URLSearchParams([
    ["filters[0][field]", "status"],
    ["filters[0][operator]", "eq"],
    ["filters[0][value]", status],
  ]);
  return `${path}?${search.toString()}`;
};
