/**
 * 撤销申请单 (C6, CEB605): cancel a released 清单, found by its 清单编号. Saved as a draft (暂存), declared, or
 * dropped (不再撤销); each move re-checks the state it starts from with a conditional UPDATE.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { isWriteConflict, listResponse, parseListQuery, type ActorScope, type ListResponse, type ListSpec, type Row } from '@jmt/plugin-kit';
import { formatIeDate, newGuid } from '../ceb';
import type { customs } from '@jmt/contracts';
import { pad, presentSubject } from '../lib/present';
import type { Batches } from './batches';
import type { CustomsContext } from './context';
import { UID } from './store';

/** GET /api/customs/cancellations: by 清单编号 and status. */
export const CANCELLATION_LIST: ListSpec = {
  filters: {
    invtNo: { ops: ['$containsi', '$eq'] },
    status: { ops: ['$eq', '$in'], values: ['draft', 'queued', 'declaring', 'stored', 'reviewing', 'approved', 'rejected', 'withdrawn'] },
  },
  sort: ['createdAt', 'invtNo'],
  defaultSort: [{ id: 'desc' }],
};

const OPEN = { $notIn: ['rejected', 'withdrawn'] };

export function createCancellations(_strapi: Core.Strapi, c: CustomsContext, batches: () => Batches) {
  const { h, fail, db } = c;

  const cancellations = {
    async list(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      c.assertReader(scope);
      const list = parseListQuery(query, CANCELLATION_LIST);
      const table = db(scope).table(UID.cancellation);
      const [rows, total] = await Promise.all([table.findMany({ where: list.where, orderBy: list.orderBy, offset: list.offset, limit: list.limit }), table.count(list.where)]);
      return listResponse(
        rows.map((r) => presentSubject('cancellation', r)),
        list,
        total,
        { canWrite: scope.kind === 'merchant' && h().can(scope, 'data.write') },
      );
    },

    /** Inventories that may be cancelled (released, not cancelled, no open cancellation), searchable by 清单编号. */
    async cancellable(scope: ActorScope, query: Row): Promise<Row[]> {
      c.assertReader(scope);
      if (scope.kind !== 'merchant') return [];
      const data = db(scope);
      const where: Row = { status: 'released', cancelled: false };
      const term = typeof query.invtNo === 'string' ? query.invtNo.trim().slice(0, 18) : '';
      if (term) where.invtNo = { $containsi: term };
      const rows = await data.table(UID.inventory).findMany({ where, orderBy: { id: 'desc' }, limit: 50 });
      const open = new Set((await data.table(UID.cancellation).findMany({ where: { status: OPEN }, select: ['inventoryId'] })).map((r) => r.inventoryId));
      return rows.filter((r) => !open.has(r.id)).map((r) => presentSubject('inventory', r));
    },

    /** Saves a 撤销申请单 as a draft (暂存) — by 清单编号 — or declares it at once with `declare: true`. */
    /** `input` is parsed by the route's contract (customs.cancellationInput). */
    async create(scope: ActorScope, input: customs.CancellationInput): Promise<Row> {
      const merchantId = await c.assertWriter(scope);
      const { invtNo, reason } = input;
      const cfg = await c.requireConfig(merchantId);
      const data = db(scope);
      // Two drafts for one 清单 at once: the unique open key refuses the second (below).
      const openConflict = async (inventoryId: number | undefined) => {
        const open = inventoryId ? await data.table(UID.cancellation).findOne({ where: { openInventoryId: inventoryId } }) : null;
        return fail('CANCELLATION_NOT_ALLOWED', 409, { reason: 'open', status: open?.status, existing: open?.documentId });
      };
      let inventoryId: number | undefined;
      const id = await h()
        .transaction(async () => {
          const inv = await data.table(UID.inventory).findOne({ where: { invtNo } });
          if (!inv) throw fail('NOT_FOUND', 404, { field: 'invtNo' });
          if (inv.status !== 'released' || inv.cancelled) throw fail('CANCELLATION_NOT_ALLOWED', 409, { status: inv.status });
          inventoryId = inv.id as number;
          const open = await data.table(UID.cancellation).findOne({ where: { inventoryId: inv.id, status: OPEN } });
          if (open) throw fail('CANCELLATION_NOT_ALLOWED', 409, { reason: 'open', status: open.status, existing: open.documentId });
          const created = await data.table(UID.cancellation).create({
            batchId: inv.batchId,
            inventoryId: inv.id,
            openInventoryId: inv.id,
            invtNo,
            ebcCode: cfg.ebcCode,
            copName: cfg.ebcName,
            reason,
            status: 'draft',
            copNo: `X${formatIeDate(new Date()).slice(2)}${pad(inv.id % 1e9, 9)}${pad(crypto.randomInt(0, 100), 2)}`.slice(0, 20),
          });
          await h().audit({ module: 'customs', action: 'cancellation.create', targetUid: UID.cancellation, targetId: created.documentId, after: { invtNo, reason } }, scope);
          return created.documentId as string;
        })
        .catch(async (e: unknown) => {
          throw isWriteConflict(e) ? await openConflict(inventoryId) : e;
        });
      h().afterCommit();
      if (input.declare === true) return cancellations.declare(scope, id);
      return batches().timeline(scope, 'cancellation', id);
    },

    async declare(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await c.assertWriter(scope);
      const cfg = await c.requireConfig(merchantId);
      const data = db(scope);
      await h()
        .transaction(async () => {
          const row = await data.table(UID.cancellation).get({ documentId });
          if (row.status !== 'draft' && row.status !== 'rejected') throw fail('TRANSITION_NOT_ALLOWED', 409, { from: row.status });
          const inv = await data.table(UID.inventory).get({ id: row.inventoryId });
          if (inv.status !== 'released' || inv.cancelled) throw fail('CANCELLATION_NOT_ALLOWED', 409, { status: inv.status });
          const guid = newGuid();
          const built = c.build('CEB605', {
            baseTransfer: c.baseTransfer(cfg),
            nodes: [
              {
                head: {
                  guid,
                  customsCode: cfg.customsCode,
                  copNo: row.copNo,
                  preNo: inv.preNo ?? undefined,
                  invtNo: row.invtNo,
                  reason: row.reason,
                  agentCode: cfg.agentCode || cfg.ebcCode,
                  agentName: cfg.agentName || cfg.ebcName,
                  ebcCode: cfg.ebcCode,
                  ebcName: cfg.ebcName,
                },
              },
            ],
          });
          // A rejected one declared again becomes the 清单's open cancellation again (refused if another one is).
          const count = await data
            .table(UID.cancellation)
            .updateMany(
              { id: row.id, status: row.status },
              { status: 'queued', guid, declaredAt: new Date(), returnStatus: null, returnInfo: null, openInventoryId: row.inventoryId },
            );
          if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'concurrent' });
          await c.queueMessages(scope, merchantId, row.batchId ?? null, cfg.dxpId, [
            { ...built, kind: 'CEB605', subject: 'cancellation', subjectId: row.id, title: `撤销申请单 ${row.invtNo}` },
          ]);
          await h().audit(
            {
              module: 'customs',
              action: 'cancellation.declare',
              targetUid: UID.cancellation,
              targetId: documentId,
              before: { status: row.status },
              after: { status: 'queued', guid },
            },
            scope,
          );
        })
        .catch((e: unknown) => {
          // Declared again while another cancellation of the same 清单 is open: its unique open key refuses it.
          throw isWriteConflict(e) ? fail('CANCELLATION_NOT_ALLOWED', 409, { reason: 'open' }) : e;
        });
      h().afterCommit();
      return batches().timeline(scope, 'cancellation', documentId);
    },

    /** 不再撤销: the merchant drops a cancellation that is still a draft or was rejected (退单). */
    async withdraw(scope: ActorScope, documentId: string): Promise<Row> {
      await c.assertWriter(scope);
      const data = db(scope);
      await h().transaction(async () => {
        const row = await data.table(UID.cancellation).get({ documentId });
        const count = await data
          .table(UID.cancellation)
          .updateMany({ id: row.id, status: { $in: ['draft', 'rejected'] } }, { status: 'withdrawn', withdrawnAt: new Date(), openInventoryId: null });
        if (count !== 1) throw fail('WITHDRAW_NOT_ALLOWED', 409, { status: row.status });
        await h().audit(
          { module: 'customs', action: 'cancellation.withdraw', targetUid: UID.cancellation, targetId: documentId, before: { status: row.status }, after: { status: 'withdrawn' } },
          scope,
        );
      });
      h().afterCommit();
      return batches().timeline(scope, 'cancellation', documentId);
    },
  };
  return cancellations;
}

export type Cancellations = ReturnType<typeof createCancellations>;
