/**
 * The export-declaration flow (C2–C8): batch → e-orders (CEB303) → 清单 (CEB603) → 清单总分单 (CEB607) →
 * 汇总申请单 (CEB701), and 撤销申请单 (CEB605). Every step writes its CEB documents and their outbox jobs in
 * one transaction after re-checking the state it starts from; the outbox delivers them (delivery.ts) and the
 * receipt poller (poller.ts) moves the records along through `applyReceipt`.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { host, type ActorScope } from '../host';
import {
  buildMessage, CebValidationError, formatIeDate, newGuid, returnStatusLabel,
  type MessageKind, type CebMessageInput, type ParsedReceipt, type InventoryListItem,
} from '../ceb';
import type { ImportResult, RowOverrides } from '../import/parse';
import { importInWorker, type WorkerImport } from '../import/run-in-worker';
import * as D from '../decimal';
import { safeCell } from '../import/normalise';
import { TEMPLATE_COLUMNS } from '../import/columns';
import ExcelJS from 'exceljs';
import { PassThrough, type Readable } from 'node:stream';
import type { ConfigService } from './config';
import { insertMany, query, rawTable, Row, SUBJECT_UID, SubjectType, UID } from './store';

export const DDT_CHANNEL = 'ddt.ceb';

/** Our status of a declared record, from the customs returnStatus (DOMAIN.md §1). */
export function statusFromReturn(subject: SubjectType, returnStatus: number): string {
  if (returnStatus < 0 || returnStatus === 4 || returnStatus === 100) return 'rejected';
  if (returnStatus <= 3) return 'declaring';
  if (returnStatus === 120) return 'stored';
  if (returnStatus === 300) return 'reviewing';
  if (returnStatus === 399) return subject === 'cancellation' ? 'approved' : 'reviewed';
  if (returnStatus === 500) return 'inspecting';
  if (returnStatus === 800 || returnStatus === 899) return 'released';
  return 'declaring';
}

export const STATUS_LABELS: Record<string, string> = {
  draft: '待申报',
  queued: '待发送',
  declaring: '申报中',
  stored: '海关入库',
  reviewing: '人工审核',
  reviewed: '海关审结',
  inspecting: '查验中',
  released: '已放行',
  rejected: '退单',
  approved: '撤销成功',
  withdrawn: '不再撤销',
  cancelled: '已撤销',
};

/** Final, successful state per record kind. */
const DONE: Record<SubjectType, string> = { order: 'stored', inventory: 'released', waybill: 'reviewed', summary: 'reviewed', cancellation: 'approved' };
const IN_FLIGHT = ['queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting'];

const MESSAGE_OF: Record<SubjectType, MessageKind> = { order: 'CEB303', inventory: 'CEB603', waybill: 'CEB607', summary: 'CEB701', cancellation: 'CEB605' };
const SUBJECT_LABEL: Record<SubjectType, string> = { order: '电子订单', inventory: '出口清单', waybill: '清单总分单', summary: '汇总申请单', cancellation: '撤销申请单' };

export const TRADE_MODES = ['9610', '9710', '9810', '1210'];

