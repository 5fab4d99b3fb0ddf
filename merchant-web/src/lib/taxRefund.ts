/**
 * 出口退税 rules of the merchant web that need no React: exact sums of decimal strings (BigInt, never floats),
 * the home page's summary, the wizard's steps and what each one still lacks, the draft as it is saved, when
 * an estimate can be asked for, and the HS-code suggestions. The server computes every estimate.
 */
import {
  TAX_REFUND_FILE_SLOTS,
  type EnterpriseType,
  type MissingField,
  type RefundEstimate,
  type RefundRate,
  type TaxRefundData,
  type TaxRefundFileSlot,
  type TaxRefundListItem,
} from "@jmt/api-types";
import { compact } from "./applications";
import { isPositiveDecimal, normalizeDecimal } from "./fx";

export type { TaxRefundListItem } from "@jmt/api-types";

// ── exact amounts ─────────────────────────────────────────────────────────────────────────────────────

const AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Exact sum of decimal strings (元), shown with at least 2 decimals. What is not a decimal (null, "", "abc")
 * counts as nothing: the server sends amounts as strings, and an estimate may be missing.
 */
export function sumAmounts(values: ReadonlyArray<string | null | undefined>, minPlaces = 2): string {
  const parsed = values
    .map((v) => (typeof v === "string" ? AMOUNT.exec(v.trim()) : null))
    .filter((m): m is RegExpExecArray => m !== null);
  const scale = Math.max(minPlaces, ...parsed.map((m) => (m[3] ?? "").length));
  let total = 0n;
  for (const m of parsed) {
    const units = BigInt(m[2] + (m[3] ?? "").padEnd(scale, "0"));
    total += m[1] ? -units : units;
  }
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** Amounts in 元: above zero, at most 2 decimals (what the estimate and the refund accept). */
export const isYuanAmount = (value: unknown): boolean =>
  typeof value === "string" && isPositiveDecimal(normalizeDecimal(value), 2);

/** 主要出口商品 HS 编码: 4–10 digits (a prefix such as 7013 is allowed), spaces and dots dropped. */
export const normalizeHsCode = (value: unknown): string =>
  typeof value === "string"
    ? value.replace(/[\s.．]/g, "").replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    : "";
export const isHsCode = (value: unknown): boolean => /^\d{4,10}$/.test(normalizeHsCode(value));

// ── the home page ─────────────────────────────────────────────────────────────────────────────────────

/** Submitted and not finished: with the platform or the tax authority, or sent back for correction. */
export const OPEN_STATUSES = ["declared", "reviewing", "treasury", "returned"] as const;
const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

export interface RefundSummary {
  /** 申报中: submitted, not paid or refused yet (returned ones included: they are still on their way). */
  open: number;
  /** Of those, sent back for correction. */
  returned: number;
  /** 已到账. */
  paid: number;
  /** Not submitted yet. */
  drafts: number;
  /** 累计到账退税额: every refunded amount the return messages reported. */
  refundedTotal: string;
  /** 预计退税额 of the open ones (their estimates; one without an estimate adds nothing). */
  expectedTotal: string;
}

export function refundSummary(
  refunds: ReadonlyArray<Pick<TaxRefundListItem, "status" | "estimate" | "refundedAmount">>,
): RefundSummary {
  const open = refunds.filter((r) => isOpen(r.status));
  return {
    open: open.length,
    returned: refunds.filter((r) => r.status === "returned").length,
    paid: refunds.filter((r) => r.status === "paid").length,
    drafts: refunds.filter((r) => r.status === "draft").length,
    refundedTotal: sumAmounts(refunds.map((r) => r.refundedAmount)),
    expectedTotal: sumAmounts(open.map((r) => r.estimate?.estimate)),
  };
}

/** The list's status filter: everything, or one group. */
export type RefundFilter = "" | "draft" | "open" | "returned" | "paid" | "rejected";
export const REFUND_FILTERS: readonly RefundFilter[] = ["", "draft", "open", "returned", "paid", "rejected"];

export function matchesFilter(status: string, filter: RefundFilter): boolean {
  if (!filter) return true;
  if (filter === "open") return status === "declared" || status === "reviewing" || status === "treasury";
  return status === filter;
}

// ── the wizard ────────────────────────────────────────────────────────────────────────────────────────

export type RefundStepKey = "info" | "documents" | "confirm";
export const REFUND_STEPS: readonly RefundStepKey[] = ["info", "documents", "confirm"];

/** The step a data path (as the server names it in `details.missing`) belongs to. */
export function refundStepOf(field: string): RefundStepKey {
  return field.startsWith("files") ? "documents" : "info";
}

export interface RefundProblem {
  field: string;
  reason: "required" | "invalid";
}

/** What submission would refuse before the server's own checks (PDF contents, batches, the rate). */
export function refundProblems(data: Partial<TaxRefundData> | null | undefined): RefundProblem[] {
  const d = data ?? {};
  const out: RefundProblem[] = [];
  const need = (
    field: string,
    value: unknown,
    valid: (v: unknown) => boolean = (v) => typeof v === "string" && v.trim() !== "",
  ) => {
    if (typeof value !== "string" || value.trim() === "") out.push({ field, reason: "required" });
    else if (!valid(value)) out.push({ field, reason: "invalid" });
  };
  if (d.enterpriseType !== "trading" && d.enterpriseType !== "producer")
    out.push({ field: "enterpriseType", reason: "required" });
  need("orderAmount", d.orderAmount, isYuanAmount);
  if (d.enterpriseType !== "producer") need("purchaseAmount", d.purchaseAmount, isYuanAmount);
  need("hsCode", d.hsCode, isHsCode);
  need("exportDate", d.exportDate, (v) => /^\d{4}-\d{2}-\d{2}$/.test(String(v)));
  for (const slot of TAX_REFUND_FILE_SLOTS) {
    if (!d.files?.[slot]) out.push({ field: `files.${slot}`, reason: "required" });
  }
  return out;
}

/** Where to resume a draft: the first step with something missing, else 确认提交. */
export function refundResumeStep(data: Partial<TaxRefundData> | null | undefined): number {
  const problems = refundProblems(data);
  const at = REFUND_STEPS.findIndex((step) => problems.some((p) => refundStepOf(p.field) === step));
  return at >= 0 ? at : REFUND_STEPS.length - 1;
}

/** The first step the server's `details.missing` points at (so the user lands where the problem is). */
export function firstMissingStep(missing: ReadonlyArray<Pick<MissingField, "field">>): number {
  const at = REFUND_STEPS.findIndex((step) => missing.some((m) => refundStepOf(m.field) === step));
  return at >= 0 ? at : REFUND_STEPS.length - 1;
}

/** The form's values as the wizard keeps them (the export date as "YYYY-MM-DD"; the page converts dates). */
export interface RefundFormValues {
  enterpriseType?: EnterpriseType;
  orderAmount?: string;
  purchaseAmount?: string;
  hsCode?: string;
  exportDate?: string;
  invoiceNo?: string;
  customsBatches?: string[];
  note?: string;
  files?: Partial<Record<TaxRefundFileSlot, string | null | undefined>>;
}

/**
 * The draft to save: the form over what was stored, amounts and the HS code normalised, blanks dropped,
 * 进项发票金额 dropped for a producer (its estimate is on FOB), empty file slots left out.
 */
export function refundDraft(stored: Partial<TaxRefundData>, values: RefundFormValues): Partial<TaxRefundData> {
  const merged: Record<string, unknown> = {
    ...stored,
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
  };
  const out = compact(merged) as Partial<TaxRefundData> & Record<string, unknown>;
  for (const key of ["orderAmount", "purchaseAmount"] as const) {
    if (typeof out[key] === "string") out[key] = normalizeDecimal(out[key]);
  }
  if (typeof out.hsCode === "string") out.hsCode = normalizeHsCode(out.hsCode);
  for (const key of ["orderAmount", "purchaseAmount", "hsCode", "exportDate", "invoiceNo", "note"] as const) {
    if (out[key] === "" || out[key] === null) delete out[key];
  }
  if (out.enterpriseType === "producer") delete out.purchaseAmount;
  const files: Partial<Record<TaxRefundFileSlot, string>> = {};
  for (const [slot, id] of Object.entries({ ...(stored.files ?? {}), ...(values.files ?? {}) })) {
    if (typeof id === "string" && id) files[slot as TaxRefundFileSlot] = id;
  }
  out.files = files;
  if (Array.isArray(out.customsBatches))
    out.customsBatches = out.customsBatches.filter((id) => typeof id === "string" && id);
  return out;
}

/** `GET /api/tax-refund/estimate` parameters, or null while the data cannot give an estimate yet. */
export interface EstimateQuery {
  hsCode: string;
  enterpriseType: EnterpriseType;
  purchaseAmount?: string;
  orderAmount?: string;
  date?: string;
}

export function estimateQuery(values: RefundFormValues): EstimateQuery | null {
  const enterpriseType: EnterpriseType = values.enterpriseType === "producer" ? "producer" : "trading";
  const hsCode = normalizeHsCode(values.hsCode);
  const base = normalizeDecimal(enterpriseType === "producer" ? values.orderAmount : values.purchaseAmount);
  if (!isHsCode(hsCode) || !isYuanAmount(base)) return null;
  const date = values.exportDate && /^\d{4}-\d{2}-\d{2}$/.test(values.exportDate) ? values.exportDate : undefined;
  return {
    hsCode,
    enterpriseType,
    ...(enterpriseType === "producer" ? { orderAmount: base } : { purchaseAmount: base }),
    ...(date ? { date } : {}),
  };
}

// ── HS codes ──────────────────────────────────────────────────────────────────────────────────────────

/** The rate rows in force on `date` ("YYYY-MM-DD"). */
export function ratesInForce(rates: readonly RefundRate[], date: string): RefundRate[] {
  return rates.filter((r) => r.effectiveFrom <= date && (!r.effectiveTo || date <= r.effectiveTo));
}

/**
 * HS-code suggestions for what is typed: codes that start with it or that it starts with (a prefix rate such
 * as 7013 covers 7013991000), or whose description contains it; codes that start with the input first.
 */
export function suggestRates(rates: readonly RefundRate[], input: string, limit = 12): RefundRate[] {
  const text = input.trim();
  const code = normalizeHsCode(text);
  if (!text) return rates.slice(0, limit);
  const scored = rates
    .map((r) => {
      const score =
        code && /^\d+$/.test(code) ? (r.hsCode.startsWith(code) ? 0 : code.startsWith(r.hsCode) ? 1 : -1) : -1;
      return { r, score: score >= 0 ? score : r.description.includes(text) ? 2 : -1 };
    })
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score || a.r.hsCode.localeCompare(b.r.hsCode));
  return scored.slice(0, limit).map((x) => x.r);
}

/** The rate row an estimate used (for its note: where the rate comes from). */
export function rateOfEstimate(
  rates: readonly RefundRate[] | undefined,
  estimate: Pick<RefundEstimate, "matchedCode" | "effectiveFrom">,
): RefundRate | null {
  return rates?.find((r) => r.hsCode === estimate.matchedCode && r.effectiveFrom === estimate.effectiveFrom) ?? null;
}

// ── detail ───────────────────────────────────────────────────────────────────────────────────────────

/** When a refund last reached a state, from its timeline (oldest first). */
export function reachedAt(
  timeline: ReadonlyArray<{ to: string; createdAt: string }> | undefined,
  status: string,
): string | null {
  return [...(timeline ?? [])].reverse().find((e) => e.to === status)?.createdAt ?? null;
}
