/**
 * Customs at a glance: the merchant's to-dos (C8 → G8, the home page counts), the staff tracking board (C7) with
 * failed and stuck messages and the receipt poller's health, and the crystal-industry hints (C9).
 */
import type { Core } from '@strapi/strapi';
import { leaseState, type ActorScope, type ListResponse, type Row } from '@jmt/plugin-kit';
import type { customs } from '@jmt/contracts';
import { batchLink } from '../lib/present';
import { DDT_CHANNEL, type SubjectType } from '../lib/status';
import type { Batches } from './batches';
import type { CustomsContext } from './context';
import { RECEIPTS_LEASE } from './poller';
import { SUBJECT_UID, UID } from './store';

/** Declared and still waiting on 点点通 or customs (no final receipt yet), per record kind. */
const WAITING: Record<SubjectType, string[]> = {
  order: ['queued', 'declaring'],
  inventory: ['queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting'],
  waybill: ['queued', 'declaring', 'stored', 'reviewing'],
  summary: ['queued', 'declaring', 'stored', 'reviewing'],
  cancellation: ['queued', 'declaring', 'stored', 'reviewing'],
};

export function createBoard(strapi: Core.Strapi, c: CustomsContext, batches: () => Batches) {
  const { h, fail, db } = c;

  return {
    /** What the merchant must do next in customs, per batch; counts feed the home page. */
    async todos(scope: ActorScope): Promise<{ items: Row[]; counts: { orders: number; lists: number; summaries: number } }> {
      const counts = { orders: 0, lists: 0, summaries: 0 };
      if (scope.kind !== 'merchant' || !scope.merchantId) return { items: [], counts };
      const data = db(scope);
      const open = await data.table(UID.batch).findMany({ where: { status: 'open' }, orderBy: { id: 'desc' }, limit: 50 });
      const items: Row[] = [];
      const progress = await c.progressMany(data, open);
      for (const [i, b] of open.entries()) {
        const p = progress[i];
        const rejected = (p.orders.byStatus.rejected ?? 0) as number;
        if (rejected > 0) {
          counts.orders += 1;
          items.push({
            module: 'customs',
            key: `customs:${b.documentId}:rejected`,
            title: `批次 ${b.number} 有 ${rejected} 个订单被退单`,
            body: '请核对订单信息，修改后重新导入申报',
            ...batchLink(b),
          });
        }
        if (!p.next || p.next.action === 'import') continue;
        const bucket = p.next.action === 'declare-orders' ? 'orders' : p.next.action === 'declare-summary' ? 'summaries' : 'lists';
        counts[bucket] += 1;
        items.push({
          module: 'customs',
          key: `customs:${b.documentId}:${p.next.action}`,
          title: `${p.next.label}（批次 ${b.number}）`,
          body: p.next.hint,
          action: p.next.action,
          ...batchLink(b),
        });
      }
      const rejectedCancels = await data.table(UID.cancellation).findMany({ where: { status: 'rejected' }, limit: 20 });
      for (const row of rejectedCancels) {
        counts.lists += 1;
        items.push({
          module: 'customs',
          key: `customs:cancel:${row.documentId}`,
          title: `清单 ${row.invtNo} 的撤销申请被退单`,
          body: '修改后重新申报，或选择“不再撤销”',
          link: `/customs/cancellations?invtNo=${row.invtNo}`,
          mpPath: `packageCustoms/pages/cancellations/index?invtNo=${row.invtNo}`,
        });
      }
      return { items, counts };
    },

    /** Staff tracking board: every batch's node states across merchants, and what needs a look. */
    /** The board list, with what needs a look beside it: `{ data, meta, failedMessages, stuckMessages, poller }`. */
    async board(scope: ActorScope, query: Row): Promise<ListResponse<Row> & Row> {
      h().assertCan(scope, 'customs.view');
      const list = await batches().list(scope, query);
      // Stuck: declared more than CUSTOMS_STUCK_MINUTES ago and still waiting on 点点通 or customs.
      const stuckSince = new Date(Date.now() - Number(process.env.CUSTOMS_STUCK_MINUTES ?? 120) * 60_000);
      const data = db(scope);
      let stuck = 0;
      for (const [subject, statuses] of Object.entries(WAITING) as [SubjectType, string[]][]) {
        stuck += await data.table(SUBJECT_UID[subject]).count({ status: { $in: statuses }, declaredAt: { $lt: stuckSince } });
      }
      const lease = await leaseState(strapi, RECEIPTS_LEASE);
      const poller = lease ? { instance: lease.holder, leaseUntil: lease.until, lastPolledAt: lease.lastStartedAt, lastOkAt: lease.lastOkAt, lastError: lease.lastError } : null;
      return { ...list, failedMessages: await h().failedJobs(DDT_CHANNEL), stuckMessages: stuck, poller };
    },

    async hints(scope: ActorScope): Promise<Row[]> {
      if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
      const rows = await db(scope)
        .table(UID.hint)
        .findMany({ orderBy: [{ sort: 'asc' }, { id: 'asc' }] });
      return rows.map((r) => ({ key: r.key, title: r.title, body: r.body, placement: r.placement, updatedAt: r.updatedAt, editedBy: r.editedBy }));
    },

    /** `input` is parsed by the route's contract (customs.hintInput). */
    async saveHint(scope: ActorScope, key: string, input: customs.HintInput): Promise<Row> {
      h().assertCan(scope, 'customs.hints');
      const { title, body: content } = input;
      const hints = db(scope).table(UID.hint);
      const row = await hints.get({ key });
      const editedBy = scope.name || scope.phone;
      await h().transaction(async () => {
        await hints.update({ id: row.id }, { title, body: content, editedBy });
        await h().audit(
          { module: 'customs', action: 'hint.save', targetUid: UID.hint, targetId: row.documentId, before: { title: row.title, body: row.body }, after: { title, body: content } },
          scope,
        );
      });
      return { key, title, body: content, placement: row.placement, editedBy, updatedAt: new Date().toISOString() };
    },
  };
}

export type Board = ReturnType<typeof createBoard>;
