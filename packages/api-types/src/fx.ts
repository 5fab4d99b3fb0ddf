/**
 * 收结汇 (X1–X4, plugins/fx): the response shapes of `/api/fx/*` (deploy/local/API_CONTRACT.md, section "FX").
 * Every amount and rate is a decimal string; do arithmetic with `decimalCompare` / the server, never with floats.
 * Labels live in each app's locale files.
 */
import type { ListResponse } from "./list";

export const FX_CURRENCIES = ["USD", "EUR", "JPY", "GBP", "HKD", "AUD"] as const;
export type FxCurrency = (typeof FX_CURRENCIES)[number];
export const isFxCurrency = (value: unknown): value is FxCurrency => typeof value === "string" && (FX_CURRENCIES as readonly string[]).includes(value);

export type FxRateSource = "cfets" | "ecb" | "manual" | "bundled";

export interface FxRate {
  currency: FxCurrency;
  name: string;
  /** "USD/CNY", "100JPY/CNY" */
  pair: string;
  /** CNY per `unit` units of the currency (100 for JPY). */
  unit: number;
  rate: string;
  date: string;
  source: FxRateSource;
  sourceLabel: string;
  previousRate: string | null;
  change: string | null;
  changePct: string | null;
  stale: boolean;
}

export interface FxRatesMeta {
  stale: boolean;
  lastFetch: { at: string; ok: boolean; provider: string; error: string | null } | null;
}

export interface FxRatePoint {
  date: string;
  rate: string;
  source: FxRateSource;
}

export interface FxRateHistory {
  currency: FxCurrency;
  name: string;
  unit: number;
  points: FxRatePoint[];
}

export interface FxFetchResult {
  provider: "cfets" | "ecb";
  ok: boolean;
  date: string | null;
  count: number;
  error: { code: string; message: string } | null;
}

export type FxAlertDirection = "above" | "below";

export interface FxAlert {
  id: string;
  currency: FxCurrency;
  direction: FxAlertDirection;
  threshold: string;
  active: boolean;
  lastSide: FxAlertDirection | null;
  triggeredAt: string | null;
  currentRate: string | null;
}

export interface FxAlertInput {
  currency: FxCurrency;
  direction: FxAlertDirection;
  threshold: string;
  active?: boolean;
}

/** The 我的 fields a settlement quotes read-only. */
export interface FxProfile {
  fxSubAccount: string | null;
  settlementCardNo: string | null;
  settlementBankName: string | null;
  legalPersonName: string | null;
}

export interface FxAccount {
  currency: "USD";
  balance: string;
  frozen: string;
  available: string;
  updatedAt: string | null;
  settling: number;
  profile: FxProfile & { complete: boolean; missing: (keyof FxProfile)[] };
}

/** `GET /api/home` → `fx`. */
export interface HomeFx {
  balance: string;
  frozen: string;
  available: string;
  updatedAt: string | null;
}

export const LEDGER_TYPES = ["balance_update", "freeze", "unfreeze", "settlement"] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];

export interface LedgerEntry {
  id: string;
  type: LedgerType;
  typeLabel: string;
  balanceDelta: string;
  frozenDelta: string;
  balanceAfter: string;
  frozenAfter: string;
  availableAfter: string;
  note: string | null;
  settlementId: string | null;
  createdAt: string;
}

export const SETTLEMENT_STATUSES = ["processing", "completed", "rejected"] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/** The three evidence slots, as private-file categories. */
export const FX_EVIDENCE_CATEGORIES = ["fx_withdrawal", "fx_statement", "fx_logistics"] as const;
export type FxEvidenceCategory = (typeof FX_EVIDENCE_CATEGORIES)[number];

export interface SettlementInput {
  amount: string;
  date: string;
  rate: string;
  note?: string;
  evidence: string[];
}

export interface SettlementListItem {
  id: string;
  number: string;
  status: SettlementStatus;
  statusLabel: string;
  amount: string;
  date: string;
  rate: string;
  note: string | null;
  merchant: { documentId: string; nameCn: string };
  createdAt: string;
  completedAt: string | null;
}

/** How many settlements each status has: `meta.counts` of the settlement list (they ignore its status filter). */
export type SettlementCounts = Record<SettlementStatus, number>;

/**
 * `GET /api/fx/settlements` (Strapi's list format, ./list): filters `status` ($eq, $in), for staff `merchant` ($eq) and
 * `q` ($containsi, number or merchant name); sort createdAt, date, number; `meta.counts` beside the pagination.
 */
export type SettlementList = ListResponse<SettlementListItem, { counts: SettlementCounts }>;

/** `GET /api/fx/ledger`: filter `type` ($eq, $in; staff: `merchant` $eq is required), newest first. */
export type LedgerList = ListResponse<LedgerEntry>;

export interface SettlementEvidence {
  id: string;
  category: FxEvidenceCategory;
  label: string;
  originalName: string | null;
  mime: string;
  size: number;
}

export interface SettlementDetail extends SettlementListItem {
  profile: FxProfile;
  evidence: SettlementEvidence[];
  actualRate: string | null;
  cnyAmount: string | null;
  remainingUsd: string | null;
  rejectReason: string | null;
  timeline: { status: SettlementStatus; label: string; note: string | null; actorName: string | null; at: string }[];
  canAct: boolean;
}

export interface BalanceUploadRow {
  row: number;
  subAccount: string;
  merchant: { documentId: string; nameCn: string };
  previousBalance: string;
  balance: string;
  delta: string;
  status: "changed" | "unchanged";
}

export interface BalanceUploadResult {
  id: string;
  total: number;
  changed: number;
  unchanged: number;
  rows: BalanceUploadRow[];
}

export interface BalanceUploadError {
  row: number;
  column: string;
  code: string;
  message: string;
  value: string | null;
}

export interface BalanceUploadHistoryItem {
  id: string;
  fileName: string;
  total: number;
  changed: number;
  uploadedBy: string | null;
  createdAt: string;
}

export interface FxAccountListItem {
  merchant: { documentId: string; nameCn: string };
  fxSubAccount: string | null;
  balance: string;
  frozen: string;
  available: string;
  updatedAt: string | null;
  settling: number;
}

/**
 * Exact decimal comparison (-1, 0 or 1) for form checks such as "amount ≤ available", and display with
 * thousands separators — both from the platform's one money module; the server re-checks everything.
 */
export { compare as decimalCompare, format as formatAmount } from "@jmt/money";
