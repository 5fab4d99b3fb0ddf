/**
 * Receipts (回执) move declared records along: each is applied once (its `guid:returnStatus` key is a unique
 * index), updates the record it answers, and tells the merchant what happened — a 退单 or 查验 at once, a batch
 * when its last order or 清单 settled. System work: called by the poller and by delivery, inside their
 * transactions, never for a user.
 */
import type { Core } from '@strapi/strapi';
import { isUniqueViolation, system, type Row } from '@jmt/plugin-kit';
import { returnStatusLabel, returnStatusPhrase, type ParsedReceipt } from '../ceb';
import { sum } from '../lib/present';
import { DONE, statusFromReturn, SUBJECT_LABEL, type SubjectType } from '../lib/status';
import type { CustomsContext } from './context';
import { SUBJECT_UID, UID } from './store';

/** The unique open key of each subject that has one (see the content types): one open 清单 per order, etc. */
const OPEN_KEY: Partial<Record<string, string>> = { inventory: 'openOrderId', waybill: 'openBatchId', summary: 'openBatchId', cancellation: 'openInventoryId' };

export function createReceipts(strapi: Core.Strapi, c: CustomsContext) {
  const data = () => system(strapi);

  /** When the last order / inventory of a batch settles, one message sums it up and says what is next. */
  async function batchMilestone(batch: Row, subject: 'order' | 'inventory', merchantId: number, receiptKey: string): Promise<void> {
    const counts = (await c.countsByBatch(data(), SUBJECT_UID[subject], [batch.id])).get(batch.id) ?? {};
    if (sum(counts, ['queued', 'declaring', 'reviewing', 'reviewed', 'inspecting', ...(subject === 'inventory' ? ['stored'] : [])]) > 0) return;
    const done = counts[DONE[subject]] ?? 0;
    const rejected = counts.rejected ?? 0;
    // Keyed by the receipt that settled the batch: unique, so its WeChat job never collides with another.
    const key = `customs:milestone:${receiptKey}`;
    if (subject === 'order') {
      await c.notify(
        merchantId,
        key,
        '电子订单申报完成',
        `批次 ${batch.number}：${done} 个订单海关入库${rejected ? `，${rejected} 个退单` : ''}。${done ? '现在可以申报出口清单了。' : ''}`,
        batch,
        '申报完成',
        done ? 'todo' : 'business',
        `出口批次（${batch.number}）`,
      );
    } else {
      await c.notify(
        merchantId,
        key,
        '出口清单已放行',
        `批次 ${batch.number}：${done} 票清单已放行${rejected ? `，${rejected} 票退单` : ''}。${done ? '请申报清单总分单。' : ''}`,
        batch,
        '已放行',
        done ? 'todo' : 'business',
        `出口批次（${batch.number}）`,
      );
    }
  }

  return {
    /**
     * Applies one receipt (inside the caller's transaction). Idempotent: a receipt already recorded
     * (guid + returnStatus) changes nothing. Returns false when the guid is not ours.
     */
    async apply(receipt: ParsedReceipt): Promise<boolean> {
      const db = data();
      const message = await db.table(UID.message).findOne({ where: { guid: receipt.guid } });
      if (!message) return false;
      const receiptKey = `${receipt.guid}:${receipt.returnStatus}`;
      if (await db.table(UID.event).findOne({ where: { receiptKey }, select: ['id'] })) return true;
      const subject = message.subjectType as SubjectType;
      const uid = SUBJECT_UID[subject];
      try {
        await db.table(UID.event).bulkInsert([
          {
            merchantId: message.merchantId,
            batchId: message.batchId,
            receiptKey,
            guid: receipt.guid,
            messageType: receipt.messageType,
            subjectType: subject,
            subjectId: message.subjectId,
            returnStatus: receipt.returnStatus,
            returnInfo: receipt.returnInfo,
            returnAt: receipt.returnDate,
          },
        ]);
      } catch (e) {
        // Another instance recorded the same receipt first: it applies it.
        if (isUniqueViolation(e)) return true;
        throw e;
      }
      if (message.status !== 'accepted') await db.table(UID.message).update({ id: message.id }, { status: 'accepted', acceptedAt: new Date() });

      const row = await db.table(uid).findOne({ where: { id: message.subjectId } });
      if (!row || row.guid !== receipt.guid) return true; // an older attempt's receipt: history only
      if (row.status === 'withdrawn' || row.status === 'cancelled') return true;
      const status = statusFromReturn(subject, receipt.returnStatus);
      const changes: Row = { status, returnStatus: receipt.returnStatus, returnInfo: receipt.returnInfo || null, returnAt: receipt.returnDate };
      if (receipt.preNo) changes.preNo = receipt.preNo;
      if (subject === 'inventory' && receipt.invtNo) changes.invtNo = receipt.invtNo;
      if (subject === 'summary' && receipt.sumNo) changes.sumNo = receipt.sumNo;
      // A rejected record is no longer its order's / batch's / 清单's open one: a new declaration may take its place.
      if (status === 'rejected' && OPEN_KEY[subject]) changes[OPEN_KEY[subject]] = null;
      await db.table(uid).update({ id: row.id }, changes);

      const batch = message.batchId ? await db.table(UID.batch).findOne({ where: { id: message.batchId } }) : null;
      const merchantId = message.merchantId as number;
      const label = returnStatusLabel(receipt.returnStatus);
      const phrase = returnStatusPhrase(receipt.returnStatus);
      const info = receipt.returnInfo ? `：${receipt.returnInfo}` : '';

      if (subject === 'cancellation' && status === 'approved') {
        await db.table(UID.inventory).update({ id: row.inventoryId }, { cancelled: true, status: 'cancelled' });
      }

      if (subject === 'order' || subject === 'inventory') {
        const ref = subject === 'order' ? `订单 ${row.orderNo}` : `清单 ${row.invtNo ?? row.orderNo}`;
        if (status === 'rejected') {
          await c.notify(
            merchantId,
            `customs:${receiptKey}`,
            `${SUBJECT_LABEL[subject]}被退单`,
            `${ref}${label}${info}。请修改后重新申报。`,
            batch,
            phrase,
            'todo',
            `${SUBJECT_LABEL[subject]}（${ref}）`,
          );
        } else if (status === 'inspecting') {
          await c.notify(merchantId, `customs:${receiptKey}`, '出口清单查验', `${ref}被海关布控查验，请配合物流商准备货物。`, batch, phrase, 'todo', `出口清单（${ref}）`);
        }
        if (batch && (status === DONE[subject] || status === 'rejected')) await batchMilestone(batch, subject, merchantId, receiptKey);
      } else {
        const ref = subject === 'cancellation' ? `清单 ${row.invtNo} 的撤销申请` : `${SUBJECT_LABEL[subject]}${batch ? `（批次 ${batch.number}）` : ''}`;
        await c.notify(
          merchantId,
          `customs:${receiptKey}`,
          `${SUBJECT_LABEL[subject]}：${label}`,
          `${ref}${label}${info}。${status === 'rejected' ? '请修改后重新申报。' : ''}`,
          batch,
          phrase,
          status === 'rejected' ? 'todo' : 'business',
          subject === 'cancellation' ? `撤销申请单（${row.invtNo}）` : `${SUBJECT_LABEL[subject]}${batch ? `（${batch.number}）` : ''}`,
        );
      }
      return true;
    },
  };
}

export type Receipts = ReturnType<typeof createReceipts>;
