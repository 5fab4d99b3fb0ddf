/**
 * 出口报关 (C1–C9, plugins/customs): the response shapes of `/api/customs/*` (deploy/local/API_CONTRACT.md,
 * section "Customs") and the little logic every front end needs to render them — which step a batch is on,
 * whether something is still waiting for a customs receipt. Labels live in each app's locale files.
 */
import type { ListResponse } from "./list";

/** The status vocabulary shared by orders, inventories, 总分单, 汇总 and 撤销. */
export const CUSTOMS_STATUSES = [
  "draft",
  "queued",
  "declaring",
  "stored",
  "reviewing",
  "reviewed",
  "inspecting",
  "released",
  "rejected",
  "approved",
  "withdrawn",
  "cancelled",
] as const;
export type CustomsStatus = (typeof CUSTOMS_STATUSES)[number];

export const isCustomsStatus = (value: unknown): value is CustomsStatus => typeof value === "string" && (CUSTOMS_STATUSES as readonly string[]).includes(value);

/** The record kinds of `GET /api/customs/records/:kind/:id`. */
export const CUSTOMS_RECORD_KINDS = ["orders", "inventories", "waybills", "summaries", "cancellations"] as const;
export type CustomsRecordKind = (typeof CUSTOMS_RECORD_KINDS)[number];

/** `subjectType` of receipts and records (singular). */
export type CustomsSubject = "order" | "inventory" | "waybill" | "summary" | "cancellation";

export const SUBJECT_KIND: Record<CustomsSubject, CustomsRecordKind> = {
  order: "orders",
  inventory: "inventories",
  waybill: "waybills",
  summary: "summaries",
  cancellation: "cancellations",
};

/** 贸易方式 of a batch. */
export const TRADE_MODES = ["9610", "9710", "9810", "1210"] as const;
export type TradeMode = (typeof TRADE_MODES)[number];

/** A: 简化申报; B: 汇总申报 (needed for tax refund). */
export type StatisticsFlag = "A" | "B";

/** The guided one-stop flow: 电子订单 → 出口清单 → 清单总分单 → 汇总申请单 → 完成. */
export const BATCH_STAGES = ["orders", "inventories", "waybill", "summary", "done"] as const;
export type BatchStage = (typeof BATCH_STAGES)[number];

export type NextActionKind = "import" | "declare-orders" | "declare-inventories" | "declare-waybill" | "declare-summary";

export interface NextAction {
  action: NextActionKind;
  label: string;
  hint: string;
}

/** `{ field, message }` of a 400 VALIDATION_FAILED (`error.details.errors`). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * A customs list in Strapi's list format (./list): `GET /api/customs/batches` (filters `q` $containsi number or name,
 * `status` $eq open | closed, staff `merchant` $eq; sort createdAt, number), `…/batches/:id/orders` and
 * `…/inventories` (`status` $eq / $in, `q` $containsi; at most 200 a page), `GET /api/customs/cancellations`
 * (`invtNo` $containsi / $eq, `status` $eq / $in; `meta.canWrite` beside the pagination).
 */
export type CustomsList<T, Extra extends object = Record<never, never>> = ListResponse<T, Extra>;

/** `GET /api/customs/cancellations`: may the caller write (a merchant admin), beside the pagination. */
export type CancellationList = CustomsList<CustomsCancellation, { canWrite: boolean }>;

// ── C1 点点通 interface config ───────────────────────────────────────────────────────────────

export type CustomsConfigStatus = "valid" | "invalid" | "unverified" | "missing";

export interface CustomsConfig {
  status: CustomsConfigStatus;
  configured?: boolean;
  merchant?: { documentId: string; nameCn: string };
  dxpId?: string | null;
  ebcCode?: string | null;
  ebcName?: string | null;
  ebpCode?: string | null;
  ebpName?: string | null;
  agentCode?: string | null;
  agentName?: string | null;
  customsCode?: string | null;
  portCode?: string | null;
  /** Masked ("jh-****"). */
  appKey?: string | null;
  hasSecret?: boolean;
  verifiedAt?: string | null;
  verifyErrors?: FieldError[];
  updatedAt?: string | null;
}

// ── records ──────────────────────────────────────────────────────────────────────────────────

