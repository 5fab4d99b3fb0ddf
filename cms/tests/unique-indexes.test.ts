import fs from 'node:fs';
import path from 'node:path';
import { CMS_DIR } from './support/stack';

/**
 * Uniqueness the schemas declare is enforced by the database itself (plugin-kit's declareUniqueIndexes): Strapi 5's
 * `unique: true` alone creates no index, so two instances (or two pooled connections) could both insert the same
 * key. For every declared uniqueness this test finds a unique index on exactly those columns in the database the
 * cms is running on, and has the database refuse a duplicate inserted behind the cms's back.
 */
type Attr = { type?: string; unique?: boolean; columnName?: string };
type Schema = { collectionName: string; attributes: Record<string, Attr>; pluginOptions?: { jmt?: { unique?: string[][] } } };

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function schemas(): { uid: string; schema: Schema }[] {
  const apiDir = path.join(CMS_DIR, 'src', 'api');
  const fromApi = fs.readdirSync(apiDir).flatMap((name) => {
    const file = path.join(apiDir, name, 'content-types', name, 'schema.json');
    return fs.existsSync(file) ? [{ uid: `api::${name}.${name}`, schema: JSON.parse(fs.readFileSync(file, 'utf8')) as Schema }] : [];
  });
  const pluginsDir = path.join(CMS_DIR, '..', 'plugins');
  const fromPlugins = fs.readdirSync(pluginsDir).flatMap((plugin) => {
    const compiled = path.join(pluginsDir, plugin, 'dist', 'content-types', 'index.js');
    if (!fs.existsSync(compiled)) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plugin's compiled output, found at run time
    const types = require(compiled).default as Record<string, { schema: Schema }>;
    return Object.entries(types).map(([name, t]) => ({ uid: `plugin::${plugin}.${name}`, schema: t.schema }));
  });
  return [...fromApi, ...fromPlugins];
}

interface Declared {
  uid: string;
  table: string;
  columns: { name: string; type: string }[];
}

function declared(): Declared[] {
  const out: Declared[] = [];
  for (const { uid, schema } of schemas()) {
    const sets = Object.entries(schema.attributes)
      .filter(([, a]) => a.unique && a.type !== 'relation' && a.type !== 'uid')
      .map(([name]) => [name]);
    sets.push(...(schema.pluginOptions?.jmt?.unique ?? []));
    for (const set of sets)
      out.push({
        uid,
        table: schema.collectionName,
        columns: set.map((a) => ({ name: schema.attributes[a].columnName ?? snake(a), type: schema.attributes[a].type ?? 'string' })),
      });
  }
  return out;
}

interface Db {
  uniqueIndexes(table: string): Promise<string[][]>;
  insert(table: string, row: Record<string, unknown>): Promise<void>;
  remove(table: string, row: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

async function openDb(): Promise<Db> {
  if (process.env.TEST_DATABASE_NAME) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- mysql2 resolved from the cms package at run time
    const mysql = require(require.resolve('mysql2/promise', { paths: [CMS_DIR] }));
    const conn = await mysql.createConnection({
      host: process.env.DATABASE_HOST || '127.0.0.1',
      port: Number(process.env.DATABASE_PORT || 3306),
      user: process.env.DATABASE_USERNAME || 'root',
      password: process.env.DATABASE_PASSWORD || '',
      database: process.env.TEST_DATABASE_NAME,
    });
    return {
      async uniqueIndexes(table) {
        const [rows] = await conn.query('SHOW INDEX FROM ?? WHERE Non_unique = 0', [table]);
        const byName = new Map<string, string[]>();
        for (const r of rows as { Key_name: string; Column_name: string; Seq_in_index: number }[])
          (byName.get(r.Key_name) ?? byName.set(r.Key_name, []).get(r.Key_name)!)[r.Seq_in_index - 1] = r.Column_name;
        return [...byName.values()];
      },
      async insert(table, row) {
        await conn.query('INSERT INTO ?? SET ?', [table, row]);
      },
      async remove(table, row) {
        await conn.query(
          `DELETE FROM ?? WHERE ${Object.keys(row)
            .map(() => '?? = ?')
            .join(' AND ')}`,
          [table, ...Object.entries(row).flat()],
        );
      },
      close: () => conn.end(),
    };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- better-sqlite3 resolved from the cms package at run time
  const Database = require(require.resolve('better-sqlite3', { paths: [CMS_DIR] }));
  const db = new Database(process.env.TEST_DATABASE_FILE, { timeout: 10_000 });
  return {
    async uniqueIndexes(table) {
      const list = db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[];
      return list.filter((i) => i.unique).map((i) => (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name));
    },
    async insert(table, row) {
      const keys = Object.keys(row);
      db.prepare(`INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...Object.values(row));
    },
    async remove(table, row) {
      db.prepare(
        `DELETE FROM "${table}" WHERE ${Object.keys(row)
          .map((k) => `"${k}" = ?`)
          .join(' AND ')}`,
      ).run(...Object.values(row));
    },
    close: async () => db.close(),
  };
}

let db: Db;
beforeAll(async () => {
  db = await openDb();
});
afterAll(async () => db?.close());

describe('uniqueness is a real unique index', () => {
  const all = declared();

  it('is declared for the business identities the code relies on', () => {
    const keys = all.map((d) => `${d.table}(${d.columns.map((c) => c.name).join(',')})`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'outbox_jobs(idempotency_key)',
        'customs_ceb_messages(guid)',
        'customs_events(receipt_key)',
        'customs_poll_states(name)',
        'fx_accounts(merchant_id)',
        'fx_fetch_states(name)',
        'fx_rates(currency,date,source)',
        'taxrefund_return_uploads(date)',
      ]),
    );
  });

  for (const [i, d] of all.entries()) {
    const label = `${d.table}(${d.columns.map((c) => c.name).join(', ')})`;
    it(`${label}: the database has the index and refuses a duplicate`, async () => {
      const indexes = await db.uniqueIndexes(d.table);
      expect(indexes).toContainEqual(d.columns.map((c) => c.name));
      const row = Object.fromEntries(d.columns.map((c, k) => [c.name, c.type === 'integer' || c.type === 'biginteger' ? 2_000_000_000 - i * 10 - k : `uq-test-${i}-${k}`]));
      try {
        await db.insert(d.table, row);
        await expect(db.insert(d.table, row)).rejects.toThrow(/UNIQUE|Duplicate/i);
      } finally {
        await db.remove(d.table, row);
      }
    });
  }

  it('leases are keyed by name (two instances starting together create one lease row)', async () => {
    expect(await db.uniqueIndexes('jmt_leases')).toContainEqual(['name']);
  });
});
