/** Payload types of the cms REST contract (deploy/local/API_CONTRACT.md); the shared vocabulary is @jmt/api-types. */
import type {
  ErrorBody,
  FxProfile,
  HomeFx,
  MerchantEditable,
  MerchantFields,
  MerchantRole,
  MerchantType,
  RegistrationStatus,
} from "@jmt/api-types";

export type { ErrorBody, MerchantEditable, MerchantRole, MerchantType, RegistrationStatus };

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
  /** Invitations waiting for this phone (接受 / 拒绝). */
  invitations?: ReceivedInvitation[];
}

export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked" | "expired";

/** An invitation as the inviting merchant sees it: the phone masked until the invitee accepts. */
export interface SentInvitation {
  documentId: string;
  phone: string;
  role: MerchantRole;
  status: InvitationStatus;
  invitedByName: string | null;
  expiresAt: string;
  respondedAt: string | null;
  createdAt: string;
}

/** An invitation waiting for the signed-in phone. */
export interface ReceivedInvitation {
  documentId: string;
  merchant: { documentId: string | null; nameCn: string | null };
  role: MerchantRole;
  invitedByName: string | null;
  expiresAt: string;
  createdAt: string;
}

export interface AcceptedInvitation {
  data: { merchant: { documentId: string; nameCn: string }; role: MerchantRole };
  jwt: string;
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
  /** The USD account summary (X2); null while 收结汇 is locked, absent from servers without the fx plugin. */
  fx?: HomeFx | null;
  messages: { unread: number; latest: HomeMessage[] };
}

/** The 收结汇 fields of 我的 (外汇子账户, 结汇银行卡号, 开户行), edited with the merchant info (X3). */
export type MerchantFxFields = Pick<FxProfile, "fxSubAccount" | "settlementCardNo" | "settlementBankName">;
export const MERCHANT_FX_FIELDS: readonly (keyof MerchantFxFields)[] = [
  "fxSubAccount",
  "settlementCardNo",
  "settlementBankName",
];

/** Through the shared data provider `id` is the documentId. */
export interface Merchant extends MerchantFields {
  id?: string | number;
  registrationStatus: RegistrationStatus;
  [extra: string]: unknown;
}

export interface Membership {
  documentId: string;
  id?: number;
  role: MerchantRole;
  user: { id: number; phone: string; realName?: string | null };
  createdAt: string;
}

/** GET /api/messages: the current merchant's messages, newest first. */
export interface MessageItem {
  documentId: string;
  category: string | null;
  module: string | null;
  title: string;
  body: string | null;
  link: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}
