/**
 * Pure rules of the customs screens: how batches, records and imports are answered, where a batch stands and
 * the one next step it offers (C8: "the system says when it is time"), and the form field checks. Plain data in,
 * plain data out.
 */
import type { Row } from '@jmt/plugin-kit';
import { returnStatusLabel } from '../ceb';
import type { ImportResult } from '../import/parse';
import { STATUS_LABELS, statusFromReturn, type SubjectType } from './status';

export function presentSubject(subject: SubjectType, row: Row): Row {
  const out: Row = { ...row };
  delete out.merchant;
  out.id = row.documentId;
  out.statusLabel = STATUS_LABELS[row.status] ?? row.status;
  out.returnStatusLabel = row.returnStatus === null || row.returnStatus === undefined ? null : returnStatusLabel(row.returnStatus);
  out.kind = subject;
  return out;
}

export function presentBatch(row: Row): Row {
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

export function presentImport(importRow: Row, result: ImportResult): Row {
  return {
    importId: importRow.documentId,
    status: importRow.status,
    fileName: importRow.fileName,
    total: result.total,
    valid: result.valid,
    orderCount: result.orderCount,
    errorCount: result.errorCount,
    errorsTruncated: result.errorsTruncated,
    errors: result.errors.map((e) => ({
      row: e.row,
      column: e.column,
      field: e.field ?? null,
      code: e.code,
      message: e.message,
      value: e.value ?? null,
      ...(e.missing ? { missing: e.missing, unknown: e.unknown, duplicate: e.duplicate } : {}),
    })),
    warnings: result.warnings,
    warningCount: result.warningCount,
    fatal: result.fatal,
    skippedExamples: result.skippedExamples,
    skippedEmpty: result.skippedEmpty,
  };
}

export const batchLink = (batch: Row): { link: string; mpPath: string } => ({
  link: `/customs/batches/${batch.documentId}`,
  mpPath: `packageCustoms/pages/batch/index?id=${batch.documentId}`,
});

export const sum = (c: Record<string, number>, keys?: string[]): number =>
  Object.entries(c)
    .filter(([k]) => !keys || keys.includes(k))
    .reduce((a, [, n]) => a + n, 0);

/** Where a batch stands and the one next step it offers, from its records' status counts. */
export function progressFrom(batch: Row, orders: Record<string, number>, inventories: Record<string, number>, waybill: Row | null, summary: Row | null): Row {
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

/** A receipt event as a batch's timeline shows it, naming the record it belongs to (订单编号, 清单编号, 提运单号 …). */
export function presentEvent(e: Row, ref: { ref: string; id: string } | undefined): Row {
  return {
    subjectType: e.subjectType,
    subjectId: ref?.id ?? null,
    ref: ref?.ref ?? null,
    messageType: e.messageType,
    returnStatus: e.returnStatus,
    returnStatusLabel: returnStatusLabel(e.returnStatus),
    status: statusFromReturn(e.subjectType, e.returnStatus),
    returnInfo: e.returnInfo,
    at: e.returnAt,
  };
}

/** The reference a record goes by in messages and timelines. */
export function referenceOf(subject: SubjectType, r: Row): string {
  const ref =
    subject === 'order'
      ? r.orderNo
      : subject === 'inventory'
        ? (r.invtNo ?? r.orderNo)
        : subject === 'waybill'
          ? r.billNo
          : subject === 'cancellation'
            ? r.invtNo
            : (r.sumNo ?? r.copNo);
  return ref ?? '';
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
