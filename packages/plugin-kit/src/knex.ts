/**
 * The kit's only way below the query engine: knex on a content type's table, joined to the current transaction.
 * Used for what the query engine cannot express (multi-row INSERTs, grouped counts, arithmetic updates) —
 * plugins reach it through a scoped table's `raw()`, never `strapi.db.connection` themselves.
 */
import type { Core } from '@strapi/strapi';

export type Knex = ReturnType<Core.Strapi['db']['getConnection']>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row at the query-engine boundary: its fields are the schema's
export type Row = Record<string, any>;

export interface TableMeta {
  tableName: string;
  attributes: Record<string, { type: string; columnName?: string; default?: unknown; relation?: string; target?: string }>;
}

export function tableMeta(strapi: Core.Strapi, uid: string): TableMeta {
  return strapi.db.metadata.get(uid as never) as unknown as TableMeta;
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The database column of an attribute (Strapi snake-cases attribute names unless told otherwise). */
export function columnOf(meta: TableMeta, attribute: string): string {
  const attr = meta.attributes[attribute];
  if (!attr) throw new Error(`${meta.tableName} has no attribute "${attribute}"`);
  if (attr.type === 'relation') throw new Error(`${meta.tableName}.${attribute} is a relation, not a column`);
  return attr.columnName ?? snake(attribute);
}

/**
 * A knex builder on `table` that joins the current transaction, if any. Plain `strapi.db.connection` would take
 * a second connection, which on SQLite (one connection) waits for the transaction that is waiting for it.
 */
export async function onTable<T>(strapi: Core.Strapi, table: string, run: (qb: Knex) => PromiseLike<T>): Promise<T> {
  const qb = strapi.db.getConnection(table);
  if (!strapi.db.inTransaction()) return run(qb);
  // The knex builder is thenable, so it is handed to `run` rather than returned from this async function.
  const current = (await strapi.db.transaction()) as unknown as { get(): Parameters<typeof qb.transacting>[0] };
  return run(qb.transacting(current.get()));
}

/** `?? + ?` style raw SQL for the arithmetic of a guarded UPDATE. */
export function rawSql(strapi: Core.Strapi, sql: string, bindings: unknown[]): unknown {
  return strapi.db.connection.raw(sql, bindings as never);
}
