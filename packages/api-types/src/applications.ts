/**
 * Applications (workflow engine: 工商注册 R1–R4, 跨境申报 D1–D6) as the cms contract describes them
 * (deploy/local/API_CONTRACT.md, section "Applications"). The server sends every label; the Chinese
 * labels below are fallbacks for screens that render before the kinds list has loaded.
 */
import type { ListResponse } from "./list";

export const REGISTRATION_KIND = "business-registration" as const;

/** 跨境申报 kinds in guided order (D1). */
export const FILING_KINDS = ["customs-registration", "eport-card", "dxp-id", "cloud-signature", "enterprise-filing"] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export type ApplicationKind = typeof REGISTRATION_KIND | FilingKind;

export const isFilingKind = (value: unknown): value is FilingKind => typeof value === "string" && (FILING_KINDS as readonly string[]).includes(value);

export const KIND_LABELS: Record<ApplicationKind, string> = {
  "business-registration": "工商注册",
  "customs-registration": "海关企业注册登记",
  "eport-card": "电子口岸卡",
  "dxp-id": "DXP ID 申请",
  "cloud-signature": "云加签申请",
  "enterprise-filing": "企业备案",
};

/** Business registration states: filling → initial_review → onsite_check → approved; returned / rejected. */
export const REGISTRATION_APPLICATION_STATUSES = ["filling", "initial_review", "onsite_check", "approved", "returned", "rejected"] as const;
/** Filing states: filling → submitted → processing → completed; returned / rejected. */
export const FILING_STATUSES = ["filling", "submitted", "processing", "completed", "returned", "rejected"] as const;
/** The progress board of a filing kind. */
export const FILING_STEPS = ["filling", "submitted", "processing", "completed"] as const;

export type RegistrationApplicationStatus = (typeof REGISTRATION_APPLICATION_STATUSES)[number];
export type FilingStatus = (typeof FILING_STATUSES)[number];
export type ApplicationStatus = RegistrationApplicationStatus | FilingStatus;

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  filling: "材料填报",
  initial_review: "材料初审",
  onsite_check: "现场核验",
  approved: "核准通过",
  submitted: "待受理",
  processing: "办理中",
  completed: "已办结",
  returned: "补正",
  rejected: "已驳回",
};

/** Who acts next in a state. */
export type StateOwner = "merchant" | "platform" | "none";

/** Who may take a transition. */
export type Actor = "merchant" | "platform";

/** The home module a kind belongs to. */
export type ApplicationModule = "registration" | "filing";

export interface KindState {
  key: string;
  label: string;
  owner: StateOwner;
  terminal: boolean;
  /** A successful end (approved / completed). */
  success: boolean;
  /** The merchant may edit the data in this state. */
  editable: boolean;
}

/** A state on the progress board (`steps`), in order. */
export interface KindStep {
  key: string;
  label: string;
}

/** A field or file slot asked only when another field has one of these values (e.g. path = "new"). */
export interface KindCondition {
  path: string;
  in: string[];
}

/** `when` on fields and file slots: none, one condition, or several that must all hold. */
export type KindWhen = KindCondition | KindCondition[] | null;

