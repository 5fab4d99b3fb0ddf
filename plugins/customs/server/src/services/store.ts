/** Table names, row shapes and the bulk insert the customs services share. */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

export const UID = {
  config: 'plugin::customs.ddt-config',
  batch: 'plugin::customs.batch',
  import: 'plugin::customs.order-import',
  order: 'plugin::customs.order',
  inventory: 'plugin::customs.inventory',
  waybill: 'plugin::customs.waybill',
  summary: 'plugin::customs.summary',
  cancellation: 'plugin::customs.cancellation',
  message: 'plugin::customs.ceb-message',
  event: 'plugin::customs.customs-event',
  pollState: 'plugin::customs.poll-state',
  hint: 'plugin::customs.hint',
  merchant: 'api::merchant.merchant',
} as const;

export type SubjectType = 'order' | 'inventory' | 'waybill' | 'summary' | 'cancellation';
export const SUBJECT_UID: Record<SubjectType, string> = {
  order: UID.order,
  inventory: UID.inventory,
  waybill: UID.waybill,
  summary: UID.summary,
  cancellation: UID.cancellation,
};

/**
 * Database rows at the Strapi query-engine boundary are untyped; each service reads the fields it knows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

// Strapi's own documentId alphabet and length (cuid2-like: lower-case, 24 chars).
export function newDocumentId(): string {
  const bytes = crypto.randomBytes(24);
  let out = 'j';
  for (let i = 1; i < 24; i++) out += 'abcdefghijklmnopqrstuvwxyz0123456789'[bytes[i] % 36];
  return out;
}

export function query(strapi: Core.Strapi, uid: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- plugin uids are not in the cms's generated registry
  return strapi.db.query(uid as any);
}

/**
 * Inserts many rows in chunks (one multi-row INSERT each) inside the current transaction; rows get a
 * documentId and timestamps as the Document Service would give them. Returns nothing: callers re-read by key.
 */
export async function insertMany(strapi: Core.Strapi, uid: string, rows: Row[], chunk = 400): Promise<void> {
  const now = new Date();
  for (let i = 0; i < rows.length; i += chunk) {
    const data = rows.slice(i, i + chunk).map((r) => ({ documentId: newDocumentId(), createdAt: now, updatedAt: now, ...r }));
    await query(strapi, uid).createMany({ data });
  }
}

/**
 * A knex query on `table` that joins the current transaction, if any. Grouped counts are not expressible
 * through the query engine; plain `strapi.db.connection` would take a second connection, which on SQLite
 * (one connection) waits for the transaction that is waiting for it.
 */
export async function rawTable<T>(strapi: Core.Strapi, table: string, run: (qb: ReturnType<Core.Strapi['db']['getConnection']>) => PromiseLike<T>): Promise<T> {
  const qb = strapi.db.getConnection(table);
  if (!strapi.db.inTransaction()) return run(qb);
  // The knex builder is thenable, so it is handed to `run` rather than returned from this async function.
  const current = (await strapi.db.transaction()) as unknown as { get(): Parameters<typeof qb.transacting>[0] };
  return run(qb.transacting(current.get()));
}
