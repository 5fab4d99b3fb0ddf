/**
 * Receipt polling (node-cron). Only one cms instance polls at a time: it holds a lease on the `receipts`
 * poll-state row (one conditional UPDATE, as the outbox claims jobs) and renews it on every run; when that
 * instance dies the lease runs out and another takes over. Each receipt is applied in its own transaction
 * together with the dxpId's cursor, so a crash mid-run re-reads at most what was not committed, and
 * `applyReceipt` ignores receipts it has already recorded.
 */
import os from 'node:os';
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { parseReceipts } from '../ceb';
import { host } from '../host';
import type { DdtAdapter } from './ddt-client';
import type { Flow } from './flow';
import { insertMany, query, Row, UID } from './store';

const LEASE_NAME = 'receipts';

/** `polled: false` when another instance holds the polling lease (named in `instance`). */
export interface PollOutcome {
  polled: boolean;
  applied: number;
  instance: string | null;
}

/** This instance's lease ran out during a slow run and another instance polls now. */
class LeaseLost extends Error {}
const instance = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

export function createPoller(strapi: Core.Strapi, adapter: DdtAdapter, flow: Flow) {
  const h = () => host(strapi);
  const leaseMs = () => Number(process.env.DDT_POLL_LEASE_MS ?? 30_000);
  let task: ScheduledTask | null = null;
  let running: Promise<PollOutcome> | null = null;

  async function ensureRow(name: string): Promise<Row> {
    const found = (await query(strapi, UID.pollState).findOne({ where: { name } })) as Row | null;
    if (found) return found;
    try {
      await insertMany(strapi, UID.pollState, [{ name, cursor: '0' }]);
    } catch {
      // another instance created it first (unique name)
    }
    return (await query(strapi, UID.pollState).findOne({ where: { name } })) as Row;
  }

  async function acquire(): Promise<boolean> {
    await ensureRow(LEASE_NAME);
    const now = new Date();
    const { count } = (await query(strapi, UID.pollState).updateMany({
      where: { name: LEASE_NAME, $or: [{ lockedBy: null }, { lockedBy: instance }, { lockedUntil: { $lt: now } }] },
      data: { lockedBy: instance, lockedUntil: new Date(now.getTime() + leaseMs()), lastPolledAt: now },
    })) as { count: number };
    return count === 1;
  }

  /** Extends our lease; false when another instance has taken it over (then this run stops at once). */
  async function renew(): Promise<boolean> {
    const { count } = (await query(strapi, UID.pollState).updateMany({
      where: { name: LEASE_NAME, lockedBy: instance },
      data: { lockedUntil: new Date(Date.now() + leaseMs()) },
    })) as { count: number };
    return count === 1;
  }

  async function pollDxp(dxpId: string): Promise<number> {
    const cursorRow = await ensureRow(`cursor:${dxpId}`);
    let after = String(cursorRow.cursor ?? '0');
    let applied = 0;
    for (;;) {
      if (!(await renew())) throw new LeaseLost();
      const page = await adapter.receipts(dxpId, after);
      for (const remote of page.receipts) {
        if (!(await renew())) throw new LeaseLost();
        await h().transaction(async () => {
          for (const receipt of parseReceipts(remote.xml)) if (await flow.applyReceipt(receipt)) applied += 1;
          await query(strapi, UID.pollState).update({ where: { id: cursorRow.id }, data: { cursor: remote.cursor, lastPolledAt: new Date() } });
        });
        after = remote.cursor;
      }
      if (page.receipts.length < 500) break;
    }
    return applied;
  }

  async function runOnce(): Promise<PollOutcome> {
    if (!(await acquire())) {
      const lease = (await query(strapi, UID.pollState).findOne({ where: { name: LEASE_NAME } })) as Row | null;
      return { polled: false, applied: 0, instance: (lease?.lockedBy as string | null) ?? null };
    }
    let applied = 0;
    try {
      const configs = (await query(strapi, UID.config).findMany({ where: { status: 'valid' }, select: ['dxpId'] })) as Row[];
      for (const dxpId of new Set(configs.map((c) => c.dxpId as string).filter(Boolean))) applied += await pollDxp(dxpId);
      await query(strapi, UID.pollState).updateMany({ where: { name: LEASE_NAME, lockedBy: instance }, data: { lastError: null } });
    } catch (e) {
      if (e instanceof LeaseLost) return { polled: true, applied, instance };
      strapi.log.warn(`[customs] receipt poll failed: ${(e as Error).message}`);
      await query(strapi, UID.pollState).updateMany({ where: { name: LEASE_NAME }, data: { lastError: String((e as Error).message).slice(0, 2000) } });
    }
    if (applied) h().afterCommit();
    return { polled: true, applied, instance };
  }

  return {
    /** One poll now (staff "立即获取回执", tests); overlapping calls share one run. */
    async pollNow(): Promise<PollOutcome> {
      if (!running) running = h().asSystem(runOnce).finally(() => (running = null));
      return running;
    },
    start(): void {
      if (process.env.DDT_POLL === 'false' || task) return;
      const seconds = Math.max(1, Math.round(Number(process.env.DDT_POLL_SECONDS ?? 5)));
      task = cron.schedule(`*/${seconds} * * * * *`, () => void this.pollNow(), { noOverlap: true } as never);
    },
    stop(): void {
      task?.stop();
      task = null;
    },
    instance,
  };
}
