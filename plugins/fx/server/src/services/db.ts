/** Table uids, the untyped row shape and the two knex helpers the fx services share. */
import type { Core } from '@strapi/strapi';
import { host } from '../host';

export const UID = {
  rate: 'plugin::fx.rate',
  fetchState: 'plugin::fx.fetch-state',
  alert: 'plugin::fx.alert',
  account: 'plugin::fx.account',
  ledger: 'plugin::fx.ledger-entry',
  settlement: 'plugin::fx.settlement',
  settlementEvent: 'plugin::fx.settlement-event',
  balanceUpload: 'plugin::fx.balance-upload',
  merchant: 'api::merchant.merchant',
  file: 'api::private-file.private-file',
} as const;

/** Database rows at the Strapi query-engine boundary are untyped; each service reads the fields it knows. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

export function query(strapi: Core.Strapi, uid: string) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- plugin uids are not in the cms's generated registry
  return strapi.db.query(uid as any);
}

type Knex = ReturnType<Core.Strapi['db']['getConnection']>;

/**
 * A knex query on `uid`'s table that joins the current transaction, if any: arithmetic updates
 * (`frozen = frozen + ?` guarded by a WHERE) are not expressible through the query engine, and plain
 * `strapi.db.connection` would take a second connection, which on SQLite waits for the transaction.
 */
export async function onTable<T>(strapi: Core.Strapi, uid: string, run: (qb: Knex, column: (attribute: string) => string) => PromiseLike<T>): Promise<T> {
  const meta = strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const column = (attribute: string): string => meta.attributes[attribute]?.columnName ?? attribute.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const qb = strapi.db.getConnection(meta.tableName);
  if (!strapi.db.inTransaction()) return run(qb, column);
  // The knex builder is thenable, so it is handed to `run` rather than returned from this async function.
  const current = (await strapi.db.transaction()) as unknown as { get(): Parameters<typeof qb.transacting>[0] };
  return run(qb.transacting(current.get()), column);
}

/** Inserts rows (attribute names) in chunks below SQLite's 500-term limit, with documentIds and timestamps. */
export async function insertRows(strapi: Core.Strapi, uid: string, rows: Row[]): Promise<void> {
  const now = new Date();
  for (let i = 0; i < rows.length; i += 400) {
    await onTable(strapi, uid, (qb, column) =>
      qb.insert(
        rows.slice(i, i + 400).map((r) => {
          const out: Row = {};
          for (const [key, value] of Object.entries({ documentId: host(strapi).newDocumentId(), createdAt: now, updatedAt: now, ...r })) out[column(key)] = value;
          return out;
        }),
      ),
    );
  }
}
