/**
 * What the refund screens need beyond the engine's application endpoints: estimates on every item, the
 * return messages and linked customs batches on the detail, the batches a merchant can link, and the
 * application package staff download (T3): the three PDFs and a summary workbook, zipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { host, type ActorScope } from '../host';
import { FILE_SLOTS, TAX_REFUND_KIND } from '../kind';
import type { Rates } from './rates';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- query-engine rows are untyped
type Row = Record<string, any>;

interface Engine {
  list(scope: ActorScope, query: Row): Promise<{ data: Row[]; meta: Row }>;
  findOne(scope: ActorScope, id: string): Promise<Row>;
}

export const RECORD_UID = 'plugin::taxrefund.return-record';
export const STATUS_LABEL: Record<string, string> = { draft: '填写申请', declared: '申报', reviewing: '审核', treasury: '退库', paid: '到账', returned: '退回补正', rejected: '不予退税' };

export function createRefunds(strapi: Core.Strapi, rates: () => Rates) {
  const h = () => host(strapi);
  const engine = () => strapi.plugin('workflow').service('engine') as Engine;

  async function returnsOf(applicationIds: number[]): Promise<Row[]> {
    if (!applicationIds.length) return [];
    return (await strapi.db.query(RECORD_UID as never).findMany({ where: { applicationId: { $in: applicationIds } }, orderBy: [{ id: 'asc' }] })) as Row[];
  }

  async function numericIds(documentIds: string[]): Promise<Map<string, number>> {
    if (!documentIds.length) return new Map();
    const rows = (await strapi.db.query('plugin::workflow.application' as never).findMany({ where: { documentId: { $in: documentIds } }, select: ['id', 'documentId'] })) as Row[];
    return new Map(rows.map((r) => [r.documentId, r.id]));
  }

  /** Batches as refunds show them: with how many of their 清单 customs released. */
  async function presentBatches(batches: Row[]): Promise<Row[]> {
    return Promise.all(
      batches.map(async (b) => ({
        id: b.documentId,
        number: b.number,
        name: b.name,
        tradeMode: b.tradeMode,
        releasedInventories: await strapi.db.query('plugin::customs.inventory' as never).count({ where: { batchId: b.id, status: 'released' } }),
        createdAt: b.createdAt,
      })),
    );
  }

  const BATCH_FIELDS = ['id', 'documentId', 'number', 'name', 'tradeMode', 'createdAt'];

  async function linkedBatches(merchantDocumentId: string | null, ids: unknown): Promise<Row[]> {
    const list = Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
    if (!list.length || !strapi.plugin('customs')) return [];
    const batches = (await strapi.db.query('plugin::customs.batch' as never).findMany({ where: { documentId: { $in: list }, ...(merchantDocumentId ? { merchant: { documentId: merchantDocumentId } } : {}) }, select: BATCH_FIELDS })) as Row[];
    return presentBatches(batches);
  }

  /** The uploaded PDFs by slot, with their names, so screens need not fetch each file's record. */
  async function documentsOf(files: unknown): Promise<Row[]> {
    const bySlot = (files ?? {}) as Record<string, string>;
    const ids = Object.values(bySlot).filter((x) => typeof x === 'string');
    if (!ids.length) return [];
    const rows = (await strapi.db.query('api::private-file.private-file').findMany({ where: { documentId: { $in: ids } }, select: ['documentId', 'originalName', 'mime', 'size'] })) as Row[];
    return FILE_SLOTS.flatMap((slot) => {
      const row = rows.find((r) => r.documentId === bySlot[slot.key]);
      return row ? [{ slot: slot.key, label: slot.label, id: row.documentId, originalName: row.originalName ?? null, mime: row.mime, size: row.size }] : [];
    });
  }

  const refundedAmount = (records: Row[]): string | null => [...records].reverse().find((r) => r.status === 'paid' && r.amount)?.amount ?? null;

  return {
    async list(scope: ActorScope, query: Row): Promise<{ data: Row[]; meta: Row }> {
      const result = await engine().list(scope, { ...query, kind: TAX_REFUND_KIND });
      const ids = await numericIds(result.data.map((a) => a.documentId));
      const [records, table] = await Promise.all([returnsOf([...ids.values()]), rates().all()]);
      const data = await Promise.all(
        result.data.map(async (a) => ({ ...a, estimate: await rates().estimateFor(a.data ?? {}, table), refundedAmount: refundedAmount(records.filter((r) => r.applicationId === ids.get(a.documentId))) })),
      );
      return { data, meta: result.meta };
    },

    async findOne(scope: ActorScope, id: string): Promise<Row> {
      const app = await engine().findOne(scope, id);
      if (app.kind !== TAX_REFUND_KIND) throw h().error('NOT_FOUND', 404);
      const ids = await numericIds([app.documentId]);
      const records = await returnsOf([...ids.values()]);
      return {
        ...app,
        estimate: await rates().estimateFor(app.data ?? {}),
        refundedAmount: refundedAmount(records),
        returns: records.map((r) => ({ date: r.date, status: r.status, statusLabel: STATUS_LABEL[r.status] ?? r.status, amount: r.amount ?? null, message: r.message ?? null })),
        batches: await linkedBatches(scope.kind === 'merchant' ? scope.merchantDocumentId : null, app.data?.customsBatches),
        documents: await documentsOf(app.data?.files),
      };
    },

    /** The merchant's customs batches with released 清单: what a refund can be linked to. */
    async declarations(scope: ActorScope): Promise<Row[]> {
      if (scope.kind !== 'merchant' || !scope.merchantId) throw h().error('FORBIDDEN', 403);
      h().assertCan(scope, 'data.read');
      if (!strapi.plugin('customs')) return [];
      const batches = (await strapi.db.query('plugin::customs.batch' as never).findMany({ where: { merchant: { id: scope.merchantId } }, select: BATCH_FIELDS, orderBy: [{ id: 'desc' }] })) as Row[];
      return (await presentBatches(batches)).filter((b) => b.releasedInventories > 0);
    },

    /** T3: the application package — its three PDFs and a summary workbook — as one zip. */
    async package(scope: ActorScope, id: string): Promise<{ fileName: string; body: Buffer }> {
      h().assertCan(scope, 'taxrefund.process');
      const app = await this.findOne(scope, id);
      const zip = new JSZip();
      const files = (app.data?.files ?? {}) as Record<string, string>;
      const stored = (await strapi.db.query('api::private-file.private-file').findMany({ where: { documentId: { $in: Object.values(files) } }, select: ['documentId', 'storageKey', 'originalName'] })) as Row[];
      const names: Record<string, string> = { tax_declaration: '报关单', tax_purchase_invoice: '进项发票', tax_sales_invoice: '销售发票' };
      for (const slot of FILE_SLOTS) {
        const file = stored.find((f) => f.documentId === files[slot.key]);
        if (!file) continue;
        zip.file(`${names[slot.key]}-${app.number}.pdf`, await fs.promises.readFile(path.join(h().privateDir(), file.storageKey)));
      }
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('申请汇总');
      ws.columns = [{ width: 22 }, { width: 60 }];
      const d = app.data ?? {};
      const rows: [string, string][] = [
        ['申请编号', app.number],
        ['商户', app.merchant?.nameCn ?? ''],
        ['当前状态', app.statusLabel],
        ['企业类型', d.enterpriseType === 'producer' ? '生产企业（免抵退）' : '外贸企业'],
        ['退税订单金额（元）', d.orderAmount ?? ''],
        ['进项发票不含税金额（元）', d.purchaseAmount ?? ''],
        ['HS 编码', d.hsCode ?? ''],
        ['出口日期', d.exportDate ?? ''],
        ['进项发票号码', d.invoiceNo ?? ''],
        ['适用退税率', app.estimate ? `${app.estimate.rate}%（${app.estimate.matchedCode} ${app.estimate.description}）` : '未找到'],
        ['预计退税额（元）', app.estimate ? `${app.estimate.estimate}（${app.estimate.formula}）` : ''],
        ['已到账退税额（元）', app.refundedAmount ?? ''],
        ['关联报关批次', app.batches.map((b: Row) => `${b.number} ${b.name}（已放行清单 ${b.releasedInventories} 票）`).join('；')],
        ['备注', d.note ?? ''],
      ];
      rows.forEach((r) => ws.addRow(r));
      ws.getColumn(1).font = { bold: true };
      const timeline = wb.addWorksheet('办理进度');
      timeline.addRow(['时间', '从', '到', '办理人', '说明']).font = { bold: true };
      for (const t of app.timeline as Row[]) timeline.addRow([new Date(t.createdAt).toISOString().replace('T', ' ').slice(0, 19), t.fromLabel ?? '', t.toLabel, t.actorName ?? '', t.note ?? '']);
      timeline.columns.forEach((c) => (c.width = 22));
      zip.file(`申请汇总-${app.number}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
      await h().audit({ module: 'tax-refund', action: 'package.download', targetUid: 'plugin::workflow.application', targetId: app.documentId, after: { number: app.number } }, scope);
      return { fileName: `出口退税申请-${app.number}.zip`, body: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
    },
  };
}

export type Refunds = ReturnType<typeof createRefunds>;