/** The value at a dotted data path (`legalPerson.name`, `nameOptions.0`), as the server reads it. */
export function valueAt(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split(".")) {
    if (value === null || value === undefined || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Whether a field or slot applies to the data: the server's rule (cms plugins/workflow lib/machine.ts `applies`).
 * No condition = always; a list = every condition holds. Anything that is not a `{ path, in }` condition does not
 * hide the field.
 */
export function whenHolds(when: KindWhen | readonly (KindCondition | null)[] | undefined, data: unknown): boolean {
  if (!when) return true;
  const conditions: readonly unknown[] = Array.isArray(when) ? when : [when];
  return conditions.every((condition) => {
    if (!condition || typeof condition !== "object") return true;
    const { path, in: values } = condition as Partial<KindCondition>;
    if (typeof path !== "string" || !Array.isArray(values)) return true;
    return values.map(String).includes(String(valueAt(data, path) ?? ""));
  });
}

export interface KindTransition {
  from: string[];
  to: string;
  by: Actor;
  label: string;
  noteRequired: boolean;
}

export type TemplateFormat = "docx" | "xlsx" | "pdf";

export interface KindTemplate {
  key: string;
  label: string;
  format: TemplateFormat;
}

export interface KindFileSlot {
  /** Also the private-file category the upload is stored under. */
  key: string;
  label: string;
  required: boolean;
  hint: string | null;
  /** Only asked when the condition holds — or all of them, when the server sends a list. */
  when: KindWhen;
  /** Accepted file types (MIME), e.g. ["application/pdf"] for tax-refund documents; null = any private-file type. */
  accept?: string[] | null;
}

/** Field types the workflow plugin declares (the client checks mirror the server's by type). */
export type FieldType = "text" | "textarea" | "select" | "phone" | "idNumber" | "creditCode" | "decimal" | "email" | "customsCode";

export interface FieldOption {
  value: string;
  label: string;
}

/** A field a kind asks for (`fields` in GET /api/applications/kinds). */
export interface KindField {
  /** Dotted path into `data` (e.g. `legalPerson.name`, `nameOptions.0`). */
  path: string;
  label: string;
  type: FieldType;
  required: boolean;
  options: FieldOption[] | null;
  placeholder: string | null;
  when: KindWhen;
}

/** One kind of `GET /api/applications/kinds`: everything a screen needs to render it. */
export interface KindInfo {
  kind: ApplicationKind | string;
  module: ApplicationModule | string;
  label: string;
  description: string;
  /** Position in its module's guided flow (D1). */
  order: number;
  states: KindState[];
  /** Progress-board states in order. */
  steps: KindStep[];
  transitions: KindTransition[];
  templates: KindTemplate[];
  fields: KindField[];
  fileSlots: KindFileSlot[];
  /** Kinds that must be completed before this one can be submitted. */
  prerequisites: string[];
  /** Needs business registration approved (the module is locked until then). */
  requiresRegistration: boolean;
}

export interface ApplicationMerchantRef {
  documentId: string;
  nameCn: string;
}

/** An application as every endpoint returns it (`present` in the workflow engine). */
export interface Application<D = Record<string, unknown>> {
  /** The documentId (ids are documentIds throughout the contract). */
  id: string;
  documentId: string;
  /** e.g. "BR-20261122-00017". */
  number: string | null;
  kind: ApplicationKind | string;
  kindLabel: string;
  module: ApplicationModule | string | null;
  status: ApplicationStatus | string;
  statusLabel: string;
  owner: StateOwner;
  /** The merchant may edit the data in this state. */
  editable: boolean;
  data: D;
  /** The note of the latest transition (the reason of a return or rejection). */
  lastNote: string | null;
  merchant: ApplicationMerchantRef | null;
  submittedAt: string | null;
  lastTransitionAt: string | null;
  /** Since when it waits on the platform (null when it does not). */
  waitingSince: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Web and mini-program links, e.g. `/filing/eport-card`. */
  links: { web: string; mp: string } | null;
  /** Platform staff only: the merchant's numeric id. */
  merchantId?: number | null;
}

export interface TimelineEntry {
  from: string | null;
  to: string;
  fromLabel: string | null;
  toLabel: string;
  note: string | null;
  /** Merchants see 晶贸通平台 for staff moves. */
  actorName: string | null;
  actorKind: "merchant" | "platform" | "system";
  createdAt: string;
}

export interface AllowedTransition {
  to: string;
  label: string;
  by: Actor;
  noteRequired: boolean;
}

export interface ApplicationDetail<D = Record<string, unknown>> extends Application<D> {
  /** Oldest first. */
  timeline: TimelineEntry[];
  /** The transitions the caller may take now. */
  allowedTransitions: AllowedTransition[];
}

/**
 * `GET /api/applications?filters[kind][$eq]=…&filters[status][$in][0]=…&pagination[page]=…` (Strapi's list format, see
 * ./list): filters `kind` and `status` ($eq, $in), for staff also `merchant` ($eq, documentId) and `q` ($containsi,
 * number or merchant name), `owner` ($eq platform | merchant), `stuckDays` ($gte); sort by updatedAt, createdAt,
 * waitingSince or number.
 */
export type ApplicationList<D = Record<string, unknown>> = ListResponse<Application<D>>;

/** G10 `GET /api/applications/prefill?kind=`: which data paths were filled from what ("merchant", another kind, "file"). */
export interface PrefillResult<D = Record<string, unknown>> {
  data: Partial<D>;
  meta: { sources: Record<string, string> };
}

export type GuideStepState = "done" | "in_progress" | "action_required" | "pending" | "locked";

export interface GuideStep {
  kind: FilingKind | string;
  label: string;
  description: string;
  order: number;
  state: GuideStepState;
  status: string | null;
  statusLabel: string | null;
  applicationId: string | null;
  prerequisites: Array<{ kind: string; label: string }>;
  prerequisitesMet: boolean;
  link: string;
  mpPath: string;
  recommended: boolean;
}

/** D1 `GET /api/applications/guide`. */
export interface Guide {
  steps: GuideStep[];
  next: string | null;
  done: number;
  total: number;
  /** Business registration approved (the module is open). */
  unlocked: boolean;
}

/**
 * G9 `GET /api/applications/progress`: one entry per module. `status`/`statusLabel` come with the registration
 * module, `locked` and the steps' `state` with the filing module.
 */
export interface ProgressModule {
  module: ApplicationModule | string;
  label: string;
  done: number;
  total: number;
  steps: Array<{ key: string; label: string; done: boolean; state?: GuideStepState }>;
  next: { label: string; link: string; mpPath: string } | null;
  status?: string | null;
  statusLabel?: string;
  locked?: boolean;
}

/** `GET /api/applications/todos` for a merchant: what they must do next. */
export interface MerchantTodo {
  /** null for 「开始办理工商注册」 (nothing created yet). */
  applicationId: string | null;
  kind: string;
  module: string;
  title: string;
  status: string | null;
  statusLabel: string;
  /** The staff note when returned (or a hint). */
  note: string | null;
  link: string;
  mpPath: string;
}

/** `details.missing` of APPLICATION_INCOMPLETE. */
export interface MissingField {
  field: string;
  label: string;
  reason: "required" | "invalid";
}

/** Stable error codes of the applications endpoints. */
export type ApplicationErrorCode =
  | "APPLICATION_EXISTS"
  | "TRANSITION_NOT_ALLOWED"
  | "TRANSITION_FORBIDDEN"
  | "MEMBER_READ_ONLY"
  | "NOTE_REQUIRED"
  | "APPLICATION_INCOMPLETE"
  | "PREREQUISITE_NOT_MET"
  | "MODULE_LOCKED"
  | "NOT_FOUND";

// ── business-registration data (application.data) ─────────────────────────────────────────────

export type RegistrationPath = "new" | "existing";
export type EntityType = "individual" | "company";

export interface PersonRef {
  name?: string;
  idNumber?: string;
  phone?: string;
}

export interface Shareholder {
  name?: string;
  idNumber?: string;
  /** Percentage as a decimal string, e.g. "60". */
  ratio?: string;
}

export interface BusinessRegistrationData {
  path?: RegistrationPath;
  entityType?: EntityType;
  // path "new"
  nameOptions?: string[];
  businessScope?: string;
  /** 万元, decimal string; company only. */
  registeredCapital?: string;
  shareholders?: Shareholder[];
  // path "existing"
  companyName?: string;
  creditCode?: string;
  // both
  registeredAddress?: string;
  legalPerson?: PersonRef;
  contact?: { name?: string; phone?: string };
  files?: Record<string, string | null | undefined>;
  [extra: string]: unknown;
}

/** File slots per registration path, as the cms declares them (its kinds list, with labels, is authoritative). */
export const REGISTRATION_FILE_SLOTS: Record<RegistrationPath, readonly { key: string; required: boolean }[]> = {
  new: [
    { key: "id_card_front", required: true },
    { key: "id_card_back", required: true },
    { key: "lease_contract", required: false },
  ],
  existing: [
    { key: "business_licence", required: true },
    { key: "id_card_front", required: true },
    { key: "id_card_back", required: true },
    { key: "bank_permit", required: true },
  ],
};

/** Web links of the applications (`link` in to-dos and messages). */
export function applicationLink(kind: string): string {
  return kind === REGISTRATION_KIND ? "/registration" : `/filing/${kind}`;
}

// ── platform staff (admin console) ─────────────────────────────────────────────────────────────

export const APPLICATION_STATUSES = [
  "filling",
  "initial_review",
  "onsite_check",
  "approved",
  "submitted",
  "processing",
  "completed",
  "returned",
  "rejected",
] as const satisfies readonly ApplicationStatus[];

export const isApplicationStatus = (value: unknown): value is ApplicationStatus =>
  typeof value === "string" && (APPLICATION_STATUSES as readonly string[]).includes(value);

/** `GET /api/applications/todos` for platform staff: one review queue (kind × state waiting on the platform). */
export interface StaffTodo {
  kind: string;
  label: string;
  module: ApplicationModule | string;
  status: string;
  statusLabel: string;
  count: number;
}

/** G4: WeChat template pushes in the outbox (`GET /api/outbox-jobs?status=`, platform staff). */
export type OutboxJobStatus = "pending" | "sending" | "sent" | "failed";

export interface OutboxJob {
  id: number | string;
  documentId?: string;
  channel: string;
  recipient?: string | null;
  title?: string | null;
  status: OutboxJobStatus | string;
  attempts?: number;
  maxAttempts?: number;
  lastError?: string | null;
  nextAttemptAt?: string | null;
  sentAt?: string | null;
  createdAt?: string;
  updatedAt?: string;
}
