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
import { access, type DataAccess, type ListResponse, type Row } from '@jmt/plugin-kit';
import type { Engine } from '@jmt/plugin-workflow';
import { host, type ActorScope } from '../host';
import { FILE_SLOTS, TAX_REFUND_KIND } from '../kind';
import type { Rates } from './rates';

const FILE_UID = 'api::private-file.private-file';
const APPLICATION_UID = 'plugin::workflow.application';
const BATCH_UID = 'plugin::customs.batch';
const INVENTORY_UID = 'plugin::customs.inventory';

export const RECORD_UID = 'plugin::taxrefund.return-record';
export const STATUS_LABEL: Record<string, string> = {
  draft: '填写申请',
  declared: '申报',
  reviewing: '审核',
  treasury: '退库',
  paid: '到账',
  returned: '退回补正',
  rejected: '不予退税',
};

export function createRefunds(strapi: Core.Strapi, rates: () => Rates) {
  const h = () => host(strapi);
  const engine = () => strapi.plugin('workflow').service('engine') as Engine;

  async function returnsOf(db: DataAccess, applicationIds: number[]): Promise<Row[]> {
    if (!applicationIds.length) return [];
    return db.table(RECORD_UID).findMany({ where: { applicationId: { $in: applicationIds } }, orderBy: [{ id: 'asc' }] });
  }

  async function numericIds(db: DataAccess, documentIds: string[]): Promise<Map<string, number>> {
    const rows = await db.table(APPLICATION_UID).resolve(documentIds, { select: ['id', 'documentId'] });
    return new Map([...rows.values()].map((r) => [r.documentId as string, r.id as number]));
  }

  /** Batches as refunds show them: with how many of their 清单 customs released. */
  async function presentBatches(db: DataAccess, batches: Row[]): Promise<Row[]> {
    const released = batches.length ? await db.table(INVENTORY_UID).countBy(['batchId'], { batchId: batches.map((b) => b.id as number), status: 'released' }) : [];
    return batches.map((b) => ({
      id: b.documentId,
      number: b.number,
      name: b.name,
      tradeMode: b.tradeMode,
      releasedInventories: released.find((r) => Number(r.batchId) === b.id)?.count ?? 0,
      createdAt: b.createdAt,
    }));
  }

  const BATCH_FIELDS = ['id', 'documentId', 'number', 'name', 'tradeMode', 'createdAt'];

  /** The batches the refund links, resolved inside the refund's merchant: another merchant's id shows nothing. */
  async function linkedBatches(db: DataAccess, ids: unknown): Promise<Row[]> {
    if (!strapi.plugin('customs')) return [];
    const batches = await db.table(BATCH_UID).resolve(ids, { select: BATCH_FIELDS });
    return presentBatches(db, [...batches.values()]);
  }

  /** The uploaded PDFs by slot, with their names — the refund merchant's own files only. */
  async function documentsOf(db: DataAccess, files: unknown): Promise<Row[]> {
    const bySlot = (files ?? {}) as Record<string, string>;
    const rows = await db.table(FILE_UID).resolve(Object.values(bySlot), { select: ['documentId', 'originalName', 'mime', 'size', 'storageKey'] });
    return FILE_SLOTS.flatMap((slot) => {
      const row = rows.get(bySlot[slot.key]);
      return row
        ? [{ slot: slot.key, label: slot.label, id: row.documentId, originalName: row.originalName ?? null, mime: row.mime, size: row.size, storageKey: row.storageKey }]
        : [];
    });
  }

  /** The caller's access narrowed to the refund's merchant: what its data refers to is resolved there. */
  const ownerAccess = (scope: ActorScope, app: Row): DataAccess => access(strapi, scope).within((app.merchantId ?? scope.merchantId) as number);

  const refundedAmount = (records: Row[]): string | null => [...records].reverse().find((r) => r.status === 'paid' && r.amount)?.amount ?? null;

  return {
    async list(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      const result = await engine().list(scope, query, { kind: TAX_REFUND_KIND });
      const db = access(strapi, scope);
      const ids = await numericIds(
        db,
        result.data.map((a) => a.documentId as string),
      );
      const [records, table] = await Promise.all([returnsOf(db, [...ids.values()]), rates().all()]);
      const data = await Promise.all(
        result.data.map(async (a) => ({
          ...a,
          estimate: await rates().estimateFor(a.data ?? {}, table),
          refundedAmount: refundedAmount(records.filter((r) => r.applicationId === ids.get(a.documentId))),
        })),
      );
      return { data, meta: result.meta };
    },

    async findOne(scope: ActorScope, id: string): Promise<Row> {
      const app = await engine().findOne(scope, id);
      if (app.kind !== TAX_REFUND_KIND) throw h().error('NOT_FOUND', 404);
      const db = ownerAccess(scope, app);
      const ids = await numericIds(db, [app.documentId]);
      const records = await returnsOf(db, [...ids.values()]);
      return {
        ...app,
        estimate: await rates().estimateFor(app.data ?? {}),
        refundedAmount: refundedAmount(records),
        returns: records.map((r) => ({ date: r.date, status: r.status, statusLabel: STATUS_LABEL[r.status] ?? r.status, amount: r.amount ?? null, message: r.message ?? null })),
        batches: await linkedBatches(db, app.data?.customsBatches),
        documents: (await documentsOf(db, app.data?.files)).map(({ storageKey: _key, ...doc }) => doc),
      };
    },

    /** The merchant's customs batches with released 清单: what a refund can be linked to. */
    async declarations(scope: ActorScope): Promise<Row[]> {
      if (scope.kind !== 'merchant' || !scope.merchantId) throw h().error('FORBIDDEN', 403);
      h().assertCan(scope, 'data.read');
      if (!strapi.plugin('customs')) return [];
      const db = access(strapi, scope);
      const batches = await db.table(BATCH_UID).findMany({ select: BATCH_FIELDS, orderBy: [{ id: 'desc' }], limit: 200 });
      return (await presentBatches(db, batches)).filter((b) => b.releasedInventories > 0);
    },

    /** T3: the application package — its three PDFs and a summary workbook — as one zip. */
    async package(scope: ActorScope, id: string): Promise<{ fileName: string; body: Buffer }> {
      h().assertCan(scope, 'taxrefund.process');
      const app = await this.findOne(scope, id);
      const zip = new JSZip();
      // The refund merchant's own files only: a foreign id in the data never reaches the package.
      const stored = await documentsOf(ownerAccess(scope, app), app.data?.files);
      const names: Record<string, string> = { tax_declaration: '报关单', tax_purchase_invoice: '进项发票', tax_sales_invoice: '销售发票' };
      for (const slot of FILE_SLOTS) {
        const file = stored.find((f) => f.slot === slot.key);
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
      for (const t of app.timeline as Row[])
        timeline.addRow([new Date(t.createdAt).toISOString().replace('T', ' ').slice(0, 19), t.fromLabel ?? '', t.toLabel, t.actorName ?? '', t.note ?? '']);
      timeline.columns.forEach((c) => (c.width = 22));
      zip.file(`申请汇总-${app.number}.xlsx`, Buffer.from(await wb.xlsx.writeBuffer()));
      await h().audit(
        { module: 'tax-refund', action: 'package.download', targetUid: 'plugin::workflow.application', targetId: app.documentId, after: { number: app.number } },
        scope,
      );
      return { fileName: `出口退税申请-${app.number}.zip`, body: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
    },
  };
}

export type Refunds = ReturnType<typeof createRefunds>;
