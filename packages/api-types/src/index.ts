/**
 * The vocabulary of the cms REST contract (deploy/local/API_CONTRACT.md) that every front end shares.
 * Values mirror the cms schemas (cms/src/api/merchant/content-types/merchant/schema.json); labels live in
 * each app's locale files.
 */
import { boardProgress, type BoardProgress } from "./progress";

/** Progress boards: boardProgress() and its result type. */
export * from "./progress";

/** 工商注册 status of a merchant; `approved` unlocks the other modules (G8). */
export const REGISTRATION_STATUSES = ["not_started", "filling", "initial_review", "onsite_check", "approved", "returned", "rejected"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The progress board (R3): 材料填报 → 材料初审 → 现场核验 → 核准通过. */
export const REGISTRATION_STEPS = ["filling", "initial_review", "onsite_check", "approved"] as const;

/** Where a merchant stands on the registration board (材料填报 → 材料初审 → 现场核验 → 核准通过). */
export const registrationProgress = (status: string | null | undefined): BoardProgress =>
  boardProgress(status, REGISTRATION_STEPS, ["returned", "rejected"], 1);

export const isRegistrationStatus = (value: unknown): value is RegistrationStatus =>
  typeof value === "string" && (REGISTRATION_STATUSES as readonly string[]).includes(value);

/** 个体工商户 / 有限公司 */
export type MerchantType = "individual" | "company";
/** 商户管理员 / 普通成员（只读） */
export type MerchantRole = "admin" | "member";

/** Merchant info (M2) fields as the cms returns them. */
export interface MerchantFields {
  documentId: string;
  nameCn: string;
  nameEn?: string | null;
  type?: MerchantType | null;
  addressCn?: string | null;
  addressEn?: string | null;
  legalPersonName?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  registrationStatus?: RegistrationStatus | null;
  creatorPhone?: string | null;
  /** 收结汇 (我的): the USD sub-account, the RMB settlement card and its bank. */
  fxSubAccount?: string | null;
  settlementCardNo?: string | null;
  settlementBankName?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

/** The fields a merchant admin may edit; the rest are platform-managed. */
export const MERCHANT_EDITABLE_FIELDS = [
  "nameCn",
  "nameEn",
  "type",
  "addressCn",
  "addressEn",
  "legalPersonName",
  "contactName",
  "contactPhone",
  "contactEmail",
] as const;
export type MerchantEditable = Pick<MerchantFields, (typeof MERCHANT_EDITABLE_FIELDS)[number]>;

/** The one error format: `{ data: null, error: { status, code, message, details } }`. */
export interface ErrorBody {
  data?: null;
  error?: {
    status?: number;
    code?: string;
    name?: string;
    message?: string;
    details?: Record<string, unknown>;
  };
}

/** Strapi's list format, which every list route speaks: Pagination, ListMeta, ListResponse, list requests. */
export * from "./list";

/** Applications (workflow engine): kinds, states, labels, response shapes. */
export * from "./applications";

/** Identifier checks (mobile, 统一社会信用代码, 身份证号, 海关编码) mirroring the cms. */
export * from "./identifiers";

/** 出口报关 (plugins/customs): statuses, batch progress, records, import preview, to-dos and hints. */
export * from "./customs";

/** 出口报关 as platform staff see it: tracking board, 点点通 configs (staff view), hint placements, the CEB outbox channel. */
export * from "./customs-admin";

/** 收结汇 (plugins/fx): rates, alerts, the USD account and its ledger, settlements, balance uploads. */
export * from "./fx";

/** 出口退税 (plugins/taxrefund): the tax-refund application, its estimate, return messages and the rate table. */
export * from "./tax-refund";
