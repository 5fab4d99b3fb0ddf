/**
 * One lease mechanism for work that must run on one cms instance at a time (receipt polling, rate fetching,
 * every later job), and for rows a worker claims (outbox jobs). Both are a conditional UPDATE that only one
 * instance can win; a crashed holder's lease runs out and another instance takes over.
 *
 * Named leases live in `jmt_leases`, keyed by a primary key on `name`, so two instances starting together on an
 * empty database create one row, not two. The row also says when the work last started, finished and failed, so
 * a board can tell a stalled job from a healthy one.
 */
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { host } from './host';
import { INSTANCE_ID } from './ids';
import { columnOf, tableMeta, type Row } from './knex';

export const LEASE_TABLE = 'jmt_leases';

export interface LeaseState {
  name: string;
  holder: string | null;
  until: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastOkAt: Date | null;
  lastError: string | null;
}

/** Thrown by `lease.keep()` when another instance took the lease over during a slow run. */
export class LeaseLost extends Error {
  constructor(readonly name: string) {
    super(`lease ${name} was taken over by another instance`);
  }
}

export interface Lease {
  readonly name: string;
  readonly holder: string;
  /** Extends the lease; false when another instance has taken it over. */
  renew(): Promise<boolean>;
  /** Renews, or throws LeaseLost: call between units of work so a run stops as soon as it is no longer ours. */
  keep(): Promise<void>;
}

export type LeaseOutcome<T> = { acquired: true; value: T } | { acquired: false; holder: string | null; until: Date | null };

const ready = new WeakMap<object, Promise<void>>();

/** Creates the lease table once per process; safe when several instances do it at the same moment. */
function ensureTable(strapi: Core.Strapi): Promise<void> {
  let p = ready.get(strapi);
  if (!p) {
    p = (async () => {
      const knex = strapi.db.connection;
      if (await knex.schema.hasTable(LEASE_TABLE)) return;
      try {
        await knex.schema.createTable(LEASE_TABLE, (t) => {
          t.string('name', 100).primary();
          t.string('holder', 100).nullable();
          t.datetime('until').nullable();
          t.datetime('last_started_at').nullable();
          t.datetime('last_finished_at').nullable();
          t.datetime('last_ok_at').nullable();
          t.text('last_error').nullable();
        });
      } catch (error) {
        // Another instance created it between our check and our CREATE.
        if (!(await knex.schema.hasTable(LEASE_TABLE))) throw error;
      }
    })();
    p.catch(() => ready.delete(strapi));
    ready.set(strapi, p);
  }
  return p;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v)));

async function tryAcquire(strapi: Core.Strapi, name: string, ttlMs: number): Promise<boolean> {
  const knex = strapi.db.connection;
  const now = new Date();
  const until = new Date(now.getTime() + ttlMs);
  const claimed = await knex(LEASE_TABLE)
    .where({ name })
    .andWhere((q) => q.whereNull('holder').orWhere('holder', INSTANCE_ID).orWhereNull('until').orWhere('until', '<', now))
    .update({ holder: INSTANCE_ID, until, last_started_at: now });
  if (Number(claimed) === 1) return true;
  try {
    await knex(LEASE_TABLE).insert({ name, holder: INSTANCE_ID, until, last_started_at: now });
    return true;
  } catch {
    // The row exists (primary key): someone else holds it.
    return false;
  }
}

export async function leaseState(strapi: Core.Strapi, name: string): Promise<LeaseState | null> {
  await ensureTable(strapi);
  const row = (await strapi.db.connection(LEASE_TABLE).where({ name }).first()) as Row | undefined;
  if (!row) return null;
  return {
    name,
    holder: row.holder ?? null,
    until: toDate(row.until),
    lastStartedAt: toDate(row.last_started_at),
    lastFinishedAt: toDate(row.last_finished_at),
    lastOkAt: toDate(row.last_ok_at),
    lastError: row.last_error ?? null,
  };
}

/**
 * Runs `work` if this instance gets the named lease (held for `ttlMs`, renewed by `lease.renew()` / `keep()`),
 * then releases it. Call outside any transaction: the lease must be visible to other instances at once.
 * The outcome says who holds the lease when it was not ours. An error thrown by `work` is recorded on the lease
 * row and rethrown.
 */