export interface Upload {
  path: string;
  name: string;
  size: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function ymd(d = new Date()): string {
  return formatIeDate(d);
}

export function createFlow(strapi: Core.Strapi, config: ConfigService) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);
  const q = (uid: string) => query(strapi, uid);

  // ------------------------------------------------------------------ access

  function assertReader(scope: ActorScope): void {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind === 'merchant') {
      if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
      h().assertCan(scope, 'data.read');
    } else h().assertCan(scope, 'customs.view');
  }

  async function assertWriter(scope: ActorScope): Promise<number> {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind !== 'merchant') throw fail('FORBIDDEN', 403);
    if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
    h().assertCan(scope, 'data.write');
    const merchant = (await q(UID.merchant).findOne({ where: { id: scope.merchantId } })) as Row;
    if (merchant.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);
    return scope.merchantId;
  }

  async function loadBatch(scope: ActorScope, documentId: string): Promise<Row> {
    const row = (await q(UID.batch).findOne({ where: { documentId }, populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } })) as Row | null;
    // Another merchant's batch does not exist, as far as the caller can tell.
    if (!row || !row.merchant || (scope.kind === 'merchant' && row.merchant.id !== scope.merchantId)) throw fail('NOT_FOUND', 404);
    return row;
  }

  function batchLink(batch: Row): { link: string; mpPath: string } {
    return { link: `/customs/batches/${batch.documentId}`, mpPath: `packageCustoms/pages/batch/index?id=${batch.documentId}` };
  }

  // ------------------------------------------------------------------ CEB building

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
  async function queueMessages(merchantId: number, batchId: number | null, dxpId: string, messages: { guid: string; xml: string; kind: MessageKind; subject: SubjectType; subjectId: number; title: string }[]): Promise<void> {
    await insertMany(
      strapi,
      UID.message,
      messages.map((m) => ({ merchantId, batchId, guid: m.guid, messageType: m.kind, subjectType: m.subject, subjectId: m.subjectId, dxpId, xml: m.xml, status: 'queued' })),
      100,
    );
    await h().enqueue(messages.map((m) => ({ channel: DDT_CHANNEL, idempotencyKey: `ceb:${m.guid}`, payload: { guid: m.guid }, title: m.title, recipient: dxpId, merchantId })));
  }

  // ------------------------------------------------------------------ batches

  const sum = (c: Record<string, number>, keys?: string[]) => Object.entries(c).filter(([k]) => !keys || keys.includes(k)).reduce((a, [, n]) => a + n, 0);

  /** Status counts per batch for many batches in one grouped query. */
  async function countsByBatch(uid: string, batchIds: number[]): Promise<Map<number, Record<string, number>>> {
    const out = new Map<number, Record<string, number>>(batchIds.map((id) => [id, {}]));
    if (!batchIds.length) return out;
    const rows = (await rawTable(strapi, strapi.db.metadata.get(uid as never).tableName, (t) =>
      t.whereIn('batch_id', batchIds).select('batch_id', 'status').count({ n: '*' }).groupBy('batch_id', 'status'),
    )) as unknown as { batch_id: number; status: string; n: number | string }[];
    for (const r of rows) (out.get(Number(r.batch_id)) as Record<string, number>)[r.status] = Number(r.n);
    return out;
  }

  async function latestByBatch(uid: string, batchIds: number[]): Promise<Map<number, Row>> {
    const out = new Map<number, Row>();
    if (!batchIds.length) return out;
    const rows = (await q(uid).findMany({ where: { batchId: { $in: batchIds } }, orderBy: { id: 'desc' } })) as Row[];
    for (const r of rows) if (!out.has(r.batchId)) out.set(r.batchId, r);
    return out;
  }

  /** Progress of many batches with a handful of queries (lists, the staff board, to-dos). */
  async function progressMany(batches: Row[]): Promise<Row[]> {
    const ids = batches.map((b) => b.id as number);
    const [orders, inventories, waybills, summaries] = await Promise.all([
      countsByBatch(UID.order, ids),
      countsByBatch(UID.inventory, ids),
      latestByBatch(UID.waybill, ids),
      latestByBatch(UID.summary, ids),
    ]);
    return batches.map((b) => progressFrom(b, orders.get(b.id) ?? {}, inventories.get(b.id) ?? {}, waybills.get(b.id) ?? null, summaries.get(b.id) ?? null));
  }

  async function progressOf(batch: Row): Promise<Row> {
    return (await progressMany([batch]))[0];
  }

  function progressFrom(batch: Row, orders: Record<string, number>, inventories: Record<string, number>, waybill: Row | null, summary: Row | null): Row {
    const orderTotal = sum(orders);
    const storedOrders = orders.stored ?? 0;
    const ordersPending = sum(orders, ['queued', 'declaring']);
    // One active (not rejected) 清单 per order at a time, so the stored orders still without one are:
    const withoutInventory = Math.max(0, storedOrders - (sum(inventories) - (inventories.rejected ?? 0)));
    const invActive = sum(inventories, ['queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting', 'released']);
    const invPending = sum(inventories, ['queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting']);
    const released = inventories.released ?? 0;
    const needsSummary = batch.statisticsFlag === 'B';

    let stage: string;
    let next: { action: string; label: string; hint: string } | null = null;
    if (orderTotal === 0) {
      stage = 'orders';
      next = { action: 'import', label: '导入电子订单', hint: '下载模板，填写订单后上传 Excel' };
    } else if ((orders.draft ?? 0) > 0) {
      stage = 'orders';
      next = { action: 'declare-orders', label: '申报电子订单', hint: `${orders.draft} 个电子订单待申报` };
    } else if (ordersPending > 0) {
      stage = 'orders';
    } else if (storedOrders === 0 && invActive === 0) {
      // Every order was rejected (退单): fix them and import again.
      stage = 'orders';
      next = { action: 'import', label: '重新导入电子订单', hint: `${orders.rejected ?? 0} 个订单被退单，请按退单原因修改后重新导入` };
    } else if (withoutInventory > 0) {
      stage = 'inventories';
      next = { action: 'declare-inventories', label: '申报出口清单', hint: `${withoutInventory} 个订单已入库，可以申报清单了` };
    } else if (invPending > 0) {
      stage = 'inventories';
    } else if (released > 0 && (!waybill || waybill.status === 'rejected')) {
      stage = 'waybill';
      next = { action: 'declare-waybill', label: '申报清单总分单', hint: `${released} 票清单已放行，请填写提运单号申报总分单` };
    } else if (waybill && waybill.status !== 'reviewed' && waybill.status !== 'rejected') {
      stage = 'waybill';
    } else if (waybill?.status === 'reviewed' && needsSummary && (!summary || summary.status === 'rejected')) {
      stage = 'summary';
      next = { action: 'declare-summary', label: '提交汇总申请单', hint: '总分单已审结，可以提交汇总申请单（出口退税需要）' };
    } else if (summary && summary.status !== 'reviewed' && summary.status !== 'rejected') {
      stage = 'summary';
    } else if (waybill?.status === 'reviewed' && (!needsSummary || summary?.status === 'reviewed')) {
      stage = 'done';
    } else {
      stage = orderTotal > 0 && storedOrders === 0 && invActive === 0 ? 'orders' : 'inventories';
    }
    return {
      stage,
      next,
      orders: { total: orderTotal, byStatus: orders },
      inventories: { total: sum(inventories), byStatus: inventories },
      waybill: waybill ? presentSubject('waybill', waybill) : null,
      summary: summary ? presentSubject('summary', summary) : null,
      needsSummary,
    };
  }

  /** Receipt events of a batch, each naming the record it belongs to (订单编号, 清单编号, 提运单号 …). */
  async function withRefs(events: Row[]): Promise<Row[]> {
    const ids: Record<string, Set<number>> = {};
    for (const e of events) (ids[e.subjectType] ??= new Set()).add(e.subjectId);
    const refs = new Map<string, { ref: string; id: string }>();
    for (const [subject, set] of Object.entries(ids)) {
      const rows = (await q(SUBJECT_UID[subject as SubjectType]).findMany({ where: { id: { $in: [...set] } } })) as Row[];
      for (const r of rows) {
        const ref = subject === 'order' ? r.orderNo : subject === 'inventory' ? (r.invtNo ?? r.orderNo) : subject === 'waybill' ? r.billNo : subject === 'cancellation' ? r.invtNo : (r.sumNo ?? r.copNo);
        refs.set(`${subject}:${r.id}`, { ref: ref ?? '', id: r.documentId });
      }
    }
    return events.map((e) => ({
      subjectType: e.subjectType,
      subjectId: refs.get(`${e.subjectType}:${e.subjectId}`)?.id ?? null,
      ref: refs.get(`${e.subjectType}:${e.subjectId}`)?.ref ?? null,
      messageType: e.messageType,
      returnStatus: e.returnStatus,
      returnStatusLabel: returnStatusLabel(e.returnStatus),
      status: statusFromReturn(e.subjectType, e.returnStatus),
      returnInfo: e.returnInfo,
      at: e.returnAt,
    }));
  }

  function presentSubject(subject: SubjectType, row: Row): Row {
    const out: Row = { ...row };
    delete out.merchant;
    out.id = row.documentId;
    out.statusLabel = STATUS_LABELS[row.status] ?? row.status;
    out.returnStatusLabel = row.returnStatus === null || row.returnStatus === undefined ? null : returnStatusLabel(row.returnStatus);
    out.kind = subject;
    return out;
  }

  function presentBatch(row: Row): Row {
    return {
      id: row.documentId,
      documentId: row.documentId,
      number: row.number,
      name: row.name,
      tradeMode: row.tradeMode,
      statisticsFlag: row.statisticsFlag,
      logisticsCode: row.logisticsCode,
      logisticsName: row.logisticsName,
      country: row.country,
      trafMode: row.trafMode,
      wrapType: row.wrapType,
      parcelWeight: row.parcelWeight,
      status: row.status,
      note: row.note,
      merchant: row.merchant ? { documentId: row.merchant.documentId, nameCn: row.merchant.nameCn } : undefined,
      createdAt: row.createdAt,
    };
  }

  function text(input: Row, field: string, max: number, required: boolean, errors: { field: string; message: string }[], label: string): string | null {
    const v = input[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      if (required) errors.push({ field, message: `请填写${label}` });
      return null;
    }
    if (typeof v !== 'string' && typeof v !== 'number') {
      errors.push({ field, message: `${label}格式不正确` });
      return null;
    }
    const s = String(v).trim();
    if (s.length > max) errors.push({ field, message: `${label}不能超过${max}个字符` });
    return s;
  }

  /** Stored orders of the batch without an active (not rejected) 清单, in id order. */
  async function ordersReadyForInventory(batchId: number): Promise<Row[]> {
    const stored = (await q(UID.order).findMany({ where: { batchId, status: 'stored' }, select: ['id'] })) as Row[];
    if (!stored.length) return [];
    const active = new Set(
      ((await q(UID.inventory).findMany({ where: { batchId, status: { $ne: 'rejected' } }, select: ['orderId'] })) as Row[]).map((r) => r.orderId as number),
    );
    const ids = stored.map((r) => r.id as number).filter((id) => !active.has(id));
    const out: Row[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...((await q(UID.order).findMany({ where: { id: { $in: ids.slice(i, i + 500) } }, orderBy: { id: 'asc' } })) as Row[]));
    return out;
  }

  // ------------------------------------------------------------------ import

  const importDir = () => path.join(h().privateDir(), 'customs-imports');

  async function isKnownOrderNo(merchantId: number, nos: string[]): Promise<Set<string>> {
    const rows = (await q(UID.order).findMany({ where: { merchantId, orderNo: { $in: nos }, status: { $ne: 'rejected' } }, select: ['orderNo'] })) as Row[];
    return new Set(rows.map((r) => r.orderNo as string));
  }

  function presentImport(importRow: Row, result: ImportResult): Row {
    return {
      importId: importRow.documentId,
      status: importRow.status,
      fileName: importRow.fileName,
      total: result.total,
      valid: result.valid,
      orderCount: result.orderCount,
      errorCount: result.errorCount,
      errorsTruncated: result.errorsTruncated,
      errors: result.errors.map((e) => ({ row: e.row, column: e.column, field: e.field ?? null, code: e.code, message: e.message, value: e.value ?? null, ...(e.missing ? { missing: e.missing, unknown: e.unknown, duplicate: e.duplicate } : {}) })),
      warnings: result.warnings,
      warningCount: result.warningCount,
      fatal: result.fatal,
      skippedExamples: result.skippedExamples,
      skippedEmpty: result.skippedEmpty,
    };
  }

  function mergeOverrides(current: unknown, input: unknown): RowOverrides {
    const out: Record<string, Record<string, string>> = { ...((current as Record<string, Record<string, string>>) ?? {}) };
    if (!input || typeof input !== 'object') throw fail('VALIDATION_FAILED', 400, { field: 'overrides' });
    for (const [row, fields] of Object.entries(input as Record<string, unknown>)) {
      if (!/^\d+$/.test(row) || !fields || typeof fields !== 'object') throw fail('VALIDATION_FAILED', 400, { field: 'overrides', row });
      out[row] = { ...(out[row] ?? {}) };
      for (const [field, value] of Object.entries(fields as Record<string, unknown>)) {
        if (typeof value !== 'string' && typeof value !== 'number') throw fail('VALIDATION_FAILED', 400, { field: 'overrides', row, key: field });
        out[row][field] = String(value);
      }
    }
    return out as unknown as RowOverrides;
  }

  async function loadImport(scope: ActorScope, importId: string): Promise<{ imp: Row; batch: Row }> {
    const imp = (await q(UID.import).findOne({ where: { documentId: importId }, populate: { merchant: { select: ['id'] } } })) as Row | null;
    if (!imp || (scope.kind === 'merchant' && imp.merchant?.id !== scope.merchantId)) throw fail('NOT_FOUND', 404);
    const batch = (await q(UID.batch).findOne({ where: { id: imp.batchId }, populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } })) as Row;
    return { imp, batch };
  }

  /** Parses and checks the stored upload in a child process; the caller must stop() what it gets back. */
  async function startImport(imp: Row, merchantId: number, overrides?: RowOverrides, checkKnown = true): Promise<WorkerImport> {
    const file = path.join(importDir(), imp.fileKey);
    if (!fs.existsSync(file)) throw fail('IMPORT_EXPIRED', 410);
    const maxBytes = Number(process.env.CUSTOMS_IMPORT_MAX_BYTES ?? 30 * 1024 * 1024);
    return importInWorker(file, { overrides, maxBytes, ...(checkKnown ? { isKnownOrderNo: (nos: string[]) => isKnownOrderNo(merchantId, nos) } : {}) });
  }

  async function runImport(imp: Row, merchantId: number, overrides?: RowOverrides): Promise<ImportResult> {
    const run = await startImport(imp, merchantId, overrides);
    run.stop();
    return run.summary;
  }

  // ------------------------------------------------------------------ notifications

  async function notify(merchantId: number, eventKey: string, title: string, body: string, batch: Row | null, status: string, category: 'business' | 'todo' = 'business', subject = '出口报关'): Promise<void> {
    const links = batch ? batchLink(batch) : { link: '/customs', mpPath: 'packageCustoms/pages/index/index' };
    await h().notifyMerchant({ merchantId, eventKey, category, module: 'customs', title, body, link: links.link, mpPath: links.mpPath, push: { subject, status } });
  }

  // ------------------------------------------------------------------ receipts

  /**
   * Applies one receipt (inside the poller's transaction). Idempotent: a receipt already recorded
   * (guid + returnStatus) changes nothing. Returns false when the guid is not ours.
   */
  async function applyReceipt(receipt: ParsedReceipt): Promise<boolean> {
    const message = (await q(UID.message).findOne({ where: { guid: receipt.guid } })) as Row | null;
    if (!message) return false;
    const receiptKey = `${receipt.guid}:${receipt.returnStatus}`;
    if (await q(UID.event).findOne({ where: { receiptKey }, select: ['id'] })) return true;
    const subject = message.subjectType as SubjectType;
    const uid = SUBJECT_UID[subject];
    await insertMany(strapi, UID.event, [{
      merchantId: message.merchantId, batchId: message.batchId, receiptKey, guid: receipt.guid, messageType: receipt.messageType,
      subjectType: subject, subjectId: message.subjectId, returnStatus: receipt.returnStatus, returnInfo: receipt.returnInfo, returnAt: receipt.returnDate,
    }]);
    if (message.status !== 'accepted') await q(UID.message).update({ where: { id: message.id }, data: { status: 'accepted', acceptedAt: new Date() } });

    const row = (await q(uid).findOne({ where: { id: message.subjectId } })) as Row | null;
    if (!row || row.guid !== receipt.guid) return true; // an older attempt's receipt: history only
    if (row.status === 'withdrawn' || row.status === 'cancelled') return true;
    const status = statusFromReturn(subject, receipt.returnStatus);
    const data: Row = { status, returnStatus: receipt.returnStatus, returnInfo: receipt.returnInfo || null, returnAt: receipt.returnDate };
    if (receipt.preNo) data.preNo = receipt.preNo;
    if (subject === 'inventory' && receipt.invtNo) data.invtNo = receipt.invtNo;
    if (subject === 'summary' && receipt.sumNo) data.sumNo = receipt.sumNo;
    await q(uid).update({ where: { id: row.id }, data });

    const batch = message.batchId ? ((await q(UID.batch).findOne({ where: { id: message.batchId } })) as Row | null) : null;
    const merchantId = message.merchantId as number;
    const label = returnStatusLabel(receipt.returnStatus);
    const info = receipt.returnInfo ? `：${receipt.returnInfo}` : '';

    if (subject === 'cancellation' && status === 'approved') {
      await q(UID.inventory).update({ where: { id: row.inventoryId }, data: { cancelled: true, status: 'cancelled' } });
    }

    if (subject === 'order' || subject === 'inventory') {
      const ref = subject === 'order' ? `订单 ${row.orderNo}` : `清单 ${row.invtNo ?? row.orderNo}`;
      if (status === 'rejected') {
        await notify(merchantId, `customs:${receiptKey}`, `${SUBJECT_LABEL[subject]}被退单`, `${ref}${label}${info}。请修改后重新申报。`, batch, label, 'todo', `${SUBJECT_LABEL[subject]}（${ref}）`);
      } else if (status === 'inspecting') {
        await notify(merchantId, `customs:${receiptKey}`, '出口清单查验', `${ref}被海关布控查验，请配合物流商准备货物。`, batch, label, 'todo', `出口清单（${ref}）`);
      }
      if (batch && (status === DONE[subject] || status === 'rejected')) await batchMilestone(batch, subject, merchantId, receiptKey);
    } else {
      const ref = subject === 'cancellation' ? `清单 ${row.invtNo} 的撤销申请` : `${SUBJECT_LABEL[subject]}${batch ? `（批次 ${batch.number}）` : ''}`;
      await notify(
        merchantId,
        `customs:${receiptKey}`,
        `${SUBJECT_LABEL[subject]}：${label}`,
        `${ref}${label}${info}。${status === 'rejected' ? '请修改后重新申报。' : ''}`,
        batch,
        label,
        status === 'rejected' ? 'todo' : 'business',
        subject === 'cancellation' ? `撤销申请单（${row.invtNo}）` : `${SUBJECT_LABEL[subject]}${batch ? `（${batch.number}）` : ''}`,
      );
    }
    return true;
  }

  /** When the last order / inventory of a batch settles, one message sums it up and says what is next. */
  async function batchMilestone(batch: Row, subject: 'order' | 'inventory', merchantId: number, receiptKey: string): Promise<void> {
    const c = (await countsByBatch(SUBJECT_UID[subject], [batch.id])).get(batch.id) ?? {};
    if (sum(c, ['queued', 'declaring', 'reviewing', 'reviewed', 'inspecting', ...(subject === 'inventory' ? ['stored'] : [])]) > 0) return;
    const done = c[DONE[subject]] ?? 0;
    const rejected = c.rejected ?? 0;
    // Keyed by the receipt that settled the batch: unique, so its WeChat job never collides with another.
    const key = `customs:milestone:${receiptKey}`;
    if (subject === 'order') {
      await notify(merchantId, key, '电子订单申报完成', `批次 ${batch.number}：${done} 个订单海关入库${rejected ? `，${rejected} 个退单` : ''}。${done ? '现在可以申报出口清单了。' : ''}`, batch, '申报完成', done ? 'todo' : 'business', `出口批次（${batch.number}）`);
    } else {
      await notify(merchantId, key, '出口清单已放行', `批次 ${batch.number}：${done} 票清单已放行${rejected ? `，${rejected} 票退单` : ''}。${done ? '请申报清单总分单。' : ''}`, batch, '已放行', done ? 'todo' : 'business', `出口批次（${batch.number}）`);
    }
  }

  // ------------------------------------------------------------------ public API

  return {
    statusFromReturn,
    applyReceipt,

    async createBatch(scope: ActorScope, body: unknown): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const cfg = await config.requireValid(merchantId);
      const input = (body && typeof body === 'object' ? body : {}) as Row;
      const errors: { field: string; message: string }[] = [];
      const name = text(input, 'name', 100, true, errors, '批次名称');
      const tradeMode = text(input, 'tradeMode', 4, false, errors, '贸易方式') ?? '9610';
      if (!TRADE_MODES.includes(tradeMode)) errors.push({ field: 'tradeMode', message: '贸易方式应为 9610、9710、9810 或 1210' });
      const statisticsFlag = text(input, 'statisticsFlag', 1, false, errors, '申报方式') ?? 'B';
      if (!['A', 'B'].includes(statisticsFlag)) errors.push({ field: 'statisticsFlag', message: '申报方式应为 A（简化申报）或 B（汇总申报，可退税）' });
      const logisticsCode = text(input, 'logisticsCode', 18, true, errors, '物流企业代码');
      if (logisticsCode && !/^[0-9A-Z]+$/.test(logisticsCode)) errors.push({ field: 'logisticsCode', message: '物流企业代码应为大写字母和数字' });
      const logisticsName = text(input, 'logisticsName', 100, true, errors, '物流企业名称');
      const country = text(input, 'country', 3, true, errors, '运抵国');
      if (country && !/^\d{3}$/.test(country)) errors.push({ field: 'country', message: '运抵国应为3位海关国别代码，如 502（美国）' });
      const trafMode = text(input, 'trafMode', 1, false, errors, '运输方式') ?? '5';
      if (!/^[0-9A-Z]$/.test(trafMode)) errors.push({ field: 'trafMode', message: '运输方式应为1位海关代码，如 5（航空运输）' });
      const wrapType = text(input, 'wrapType', 2, false, errors, '包装种类') ?? '22';
      if (!/^[0-9A-Z]{1,2}$/.test(wrapType)) errors.push({ field: 'wrapType', message: '包装种类应为1-2位海关代码，如 22（纸箱）' });
      const parcelWeight = text(input, 'parcelWeight', 20, false, errors, '每票毛重') ?? '0.5';
      if (!D.isPlainDecimal(parcelWeight) || D.sign(parcelWeight) <= 0 || D.fractionDigits(parcelWeight) > 3) errors.push({ field: 'parcelWeight', message: '每票毛重应为大于 0 的数字（千克，最多3位小数）' });
      const note = text(input, 'note', 500, false, errors, '备注');
      if (errors.length) throw fail('VALIDATION_FAILED', 400, { errors });
      const row = await h().transaction(async () => {
        const created = (await strapi.documents(UID.batch as never).create({
          data: {
            merchant: merchantId, number: `PC${ymd()}${crypto.randomInt(0, 1e6).toString().padStart(6, '0')}`, name, tradeMode, statisticsFlag,
            logisticsCode, logisticsName, country, trafMode, wrapType, parcelWeight: D.canonical(parcelWeight), status: 'open', note,
          } as never,
        })) as unknown as Row;
        await h().audit({ module: 'customs', action: 'batch.create', targetUid: UID.batch, targetId: created.documentId, after: { number: created.number, name, dxpId: cfg.dxpId } }, scope);
        return created;
      });
      h().afterCommit();
      return presentBatch(row);
    },

    async listBatches(scope: ActorScope, params: Row): Promise<Row> {
      assertReader(scope);
      const where: Row = {};
      if (scope.kind === 'merchant') where.merchant = { id: scope.merchantId };
      else if (typeof params.merchant === 'string' && params.merchant) where.merchant = { documentId: params.merchant };
      if (typeof params.q === 'string' && params.q.trim()) where.$or = [{ number: { $containsi: params.q.trim() } }, { name: { $containsi: params.q.trim() } }];
      const page = Math.max(1, Number(params.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(params.pageSize) || 20));
      const [rows, total] = await Promise.all([
        q(UID.batch).findMany({ where, orderBy: { id: 'desc' }, offset: (page - 1) * pageSize, limit: pageSize, populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } }) as Promise<Row[]>,
        q(UID.batch).count({ where }) as Promise<number>,
      ]);
      const progress = await progressMany(rows);
      const data = rows.map((r, i) => ({ ...presentBatch(r), progress: progress[i] }));
      return { data, meta: { page, pageSize, total } };
    },

    async findBatch(scope: ActorScope, documentId: string): Promise<Row> {
      assertReader(scope);
      const batch = await loadBatch(scope, documentId);
      const imports = (await q(UID.import).findMany({ where: { batchId: batch.id }, orderBy: { id: 'desc' }, limit: 5 })) as Row[];
      const events = (await q(UID.event).findMany({ where: { batchId: batch.id }, orderBy: [{ returnAt: 'desc' }, { id: 'desc' }], limit: 30 })) as Row[];
      return {
        ...presentBatch(batch),
        progress: await progressOf(batch),
        imports: imports.map((i) => ({ importId: i.documentId, status: i.status, fileName: i.fileName, total: i.total, valid: i.valid, errorCount: i.errorCount, committedCount: i.committedCount, createdAt: i.createdAt })),
        timeline: await withRefs(events),
        canWrite: scope.kind === 'merchant' && h().can(scope, 'data.write'),
      };
    },

    async listRecords(scope: ActorScope, documentId: string, subject: 'order' | 'inventory', params: Row): Promise<Row> {
      assertReader(scope);
      const batch = await loadBatch(scope, documentId);
      const where: Row = { batchId: batch.id };
      if (typeof params.status === 'string' && params.status) where.status = params.status;
      const term = typeof params.q === 'string' ? params.q.trim() : '';
      if (term) where.$or = subject === 'order' ? [{ orderNo: { $containsi: term } }] : [{ orderNo: { $containsi: term } }, { invtNo: { $containsi: term } }, { logisticsNo: { $containsi: term } }];
      const page = Math.max(1, Number(params.page) || 1);
      const pageSize = Math.min(200, Math.max(1, Number(params.pageSize) || 20));
      const [rows, total] = await Promise.all([
        q(SUBJECT_UID[subject]).findMany({ where, orderBy: { id: 'asc' }, offset: (page - 1) * pageSize, limit: pageSize }) as Promise<Row[]>,
        q(SUBJECT_UID[subject]).count({ where }) as Promise<number>,
      ]);
      return { data: rows.map((r) => presentSubject(subject, r)), meta: { page, pageSize, total } };
    },

    /** A record's receipt history (timeline), for orders, inventories, 总分单, 汇总 and 撤销. */
    async timeline(scope: ActorScope, subject: SubjectType, documentId: string): Promise<Row> {
      assertReader(scope);
      const row = (await q(SUBJECT_UID[subject]).findOne({ where: { documentId }, populate: subject === 'order' || subject === 'inventory' ? undefined : { merchant: { select: ['id'] } } })) as Row | null;
      const owner = row ? (row.merchantId ?? row.merchant?.id) : null;
      if (!row || (scope.kind === 'merchant' && owner !== scope.merchantId)) throw fail('NOT_FOUND', 404);
      const events = (await q(UID.event).findMany({ where: { subjectType: subject, subjectId: row.id }, orderBy: [{ returnAt: 'asc' }, { id: 'asc' }] })) as Row[];
      const messages = (await q(UID.message).findMany({ where: { subjectType: subject, subjectId: row.id }, orderBy: { id: 'asc' }, select: ['guid', 'messageType', 'status', 'createdAt', 'acceptedAt', 'lastError'] })) as Row[];
      return {
        ...presentSubject(subject, row),
        messages,
        timeline: events.map((e) => ({ guid: e.guid, returnStatus: e.returnStatus, returnStatusLabel: returnStatusLabel(e.returnStatus), status: statusFromReturn(subject, e.returnStatus), returnInfo: e.returnInfo, at: e.returnAt })),
      };
    },

    /**
     * The batch's orders as a workbook, one row per line, in the template's columns plus status. Every text
     * goes through safeCell, so a cell that was imported as "=HYPERLINK(…)" comes out as inert text.
     */
    async exportOrders(scope: ActorScope, documentId: string): Promise<{ fileName: string; stream: Readable }> {
      assertReader(scope);
      const batch = await loadBatch(scope, documentId);
      const out = new PassThrough();
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const sheet = book.addWorksheet('电子订单');
      const columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
      sheet.columns = [...columns, { header: '申报状态', key: 'status', width: 12 }, { header: '回执', key: 'returnInfo', width: 30 }];
      void (async () => {
        try {
          let lastId = 0;
          for (;;) {
            const rows = (await q(UID.order).findMany({ where: { batchId: batch.id, id: { $gt: lastId } }, orderBy: { id: 'asc' }, limit: 500 })) as Row[];
            if (!rows.length) break;
            for (const o of rows) {
              for (const l of (o.lines ?? []) as Row[]) {
                const line: Record<string, string> = { orderNo: safeCell(o.orderNo, 'xlsx'), freight: safeCell(o.freight, 'xlsx'), status: STATUS_LABELS[o.status] ?? o.status, returnInfo: safeCell(o.returnInfo ?? '', 'xlsx') };
                for (const c of TEMPLATE_COLUMNS) if (c.key !== 'orderNo' && c.key !== 'freight') line[c.key] = safeCell(l[c.key] ?? '', 'xlsx');
                sheet.addRow(line).commit();
              }
            }
            lastId = rows[rows.length - 1].id as number;
          }
          sheet.commit();
          await book.commit();
        } catch (e) {
          out.destroy(e as Error);
        }
      })();
      return { fileName: `${batch.number}-电子订单.xlsx`, stream: out };
    },

    // ---------------------------------------------------------------- import (C3)

    async importPreview(scope: ActorScope, documentId: string, upload: Upload | null): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const batch = await loadBatch(scope, documentId);
      if (batch.status !== 'open') throw fail('BATCH_CLOSED', 409);
      if (!upload) throw fail('IMPORT_FILE_REQUIRED', 400);
      await fs.promises.mkdir(importDir(), { recursive: true });
      const fileKey = `${crypto.randomBytes(16).toString('hex')}.xlsx`;
      await fs.promises.copyFile(upload.path, path.join(importDir(), fileKey));
      const imp = (await h().asSystem(() =>
        strapi.documents(UID.import as never).create({ data: { merchant: merchantId, batchId: batch.id, fileKey, fileName: upload.name.slice(0, 255), status: 'preview', overrides: {} } as never }),
      )) as unknown as Row;
      const result = await runImport(imp, merchantId);
      await q(UID.import).update({ where: { id: imp.id }, data: { total: result.total, valid: result.valid, errorCount: result.errorCount } });
      if (result.fatal) await fs.promises.rm(path.join(importDir(), fileKey), { force: true });
      return presentImport({ ...imp, status: result.fatal ? 'rejected' : 'preview' }, result);
    },

    /** Fix cells in the preview: overrides {excelRow: {field: text}} are kept and the file is checked again. */
    async importFix(scope: ActorScope, importId: string, body: unknown): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const { imp } = await loadImport(scope, importId);
      if (imp.status !== 'preview') throw fail('IMPORT_ALREADY_COMMITTED', 409);
      const overrides = mergeOverrides(imp.overrides, (body as Row | null)?.overrides);
      const result = await runImport(imp, merchantId, overrides);
      await q(UID.import).update({ where: { id: imp.id }, data: { overrides, total: result.total, valid: result.valid, errorCount: result.errorCount } });
      return presentImport(imp, result);
    },

    async importPreviewAgain(scope: ActorScope, importId: string): Promise<Row> {
      assertReader(scope);
      const { imp } = await loadImport(scope, importId);
      const result = await runImport(imp, imp.merchant.id, imp.overrides ?? undefined);
      return presentImport(imp, result);
    },

    /** Persists a clean import, all or nothing; 409 with the errors otherwise. */
    async importCommit(scope: ActorScope, importId: string): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const { imp, batch } = await loadImport(scope, importId);
      if (imp.status !== 'preview') throw fail('IMPORT_ALREADY_COMMITTED', 409);
      if (batch.status !== 'open') throw fail('BATCH_CLOSED', 409);
      // Earlier orders are checked once, inside the transaction below, rather than also while parsing.
      const run = await startImport(imp, merchantId, imp.overrides ?? undefined, false);
      const result = run.summary;
      let committed: number;
      try {
        if (result.errorCount > 0 || result.fatal) throw fail('IMPORT_HAS_ERRORS', 409, { errors: presentImport(imp, result).errors, errorCount: result.errorCount });
        committed = await h().transaction(async () => {
          const { count } = (await q(UID.import).updateMany({ where: { id: imp.id, status: 'preview' }, data: { status: 'committed', committedCount: run.orderNos.length } })) as { count: number };
          if (count !== 1) throw fail('IMPORT_ALREADY_COMMITTED', 409);
          // Re-checked inside the transaction: another import may have committed the same order numbers meanwhile.
          const nos = run.orderNos;
          const clash: string[] = [];
          for (let i = 0; i < nos.length; i += 500) clash.push(...(await isKnownOrderNo(merchantId, nos.slice(i, i + 500))));
          if (clash.length) throw fail('IMPORT_HAS_ERRORS', 409, { errors: clash.slice(0, 100).map((no) => ({ row: 0, column: '订单编号', field: 'orderNo', code: 'DUPLICATE_EXISTING', message: `订单编号 ${no} 已经导入过，不能重复申报` })), errorCount: clash.length });
          // Orders arrive from the import process one chunk at a time: the cms never holds the whole file.
          for await (const orders of run.chunks()) {
            await insertMany(
              strapi,
              UID.order,
              orders.map((o) => ({ merchantId, batchId: batch.id, importId: imp.documentId, orderNo: o.orderNo, currency: o.currency, goodsValue: o.goodsValue, freight: o.freight, orderDate: o.orderDate ?? null, lines: o.lines, status: 'draft' })),
            );
          }
          await h().audit({ module: 'customs', action: 'orders.import', targetUid: UID.batch, targetId: batch.documentId, after: { importId: imp.documentId, orders: nos.length, rows: result.total, file: imp.fileName } }, scope);
          return nos.length;
        });
      } finally {
        run.stop();
      }
      await fs.promises.rm(path.join(importDir(), imp.fileKey), { force: true });
      h().afterCommit();
      return { importId: imp.documentId, status: 'committed', orders: committed, rows: result.total };
    },

    // ---------------------------------------------------------------- declarations

    /** Bulk declaration of the batch's draft e-orders (CEB303, one message per order). */
    async declareOrders(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const batch = await loadBatch(scope, documentId);
      const cfg = await config.requireValid(merchantId);
      const n = await h().transaction(async () => {
        const drafts = (await q(UID.order).findMany({ where: { batchId: batch.id, status: 'draft' }, orderBy: { id: 'asc' } })) as Row[];
        if (!drafts.length) throw fail('NOTHING_TO_DECLARE', 409);
        const messages = drafts.map((o) => {
          const lines = (o.lines ?? []) as Row[];
          const built = build('CEB303', {
            baseTransfer: baseTransfer(cfg),
            nodes: [{
              head: { guid: newGuid(), orderType: 'E', orderNo: o.orderNo, ebpCode: cfg.ebpCode, ebpName: cfg.ebpName, ebcCode: cfg.ebcCode, ebcName: cfg.ebcName, goodsValue: o.goodsValue, freight: o.freight ?? '0', currency: o.currency },
              list: lines.map((l) => ({ itemNo: l.itemNo, itemName: l.itemName, itemDescribe: l.itemDescribe, barCode: l.barCode, unit: l.unit, currency: l.currency, qty: l.qty, price: l.price, totalPrice: l.totalPrice, note: l.note })),
            }],
          });
          return { ...built, kind: 'CEB303' as const, subject: 'order' as const, subjectId: o.id as number, title: `电子订单 ${o.orderNo}` };
        });
        const now = new Date();
        // Guarded by status: a concurrent declaration of the same orders updates nothing and rolls back.
        for (const m of messages) {
          const { count } = (await q(UID.order).updateMany({ where: { id: m.subjectId, status: 'draft' }, data: { status: 'queued', guid: m.guid, declaredAt: now } })) as { count: number };
          if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'concurrent' });
        }
        await queueMessages(merchantId, batch.id, cfg.dxpId, messages);
        await h().audit({ module: 'customs', action: 'orders.declare', targetUid: UID.batch, targetId: batch.documentId, after: { orders: messages.length } }, scope);
        return messages.length;
      });
      h().afterCommit();
      return { declared: n, progress: await progressOf(await loadBatch(scope, documentId)) };
    },

    /** 清单 (CEB603), one per stored order without one: "the system says when it is time", one click. */
    async declareInventories(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const batch = await loadBatch(scope, documentId);
      const cfg = await config.requireValid(merchantId);
      const n = await h().transaction(async () => {
        const orders = await ordersReadyForInventory(batch.id);
        if (!orders.length) throw fail('NOTHING_TO_DECLARE', 409);
        const prior = (await q(UID.inventory).count({ where: { batchId: batch.id } })) as number;
        const today = ymd();
        const rows = orders.map((o, i) => ({
          merchantId, batchId: batch.id, orderId: o.id, orderNo: o.orderNo, status: 'queued', guid: newGuid(),
          copNo: `I${today.slice(2)}${pad(o.id % 1e9, 9)}${pad((prior + i) % 100, 2)}`.slice(0, 20),
          logisticsNo: `${(batch.logisticsCode as string).slice(-4)}${today.slice(2)}${pad(o.id % 1e8, 8)}`,
          grossWeight: batch.parcelWeight,
          declaredAt: new Date(),
        }));
        await insertMany(strapi, UID.inventory, rows);
        const saved = (await q(UID.inventory).findMany({ where: { guid: { $in: rows.map((r) => r.guid) } } })) as Row[];
        const byGuid = new Map(saved.map((r) => [r.guid as string, r]));
        const byOrder = new Map(orders.map((o) => [o.id as number, o]));
        const messages = rows.map((r) => {
          const inv = byGuid.get(r.guid) as Row;
          const o = byOrder.get(r.orderId) as Row;
          const lines = (o.lines ?? []) as Row[];
          const list: InventoryListItem[] = lines.map((l) => ({
            itemNo: l.itemNo, itemName: l.itemName, gcode: l.hsCode, gname: l.itemName, gmodel: (l.itemDescribe || l.itemName).slice(0, 250), barCode: l.barCode,
            country: batch.country, currency: l.currency, qty: l.qty, qty1: l.qty, unit: l.unit, unit1: l.unit, price: l.price, totalPrice: l.totalPrice, note: l.note,
          }));
          const built = build('CEB603', {
            baseTransfer: baseTransfer(cfg),
            nodes: [{
              head: {
                guid: r.guid, customsCode: cfg.customsCode, ebpCode: cfg.ebpCode, ebpName: cfg.ebpName, orderNo: o.orderNo,
                logisticsCode: batch.logisticsCode, logisticsName: batch.logisticsName, logisticsNo: r.logisticsNo, copNo: r.copNo,
                ieFlag: 'E', portCode: cfg.portCode, ieDate: today, statisticsFlag: batch.statisticsFlag, agentCode: cfg.agentCode || cfg.ebcCode, agentName: cfg.agentName || cfg.ebcName,
                ebcCode: cfg.ebcCode, ebcName: cfg.ebcName, ownerCode: cfg.ebcCode, ownerName: cfg.ebcName, tradeMode: batch.tradeMode, trafMode: batch.trafMode,
                country: batch.country, POD: batch.country, freight: o.freight ?? '0', fCurrency: o.currency, fFlag: '3', insuredFee: '0', iCurrency: o.currency, iFlag: '3',
                wrapType: batch.wrapType, packNo: 1, grossWeight: batch.parcelWeight, netWeight: batch.parcelWeight,
              },
              list,
            }],
          });
          return { ...built, kind: 'CEB603' as const, subject: 'inventory' as const, subjectId: inv.id as number, title: `出口清单 ${o.orderNo}` };
        });
        await queueMessages(merchantId, batch.id, cfg.dxpId, messages);
        await h().audit({ module: 'customs', action: 'inventories.declare', targetUid: UID.batch, targetId: batch.documentId, after: { inventories: messages.length } }, scope);
        return messages.length;
      });
      h().afterCommit();
      return { declared: n, progress: await progressOf(await loadBatch(scope, documentId)) };
    },

    /** 清单总分单 (CEB607): the batch's released inventories under one master waybill. */
    async declareWaybill(scope: ActorScope, documentId: string, body: unknown): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const batch = await loadBatch(scope, documentId);
      const cfg = await config.requireValid(merchantId);
      const input = (body && typeof body === 'object' ? body : {}) as Row;
      const errors: { field: string; message: string }[] = [];
      const billNo = text(input, 'billNo', 37, true, errors, '提运单号（总运单号）');
      const trafName = text(input, 'trafName', 100, true, errors, '运输工具名称');
      const voyageNo = text(input, 'voyageNo', 32, true, errors, '航班航次号');
      for (const [f, v] of [['billNo', billNo], ['voyageNo', voyageNo]] as const) if (v && !/^[\x21-\x7E]+$/.test(v)) errors.push({ field: f, message: '只能填写字母、数字或符号，不含空格和中文' });
      if (errors.length) throw fail('VALIDATION_FAILED', 400, { errors });
      const id = await h().transaction(async () => {
        const pending = (await q(UID.inventory).count({ where: { batchId: batch.id, status: { $in: IN_FLIGHT } } })) as number;
        const released = (await q(UID.inventory).findMany({ where: { batchId: batch.id, status: 'released' }, orderBy: { id: 'asc' } })) as Row[];
        if (pending > 0 || !released.length) throw fail('STEP_NOT_READY', 409, { pending, released: released.length });
        const open = (await q(UID.waybill).findOne({ where: { batchId: batch.id, status: { $ne: 'rejected' } } })) as Row | null;
        if (open) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'waybill exists', status: open.status });
        const totalPackageNo = `ZB${batch.number}`;
        const gross = released.reduce((acc, r) => D.add(acc, r.grossWeight ?? '0'), '0');
        const guid = newGuid();
        const copNo = `W${ymd().slice(2)}${pad(batch.id % 1e6, 6)}${pad(crypto.randomInt(0, 1000), 3)}`;
        const built = build('CEB607', {
          baseTransfer: baseTransfer(cfg),
          nodes: [{
            head: { guid, customsCode: cfg.customsCode, copNo, agentCode: cfg.agentCode || cfg.ebcCode, agentName: cfg.agentName || cfg.ebcName, trafMode: batch.trafMode, trafName: trafName as string, voyageNo: voyageNo as string, billNo: billNo as string, grossWeight: gross, logisticsCode: batch.logisticsCode, logisticsName: batch.logisticsName, msgCount: 1, msgSeqNo: 1 },
            list: released.map((r) => ({ totalPackageNo, logisticsNo: r.logisticsNo, invtNo: r.invtNo })),
          }],
        });
        const wb = (await strapi.documents(UID.waybill as never).create({
          data: { merchant: merchantId, batchId: batch.id, billNo, trafMode: batch.trafMode, trafName, voyageNo, grossWeight: gross, packageCount: released.length, status: 'queued', guid, copNo, declaredAt: new Date() } as never,
        })) as unknown as Row;
        await q(UID.inventory).updateMany({ where: { id: { $in: released.map((r) => r.id) } }, data: { totalPackageNo } });
        await queueMessages(merchantId, batch.id, cfg.dxpId, [{ ...built, kind: 'CEB607', subject: 'waybill', subjectId: wb.id, title: `清单总分单 ${billNo}` }]);
        await h().audit({ module: 'customs', action: 'waybill.declare', targetUid: UID.waybill, targetId: wb.documentId, after: { billNo, inventories: released.length } }, scope);
        return wb.documentId as string;
      });
      h().afterCommit();
      return this.timeline(scope, 'waybill', id);
    },

    /** 汇总申请单 (CEB701), built from the batch's released inventories once the 总分单 is 审结. */
    async declareSummary(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const batch = await loadBatch(scope, documentId);
      const cfg = await config.requireValid(merchantId);
      if (batch.statisticsFlag !== 'B') throw fail('STEP_NOT_READY', 409, { reason: '简化申报（A）的批次不需要汇总申请单' });
      const id = await h().transaction(async () => {
        const waybill = (await q(UID.waybill).findOne({ where: { batchId: batch.id, status: 'reviewed' } })) as Row | null;
        if (!waybill) throw fail('STEP_NOT_READY', 409, { reason: 'waybill' });
        const open = (await q(UID.summary).findOne({ where: { batchId: batch.id, status: { $ne: 'rejected' } } })) as Row | null;
        if (open) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'summary exists', status: open.status });
        const released = (await q(UID.inventory).findMany({ where: { batchId: batch.id, status: 'released', cancelled: false }, orderBy: { id: 'asc' }, select: ['invtNo'] })) as Row[];
        const invtNos = released.map((r) => r.invtNo as string).filter(Boolean);
        if (!invtNos.length) throw fail('NOTHING_TO_DECLARE', 409);
        const guid = newGuid();
        const copNo = `S${ymd().slice(2)}${pad(batch.id % 1e6, 6)}${pad(crypto.randomInt(0, 1000), 3)}`;
        const agentCode = cfg.agentCode || cfg.ebcCode;
        const agentName = cfg.agentName || cfg.ebcName;
        const built = build('CEB701', {
          baseTransfer: baseTransfer(cfg),
          nodes: [{ head: { guid, customsCode: cfg.customsCode, copNo, agentCode, agentName, ebcCode: cfg.ebcCode, ebcName: cfg.ebcName, declAgentCode: agentCode, declAgentName: agentName, summaryFlag: '1', itemNameFlag: '', msgCount: 1, msgSeqNo: 1 }, list: invtNos.map((invtNo) => ({ invtNo })) }],
        });
        const s = (await strapi.documents(UID.summary as never).create({
          data: { merchant: merchantId, batchId: batch.id, summaryFlag: '1', invtNos, status: 'queued', guid, copNo, declaredAt: new Date() } as never,
        })) as unknown as Row;
        await queueMessages(merchantId, batch.id, cfg.dxpId, [{ ...built, kind: 'CEB701', subject: 'summary', subjectId: s.id, title: `汇总申请单 ${batch.number}` }]);
        await h().audit({ module: 'customs', action: 'summary.declare', targetUid: UID.summary, targetId: s.documentId, after: { inventories: invtNos.length } }, scope);
        return s.documentId as string;
      });
      h().afterCommit();
      return this.timeline(scope, 'summary', id);
    },

    // ---------------------------------------------------------------- 撤销申请单 (C6)

    async listCancellations(scope: ActorScope, params: Row): Promise<Row> {
      assertReader(scope);
      const where: Row = {};
      if (scope.kind === 'merchant') where.merchant = { id: scope.merchantId };
      if (typeof params.invtNo === 'string' && params.invtNo.trim()) where.invtNo = { $containsi: params.invtNo.trim() };
      if (typeof params.status === 'string' && params.status) where.status = params.status;
      const page = Math.max(1, Number(params.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(params.pageSize) || 20));
      const [rows, total] = await Promise.all([
        q(UID.cancellation).findMany({ where, orderBy: { id: 'desc' }, offset: (page - 1) * pageSize, limit: pageSize }) as Promise<Row[]>,
        q(UID.cancellation).count({ where }) as Promise<number>,
      ]);
      return { data: rows.map((r) => presentSubject('cancellation', r)), meta: { page, pageSize, total, canWrite: scope.kind === 'merchant' && h().can(scope, 'data.write') } };
    },

    /** Inventories that may be cancelled (released, not cancelled, no open cancellation), searchable by 清单编号. */
    async cancellable(scope: ActorScope, params: Row): Promise<Row[]> {
      const merchantId = scope.kind === 'merchant' ? scope.merchantId : null;
      assertReader(scope);
      if (!merchantId) return [];
      const where: Row = { merchantId, status: 'released', cancelled: false };
      if (typeof params.invtNo === 'string' && params.invtNo.trim()) where.invtNo = { $containsi: params.invtNo.trim() };
      const rows = (await q(UID.inventory).findMany({ where, orderBy: { id: 'desc' }, limit: 50 })) as Row[];
      const open = new Set(((await q(UID.cancellation).findMany({ where: { merchant: { id: merchantId }, status: { $notIn: ['rejected', 'withdrawn'] } }, select: ['inventoryId'] })) as Row[]).map((r) => r.inventoryId));
      return rows.filter((r) => !open.has(r.id)).map((r) => presentSubject('inventory', r));
    },

    /** Saves a 撤销申请单 as a draft (暂存) — by 清单编号 — or declares it at once with `declare: true`. */
    async createCancellation(scope: ActorScope, body: unknown): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const input = (body && typeof body === 'object' ? body : {}) as Row;
      const errors: { field: string; message: string }[] = [];
      const invtNo = text(input, 'invtNo', 18, true, errors, '清单编号');
      const reason = text(input, 'reason', 500, true, errors, '撤销原因');
      if (errors.length) throw fail('VALIDATION_FAILED', 400, { errors });
      const cfg = await config.requireValid(merchantId);
      const id = await h().transaction(async () => {
        const inv = (await q(UID.inventory).findOne({ where: { merchantId, invtNo } })) as Row | null;
        if (!inv) throw fail('NOT_FOUND', 404, { field: 'invtNo' });
        if (inv.status !== 'released' || inv.cancelled) throw fail('CANCELLATION_NOT_ALLOWED', 409, { status: inv.status });
        const open = (await q(UID.cancellation).findOne({ where: { inventoryId: inv.id, status: { $notIn: ['rejected', 'withdrawn'] } } })) as Row | null;
        if (open) throw fail('CANCELLATION_NOT_ALLOWED', 409, { reason: 'open', status: open.status });
        const c = (await strapi.documents(UID.cancellation as never).create({
          data: { merchant: merchantId, batchId: inv.batchId, inventoryId: inv.id, invtNo, ebcCode: cfg.ebcCode, copName: cfg.ebcName, reason, status: 'draft', copNo: `X${ymd().slice(2)}${pad(inv.id % 1e9, 9)}${pad(crypto.randomInt(0, 100), 2)}`.slice(0, 20) } as never,
        })) as unknown as Row;
        await h().audit({ module: 'customs', action: 'cancellation.create', targetUid: UID.cancellation, targetId: c.documentId, after: { invtNo, reason } }, scope);
        return c.documentId as string;
      });
      h().afterCommit();
      if (input.declare === true) return this.declareCancellation(scope, id);
      return this.timeline(scope, 'cancellation', id);
    },

    async declareCancellation(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await assertWriter(scope);
      const cfg = await config.requireValid(merchantId);
      await h().transaction(async () => {
        const c = (await q(UID.cancellation).findOne({ where: { documentId, merchant: { id: merchantId } } })) as Row | null;
        if (!c) throw fail('NOT_FOUND', 404);
        if (c.status !== 'draft' && c.status !== 'rejected') throw fail('TRANSITION_NOT_ALLOWED', 409, { from: c.status });
        const inv = (await q(UID.inventory).findOne({ where: { id: c.inventoryId } })) as Row;
        if (inv.status !== 'released' || inv.cancelled) throw fail('CANCELLATION_NOT_ALLOWED', 409, { status: inv.status });
        const guid = newGuid();
        const built = build('CEB605', {
          baseTransfer: baseTransfer(cfg),
          nodes: [{ head: { guid, customsCode: cfg.customsCode, copNo: c.copNo, preNo: inv.preNo ?? undefined, invtNo: c.invtNo, reason: c.reason, agentCode: cfg.agentCode || cfg.ebcCode, agentName: cfg.agentName || cfg.ebcName, ebcCode: cfg.ebcCode, ebcName: cfg.ebcName } }],
        });
        const { count } = (await q(UID.cancellation).updateMany({ where: { id: c.id, status: c.status }, data: { status: 'queued', guid, declaredAt: new Date(), returnStatus: null, returnInfo: null } })) as { count: number };
        if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { reason: 'concurrent' });
        await queueMessages(merchantId, c.batchId ?? null, cfg.dxpId, [{ ...built, kind: 'CEB605', subject: 'cancellation', subjectId: c.id, title: `撤销申请单 ${c.invtNo}` }]);
        await h().audit({ module: 'customs', action: 'cancellation.declare', targetUid: UID.cancellation, targetId: documentId, before: { status: c.status }, after: { status: 'queued', guid } }, scope);
      });
      h().afterCommit();
      return this.timeline(scope, 'cancellation', documentId);
    },

    /** 不再撤销: the merchant drops a cancellation that is still a draft or was rejected (退单). */
    async withdrawCancellation(scope: ActorScope, documentId: string): Promise<Row> {
      const merchantId = await assertWriter(scope);
      await h().transaction(async () => {
        const c = (await q(UID.cancellation).findOne({ where: { documentId, merchant: { id: merchantId } } })) as Row | null;
        if (!c) throw fail('NOT_FOUND', 404);
        const { count } = (await q(UID.cancellation).updateMany({ where: { id: c.id, status: { $in: ['draft', 'rejected'] } }, data: { status: 'withdrawn', withdrawnAt: new Date() } })) as { count: number };
        if (count !== 1) throw fail('WITHDRAW_NOT_ALLOWED', 409, { status: c.status });
        await h().audit({ module: 'customs', action: 'cancellation.withdraw', targetUid: UID.cancellation, targetId: documentId, before: { status: c.status }, after: { status: 'withdrawn' } }, scope);
      });
      h().afterCommit();
      return this.timeline(scope, 'cancellation', documentId);
    },

    // ---------------------------------------------------------------- to-dos (C8 → G8), board (C7)

    /** What the merchant must do next in customs, per batch; counts feed the home page. */
    async todos(scope: ActorScope): Promise<{ items: Row[]; counts: { orders: number; lists: number; summaries: number } }> {
      const counts = { orders: 0, lists: 0, summaries: 0 };
      if (scope.kind !== 'merchant' || !scope.merchantId) return { items: [], counts };
      const batches = (await q(UID.batch).findMany({ where: { merchant: { id: scope.merchantId }, status: 'open' }, orderBy: { id: 'desc' }, limit: 50 })) as Row[];
      const items: Row[] = [];
      const progress = await progressMany(batches);
      for (const [i, b] of batches.entries()) {
        const p = progress[i];
        const rejected = (p.orders.byStatus.rejected ?? 0) as number;
        if (rejected > 0) {
          counts.orders += 1;
          items.push({ module: 'customs', key: `customs:${b.documentId}:rejected`, title: `批次 ${b.number} 有 ${rejected} 个订单被退单`, body: '请核对订单信息，修改后重新导入申报', ...batchLink(b) });
        }
        if (!p.next || p.next.action === 'import') continue;
        const bucket = p.next.action === 'declare-orders' ? 'orders' : p.next.action === 'declare-summary' ? 'summaries' : 'lists';
        counts[bucket] += 1;
        items.push({ module: 'customs', key: `customs:${b.documentId}:${p.next.action}`, title: `${p.next.label}（批次 ${b.number}）`, body: p.next.hint, action: p.next.action, ...batchLink(b) });
      }
      const rejectedCancels = (await q(UID.cancellation).findMany({ where: { merchant: { id: scope.merchantId }, status: 'rejected' }, limit: 20 })) as Row[];
      for (const c of rejectedCancels) {
        counts.lists += 1;
        items.push({ module: 'customs', key: `customs:cancel:${c.documentId}`, title: `清单 ${c.invtNo} 的撤销申请被退单`, body: '修改后重新申报，或选择“不再撤销”', link: `/customs/cancellations?invtNo=${c.invtNo}`, mpPath: `packageCustoms/pages/cancellations/index?invtNo=${c.invtNo}` });
      }
      return { items, counts };
    },

    /** Staff tracking board: every batch's node states across merchants, and messages that failed. */
    async board(scope: ActorScope, params: Row): Promise<Row> {
      h().assertCan(scope, 'customs.view');
      const list = await this.listBatches(scope, params);
      const failed = (await rawTable(strapi, 'outbox_jobs', (t) => t.where({ channel: DDT_CHANNEL, status: 'failed' }).count({ n: '*' }).first())) as unknown as { n: number | string } | undefined;
      // Stuck: declared more than CUSTOMS_STUCK_MINUTES ago and still waiting on 点点通 or customs (no final receipt).
      const stuckSince = new Date(Date.now() - Number(process.env.CUSTOMS_STUCK_MINUTES ?? 120) * 60_000);
      const waiting: Record<SubjectType, string[]> = {
        order: ['queued', 'declaring'],
        inventory: ['queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting'],
        waybill: ['queued', 'declaring', 'stored', 'reviewing'],
        summary: ['queued', 'declaring', 'stored', 'reviewing'],
        cancellation: ['queued', 'declaring', 'stored', 'reviewing'],
      };
      let stuck = 0;
      for (const [subject, statuses] of Object.entries(waiting) as [SubjectType, string[]][]) {
        stuck += (await q(SUBJECT_UID[subject]).count({ where: { status: { $in: statuses }, declaredAt: { $lt: stuckSince } } })) as number;
      }
      const lease = (await q(UID.pollState).findOne({ where: { name: 'receipts' } })) as Row | null;
      const poller = lease ? { instance: lease.lockedBy, leaseUntil: lease.lockedUntil, lastPolledAt: lease.lastPolledAt, lastError: lease.lastError } : null;
      return { ...list, failedMessages: Number(failed?.n ?? 0), stuckMessages: stuck, poller };
    },

    // ---------------------------------------------------------------- hints (C9)

    async hints(scope: ActorScope): Promise<Row[]> {
      if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
      const rows = (await q(UID.hint).findMany({ orderBy: [{ sort: 'asc' }, { id: 'asc' }] })) as Row[];
      return rows.map((r) => ({ key: r.key, title: r.title, body: r.body, placement: r.placement, updatedAt: r.updatedAt, editedBy: r.editedBy }));
    },

    async saveHint(scope: ActorScope, key: string, body: unknown): Promise<Row> {
      h().assertCan(scope, 'customs.hints');
      const input = (body && typeof body === 'object' ? body : {}) as Row;
      const errors: { field: string; message: string }[] = [];
      const title = text(input, 'title', 100, true, errors, '标题');
      const content = text(input, 'body', 2000, true, errors, '提示内容');
      if (errors.length) throw fail('VALIDATION_FAILED', 400, { errors });
      const row = (await q(UID.hint).findOne({ where: { key } })) as Row | null;
      if (!row) throw fail('NOT_FOUND', 404);
      const editedBy = scope.name || scope.phone;
      await h().transaction(async () => {
        await q(UID.hint).update({ where: { id: row.id }, data: { title, body: content, editedBy } });
        await h().audit({ module: 'customs', action: 'hint.save', targetUid: UID.hint, targetId: row.documentId, before: { title: row.title, body: row.body }, after: { title, body: content } }, scope);
      });
      return { key, title, body: content, placement: row.placement, editedBy, updatedAt: new Date().toISOString() };
    },
  };
}

export type Flow = ReturnType<typeof createFlow>;
