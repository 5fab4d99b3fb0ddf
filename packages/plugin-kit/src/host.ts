/**
 * The host contract: what a plugin may ask of the application that hosts it. The cms registers one object of
 * this shape as `jmt.host` (cms/src/core/host.ts). Plugins are compiled on their own; going through this one
 * object keeps a single tenancy scope, error format, operation log, outbox and secret store instead of a copy
 * per plugin (a second copy of the cms's AsyncLocalStorage would not see the request it serves).
 */
import type { Core } from '@strapi/strapi';

/** Who is acting: resolved once per request from the verified session token. */
export interface ActorScope {
  kind: 'anonymous' | 'merchant' | 'platform';
  userId: number | null;
  phone: string | null;
  name: string | null;
  merchantId: number | null;
  merchantDocumentId: string | null;
  role: 'admin' | 'member' | null;
  permissions: Set<string>;
}

export interface MerchantNotice {
  merchantId: number;
  eventKey: string;
  category: 'business' | 'todo' | 'announcement';
  module: string;
  title: string;
  body: string;
  link: string;
  mpPath: string;
  push: { subject: string; status: string; note?: string | null };
}

export interface AuditInput {
  module: string;
  action: string;
  targetUid: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

export interface OutboxJobInput {
  channel: string;
  /** Stable per unit of work: the same key is never enqueued twice. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
  title?: string;
  recipient?: string;
  merchantId?: number | null;
  maxAttempts?: number;
}

export interface OutboxJobView extends OutboxJobInput {
  id: number;
  documentId: string;
  attempts: number;
}

export type OutboxHandler = (job: OutboxJobView) => Promise<Record<string, unknown> | void>;

/** A plugin's error codes with their Chinese messages (its locale file). */
export type ErrorMessages = Record<string, string>;

export interface Host {
  scope(ctx: unknown): Promise<ActorScope>;
  /** The scope of the request being served, or null inside system work (workers, seeding) and outside requests. */
  currentScope(): Promise<ActorScope | null>;
  can(scope: ActorScope, action: string): boolean;
  /** Throws the host's 401/403 (MEMBER_READ_ONLY for read-only members). */
  assertCan(scope: ActorScope, action: string): void;
  /** The host's error type: `{ error: { status, code, message (Chinese), details } }` on the wire. */
  error(code: string, status: number, details?: Record<string, unknown>): Error;
  /** Adds a plugin's error codes and messages to the one catalogue `error()` reads. */
  registerErrors(messages: ErrorMessages): void;
  /** A transaction, retried on deadlocks / busy databases. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Trusted work outside the caller's tenancy scope (after the plugin has authorised it). */
  asSystem<T>(work: () => Promise<T>): Promise<T>;
  audit(entry: AuditInput, scope: ActorScope): Promise<void>;
  /** In-app message + WeChat pushes through the outbox; call inside the change's transaction. */
  notifyMerchant(notice: MerchantNotice): Promise<void>;
  /** After a commit: wake the outbox worker, drop cached home pages. */
  afterCommit(): void;
  /** Write outbox jobs inside the current transaction (many rows in few statements). */
  enqueue(jobs: OutboxJobInput[]): Promise<void>;
  /**
   * Deliver a channel's jobs with `handler`: `concurrency` at once per instance (default 4), each given `timeoutMs`
   * (default 15 s; the job's lease is sized to it), independently of every other channel.
   */
  onOutbox(channel: string, handler: OutboxHandler, options?: { concurrency?: number; timeoutMs?: number }): void;
  /** How many jobs of a channel have failed for good (staff boards). */
  failedJobs(channel: string): Promise<number>;
  /** A secret from the environment (refuses development values in production). */
  secret(name: string): string;
  /** Directory for private files (never served publicly). */
  privateDir(): string;
}

export const HOST_KEY = 'jmt.host';

export function host(strapi: Core.Strapi): Host {
  const found = strapi.get(HOST_KEY) as Host | undefined;
  if (!found) throw new Error('jmt.host is not registered: the cms registers it in its register() lifecycle');
  return found;
}
