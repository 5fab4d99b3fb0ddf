/** Payload types of the cms REST contract (deploy/local/API_CONTRACT.md). */

export type RegistrationStatus =
  | "not_started"
  | "filling"
  | "initial_review"
  | "onsite_check"
  | "approved"
  | "returned"
  | "rejected";

export type MerchantType = "individual" | "company";
export type MerchantRole = "admin" | "member";

export type ModuleKey =
  | "registration"
  | "logistics"
  | "filing"
  | "customs"
  | "tax-refund"
  | "fx"
  | "training"
  | "trading";

export interface SessionUser {
  id: number;
  phone: string;
  realName?: string | null;
  isPlatformStaff?: boolean;
  email?: string | null;
}

export interface SmsSendResult {
  sent: boolean;
  cooldownSeconds: number;
  expiresInSeconds: number;
}

export interface LoginResult {
  jwt: string;
  user: SessionUser;
}

export interface MerchantSummary {
  documentId: string;
  id?: number;
  nameCn: string;
  nameEn?: string | null;
  type?: MerchantType | null;
  registrationStatus: RegistrationStatus;
}

export interface MerchantChoice {
  documentId: string;
  nameCn: string;
  role: MerchantRole;
  current: boolean;
}

export interface MePayload {
  user: SessionUser;
  isPlatformStaff: boolean;
  platformRoles: { code: string; name: string }[];
  merchant: MerchantSummary | null;
  role: MerchantRole | null;
  permissions: string[];
  merchants: MerchantChoice[];
}

export interface SwitchMerchantResult extends MePayload {
  jwt: string;
}

export interface HomeModule {
  key: ModuleKey | string;
  title: string;
  enabled: boolean;
  todo: number;
  path?: string;
}

export interface HomeMessage {
  documentId: string;
  category?: string | null;
  module?: string | null;
  title: string;
  body?: string | null;
  link?: string | null;
  read: boolean;
  createdAt: string;
}

export interface HomePayload {
  merchant: (MerchantSummary & { memberCount?: number }) | null;
  modules: HomeModule[];
  todos: { total: number; customs: { orders: number; lists: number; summaries: number } };
  messages: { unread: number; latest: HomeMessage[] };
}

export interface Merchant {
  id: number;
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
  registrationStatus: RegistrationStatus;
  [extra: string]: unknown;
}

export type MerchantEditable = Pick<
  Merchant,
  | "nameCn"
  | "nameEn"
  | "type"
  | "addressCn"
  | "addressEn"
  | "legalPersonName"
  | "contactName"
  | "contactPhone"
  | "contactEmail"
>;

export interface Membership {
  documentId: string;
  id?: number;
  role: MerchantRole;
  user: { id: number; phone: string; realName?: string | null };
  createdAt: string;
}

/** The one error format of the platform: `{ data: null, error: { status, code, message, details } }`. */
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
