/**
 * 出口退税 (T1–T4, plugins/taxrefund): the refund application's data and the `/api/tax-refund/*` shapes
 * (deploy/local/API_CONTRACT.md, section "Tax refund"). A refund is an application of kind `tax-refund`.
 */
import type { Application, ApplicationDetail } from "./applications";
import type { ListResponse } from "./list";
import { boardProgress, type BoardProgress } from "./progress";

export const TAX_REFUND_KIND = "tax-refund";

export const TAX_REFUND_STATES = ["draft", "declared", "reviewing", "treasury", "paid", "returned", "rejected"] as const;
export type TaxRefundStatus = (typeof TAX_REFUND_STATES)[number];

/** The progress board (T2): 申报 → 审核 → 退库 → 到账. */
export const TAX_REFUND_STEPS = ["declared", "reviewing", "treasury", "paid"] as const;

/** Where a refund stands on the board: the current step and how it looks (antd Steps status). */
export const taxRefundProgress = (status: string | null | undefined): BoardProgress => boardProgress(status, TAX_REFUND_STEPS, ["returned", "rejected"], 1);

export type EnterpriseType = "trading" | "producer";

/** The three PDF slots, as private-file categories. */
export const TAX_REFUND_FILE_SLOTS = ["tax_declaration", "tax_purchase_invoice", "tax_sales_invoice"] as const;
export type TaxRefundFileSlot = (typeof TAX_REFUND_FILE_SLOTS)[number];

export interface TaxRefundData {
  enterpriseType: EnterpriseType;
  orderAmount: string;
  purchaseAmount?: string;
  hsCode: string;
  exportDate: string;
  invoiceNo?: string;
  customsBatches?: string[];
  note?: string;
  files?: Partial<Record<TaxRefundFileSlot, string>>;
}

export interface RefundEstimate {
  hsCode: string;
  matchedCode: string;
  description: string;
  rate: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  basis: "purchase" | "fob";
  baseAmount: string;
  estimate: string;
  formula: string;
}

export interface RefundReturn {
  date: string;
  status: TaxRefundStatus;
  statusLabel: string;
  amount: string | null;
  message: string | null;
}

export interface LinkedBatch {
  id: string;
  number: string;
  name: string;
  tradeMode?: string;
  releasedInventories: number;
  createdAt?: string;
}

export interface RefundRate {
  id: string;
  hsCode: string;
  description: string;
  rate: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string | null;
}

export interface RefundRateInput {
  hsCode: string;
  description: string;
  rate: string;
  effectiveFrom: string;
  effectiveTo?: string | null;
  note?: string | null;
}

export interface ReturnUploadResult {
  id: string;
  date: string;
  applied: { row: number; id: string; number: string; from: TaxRefundStatus; to: TaxRefundStatus }[];
  unchanged: number;
}

export interface ReturnUploadHistoryItem {
  id: string;
  date: string;
  fileName: string;
  total: number;
  applied: number;
  uploadedBy: string | null;
  createdAt: string;
}

/** What every refund carries besides the application: its estimate (null until the data allows one) and what the returns say was paid. */
export interface RefundFigures {
  estimate: RefundEstimate | null;
  refundedAmount: string | null;
}

/** An uploaded PDF of a refund, in slot order. */
export interface RefundDocument {
  slot: TaxRefundFileSlot;
  label: string;
  id: string;
  originalName: string | null;
  mime: string;
  size: number;
}

/** `GET /api/tax-refund/applications` items (`D`: how the screen reads `data`). */
export type TaxRefundListItem<D = Partial<TaxRefundData>> = Application<D> & RefundFigures;

/**
 * `GET /api/tax-refund/applications`: filtered, sorted and paged as `GET /api/applications` (the kind is fixed), each
 * item with its figures.
 */
export type TaxRefundList<D = Partial<TaxRefundData>> = ListResponse<TaxRefundListItem<D>>;

/** `GET /api/tax-refund/rates`: filters `q` ($containsi, HS code or description) and `hsCode` ($eq); 100 a page by default, at most 500. */
export type RefundRateList = ListResponse<RefundRate>;

/** `GET /api/tax-refund/applications/:id`: the application's detail plus its figures, return messages, batches and documents. */
export type TaxRefundDetail<D = Partial<TaxRefundData>> = ApplicationDetail<D> &
  RefundFigures & { returns: RefundReturn[]; batches: LinkedBatch[]; documents: RefundDocument[] };
