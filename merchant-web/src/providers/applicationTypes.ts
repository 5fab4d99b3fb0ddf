/**
 * The applications vocabulary (workflow engine, API_CONTRACT.md "Applications") as the merchant web reads it.
 * Kind keys come from the shared @jmt/api-types; the response shapes are kept here, tolerant of the
 * variations the cms has sent while the engine settles (steps as keys or `{key,label}`, fields by `path` or `key`).
 */
import { FILING_KINDS, REGISTRATION_KIND, type FilingKind } from "@jmt/api-types";

export { FILING_KINDS, REGISTRATION_KIND, type FilingKind };

export const isFilingKind = (value: unknown): value is FilingKind =>
  typeof value === "string" && (FILING_KINDS as readonly string[]).includes(value);

/** The progress board of the 跨境申报 kinds. */
export const FILING_STEPS = ["filling", "submitted", "processing", "completed"] as const;

export type StateOwner = "merchant" | "platform" | "none";

export interface KindState {
  key: string;
  label: string;
  owner: StateOwner;
  terminal: boolean;
  success?: boolean;
  editable?: boolean;
}

/** Asked only when the value at `path` (dotted) is one of `in`. */
export interface KindCondition {
  path: string;
  in: string[];
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
  /** One condition, or several that must all hold. */
  when?: KindCondition | KindCondition[] | null;
}

export interface KindField {
  /** Dotted path into `data` (`legalPerson.name`, `nameOptions.0`). */
  path?: string;
  /** Older name of `path`. */
  key?: string;
  label: string;
  type?: string;
  required?: boolean;
  options?: Array<{ value: string; label: string }> | null;
  placeholder?: string | null;
  hint?: string | null;
  /** One condition, or several that must all hold. */
  when?: KindCondition | KindCondition[] | null;
}

export interface KindInfo {
  kind: string;
  module: string;
  label: string;
  description?: string | null;
  order: number;
  states: KindState[];
  steps: Array<{ key: string; label: string } | string>;
  templates: KindTemplate[];
  fileSlots: KindFileSlot[];
  fields?: KindField[];
  prerequisites: string[];
  requiresRegistration?: boolean;
}

export interface Application<D = Record<string, unknown>> {
  id: number;
  documentId: string;
  number: string | null;
  kind: string;
  kindLabel: string;
  module: string;
  status: string;
  statusLabel: string;
  owner: StateOwner;
  data: D;
  merchant?: { documentId: string; nameCn: string } | null;
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
  actorKind: "merchant" | "platform" | "system" | string;
  createdAt: string;
}

export interface AllowedTransition {
  to: string;
  label: string;
  by: string;
  noteRequired: boolean;
}

export interface ApplicationDetail<D = Record<string, unknown>> extends Application<D> {
  timeline: TimelineEntry[];
  allowedTransitions: AllowedTransition[];
}

export interface PrefillResult<D = Record<string, unknown>> {
  data: Partial<D>;
  meta?: { sources?: Record<string, string> };
}

export type GuideStepState = "done" | "in_progress" | "action_required" | "pending" | "locked";

export interface GuideStep {
  kind: string;
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
}

export interface Guide {
  steps: GuideStep[];
  next: string | null;
  done: number;
  total: number;
  unlocked?: boolean;
}

export interface ProgressModule {
  module: string;
  label: string;
  done: number;
  total: number;
  steps: Array<{ key: string; label: string; done: boolean; state?: string }>;
  next: { label: string; link: string } | null;
  status?: string | null;
  statusLabel?: string | null;
  locked?: boolean;
}

export interface MerchantTodo {
  applicationId: string | null;
  kind: string;
  module: string;
  title: string;
  status: string | null;
  statusLabel?: string | null;
  note?: string | null;
  link: string;
  mpPath?: string | null;
}

export interface MissingField {
  field: string;
  label: string;
  reason?: string;
}

// ── business-registration data ────────────────────────────────────────────────────────────

export type RegistrationPath = "new" | "existing";
export type EntityType = "individual" | "company";

export interface Shareholder {
  name?: string;
  idNumber?: string;
  ratio?: string;
}

export interface BusinessRegistrationData {
  path?: RegistrationPath;
  entityType?: EntityType;
  nameOptions?: string[];
  businessScope?: string;
  registeredCapital?: string;
  shareholders?: Shareholder[];
  companyName?: string;
  creditCode?: string;
  registeredAddress?: string;
  legalPerson?: { name?: string; idNumber?: string; phone?: string };
  contact?: { name?: string; phone?: string };
  files?: Record<string, string | null | undefined>;
  [extra: string]: unknown;
}

/** File slots per registration path as the cms declares them (its kinds list, with labels and `when`, wins). */
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
