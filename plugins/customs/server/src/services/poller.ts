/**
 * Receipt polling: node-cron under the kit's lease `customs.receipts`, so one cms instance polls at a time; the
 * lease is renewed before each receipt and a run stops as soon as another instance has taken it over. Each
 * receipt is applied in its own transaction together with its dxpId's cursor (a poll-state row with a unique
 * name), so a crash mid-run re-reads at most what was not committed, and an applied receipt is never applied
 * again.
 */
import type { Core } from '@strapi/strapi';
import { isUniqueViolation, INSTANCE_ID, schedule, system, type Lease, type Row, type Schedule } from '@jmt/plugin-kit';
import { parseReceipts } from '../ceb';
import { host } from '../host';
import type { DdtAdapter } from './ddt-client';
import type { Receipts } from './receipts';
import { UID } from './store';

export const RECEIPTS_LEASE = 'customs.receipts';

/** `polled: false` when another instance holds the polling lease (named in `instance`). */
export interface PollOutcome {
  polled: boolean;
  applied: number;
  instance: string | null;
}

export function createPoller(strapi: Core.Strapi, adapter: DdtAdapter, receipts: () => Receipts) {
  const h = () => host(strapi);
  const leaseMs = () => Number(process.env.DDT_POLL_LEASE_MS ?? 30_000);
  const states = () => system(strapi).table(UID.pollState);
  let poller: Schedule<number> | null = null;

  async function cursorRow(name: string): Promise<Row> {
    const found = await states().findOne({ where: { name } });
    if (found) return found;
    try {
      await states().create({ name, cursor: '0' });
    } catch (e) {
      // Another instance created it first (a unique index on the name).
      if (!isUniqueViolation(e)) throw e;
    }
    return states().get({ name });
  }

  async function pollDxp(lease: Lease, dxpId: string): Promise<number> {
    const cursor = await cursorRow(`cursor:${dxpId}`);
    let after = String(cursor.cursor ?? '0');
    let applied = 0;
    for (;;) {
      await lease.keep();
      const page = await adapter.receipts(dxpId, after);
      for (const remote of page.receipts) {
        await lease.keep();
        await h().transaction(async () => {
          for (const receipt of parseReceipts(remote.xml)) if (await receipts().apply(receipt)) applied += 1;
          await states().update({ id: cursor.id }, { cursor: remote.cursor, lastPolledAt: new Date() });
        });
        after = remote.cursor;
      }
      if (page.receipts.length < 500) break;
    }
    return applied;
  }

  async function pollAll(lease: Lease): Promise<number> {
    const configs = await system(strapi)
      .table(UID.config)
      .findMany({ where: { status: 'valid' }, select: ['dxpId'] });
    let applied = 0;
    try {
      for (const dxpId of new Set(configs.map((c) => c.dxpId as string).filter(Boolean))) applied += await pollDxp(lease, dxpId);
    } finally {
      if (applied) h().afterCommit();
    }
    return applied;
  }

  const scheduleOf = (withCron: boolean): Schedule<number> => {
    const seconds = Math.max(1, Math.round(Number(process.env.DDT_POLL_SECONDS ?? 5)));
    return schedule(strapi, RECEIPTS_LEASE, withCron ? `*/${seconds} * * * * *` : null, { ttlMs: leaseMs(), release: false }, pollAll);
  };

  return {
    /** One poll now (staff "立即获取回执", tests); overlapping calls on this instance share one run. */
    async pollNow(): Promise<PollOutcome> {
      poller ??= scheduleOf(false);
      try {
        const run = await poller.runNow();
        return run.acquired ? { polled: true, applied: run.value ?? 0, instance: INSTANCE_ID } : { polled: false, applied: 0, instance: run.holder };
      } catch (e) {
        // Recorded on the lease row (the board shows it); the next run tries again.
        strapi.log.warn(`[customs] receipt poll failed: ${(e as Error).message}`);
        return { polled: true, applied: 0, instance: INSTANCE_ID };
      }
    },
    start(): void {
      if (process.env.DDT_POLL === 'false') return;
      poller?.stop();
      poller = scheduleOf(true);
    },
    stop(): void {
      poller?.stop();
      poller = null;
    },
    instance: INSTANCE_ID,
  };
}
