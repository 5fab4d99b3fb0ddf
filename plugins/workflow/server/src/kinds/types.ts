/**
 * An application kind is declared, not coded: its states, who may move it where, what a step
 * requires and what it notifies. The engine (services/engine.ts) is the only code that moves
 * applications; later modules (refunds, settlements, shipments) register kinds of their own.
 */
import type { DataAccess } from '@jmt/plugin-kit';

export type Actor = 'merchant' | 'platform';

export interface StateSpec {
  label: string;
  /** Who acts next in this state: drives to-dos, review queues and "stuck" detection. */
  owner: Actor | 'none';
  terminal?: boolean;
  /** The merchant may edit the data (drafts and corrections). */
  editable?: boolean;
  /** A successful end (counts as done for guides, progress and prerequisites). */
  success?: boolean;
}

export interface TransitionSpec {
  from: string[];
  to: string;
  by: Actor;
  /** Button text for whoever takes it. */
  label: string;
  noteRequired?: boolean;
  /** Submissions validate the data and files, and check prerequisites. */
  validates?: boolean;
}

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldSpec {
  /** Dotted path into `data`, e.g. `legalPerson.name`. */
  path: string;
  label: string;
  type: 'text' | 'textarea' | 'select' | 'phone' | 'idNumber' | 'creditCode' | 'decimal' | 'email' | 'customsCode';
  required: boolean;
  options?: FieldOption[];
  placeholder?: string;
  /** Where the value comes from when it is already known (G10). */
  prefillFrom?: MerchantField;
  /** Only asked when other fields have one of these values (e.g. path = "new"); all must hold. */
  when?: Condition | Condition[];
  /** The same fact under other names in other kinds' data (e.g. holderIdNumber ← legalPerson.idNumber). */
  alsoFrom?: string[];
}

export type MerchantField = 'nameCn' | 'nameEn' | 'type' | 'addressCn' | 'addressEn' | 'legalPersonName' | 'contactName' | 'contactPhone' | 'contactEmail' | 'creditCode';

export interface FileSlot {
  /** Also the private-file category the upload is stored under. */
  key: string;
  label: string;
  required: boolean;
  hint?: string;
  when?: Condition | Condition[];
  /** Accepted file types (sniffed MIME types, e.g. application/pdf); any private-file type when absent. */
  accept?: string[];
}

export interface Condition {
  path: string;
  in: string[];
}

export interface MissingItem {
  field: string;
  label: string;
  reason: 'required' | 'invalid';
}

export interface EnterContext {
  merchantId: number;
  data: Record<string, unknown>;
  from: string;
  to: string;
}

/** What a kind's database checks get: the data access narrowed to the application's merchant. */
export interface KindCheckContext {
  merchantId: number;
  data: Record<string, unknown>;
  db: DataAccess;
}

export interface KindDefinition {
  kind: string;
  /** Home module key (G8) the kind belongs to. */
  module: string;
  label: string;
  description: string;
  /** Position in its module's guided flow (D1). */
  order: number;
  /** Short number prefix, e.g. BR-20261122-00017. */
  prefix: string;
  initial: string;
  states: Record<string, StateSpec>;
  /** States shown on the progress board, in order. */
  steps: string[];
  transitions: TransitionSpec[];
  fields: FieldSpec[];
  fileSlots: FileSlot[];
  /** Kinds that must be completed before this one can be submitted. */
  prerequisites: string[];
  /** Needs business registration approved (module unlocked). */
  requiresRegistration: boolean;
  /** Many applications of this kind may be open at once (refunds, settlements); otherwise one per merchant. */
  allowMany?: boolean;
  /** Checks that need the database (linked records, file contents), run inside a submission's transaction. */
  validateAsync?: (ctx: KindCheckContext) => Promise<MissingItem[]>;
  /** Extra checks beyond required fields and patterns. */
  validate?: (data: Record<string, unknown>) => MissingItem[];
  /** Side effects of entering a state, inside the transition's transaction. */
  onEnter?: (ctx: EnterContext, effects: KindEffects) => Promise<void>;
  webLink: (applicationId: string) => string;
  mpPath: (applicationId: string) => string;
}

/** What a kind's onEnter hook may do to the rest of the system. */
export interface KindEffects {
  updateMerchant(merchantId: number, fields: Record<string, unknown>): Promise<void>;
}
