/**
 * Scoped data access: the only way plugin services reach their rows. A `DataAccess` is bound to the caller's
 * scope; every read of a merchant-owned type is filtered to the caller's merchant, every write is checked
 * (members are read-only) and stamped with the merchant, staff see and change what their permissions allow —
 * all decided by the type's tenancy declaration (tenancy.ts), in this one place. Ids a client passes that refer
 * to other records are resolved through the same scope (`resolve`), so another merchant's id is "not found".
 *
 * `system(strapi)` is trusted work (workers, pollers, seeding): no filter. `within(merchantId)` narrows any
 * access to one merchant's records — staff acting on a merchant's application resolve its file ids inside that
 * merchant, so a draft cannot smuggle another merchant's file into the staff view.
 */
import type { Core } from '@strapi/strapi';
import { host, type ActorScope } from './host';
import { newDocumentId } from './ids';
import { columnOf, onTable, tableMeta, type Knex, type Row } from './knex';
import { and, declarationOf, decide, merchantFilter, type Decision, type Mode, type TenancyDeclaration } from './tenancy';

export type { Row };

export interface FindParams {
  where?: Row;
  select?: string[];
  populate?: unknown;
  orderBy?: unknown;
  limit?: number;
  offset?: number;
}

interface Repo {
  findOne(p: object): Promise<Row | null>;
  findMany(p: object): Promise<Row[]>;
  count(p: object): Promise<number>;
  create(p: object): Promise<Row>;
  update(p: object): Promise<Row | null>;
  updateMany(p: object): Promise<{ count: number }>;
  delete(p: object): Promise<Row | null>;
  deleteMany(p: object): Promise<{ count: number }>;
}

/** Matches no row: the view of another merchant's records from inside one merchant. */
const NOTHING: Row = { id: { $null: true } };

interface Context {
  strapi: Core.Strapi;
  /** null: trusted system work. */
  scope: ActorScope | null;
  /** Narrowed to one merchant's records (see `within`). */
  merchantId: number | null;
}

const fail = (strapi: Core.Strapi) => (code: string, status: number, details?: Record<string, unknown>) => host(strapi).error(code, status, details);

export class Table<T extends Row = Row> {
  private readonly decl: TenancyDeclaration | null;

  constructor(
    private readonly ctx: Context,
    readonly uid: string,
  ) {
    this.decl = declarationOf(ctx.strapi, uid);
  }

  private repo(): Repo {
    return this.ctx.strapi.db.query(this.uid as never) as unknown as Repo;
  }

  private decide(mode: Mode): Decision & { narrowed: Row | null } {
    const decision = decide(this.ctx.strapi, this.uid, this.ctx.scope, mode, fail(this.ctx.strapi));
    let narrowed: Row | null = null;
    const owned = this.decl && (this.decl.tenancy === 'merchant' || this.decl.tenancy === 'self');
    if (this.ctx.merchantId !== null && owned) {
      const scoped = this.ctx.scope?.kind === 'merchant' ? this.ctx.scope.merchantId : null;
      narrowed = scoped !== null && scoped !== this.ctx.merchantId ? NOTHING : merchantFilter(this.decl as TenancyDeclaration, this.ctx.merchantId);
    }
    return { ...decision, narrowed };
  }

  private visible(mode: Mode, where?: Row): Row {
    const d = this.decide(mode);
    return and(where, d.filter, d.narrowed);
  }

  /** The owner a created row gets: the caller's merchant, or the one this access was narrowed to. */
  private owner(decision: Decision): number | null {
    return decision.stampMerchant ?? (this.decl?.tenancy === 'merchant' ? this.ctx.merchantId : null);
  }

  private stamp(data: Row, owner: number | null): Row {
    if (!this.decl || this.decl.tenancy !== 'merchant') return data;
    const field = this.decl.merchantColumn ?? 'merchant';
    if (owner !== null) return { ...data, [field]: owner };
    if (data[field] === undefined || data[field] === null) throw new Error(`${this.uid}: a merchant-owned row needs its merchant (use within(merchantId))`);
    return data;
  }

  /** A scoped caller never moves a row to another merchant. */
  private withoutOwner(data: Row): Row {
    if (!this.ctx.scope || !this.decl || this.decl.tenancy !== 'merchant') return data;
    const field = this.decl.merchantColumn ?? 'merchant';
    if (!(field in data)) return data;
    const copy = { ...data };
    delete copy[field];
    return copy;
  }

  /** Only where the filter is a plain column can UPDATE / DELETE carry it; a relation filter is resolved to ids first. */
  private filterIsColumn(): boolean {
    return !this.decl || this.decl.tenancy !== 'merchant' || Boolean(this.decl.merchantColumn);
  }

