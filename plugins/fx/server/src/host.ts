/**
 * What the fx plugin needs from the cms (registered as `jmt.host`, cms/src/core/host.ts): the object the
 * workflow and customs plugins use. Declared here, structurally, so this plugin compiles on its own.
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

export interface Host {
  scope(ctx: unknown): Promise<ActorScope>;
  can(scope: ActorScope, action: string): boolean;
  assertCan(scope: ActorScope, action: string): void;
  error(code: string, status: number, details?: Record<string, unknown>): Error;
  /** A database transaction, retried on deadlocks and busy databases. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  asSystem<T>(work: () => Promise<T>): Promise<T>;
  audit(entry: { module: string; action: string; targetUid: string; targetId: string; before?: unknown; after?: unknown }, scope: ActorScope): Promise<void>;
  /** In-app message + WeChat push (through the outbox), inside the current transaction. */
  notifyMerchant(notice: MerchantNotice): Promise<void>;
  afterCommit(): void;
  privateDir(): string;
  /** A documentId in Strapi's own format, for rows written below the Document Service. */
  newDocumentId(): string;
}

export const HOST_KEY = 'jmt.host';

export function host(strapi: Core.Strapi): Host {
  return strapi.get(HOST_KEY) as Host;
}

export type { Host as FxHost };
