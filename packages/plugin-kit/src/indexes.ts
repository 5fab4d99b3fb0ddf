/**
 * Uniqueness a schema declares becomes a real unique index. Strapi 5's `unique: true` on an attribute is only
 * checked by the Document Service's validator — it creates no index, so two concurrent inserts (two instances,
 * two pooled connections) both succeed. Called in the cms's register(), before Strapi builds its database
 * models, this adds one unique index per `unique: true` scalar attribute and per composite in
 * `pluginOptions.jmt.unique` to the content type's `indexes`, which Strapi's own schema sync then creates and
 * keeps on SQLite and MySQL alike.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { contentTypes, ownTypes } from './tenancy';

export interface UniqueIndex {
  uid: string;
  table: string;
  name: string;
  attributes: string[];
  columns: string[];
}

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** MySQL caps identifiers at 64 characters. */
function indexName(table: string, columns: string[]): string {
  const name = `${table}_${columns.join('_')}_uq`;
  if (name.length <= 60) return name;
  return `${name.slice(0, 49)}_${crypto.createHash('sha1').update(name).digest('hex').slice(0, 8)}_uq`;
}

type Attr = { type?: string; unique?: boolean; columnName?: string };

/** Every uniqueness our schemas declare, as indexes (also what the tests check the databases for). */
export function declaredUniqueIndexes(strapi: Core.Strapi): UniqueIndex[] {
  const out: UniqueIndex[] = [];
  for (const uid of ownTypes(strapi)) {
    const ct = contentTypes(strapi)[uid] as { collectionName?: string; attributes?: Record<string, Attr>; pluginOptions?: { jmt?: { unique?: string[][] } } };
    const table = ct.collectionName;
    if (!table || !ct.attributes) continue;
    const attrs = ct.attributes;
    const columnOf = (a: string) => {
      if (!attrs[a] || attrs[a].type === 'relation') throw new Error(`${uid}: unique attribute "${a}" is not a column`);
      return attrs[a].columnName ?? snake(a);
    };
    const sets: string[][] = [];
    for (const [name, attr] of Object.entries(attrs)) if (attr.unique && attr.type !== 'relation' && attr.type !== 'uid') sets.push([name]);
    for (const set of ct.pluginOptions?.jmt?.unique ?? []) sets.push(set);
    for (const set of sets) {
      const columns = set.map(columnOf);
      out.push({ uid, table, name: indexName(table, columns), attributes: set, columns });
    }
  }
  return out;
}

export function declareUniqueIndexes(strapi: Core.Strapi): UniqueIndex[] {
  const indexes = declaredUniqueIndexes(strapi);
  for (const index of indexes) {
    const ct = contentTypes(strapi)[index.uid] as { indexes?: { name: string; columns: string[]; type?: string }[] };
    ct.indexes = [...(ct.indexes ?? []).filter((i) => i.name !== index.name), { name: index.name, columns: index.columns, type: 'unique' }];
  }
  return indexes;
}

/** Is this error the database refusing a duplicate (SQLite, MySQL / MariaDB)? */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string } | null;
  if (!e) return false;
  return (
    e.code === 'ER_DUP_ENTRY' ||
    e.errno === 1062 ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|Duplicate entry/i.test(e.message ?? '')
  );
}

/** Did MySQL / MariaDB pick this transaction as the victim of a deadlock (the other one went through)? */
export function isDeadlock(error: unknown): boolean {
  const e = error as { code?: string; errno?: number } | null;
  return !!e && (e.code === 'ER_LOCK_DEADLOCK' || e.errno === 1213);
}

/**
 * A write that lost to a concurrent one doing the same thing: the database refused its duplicate of a business
 * identity (a unique index) or rolled it back as a deadlock victim. The caller answers as the second caller would.
 */
export const isWriteConflict = (error: unknown): boolean => isUniqueViolation(error) || isDeadlock(error);
