/**
 * The declaration steps of a batch (C4, C5): e-orders (CEB303) → 清单 (CEB603) → 清单总分单 (CEB607) →
 * 汇总申请单 (CEB701). Each step re-checks the state it starts from inside one transaction and writes its CEB
 * documents with their outbox jobs there; the outbox delivers them and the receipts move the records along.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { isWriteConflict, type ActorScope, type DataAccess, type Row } from '@jmt/plugin-kit';
import { formatIeDate, newGuid, type InventoryListItem } from '../ceb';
import * as D from '../decimal';
import type { customs } from '@jmt/contracts';
import { pad } from '../lib/present';
import { IN_FLIGHT } from '../lib/status';
import type { Batches } from './batches';
import type { CustomsContext } from './context';
import { UID } from './store';

const ymd = (d = new Date()) => formatIeDate(d);

export function createDeclarations(_strapi: Core.Strapi, c: CustomsContext, batches: () => Batches) {
  const { h, fail, db } = c;

  /** Stored orders of the batch without an active (not rejected) 清单, in id order. */
  async function ordersReadyForInventory(data: DataAccess, batchId: number): Promise<Row[]> {
    const stored = await data.table(UID.order).findMany({ where: { batchId, status: 'stored' }, select: ['id'] });
    if (!stored.length) return [];
    const active = new Set((await data.table(UID.inventory).findMany({ where: { batchId, status: { $ne: 'rejected' } }, select: ['orderId'] })).map((r) => r.orderId as number));
    const ids = stored.map((r) => r.id as number).filter((id) => !active.has(id));
    const out: Row[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...(await data.table(UID.order).findMany({ where: { id: { $in: ids.slice(i, i + 500) } }, orderBy: { id: 'asc' } })));
    return out;
  }

  /**
   * One step of a batch run by two callers at once (a double click, two instances): the unique index on the business
   * identity (one open 清单 per order, one open 总分单 / 汇总 per batch) refuses the second one's rows, or the
   * database rolls it back as a deadlock victim; it then answers as it would have coming second.
   */
  async function once<T>(work: () => Promise<T>, second: () => Promise<Error>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (isWriteConflict(e)) throw await second();
      throw e;
    }
  }

  /** The batch's open record of a step, for the second caller's answer. */
  async function openOf(data: DataAccess, uid: string, batchId: number): Promise<Row | null> {
    return data.table(uid).findOne({ where: { openBatchId: batchId } });
  }

  async function progressOf(scope: ActorScope, documentId: string): Promise<Row> {
    return (await c.progressMany(db(scope), [await c.loadBatch(scope, documentId)]))[0];
  }

  return {
    /** Bulk declaration of the batch's draft e-orders (CEB303, one message per order). */
    async orders(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await c.assertWriter(scope);
      const batch = await c.loadBatch(scope, documentId);
      const cfg = await c.requireConfig(merchantId);
      const data = db(scope);
      const n = await h().transaction(async () => {
        const drafts = await data.table(UID.order).findMany({ where: { batchId: batch.id, status: 'draft' }, orderBy: { id: 'asc' } });
        if (!drafts.length) throw fail('NOTHING_TO_DECLARE', 409);
        const messages = drafts.map((o) => {
          const lines = (o.lines ?? []) as Row[];
          const built = c.build('CEB303', {
            baseTransfer: c.baseTransfer(cfg),
            nodes: [
              {
                head: {
                  guid: newGuid(),
                  orderType: 'E',
                  orderNo: o.orderNo,
                  ebpCode: cfg.ebpCode,
                  ebpName: cfg.ebpName,
                  ebcCode: cfg.ebcCode,
                  ebcName: cfg.ebcName,
                  goodsValue: o.goodsValue,
                  freight: o.freight ?? '0',
                  currency: o.currency,
                },
                list: lines.map((l) => ({
                  itemNo: l.itemNo,
                  itemName: l.itemName,
                  itemDescribe: l.itemDescribe,
                  barCode: l.barCode,
                  unit: l.unit,
                  currency: l.currency,
                  qty: l.qty,
                  price: l.price,
                  totalPrice: l.totalPrice,
                  note: l.note,
                })),
              },
            ],
          });
          return { ...built, kind: 'CEB303' as const, subject: 'order' as const, subjectId: o.id as number, title: `电子订单 ${o.orderNo}` };
        });
        const now = new Date();
        // Guarded by status: a concurrent declaration of the same orders updates nothing and rolls back.
        for (const m of messages) {
          const count = await data.table(UID.order).updateMany({ id: m.subjectId, status: 'draft' }, { status: 'queued', guid: m.guid, declaredAt: now });
          if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'concurrent' });
        }
        await c.queueMessages(scope, merchantId, batch.id, cfg.dxpId, messages);
        await h().audit({ module: 'customs', action: 'orders.declare', targetUid: UID.batch, targetId: batch.documentId, after: { orders: messages.length } }, scope);
        return messages.length;
      });
      h().afterCommit();
      return { declared: n, progress: await progressOf(scope, documentId) };
    },

    /** 清单 (CEB603), one per stored order without one: "the system says when it is time", one click. */
    async inventories(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await c.assertWriter(scope);
      const batch = await c.loadBatch(scope, documentId);
      const cfg = await c.requireConfig(merchantId);
      const data = db(scope);
      const n = await once(
        () =>
          h().transaction(async () => {
            const orders = await ordersReadyForInventory(data, batch.id);
            if (!orders.length) throw fail('NOTHING_TO_DECLARE', 409);
            const prior = await data.table(UID.inventory).count({ batchId: batch.id });
            const today = ymd();
            const rows = orders.map((o, i) => ({
              batchId: batch.id,
              orderId: o.id,
              openOrderId: o.id,
              orderNo: o.orderNo,
              status: 'queued',
              guid: newGuid(),
              copNo: `I${today.slice(2)}${pad(o.id % 1e9, 9)}${pad((prior + i) % 100, 2)}`.slice(0, 20),
              logisticsNo: `${(batch.logisticsCode as string).slice(-4)}${today.slice(2)}${pad(o.id % 1e8, 8)}`,
              grossWeight: batch.parcelWeight,
              declaredAt: new Date(),
            }));
            await data.table(UID.inventory).bulkInsert(rows);
            const saved = await data.table(UID.inventory).findMany({ where: { guid: { $in: rows.map((r) => r.guid) } } });
            const byGuid = new Map(saved.map((r) => [r.guid as string, r]));
            const byOrder = new Map(orders.map((o) => [o.id as number, o]));
            const messages = rows.map((r) => {
              const inv = byGuid.get(r.guid) as Row;
              const o = byOrder.get(r.orderId) as Row;
              const lines = (o.lines ?? []) as Row[];
              const list: InventoryListItem[] = lines.map((l) => ({
                itemNo: l.itemNo,
                itemName: l.itemName,
                gcode: l.hsCode,
                gname: l.itemName,
                gmodel: (l.itemDescribe || l.itemName).slice(0, 250),
                barCode: l.barCode,
                country: batch.country,
                currency: l.currency,
                qty: l.qty,
                qty1: l.qty,
                unit: l.unit,
                unit1: l.unit,
                price: l.price,
                totalPrice: l.totalPrice,
                note: l.note,
              }));
              const built = c.build('CEB603', {
                baseTransfer: c.baseTransfer(cfg),
                nodes: [
                  {
                    head: {
                      guid: r.guid,
                      customsCode: cfg.customsCode,
                      ebpCode: cfg.ebpCode,
                      ebpName: cfg.ebpName,
                      orderNo: o.orderNo,
                      logisticsCode: batch.logisticsCode,
                      logisticsName: batch.logisticsName,
                      logisticsNo: r.logisticsNo,
                      copNo: r.copNo,
                      ieFlag: 'E',
                      portCode: cfg.portCode,
                      ieDate: today,
                      statisticsFlag: batch.statisticsFlag,
                      agentCode: cfg.agentCode || cfg.ebcCode,
                      agentName: cfg.agentName || cfg.ebcName,
                      ebcCode: cfg.ebcCode,
                      ebcName: cfg.ebcName,
                      ownerCode: cfg.ebcCode,
                      ownerName: cfg.ebcName,
                      tradeMode: batch.tradeMode,
                      trafMode: batch.trafMode,
                      country: batch.country,
                      POD: batch.country,
                      freight: o.freight ?? '0',
                      fCurrency: o.currency,
                      fFlag: '3',
                      insuredFee: '0',
                      iCurrency: o.currency,
                      iFlag: '3',
                      wrapType: batch.wrapType,
                      packNo: 1,
                      grossWeight: batch.parcelWeight,
                      netWeight: batch.parcelWeight,
                    },
                    list,
                  },
                ],
              });
              return { ...built, kind: 'CEB603' as const, subject: 'inventory' as const, subjectId: inv.id as number, title: `出口清单 ${o.orderNo}` };
            });
            await c.queueMessages(scope, merchantId, batch.id, cfg.dxpId, messages);
            await h().audit({ module: 'customs', action: 'inventories.declare', targetUid: UID.batch, targetId: batch.documentId, after: { inventories: messages.length } }, scope);
            return messages.length;
          }),
        async () => fail('NOTHING_TO_DECLARE', 409, { reason: 'concurrent' }),
      );
      h().afterCommit();
      return { declared: n, progress: await progressOf(scope, documentId) };
    },

    /** 清单总分单 (CEB607): the batch's released inventories under one master waybill. */
    /** `input` is parsed by the route's contract (customs.waybillInput). */
    async waybill(scope: ActorScope, documentId: string, input: customs.WaybillInput): Promise<Row> {
      const merchantId = await c.assertWriter(scope);
      const batch = await c.loadBatch(scope, documentId);
      const cfg = await c.requireConfig(merchantId);
      const { billNo, trafName, voyageNo } = input;
      const data = db(scope);
      const id = await once(
        () =>
          h().transaction(async () => {
            const pending = await data.table(UID.inventory).count({ batchId: batch.id, status: { $in: IN_FLIGHT } });
            const released = await data.table(UID.inventory).findMany({ where: { batchId: batch.id, status: 'released' }, orderBy: { id: 'asc' } });
            if (pending > 0 || !released.length) throw fail('STEP_NOT_READY', 409, { pending, released: released.length });
            const open = await data.table(UID.waybill).findOne({ where: { batchId: batch.id, status: { $ne: 'rejected' } } });
            if (open) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'waybill exists', status: open.status, existing: open.documentId });
            const totalPackageNo = `ZB${batch.number}`;
            const gross = released.reduce((acc, r) => D.add(acc, r.grossWeight ?? '0'), '0');
            const guid = newGuid();
            const copNo = `W${ymd().slice(2)}${pad(batch.id % 1e6, 6)}${pad(crypto.randomInt(0, 1000), 3)}`;
            const built = c.build('CEB607', {
              baseTransfer: c.baseTransfer(cfg),
              nodes: [
                {
                  head: {
                    guid,
                    customsCode: cfg.customsCode,
                    copNo,
                    agentCode: cfg.agentCode || cfg.ebcCode,
                    agentName: cfg.agentName || cfg.ebcName,
                    trafMode: batch.trafMode,
                    trafName: trafName as string,
                    voyageNo: voyageNo as string,
                    billNo: billNo as string,
                    grossWeight: gross,
                    logisticsCode: batch.logisticsCode,
                    logisticsName: batch.logisticsName,
                    msgCount: 1,
                    msgSeqNo: 1,
                  },
                  list: released.map((r) => ({ totalPackageNo, logisticsNo: r.logisticsNo, invtNo: r.invtNo })),
                },
              ],
            });
            const wb = await data.table(UID.waybill).create({
              batchId: batch.id,
              openBatchId: batch.id,
              billNo,
              trafMode: batch.trafMode,
              trafName,
              voyageNo,
              grossWeight: gross,
              packageCount: released.length,
              status: 'queued',
              guid,
              copNo,
              declaredAt: new Date(),
            });
            await data.table(UID.inventory).updateMany({ id: { $in: released.map((r) => r.id) } }, { totalPackageNo });
            await c.queueMessages(scope, merchantId, batch.id, cfg.dxpId, [{ ...built, kind: 'CEB607', subject: 'waybill', subjectId: wb.id, title: `清单总分单 ${billNo}` }]);
            await h().audit(
              { module: 'customs', action: 'waybill.declare', targetUid: UID.waybill, targetId: wb.documentId, after: { billNo, inventories: released.length } },
              scope,
            );
            return wb.documentId as string;
          }),
        async () => {
          const open = await openOf(data, UID.waybill, batch.id);
          return fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'waybill exists', status: open?.status, existing: open?.documentId });
        },
      );
      h().afterCommit();
      return batches().timeline(scope, 'waybill', id);
    },

    /** 汇总申请单 (CEB701), built from the batch's released inventories once the 总分单 is 审结. */
    async summary(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await c.assertWriter(scope);
      const batch = await c.loadBatch(scope, documentId);
      const cfg = await c.requireConfig(merchantId);
      if (batch.statisticsFlag !== 'B') throw fail('STEP_NOT_READY', 409, { reason: '简化申报（A）的批次不需要汇总申请单' });
      const data = db(scope);
      const id = await once(
        () =>
          h().transaction(async () => {
            const waybill = await data.table(UID.waybill).findOne({ where: { batchId: batch.id, status: 'reviewed' } });
            if (!waybill) throw fail('STEP_NOT_READY', 409, { reason: 'waybill' });
            const open = await data.table(UID.summary).findOne({ where: { batchId: batch.id, status: { $ne: 'rejected' } } });
            if (open) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'summary exists', status: open.status, existing: open.documentId });
            const released = await data
              .table(UID.inventory)
              .findMany({ where: { batchId: batch.id, status: 'released', cancelled: false }, orderBy: { id: 'asc' }, select: ['invtNo'] });
            const invtNos = released.map((r) => r.invtNo as string).filter(Boolean);
            if (!invtNos.length) throw fail('NOTHING_TO_DECLARE', 409);
            const guid = newGuid();
            const copNo = `S${ymd().slice(2)}${pad(batch.id % 1e6, 6)}${pad(crypto.randomInt(0, 1000), 3)}`;
            const agentCode = cfg.agentCode || cfg.ebcCode;
            const agentName = cfg.agentName || cfg.ebcName;
            const built = c.build('CEB701', {
              baseTransfer: c.baseTransfer(cfg),
              nodes: [
                {
                  head: {
                    guid,
                    customsCode: cfg.customsCode,
                    copNo,
                    agentCode,
                    agentName,
                    ebcCode: cfg.ebcCode,
                    ebcName: cfg.ebcName,
                    declAgentCode: agentCode,
                    declAgentName: agentName,
                    summaryFlag: '1',
                    itemNameFlag: '',
                    msgCount: 1,
                    msgSeqNo: 1,
                  },
                  list: invtNos.map((invtNo) => ({ invtNo })),
                },
              ],
            });
            const s = await data
              .table(UID.summary)
              .create({ batchId: batch.id, openBatchId: batch.id, summaryFlag: '1', invtNos, status: 'queued', guid, copNo, declaredAt: new Date() });
            await c.queueMessages(scope, merchantId, batch.id, cfg.dxpId, [{ ...built, kind: 'CEB701', subject: 'summary', subjectId: s.id, title: `汇总申请单 ${batch.number}` }]);
            await h().audit({ module: 'customs', action: 'summary.declare', targetUid: UID.summary, targetId: s.documentId, after: { inventories: invtNos.length } }, scope);
            return s.documentId as string;
          }),
        async () => {
          const open = await openOf(data, UID.summary, batch.id);
          return fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'summary exists', status: open?.status, existing: open?.documentId });
        },
      );
      h().afterCommit();
      return batches().timeline(scope, 'summary', id);
    },
  };
}

export type Declarations = ReturnType<typeof createDeclarations>;
