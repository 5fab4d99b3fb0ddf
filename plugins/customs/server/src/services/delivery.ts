/**
 * Delivers CEB documents to 点点通 as outbox jobs (channel `ddt.ceb`, idempotency key `ceb:<guid>`). The
 * envelope guid goes with the document, and 点点通 — like the simulator — answers a repeated guid with the
 * first answer, so a retry after a lost reply is not declared twice. Transient failures throw (the outbox
 * retries with backoff); a CEB900 format-error receipt is final and rejects the record at once.
 */
import type { Core } from '@strapi/strapi';
import { system } from '@jmt/plugin-kit';
import { host } from '../host';
import type { DdtAdapter } from './ddt-client';
import type { Receipts } from './receipts';
import { SUBJECT_UID, UID, type SubjectType } from './store';

/** The outbox handler of channel `ddt.ceb` (system work: the worker delivers whatever was queued). */
export function createDelivery(strapi: Core.Strapi, adapter: DdtAdapter, receipts: () => Receipts) {
  const h = () => host(strapi);
  const db = () => system(strapi);
  return async function deliver(job: { payload: Record<string, unknown> }): Promise<Record<string, unknown>> {
    const guid = String(job.payload.guid ?? '');
    const message = await db().table(UID.message).findOne({ where: { guid } });
    if (!message) return { skipped: 'unknown guid' };
    if (message.status === 'accepted' || message.status === 'refused') return { skipped: message.status };
    const subject = message.subjectType as SubjectType;
    let outcome: Awaited<ReturnType<DdtAdapter['send']>>;
    try {
      outcome = await adapter.send(message.xml as string, message.dxpId as string);
    } catch (e) {
      // Kept on the message too, so the record's page says why it has not left yet; the outbox retries.
      await db()
        .table(UID.message)
        .update({ id: message.id }, { lastError: String((e as Error).message).slice(0, 2000) });
      throw e;
    }
    await h().transaction(async () => {
      if (outcome.kind === 'accepted') {
        await db().table(UID.message).updateMany({ id: message.id, status: 'queued' }, { status: 'accepted', acceptedAt: new Date(), lastError: null });
        await db()
          .table(SUBJECT_UID[subject])
          .updateMany({ id: message.subjectId, guid, status: 'queued' }, { status: 'declaring', ...(outcome.preNos[0] ? { preNo: outcome.preNos[0] } : {}) });
      } else {
        const info = outcome.receipts
          .map((r) => r.returnInfo)
          .join('；')
          .slice(0, 2000);
        await db().table(UID.message).update({ id: message.id }, { status: 'refused', lastError: info });
        for (const r of outcome.receipts) await receipts().apply({ ...r, guid });
      }
    });
    h().afterCommit();
    return outcome.kind === 'accepted' ? { accepted: true, preNo: outcome.preNos[0] ?? null } : { refused: true };
  };
}
