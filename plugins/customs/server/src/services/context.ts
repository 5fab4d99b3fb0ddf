/**
 * What the customs services share: who may read and write, the caller's batch, CEB documents built and queued
 * for the outbox, batch progress from grouped counts, notices. Every row is reached through plugin-kit's scoped
 * access, so a batch, an order or a receipt of another merchant is simply not there.
 */
import type { Core } from '@strapi/strapi';
import { access, host, type ActorScope, type DataAccess, type Row } from '@jmt/plugin-kit';
import { buildMessage, CebValidationError, type CebMessageInput, type MessageKind } from '../ceb';
import { batchLink, presentEvent, progressFrom, referenceOf } from '../lib/present';
import { DDT_CHANNEL, type SubjectType } from '../lib/status';
import type { ConfigService } from './config';
import { SUBJECT_UID, UID } from './store';

export interface QueuedMessage {
  guid: string;
  xml: string;
  kind: MessageKind;
  subject: SubjectType;
  subjectId: number;
  title: string;
}

export function createContext(strapi: Core.Strapi, config: () => ConfigService) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);
  const db = (scope: ActorScope): DataAccess => access(strapi, scope);

  function assertReader(scope: ActorScope): void {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind === 'merchant') {
      if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
      h().assertCan(scope, 'data.read');
    } else h().assertCan(scope, 'customs.view');
  }

  /** A merchant admin whose registration is approved (the module is open); returns the merchant's id. */
  async function assertWriter(scope: ActorScope): Promise<number> {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind !== 'merchant') throw fail('FORBIDDEN', 403);
    if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
    h().assertCan(scope, 'data.write');
    const merchant = await db(scope)
      .table(UID.merchant)
      .get({ id: scope.merchantId }, { select: ['id', 'registrationStatus'] });
    if (merchant.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);
    return scope.merchantId;
  }

  async function loadBatch(scope: ActorScope, documentId: string): Promise<Row> {
    return db(scope)
      .table(UID.batch)
      .get({ documentId }, { populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } });
  }

  function baseTransfer(cfg: Row) {
    return { copCode: cfg.ebcCode, copName: cfg.ebcName, dxpMode: 'DXP' as const, dxpId: cfg.dxpId };
  }

  function build<K extends MessageKind>(kind: K, input: CebMessageInput<K>): { xml: string; guid: string } {
    try {
      const built = buildMessage(kind, input);
      return { xml: built.xml, guid: built.guid };
    } catch (e) {
      if (e instanceof CebValidationError) throw fail('VALIDATION_FAILED', 400, { message: kind, issues: e.issues });
      throw e;
    }
  }

  /** Writes the messages and their outbox jobs; call inside the step's transaction. */
  async function queueMessages(scope: ActorScope, merchantId: number, batchId: number | null, dxpId: string, messages: QueuedMessage[]): Promise<void> {
    await db(scope)
      .table(UID.message)
      .bulkInsert(
        messages.map((m) => ({ batchId, guid: m.guid, messageType: m.kind, subjectType: m.subject, subjectId: m.subjectId, dxpId, xml: m.xml, status: 'queued' })),
        100,
      );
    await h().enqueue(messages.map((m) => ({ channel: DDT_CHANNEL, idempotencyKey: `ceb:${m.guid}`, payload: { guid: m.guid }, title: m.title, recipient: dxpId, merchantId })));
  }

  /** Status counts per batch for many batches in one grouped query. */
  async function countsByBatch(data: DataAccess, uid: string, batchIds: number[]): Promise<Map<number, Record<string, number>>> {
    const out = new Map<number, Record<string, number>>(batchIds.map((id) => [id, {}]));
    if (!batchIds.length) return out;
    for (const r of await data.table(uid).countBy(['batchId', 'status'], { batchId: batchIds })) (out.get(Number(r.batchId)) as Record<string, number>)[r.status] = r.count;
    return out;
  }

  async function latestByBatch(data: DataAccess, uid: string, batchIds: number[]): Promise<Map<number, Row>> {
    const out = new Map<number, Row>();
    if (!batchIds.length) return out;
    for (const r of await data.table(uid).findMany({ where: { batchId: { $in: batchIds } }, orderBy: { id: 'desc' } })) if (!out.has(r.batchId)) out.set(r.batchId, r);
    return out;
  }

  /** Progress of many batches with a handful of queries (lists, the staff board, to-dos). */
  async function progressMany(data: DataAccess, batches: Row[]): Promise<Row[]> {
    const ids = batches.map((b) => b.id as number);
    const [orders, inventories, waybills, summaries] = await Promise.all([
      countsByBatch(data, UID.order, ids),
      countsByBatch(data, UID.inventory, ids),
      latestByBatch(data, UID.waybill, ids),
      latestByBatch(data, UID.summary, ids),
    ]);
    return batches.map((b) => progressFrom(b, orders.get(b.id) ?? {}, inventories.get(b.id) ?? {}, waybills.get(b.id) ?? null, summaries.get(b.id) ?? null));
  }

  /** Receipt events of a batch, each naming the record it belongs to. */
  async function withRefs(data: DataAccess, events: Row[]): Promise<Row[]> {
    const ids: Record<string, Set<number>> = {};
    for (const e of events) (ids[e.subjectType] ??= new Set()).add(e.subjectId);
    const refs = new Map<string, { ref: string; id: string }>();
    for (const [subject, set] of Object.entries(ids)) {
      const rows = await data.table(SUBJECT_UID[subject as SubjectType]).findMany({ where: { id: { $in: [...set] } } });
      for (const r of rows) refs.set(`${subject}:${r.id}`, { ref: referenceOf(subject as SubjectType, r), id: r.documentId });
    }
    return events.map((e) => presentEvent(e, refs.get(`${e.subjectType}:${e.subjectId}`)));
  }

  async function notify(
    merchantId: number,
    eventKey: string,
    title: string,
    body: string,
    batch: Row | null,
    status: string,
    category: 'business' | 'todo' = 'business',
    subject = '出口报关',
  ): Promise<void> {
    const links = batch ? batchLink(batch) : { link: '/customs', mpPath: 'packageCustoms/pages/index/index' };
    await h().notifyMerchant({ merchantId, eventKey, category, module: 'customs', title, body, link: links.link, mpPath: links.mpPath, push: { subject, status } });
  }

  const requireConfig = (merchantId: number): Promise<Row> => config().requireValid(merchantId);

  return { h, fail, db, assertReader, assertWriter, loadBatch, baseTransfer, build, queueMessages, countsByBatch, latestByBatch, progressMany, withRefs, notify, requireConfig };
}

export type CustomsContext = ReturnType<typeof createContext>;