  async findOne(params: FindParams = {}): Promise<T | null> {
    return (await this.repo().findOne({ ...params, where: this.visible('read', params.where) })) as T | null;
  }

  /** The one row matching `where`, or the host's 404 — also when it is another merchant's. */
  async get(where: Row, params: Omit<FindParams, 'where'> = {}): Promise<T> {
    const row = await this.findOne({ ...params, where });
    if (!row) throw fail(this.ctx.strapi)('NOT_FOUND', 404);
    return row;
  }

  async findMany(params: FindParams = {}): Promise<T[]> {
    return (await this.repo().findMany({ ...params, where: this.visible('read', params.where) })) as T[];
  }

  async count(where?: Row): Promise<number> {
    return Number(await this.repo().count({ where: this.visible('read', where) }));
  }

  async create(data: Row, params: Pick<FindParams, 'select' | 'populate'> = {}): Promise<T> {
    const decision = this.decide('write');
    const meta = tableMeta(this.ctx.strapi, this.uid);
    const row: Row = {
      documentId: newDocumentId(),
      ...(meta.attributes.publishedAt ? { publishedAt: new Date() } : {}),
      ...this.stamp(this.withoutOwner(data), this.owner(decision)),
    };
    return (await this.repo().create({ data: row, ...params })) as T;
  }

  /** Updates the one visible row matching `where`; 404 when there is none. */
  async update(where: Row, data: Row, params: Pick<FindParams, 'select' | 'populate'> = {}): Promise<T> {
    const scoped = this.visible('write', where);
    const target = await this.repo().findOne({ where: scoped, select: ['id'] });
    if (!target) throw fail(this.ctx.strapi)('NOT_FOUND', 404);
    return (await this.repo().update({ where: { id: target.id }, data: this.withoutOwner(data), ...params })) as T;
  }

  /**
   * A conditional UPDATE: changes the visible rows matching `where` and says how many. With `where` re-checking
   * the state a step starts from (`{ id, status: 'processing' }`), it is the claim two concurrent callers race
   * for — exactly one gets `1`.
   */
  async updateMany(where: Row, data: Row): Promise<number> {
    const clean = this.withoutOwner(data);
    if (this.filterIsColumn()) return (await this.repo().updateMany({ where: this.visible('write', where), data: clean })).count;
    const ids = await this.visibleIds('write', where);
    if (!ids.length) return 0;
    return (await this.repo().updateMany({ where: and(where, { id: { $in: ids } }), data: clean })).count;
  }

  async delete(where: Row): Promise<T> {
    const target = await this.repo().findOne({ where: this.visible('write', where), select: ['id'] });
    if (!target) throw fail(this.ctx.strapi)('NOT_FOUND', 404);
    return (await this.repo().delete({ where: { id: target.id } })) as T;
  }

  async deleteMany(where: Row): Promise<number> {
    if (this.filterIsColumn()) return (await this.repo().deleteMany({ where: this.visible('write', where) })).count;
    const ids = await this.visibleIds('write', where);
    if (!ids.length) return 0;
    return (await this.repo().deleteMany({ where: { id: { $in: ids } } })).count;
  }

  private async visibleIds(mode: Mode, where: Row): Promise<number[]> {
    return (await this.repo().findMany({ where: this.visible(mode, where), select: ['id'] })).map((r) => r.id as number);
  }

  /**
   * Ids a client passed (documentIds of files, batches, e-orders …) → the rows the caller may use. An id that is
   * another merchant's is simply absent, as if it did not exist.
   */
  async resolve(documentIds: unknown, params: Omit<FindParams, 'where'> = {}): Promise<Map<string, T>> {
    const ids = [...new Set((Array.isArray(documentIds) ? documentIds : [documentIds]).filter((x): x is string => typeof x === 'string' && x.length > 0 && x.length <= 64))];
    if (!ids.length) return new Map();
    const select = params.select ? [...new Set([...params.select, 'documentId'])] : undefined;
    const rows = await this.findMany({ ...params, ...(select ? { select } : {}), where: { documentId: { $in: ids } } });
    return new Map(rows.map((r) => [r.documentId as string, r]));
  }

  /** `resolve`, requiring every id: a missing or foreign one is the host's 404 naming the field. */
  async resolveAll(documentIds: string[], field: string, params: Omit<FindParams, 'where'> = {}): Promise<Map<string, T>> {
    const found = await this.resolve(documentIds, params);
    const missing = [...new Set(documentIds)].filter((id) => !found.has(id));
    if (missing.length) throw fail(this.ctx.strapi)('NOT_FOUND', 404, { field });
    return found;
  }

