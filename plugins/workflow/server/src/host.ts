/**
 * What the workflow plugin needs from the application that hosts it. The cms registers one object
 * of this shape as `jmt.host` (cms/src/core/host.ts), so tenancy scopes, the operation log, the
 * error format, transactions and notifications stay single mechanisms instead of being copied into
 * each plugin (a copy of `asSystem`'s AsyncLocalStorage would not see the host's context).
 */
import type { Core } from '@strapi/strapi';

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

export interface Host {
  scope(ctx: unknown): Promise<ActorScope>;
  can(scope: ActorScope, action: string): boolean;
  /** Throws the host's 401/403 (MEMBER_READ_ONLY for read-only members). */
  assertCan(scope: ActorScope, action: string): void;
  /** The host's error type: `{ error: { status, code, message (Chinese), details } }` on the wire. */
  error(code: string, status: number, details?: Record<string, unknown>): Error;
  /** A transaction, retried on deadlocks / busy databases. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Trusted work outside the caller's tenancy scope (after the plugin has authorised it). */
  asSystem<T>(work: () => Promise<T>): Promise<T>;
  audit(entry: AuditInput, scope: ActorScope): Promise<void>;
  /** In-app message + WeChat pushes through the outbox; call inside the change's transaction. */
  notifyMerchant(notice: MerchantNotice): Promise<void>;
  /** After a commit: wake the outbox worker, drop cached home pages. */
  afterCommit(): void;
}

export const HOST_KEY = 'jmt.host';

export function host(strapi: Core.Strapi): Host {
  return strapi.get(HOST_KEY) as Host;
}
