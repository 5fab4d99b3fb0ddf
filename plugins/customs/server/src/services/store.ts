/** Table names, row shapes and the bulk insert the customs services share. */
import type { Core } from '@strapi/strapi';
import { host } from '../host';

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

export function query(strapi: Core.Strapi, uid: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- plugin uids are not in the cms's generated registry
  return strapi.db.query(uid as any);
}

/**
 * Inserts many rows in chunks (one multi-row INSERT each) inside the current transaction; rows get a
 * documentId and timestamps as the Document Service would give them. Written with knex against the columns
 * the schema maps to (JSON serialised here), because the query engine's per-row processing dominated a
 * 100,000-row import. Returns nothing: callers re-read by key.
 */
export async function insertMany(strapi: Core.Strapi, uid: string, rows: Row[], chunk = 500): Promise<void> {
  // knex writes a multi-row INSERT for SQLite as a compound SELECT, which SQLite caps at 500 terms.
  chunk = Math.min(chunk, 500);
  if (!rows.length) return;
  const meta = strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Record<string, { type: string; columnName?: string; default?: unknown }> };
  // Schema defaults (e.g. `cancelled: false`), as the query engine would fill them.
  const defaults: Row = {};
  for (const [key, attr] of Object.entries(meta.attributes)) if (attr.default !== undefined && typeof attr.default !== 'function') defaults[key] = attr.default;
  const column = (key: string): { name: string; json: boolean } => {
    const attr = meta.attributes[key];
    if (!attr || attr.type === 'relation') throw new Error(`insertMany: ${uid} has no column for "${key}"`);
    return { name: attr.columnName ?? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), json: attr.type === 'json' };
  };
  const columns = new Map<string, { name: string; json: boolean }>();
  const now = new Date();
  const toRecord = (r: Row): Row => {
    const out: Row = {};
    for (const [key, value] of Object.entries({ ...defaults, documentId: host(strapi).newDocumentId(), createdAt: now, updatedAt: now, ...r })) {
      let c = columns.get(key);
      if (!c) columns.set(key, (c = column(key)));
      out[c.name] = c.json && value !== null && value !== undefined ? JSON.stringify(value) : value;
    }
    return out;
  };
  for (let i = 0; i < rows.length; i += chunk) {
    const records = rows.slice(i, i + chunk).map(toRecord);
    await rawTable(strapi, meta.tableName, (t) => t.insert(records));
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