export interface LeaseOptions {
  /**
   * `false`: after a good run the holder keeps the lease until it runs out (a poller that runs every few seconds
   * stays on one instance); `true` (default): it is released at once, so any instance may take the next run.
   */
  release?: boolean;
}

export async function withLease<T>(strapi: Core.Strapi, name: string, ttlMs: number, work: (lease: Lease) => Promise<T>, options: LeaseOptions = {}): Promise<LeaseOutcome<T>> {
  await ensureTable(strapi);
  const knex = strapi.db.connection;
  if (!(await tryAcquire(strapi, name, ttlMs))) {
    const state = await leaseState(strapi, name);
    return { acquired: false, holder: state?.holder ?? null, until: state?.until ?? null };
  }
  const lease: Lease = {
    name,
    holder: INSTANCE_ID,
    async renew() {
      const n = await knex(LEASE_TABLE)
        .where({ name, holder: INSTANCE_ID })
        .update({ until: new Date(Date.now() + ttlMs) });
      return Number(n) === 1;
    },
    async keep() {
      if (!(await lease.renew())) throw new LeaseLost(name);
    },
  };
  try {
    const value = await work(lease);
    const now = new Date();
    const release = options.release === false ? { until: new Date(now.getTime() + ttlMs) } : { holder: null, until: null };
    await knex(LEASE_TABLE)
      .where({ name, holder: INSTANCE_ID })
      .update({ ...release, last_finished_at: now, last_ok_at: now, last_error: null });
    return { acquired: true, value };
  } catch (error) {
    const lost = error instanceof LeaseLost;
    await knex(LEASE_TABLE)
      .where({ name, holder: INSTANCE_ID })
      .update({ holder: null, until: null, last_finished_at: new Date(), last_error: String((error as Error)?.message ?? error).slice(0, 2000) })
      .catch(() => undefined);
    if (lost) return { acquired: true, value: undefined as T };
    throw error;
  }
}

export interface Schedule<T> {
  /** Runs now, under the lease; overlapping calls on this instance share one run. */
  runNow(): Promise<LeaseOutcome<T>>;
  stop(): void;
}

/**
 * node-cron under a lease: on every tick of `cronExpr` (Beijing time by default) one instance runs `work`.
 * A failing run is logged and recorded on the lease row; the next tick tries again.
 */
export function schedule<T>(
  strapi: Core.Strapi,
  name: string,
  cronExpr: string | null,
  options: { ttlMs: number; timezone?: string } & LeaseOptions,
  work: (lease: Lease) => Promise<T>,
): Schedule<T> {
  let running: Promise<LeaseOutcome<T>> | null = null;
  const runNow = (): Promise<LeaseOutcome<T>> => {
    if (!running) {
      running = host(strapi)
        .asSystem(() => withLease(strapi, name, options.ttlMs, work, options))
        .finally(() => (running = null));
    }
    return running;
  };
  let task: ScheduledTask | null = null;
  if (cronExpr) {
    task = cron.schedule(
      cronExpr,
      () => {
        runNow().catch((error: unknown) => strapi.log.warn(`[${name}] ${(error as Error)?.message ?? error}`));
      },
      { timezone: options.timezone ?? 'Asia/Shanghai', noOverlap: true } as never,
    );
  }
  return {
    runNow,
    stop() {
      void task?.stop();
      task = null;
    },
  };
}

/**
 * Claims one row for this instance for `ttlMs` (a worker taking an outbox job): one UPDATE that succeeds only
 * while `where` still holds and no claim on it is live (not even this instance's own: a row is worked once at a time). Columns `lockedBy` / `lockedUntil` by default.
 */
export async function claimRow(
  strapi: Core.Strapi,
  uid: string,
  id: number,
  where: Row,
  ttlMs: number,
  data: Row = {},
  fields = { by: 'lockedBy', until: 'lockedUntil' },
): Promise<boolean> {
  const now = new Date();
  const meta = tableMeta(strapi, uid);
  columnOf(meta, fields.by); // the type must have the claim columns
  const { count } = (await (strapi.db.query(uid as never) as unknown as { updateMany(p: object): Promise<{ count: number }> }).updateMany({
    where: { $and: [{ id }, where, { $or: [{ [fields.until]: null }, { [fields.until]: { $lt: now } }] }] },
    data: { ...data, [fields.by]: INSTANCE_ID, [fields.until]: new Date(now.getTime() + ttlMs) },
  })) as { count: number };
  return count === 1;
}
