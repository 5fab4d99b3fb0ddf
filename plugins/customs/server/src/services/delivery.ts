/**
 * Delivers CEB documents to 点点通 as outbox jobs (channel `ddt.ceb`, idempotency key `ceb:<guid>`). The
 * envelope guid goes with the document, and 点点通 — like the simulator — answers a repeated guid with the
 * first answer, so a retry after a lost reply is not declared twice. Transient failures throw (the outbox
 * retries with backoff); a CEB900 format-error receipt is final and rejects the record at once.
 */
import type { Core } from '@strapi/strapi';
import { host } from '../host';
import type { DdtAdapter } from './ddt-client';
import type { Flow } from './flow';
import { query, Row, SUBJECT_UID, SubjectType, UID } from './store';

export function createDelivery(strapi: Core.Strapi, adapter: DdtAdapter, flow: Flow) {
  const h = () => host(strapi);
  return async function deliver(job: { payload: Record<string, unknown> }): Promise<Record<string, unknown>> {
    const guid = String(job.payload.guid ?? '');
    const message = (await query(strapi, UID.message).findOne({ where: { guid } })) as Row | null;
    if (!message) return { skipped: 'unknown guid' };
    if (message.status === 'accepted' || message.status === 'refused') return { skipped: message.status };
    const subject = message.subjectType as SubjectType;
    let outcome: Awaited<ReturnType<DdtAdapter['send']>>;
    try {
      outcome = await adapter.send(message.xml as string, message.dxpId as string);
    } catch (e) {
      // Kept on the message too, so the record's page says why it has not left yet; the outbox retries.
      await query(strapi, UID.message).update({ where: { id: message.id }, data: { lastError: String((e as Error).message).slice(0, 2000) } });
      throw e;
    }
    await h().transaction(async () => {
      if (outcome.kind === 'accepted') {
        await query(strapi, UID.message).updateMany({ where: { id: message.id, status: 'queued' }, data: { status: 'accepted', acceptedAt: new Date(), lastError: null } });
        await query(strapi, SUBJECT_UID[subject]).updateMany({
          where: { id: message.subjectId, guid, status: 'queued' },
          data: { status: 'declaring', ...(outcome.preNos[0] ? { preNo: outcome.preNos[0] } : {}) },
        });
      } else {
        const info = outcome.receipts.map((r) => r.returnInfo).join('；').slice(0, 2000);
        await query(strapi, UID.message).update({ where: { id: message.id }, data: { status: 'refused', lastError: info } });
        for (const r of outcome.receipts) await flow.applyReceipt({ ...r, guid });
      }
    });
    h().afterCommit();
    return outcome.kind === 'accepted' ? { accepted: true, preNo: outcome.preNos[0] ?? null } : { refused: true };
  };
}
