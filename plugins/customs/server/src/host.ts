/**
 * What the customs plugin needs from the cms (registered as `jmt.host`, cms/src/core/host.ts): the same
 * object the workflow plugin uses, plus the outbox and secrets. Declared here, structurally, so this plugin
 * compiles on its own.
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

export interface OutboxJobInput {
  channel: string;
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

export interface Host {
  scope(ctx: unknown): Promise<ActorScope>;
  can(scope: ActorScope, action: string): boolean;
  assertCan(scope: ActorScope, action: string): void;
  error(code: string, status: number, details?: Record<string, unknown>): Error;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  asSystem<T>(work: () => Promise<T>): Promise<T>;
  audit(entry: { module: string; action: string; targetUid: string; targetId: string; before?: unknown; after?: unknown }, scope: ActorScope): Promise<void>;
  notifyMerchant(notice: MerchantNotice): Promise<void>;
  afterCommit(): void;
  /** Write outbox jobs inside the current transaction (many rows in few statements). */
  enqueue(jobs: OutboxJobInput[]): Promise<void>;
  onOutbox(channel: string, handler: OutboxHandler): void;
  /** A secret from the environment (development default outside production; refuses defaults in production). */
  secret(name: string): string;
  /** Directory for private files (never served publicly). */
  privateDir(): string;
}

export const HOST_KEY = 'jmt.host';

export function host(strapi: Core.Strapi): Host {
  return strapi.get(HOST_KEY) as Host;
}