  /**
   * Many rows in chunked multi-row INSERTs inside the current transaction (the 100,000-row import), with
   * documentIds, timestamps and schema defaults as the query engine would give them, the merchant stamped from
   * the scope. Only for types whose owner is a column: a relation needs a join row per record.
   */
  async bulkInsert(rows: Row[], chunk = 500): Promise<void> {
    if (!rows.length) return;
    if (!this.filterIsColumn()) throw new Error(`${this.uid}: bulkInsert needs a merchantColumn (relations need join rows)`);
    const decision = this.decide('write');
    const owner = this.owner(decision);
    const meta = tableMeta(this.ctx.strapi, this.uid);
    const defaults: Row = {};
    for (const [key, attr] of Object.entries(meta.attributes)) if (attr.default !== undefined && typeof attr.default !== 'function') defaults[key] = attr.default;
    const columns = new Map<string, { name: string; json: boolean }>();
    const column = (key: string) => {
      let c = columns.get(key);
      if (!c) columns.set(key, (c = { name: columnOf(meta, key), json: meta.attributes[key].type === 'json' }));
      return c;
    };
    const now = new Date();
    const toRecord = (r: Row): Row => {
      const out: Row = {};
      const full = {
        ...defaults,
        documentId: newDocumentId(),
        createdAt: now,
        updatedAt: now,
        ...(meta.attributes.publishedAt ? { publishedAt: now } : {}),
        ...this.stamp(r, owner),
      };
      for (const [key, value] of Object.entries(full)) {
        const c = column(key);
        out[c.name] = c.json && value !== null && value !== undefined ? JSON.stringify(value) : value;
      }
      return out;
    };
    // knex writes a multi-row INSERT for SQLite as a compound SELECT, which SQLite caps at 500 terms.
    const size = Math.min(chunk, 500);
    for (let i = 0; i < rows.length; i += size) {
      const records = rows.slice(i, i + size).map(toRecord);
      await onTable(this.ctx.strapi, meta.tableName, (qb) => qb.insert(records));
    }
  }

  /**
   * knex on the table for what the query engine cannot say (grouped counts, `x = x + ?` guarded updates), with the
   * scope's merchant already in the WHERE. `column(attribute)` gives the column name.
   */
  async raw<R>(mode: Mode, run: (qb: Knex, column: (attribute: string) => string) => PromiseLike<R>): Promise<R> {
    const d = this.decide(mode);
    const meta = tableMeta(this.ctx.strapi, this.uid);
    const filters = [d.filter, d.narrowed].filter((f): f is Row => Boolean(f));
    if (filters.length && !this.filterIsColumn()) throw new Error(`${this.uid}: raw() under a merchant scope needs a merchantColumn`);
    const column = (attribute: string) => columnOf(meta, attribute);
    return onTable(this.ctx.strapi, meta.tableName, (qb) => {
      for (const f of filters)
        for (const [attribute, value] of Object.entries(f)) {
          if (value !== null && typeof value === 'object')
            qb.whereNull('id'); // NOTHING
          else qb.where(column(attribute), value as number);
        }
      return run(qb, column);
    });
  }

  /** Row counts grouped by attributes, for rows whose attributes equal (or are in) the given values. */
  async countBy(groupBy: string[], where: Record<string, string | number | (string | number)[]>): Promise<(Row & { count: number })[]> {
    const rows = (await this.raw('read', (qb, column) => {
      for (const [attribute, value] of Object.entries(where)) {
        if (Array.isArray(value)) qb.whereIn(column(attribute), value);
        else qb.where(column(attribute), value);
      }
      const cols = groupBy.map((a) => `${column(a)} as ${a}`);
      return qb.select(cols).count({ count: '*' }).groupBy(groupBy.map(column));
    })) as unknown as Row[];
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }
}

export class DataAccess {
  private readonly tables = new Map<string, Table>();

  constructor(private readonly ctx: Context) {}

  get scope(): ActorScope | null {
    return this.ctx.scope;
  }

  table<T extends Row = Row>(uid: string): Table<T> {
    let t = this.tables.get(uid);
    if (!t) this.tables.set(uid, (t = new Table(this.ctx, uid)));
    return t as Table<T>;
  }

  /** The same access narrowed to one merchant's records (for a merchant scope: its own, or nothing). */
  within(merchantId: number): DataAccess {
    return new DataAccess({ ...this.ctx, merchantId });
  }
}

export function access(strapi: Core.Strapi, scope: ActorScope): DataAccess {
  return new DataAccess({ strapi, scope, merchantId: null });
}

/** Trusted system work: workers, pollers, seeding, and effects a service has already authorised. */
export function system(strapi: Core.Strapi): DataAccess {
  return new DataAccess({ strapi, scope: null, merchantId: null });
}
