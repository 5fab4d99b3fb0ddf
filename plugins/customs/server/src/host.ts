/**
 * What the customs plugin needs from the cms (registered as `jmt.host`, cms/src/core/host.ts): the workflow
 * plugin's host (declared there, imported as types only) plus the outbox and secrets.
 */
import type { Core } from '@strapi/strapi';
import type { ActorScope, Host as WorkflowHost, MerchantNotice } from '@jmt/plugin-workflow';

export type { ActorScope, MerchantNotice };

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

export interface Host extends WorkflowHost {
  /** Write outbox jobs inside the current transaction (many rows in few statements). */
  enqueue(jobs: OutboxJobInput[]): Promise<void>;
  onOutbox(channel: string, handler: OutboxHandler): void;
  /** A secret from the environment (development default outside production; refuses defaults in production). */
  secret(name: string): string;
  /** Directory for private files (never served publicly). */
  privateDir(): string;
  /** A documentId in Strapi's own format, for rows written below the Document Service. */
  newDocumentId(): string;
}

export const HOST_KEY = 'jmt.host';

export function host(strapi: Core.Strapi): Host {
  return strapi.get(HOST_KEY) as Host;
}
