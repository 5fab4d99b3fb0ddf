/**
 * Pure helpers of the 出口退税 screens (API_CONTRACT.md → Tax refund): the queue's tabs and what each asks the API
 * for, the return-message file (columns, status words, failures), the rate table's checks and states, and reading the
 * cms's error details. Amounts stay decimal strings; the cms computes every estimate. Unit-tested (test/tax-refund.test.ts).
 */
import type { RefundRate, TaxRefundData, TaxRefundStatus } from "@jmt/api-types";
import { PLATFORM_STATES } from "./application-kinds";
import { readUploadFailure, type UploadError, type UploadFailure } from "./upload-problems";

// ── the queue ──────────────────────────────────────────────────────────────────────────────────

/** 待办理 (every state the platform acts in, the default), one tab per state, 全部. */
export const REFUND_TABS = ["pending", "declared", "reviewing", "treasury", "paid", "returned", "rejected", "all"] as const;
export type RefundTab = (typeof REFUND_TABS)[number];

export const isRefundTab = (value: unknown): value is RefundTab => typeof value === "string" && (REFUND_TABS as readonly string[]).includes(value);

/** The states in which a refund waits on the platform (申报, 审核, 退库). */
export const REFUND_PLATFORM_STATES: readonly string[] = PLATFORM_STATES["tax-refund"];

/**
 * What a tab asks `GET /api/tax-refund/applications` for. Tabs of platform states also send `owner=platform`, which
 * orders the longest wait first (the cms orders by `waitingSince`); the others are newest first.
 */
export const refundTabQuery = (tab: string | undefined): { status?: string[]; owner?: "platform" } => {
  if (!tab || tab === "pending") return { status: [...REFUND_PLATFORM_STATES], owner: "platform" };
  if (tab === "all" || !isRefundTab(tab)) return {};
  return REFUND_PLATFORM_STATES.includes(tab) ? { status: [tab], owner: "platform" } : { status: [tab] };
};

/** A tab's badge from the staff to-dos (platform states only: the others have no count without a request each). */
export const refundTabCount = (tab: RefundTab, byStatus: Record<string, number> | undefined): number | undefined => {
  if (!byStatus) return undefined;
  if (tab === "pending") return REFUND_PLATFORM_STATES.reduce((sum, state) => sum + (byStatus[state] ?? 0), 0);
  return REFUND_PLATFORM_STATES.includes(tab) ? (byStatus[tab] ?? 0) : undefined;
};

/** `application.data` of a refund, read defensively (drafts may lack anything). */
export const refundData = (data: unknown): Partial<TaxRefundData> => (data && typeof data === "object" ? (data as Partial<TaxRefundData>) : {});

// ── return messages (回执) ─────────────────────────────────────────────────────────────────────

/** The return file's columns, left to right (申报编号 and 状态 are required headers). */
export const RETURN_COLUMNS = ["申报编号", "状态", "退税金额", "日期", "说明"] as const;

/** The documented status words of the return file and the state each moves a refund to. */
export const RETURN_STATUS_WORDS: ReadonlyArray<{ word: string; to: TaxRefundStatus }> = [
  { word: "审核中", to: "reviewing" },
  { word: "审核通过", to: "treasury" },
  { word: "退库", to: "treasury" },
  { word: "已到账", to: "paid" },
  { word: "退回", to: "returned" },
  { word: "不予退税", to: "rejected" },
];

/** What a failed `POST /api/tax-refund/returns` means for the page (a 409 RETURN_ALREADY_UPLOADED is a `failed` with its code). */
export const returnUploadFailureOf = (error: UploadError): UploadFailure => readUploadFailure(error, "RETURN_UPLOAD_INVALID", RETURN_COLUMNS);

/** `details` of RETURN_ALREADY_UPLOADED: the day and who uploaded when. */
export interface AlreadyUploaded {
  date: string | null;
  uploadedAt: string | null;
  uploadedBy: string | null;
}

export const alreadyUploadedOf = (details: Record<string, unknown> | undefined): AlreadyUploaded => {
  const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
  return { date: text(details?.date), uploadedAt: text(details?.uploadedAt), uploadedBy: text(details?.uploadedBy) };
};

/** Today in Beijing (the cms allows one return upload per Beijing date). */
export const beijingToday = (now: number = Date.now()): string => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

// ── the rate table ─────────────────────────────────────────────────────────────────────────────

/**
 * An HS code or prefix as the cms takes it, spaces and dots removed (`7116.20` → `711620`); whether it is one (4–10
 * digits) and what a refund rate may be are the contract's rules (`taxrefund.rateInput`, `estimateQuery`).
 */
export const normaliseHsCode = (value: string | null | undefined): string => String(value ?? "").replace(/[\s.]/g, "");

/**
 * A positive amount with at most 2 decimals, as typed (the calculator asks the cms only then). Still the console's
 * own: `taxrefund.estimateQuery` judges the amount in a cross-field check that throws on text that is no number.
 */
export const isAmount = (value: string | null | undefined): boolean => {
  const text = String(value ?? "").trim();
  return /^\d+(?:\.\d{1,2})?$/.test(text) && /[1-9]/.test(text);
};

export type RateState = "active" | "upcoming" | "expired";

/** Whether a rate applies on `today` (YYYY-MM-DD strings compare as dates). */
export const rateStateOf = (rate: Pick<RefundRate, "effectiveFrom" | "effectiveTo">, today: string): RateState => {
  if (rate.effectiveFrom > today) return "upcoming";
  if (rate.effectiveTo && rate.effectiveTo < today) return "expired";
  return "active";
};

/** The rate a REFUND_RATE_OVERLAP clashes with (`details.with`), when the cms sent it. */
export const overlapOf = (details: Record<string, unknown> | undefined): RefundRate | undefined => {
  const clash = details?.with;
  if (!clash || typeof clash !== "object") return undefined;
  const rate = clash as Partial<RefundRate>;
  return typeof rate.hsCode === "string" && typeof rate.effectiveFrom === "string"
    ? {
        id: String(rate.id ?? ""),
        hsCode: rate.hsCode,
        description: String(rate.description ?? ""),
        rate: String(rate.rate ?? ""),
        effectiveFrom: rate.effectiveFrom,
        effectiveTo: rate.effectiveTo ?? null,
        note: rate.note ?? null,
      }
    : undefined;
};

/** `details.errors: [{ field, message }]` of VALIDATION_FAILED / REFUND_RATE_NOT_FOUND, for putting on form fields. */
export const fieldErrorsOf = (details: Record<string, unknown> | undefined): Array<{ field: string; message: string }> =>
  (Array.isArray(details?.errors) ? (details.errors as unknown[]) : [])
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === "object")
    .filter((item) => typeof item.field === "string")
    .map((item) => ({ field: item.field as string, message: typeof item.message === "string" ? item.message : "" }));