/** What every declared record carries: where it stands at 点点通 / customs. */
export interface DeclarationFields {
  /** documentId */
  id: string;
  documentId: string;
  kind?: CustomsSubject;
  status: CustomsStatus | string;
  statusLabel?: string;
  guid?: string | null;
  copNo?: string | null;
  preNo?: string | null;
  returnStatus?: number | null;
  returnStatusLabel?: string | null;
  returnInfo?: string | null;
  returnAt?: string | null;
  declaredAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface CustomsOrderLine {
  /** Excel row and line number inside the order; absent on orders that did not come from an import (seed). */
  row?: number;
  gnum?: number;
  itemNo: string;
  itemName: string;
  itemDescribe?: string;
  hsCode: string;
  barCode?: string;
  unit: string;
  currency: string;
  qty: string;
  price: string;
  totalPrice: string;
  note?: string;
}

export interface CustomsOrder extends DeclarationFields {
  orderNo: string;
  currency?: string | null;
  goodsValue?: string | null;
  freight?: string | null;
  orderDate?: string | null;
  importId?: string | null;
  lines?: CustomsOrderLine[];
}

export interface CustomsInventory extends DeclarationFields {
  orderNo?: string | null;
  invtNo?: string | null;
  logisticsNo?: string | null;
  totalPackageNo?: string | null;
  grossWeight?: string | null;
  cancelled?: boolean;
}

export interface CustomsWaybill extends DeclarationFields {
  billNo?: string | null;
  trafMode?: string | null;
  trafName?: string | null;
  voyageNo?: string | null;
  grossWeight?: string | null;
  packageCount?: number | null;
}

export interface CustomsSummary extends DeclarationFields {
  sumNo?: string | null;
  summaryFlag?: string | null;
  invtNos?: string[] | null;
}

export interface CustomsCancellation extends DeclarationFields {
  invtNo: string;
  ebcCode?: string | null;
  /** 报文传输的企业名称 */
  copName?: string | null;
  reason?: string | null;
  withdrawnAt?: string | null;
}

/** One receipt of a record (`timeline` of `GET /api/customs/records/:kind/:id`), oldest first. */
export interface ReceiptEntry {
  guid?: string;
  returnStatus: number;
  returnStatusLabel: string;
  status: CustomsStatus | string;
  returnInfo?: string | null;
  at: string | null;
}

export interface CebMessageInfo {
  guid: string;
  messageType: string;
  status: string;
  createdAt?: string | null;
  acceptedAt?: string | null;
  lastError?: string | null;
}

/** `GET /api/customs/records/:kind/:id`: the record with its messages and receipts. */
export type CustomsRecordDetail<R extends DeclarationFields = DeclarationFields> = R & {
  messages: CebMessageInfo[];
  timeline: ReceiptEntry[];
};

// ── batches ──────────────────────────────────────────────────────────────────────────────────

export interface StatusCounts {
  total: number;
  byStatus: Partial<Record<CustomsStatus, number>> & Record<string, number | undefined>;
}

export interface BatchProgress {
  stage: BatchStage;
  next: NextAction | null;
  orders: StatusCounts;
  inventories: StatusCounts;
  waybill: CustomsWaybill | null;
  summary: CustomsSummary | null;
  /** statisticsFlag B: a 汇总申请单 is part of the flow. */
  needsSummary: boolean;
}

export interface CustomsBatch {
  id: string;
  documentId: string;
  number: string;
  name: string;
  tradeMode: TradeMode | string;
  statisticsFlag: StatisticsFlag | string;
  logisticsCode?: string | null;
  logisticsName?: string | null;
  country?: string | null;
  trafMode?: string | null;
  wrapType?: string | null;
  parcelWeight?: string | null;
  status: string;
  note?: string | null;
  merchant?: { documentId: string; nameCn: string };
  createdAt?: string;
}

export interface BatchListItem extends CustomsBatch {
  progress: BatchProgress;
}

/** One receipt in a batch's `timeline` (latest 30, newest first). */
export interface BatchReceipt {
  subjectType: CustomsSubject;
  messageType: string;
  returnStatus: number;
  returnStatusLabel: string;
  status: CustomsStatus | string;
  returnInfo?: string | null;
  at: string | null;
}

export interface BatchImportInfo {
  importId: string;
  status: "preview" | "committed" | "rejected" | string;
  fileName?: string | null;
  total?: number | null;
  valid?: number | null;
  errorCount?: number | null;
  committedCount?: number | null;
  createdAt?: string;
}

export interface BatchDetail extends BatchListItem {
  imports: BatchImportInfo[];
  timeline: BatchReceipt[];
  /** Members read, admins act. */
  canWrite: boolean;
}

/** `POST /api/customs/batches` body. */
export interface BatchInput {
  name: string;
  tradeMode?: TradeMode;
  statisticsFlag?: StatisticsFlag;
  logisticsCode: string;
  logisticsName: string;
  /** 3-digit customs country code (502 = USA). */
  country: string;
  trafMode?: string;
  wrapType?: string;
  /** kg per parcel, decimal string. */
  parcelWeight?: string;
  note?: string;
}

/** `POST /api/customs/batches/:id/waybill` body. */
export interface WaybillInput {
  /** 提运单号 */
  billNo: string;
  /** 运输工具名称 */
  trafName: string;
  /** 航班航次号 */
  voyageNo: string;
}

/** Answer of the bulk declarations (orders, inventories). */
export interface DeclareResult {
  declared: number;
  progress: BatchProgress;
}

// ── C3 import ────────────────────────────────────────────────────────────────────────────────

export type ImportFileErrorCode = "NOT_XLSX" | "FILE_TOO_LARGE" | "TOO_MANY_ROWS" | "HEADER_MISMATCH" | "NO_DATA";

export type ImportCellErrorCode =
  | "REQUIRED"
  | "TOO_LONG"
  | "HS_FORMAT"
  | "HS_UNKNOWN"
  | "NOT_A_NUMBER"
  | "NEGATIVE_OR_ZERO"
  | "TOO_MANY_DECIMALS"
  | "TOO_LARGE"
  | "CURRENCY_UNKNOWN"
  | "UNIT_UNKNOWN"
  | "TOTAL_MISMATCH"
  | "DUPLICATE_IN_FILE"
  | "DUPLICATE_EXISTING"
  | "MIXED_CURRENCY"
  | "FREIGHT_MISMATCH"
  | "DATE_INVALID"
  | "INVALID_VALUE";

export interface ImportCellError {
  /** Excel row (1-based); 0 for file-level errors. */
  row: number;
  /** Header text ("HS编码"); null for file-level errors. */
  column: string | null;
  /** The key to send in `overrides`. */
  field: string | null;
  code: ImportCellErrorCode | ImportFileErrorCode | string;
  message: string;
  value: string | null;
  /** HEADER_MISMATCH only. */
  missing?: string[];
  unknown?: string[];
  duplicate?: string[];
}

export interface ImportWarning {
  row: number;
  column: string;
  field: string;
  code: "FORMULA_TEXT" | string;
  message: string;
  value: string;
}

/** The preview of an import (upload, fix, re-read): nothing is persisted until commit. */
export interface ImportPreview {
  importId: string;
  status?: string;
  fileName?: string | null;
  total: number;
  valid: number;
  orderCount: number;
  errorCount: number;
  errorsTruncated?: boolean;
  errors: ImportCellError[];
  warnings: ImportWarning[];
  warningCount?: number;
  fatal: boolean;
  skippedExamples?: number;
  skippedEmpty?: number;
}

/** `{ "<excel row>": { "<field>": "<text>" } }` */
export type ImportOverrides = Record<string, Record<string, string>>;

export interface ImportCommitResult {
  importId: string;
  status: "committed";
  orders: number;
  rows: number;
}

// ── C6 撤销 ─────────────────────────────────────────────────────────────────────────────────

export interface CancellationInput {
  invtNo: string;
  reason: string;
  /** Declare at once; otherwise saved as 暂存 (draft). */
  declare?: boolean;
}

// ── C8 to-dos, C9 hints ──────────────────────────────────────────────────────────────────────

export interface CustomsTodo {
  module: "customs";
  key: string;
  title: string;
  body: string;
  action?: NextActionKind;
  /** Web link, e.g. `/customs/batches/<id>` or `/customs/cancellations?invtNo=…`. */
  link: string;
  mpPath?: string;
}

export interface CustomsTodos {
  items: CustomsTodo[];
  counts: { orders: number; lists: number; summaries: number };
}

export type HintPlacement = "batch.create" | "orders.import" | "batch.summary";

export interface CustomsHint {
  key: string;
  title: string;
  body: string;
  placement: HintPlacement | string;
  updatedAt?: string;
  editedBy?: string | null;
}

// ── logic ────────────────────────────────────────────────────────────────────────────────────

/** Index of a stage on the step bar (0 = 电子订单 … 4 = 完成). */
export function stageIndex(stage: string | null | undefined): number {
  const i = (BATCH_STAGES as readonly string[]).indexOf(stage ?? "");
  return i < 0 ? 0 : i;
}

/**
 * Statuses in which a record still waits for a receipt, per kind. An e-order's journey ends at 海关入库
 * (stored); an inventory's at 已放行; 总分单 and 汇总 at 海关审结; a cancellation at 撤销成功.
 */
export const WAITING_STATUSES: Record<CustomsSubject, readonly string[]> = {
  order: ["queued", "declaring", "reviewing", "reviewed", "inspecting"],
  inventory: ["queued", "declaring", "stored", "reviewing", "reviewed", "inspecting"],
  waybill: ["queued", "declaring", "stored", "reviewing", "inspecting"],
  summary: ["queued", "declaring", "stored", "reviewing", "inspecting"],
  cancellation: ["queued", "declaring", "stored", "reviewing", "inspecting"],
};

export function isWaiting(subject: CustomsSubject, status: string | null | undefined): boolean {
  return !!status && WAITING_STATUSES[subject].includes(status);
}

/** How many records of a count are still waiting for customs. */
export function waitingCount(subject: "order" | "inventory", counts: StatusCounts | null | undefined): number {
  if (!counts?.byStatus) return 0;
  return WAITING_STATUSES[subject].reduce((n, s) => n + (counts.byStatus[s] ?? 0), 0);
}

/** Something of the batch is out at 点点通 / customs: receipts will change it, so screens refresh. */
export function batchInFlight(progress: BatchProgress | null | undefined): boolean {
  if (!progress) return false;
  return (
    waitingCount("order", progress.orders) > 0 ||
    waitingCount("inventory", progress.inventories) > 0 ||
    isWaiting("waybill", progress.waybill?.status) ||
    isWaiting("summary", progress.summary?.status)
  );
}
