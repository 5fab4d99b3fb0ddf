/**
 * Applications (workflow engine: 工商注册 R1–R4, 跨境申报 D1–D6) as the cms contract describes them
 * (deploy/local/API_CONTRACT.md, section "Applications"). The server sends every label; the Chinese
 * labels below are fallbacks for screens that render before the kinds list has loaded.
 */

export const REGISTRATION_KIND = "business-registration" as const;

/** 跨境申报 kinds in guided order (D1). */
export const FILING_KINDS = [
  "customs-registration",
  "eport-card",
  "dxp-id",
  "cloud-signature",
  "enterprise-filing",
] as const;
export type FilingKind = (typeof FILING_KINDS)[number];
export type ApplicationKind = typeof REGISTRATION_KIND | FilingKind;

export const isFilingKind = (value: unknown): value is FilingKind =>
  typeof value === "string" && (FILING_KINDS as readonly string[]).includes(value);

export const KIND_LABELS: Record<ApplicationKind, string> = {
  "business-registration": "工商注册",
  "customs-registration": "海关企业注册登记",
  "eport-card": "电子口岸卡",
  "dxp-id": "DXP ID 申请",
  "cloud-signature": "云加签申请",
  "enterprise-filing": "企业备案",
};

/** Business registration states: filling → initial_review → onsite_check → approved; returned / rejected. */
export const REGISTRATION_APPLICATION_STATUSES = [
  "filling",
  "initial_review",
  "onsite_check",
  "approved",
  "returned",
  "rejected",
] as const;
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

export interface KindState {
  key: string;
  label: string;
  owner: StateOwner;
  terminal: boolean;
  /** A successful end (approved / completed). */
  success?: boolean;
  /** The merchant may edit the data in this state. */
  editable?: boolean;
}

/** A field or file slot asked only when another field has one of these values (e.g. path = "new"). */
export interface KindCondition {
  path: string;
  in: string[];
}

/** `when` on fields and file slots: none, one condition, or several that must all hold. */
export type KindWhen = KindCondition | KindCondition[] | null;

/** Whether a field or slot applies to the data (the server's rule, cms plugins/workflow lib/machine.ts). */
export function whenHolds(when: KindWhen | undefined, data: unknown): boolean {
  if (!when) return true;
  return (Array.isArray(when) ? when : [when]).every((c) => {
    let value: unknown = data;
    for (const key of c.path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    return c.in.map(String).includes(String(value ?? ""));
  });
}

export interface KindTransition {
  from: string[];
  to: string;
  by: "merchant" | "platform" | string;
  label: string;
  noteRequired: boolean;
}

export interface KindTemplate {
  key: string;
  label: string;
  format: string;
}

export interface KindFileSlot {
  key: string;
  label: string;
  required: boolean;
  hint?: string | null;
  /** Only asked when the condition holds — or all of them, when the server sends a list. */
  when?: KindWhen;
}


/** A merchant field a filing kind asks for (`fields` in GET /api/applications/kinds). */
export interface KindField {
  key: string;
  label: string;
  type?: "text" | "textarea" | "phone" | "email" | "number" | "date" | "select" | "creditCode" | "idNumber" | string;
  required?: boolean;
  hint?: string | null;
  placeholder?: string | null;
  options?: Array<{ value: string; label: string } | string> | null;
  /** Dotted path into `data` (e.g. `legalPerson.name`, `nameOptions.0`) as the workflow plugin sends it. */
  path?: string;
  when?: KindWhen;
}

export interface KindInfo {
  kind: ApplicationKind | string;
  module: "registration" | "filing" | string;
  label: string;
  description?: string | null;
  order: number;
  states: KindState[];
  /** Progress-board states in order (the cms sends `{ key, label }`; older builds sent plain keys). */
  steps: Array<{ key: string; label: string } | string>;
  transitions?: KindTransition[];
  templates: KindTemplate[];
  fileSlots: KindFileSlot[];
  fields?: KindField[];
  prerequisites: string[];
  /** Needs business registration approved (the module is locked until then). */
  requiresRegistration?: boolean;
}

export interface ApplicationMerchantRef {
  documentId: string;
  nameCn: string;
}

export interface Application<D = Record<string, unknown>> {
  id: number;
  documentId: string;
  number: string | null;
  kind: ApplicationKind | string;
  kindLabel: string;
  module: string;
  status: ApplicationStatus | string;
  statusLabel: string;
  owner: StateOwner;
  data: D;
  merchant?: ApplicationMerchantRef | null;
  submittedAt: string | null;
  lastTransitionAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TimelineEntry {
  from: string | null;
  to: string;
  fromLabel: string | null;
  toLabel: string;
  note: string | null;
  actorName: string | null;
  actorKind: "merchant" | "platform" | "system";
  createdAt: string;
}

export interface AllowedTransition {
  to: string;
  label: string;
  by: "merchant" | "platform" | string;
  noteRequired: boolean;
}

export interface ApplicationDetail<D = Record<string, unknown>> extends Application<D> {
  timeline: TimelineEntry[];
  allowedTransitions: AllowedTransition[];
}

/** G10: which data paths were filled in from what is already known ("merchant", another kind, "file"). */
export interface PrefillResult<D = Record<string, unknown>> {
  data: Partial<D>;
  meta?: { sources?: Record<string, string> };
}

export type GuideStepState = "done" | "in_progress" | "action_required" | "pending" | "locked";

export interface GuideStep {
  kind: FilingKind | string;
  label: string;
  order: number;
  state: GuideStepState;
  status: string | null;
  statusLabel: string | null;
  applicationId: string | null;
  recommended: boolean;
  description?: string | null;
  prerequisites?: Array<{ kind: string; label: string }>;
  prerequisitesMet?: boolean;
  link?: string;
  mpPath?: string;
}

export interface Guide {
  steps: GuideStep[];
  next: string | null;
  done: number;
  total: number;
  /** Business registration approved (the module is open). */
  unlocked?: boolean;
}

export interface ProgressModule {
  module: string;
  label: string;
  done: number;
  total: number;
  steps: Array<{ key: string; label: string; done: boolean; state?: GuideStepState }>;
  next: { label: string; link: string; mpPath?: string } | null;
  status?: string | null;
  statusLabel?: string | null;
  locked?: boolean;
}

export interface MerchantTodo {
  /** null for 「开始办理工商注册」 (nothing created yet). */
  applicationId: string | null;
  kind: string;
  module: string;
  title: string;
  status: string | null;
  statusLabel?: string | null;
  /** The staff note when returned. */
  note?: string | null;
  link: string;
  mpPath?: string | null;
}

export interface MissingField {
  field: string;
  label: string;
  reason?: "required" | "invalid";
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
