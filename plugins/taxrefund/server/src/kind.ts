/**
 * 出口退税 as a workflow kind (T1, T2): 申报 → 审核 → 退库 → 到账, with 退回补正 and 不予退税. Declared here and
 * registered with the engine, which moves it, records the timeline and notifies like every application.
 * Submission checks what the engine cannot know: the three uploads are whole PDFs, the linked customs
 * batches are the merchant's, and a refund rate covers the HS code.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { KindCheckContext } from '@jmt/plugin-workflow';
import { isIsoDate as isDate } from '@jmt/plugin-fx/dist/currencies';
import { host } from './host';
import { pdfProblem } from './pdf';
import type { Rates } from './services/rates';

interface MissingItem {
  field: string;
  label: string;
  reason: 'required' | 'invalid';
}

export const TAX_REFUND_KIND = 'tax-refund';

export const FILE_SLOTS = [
  { key: 'tax_declaration', label: '出口报关单（PDF）', required: true, hint: '海关出具的出口报关单，须为“出口退税专用”联', accept: ['application/pdf'] },
  { key: 'tax_purchase_invoice', label: '进项发票（增值税专用发票，PDF）', required: true, hint: '与报关单商品对应的增值税专用发票', accept: ['application/pdf'] },
  { key: 'tax_sales_invoice', label: '销售发票（出口发票，PDF）', required: true, hint: '出口销售发票或形式发票', accept: ['application/pdf'] },
];

export function taxRefundKind(strapi: Core.Strapi, rates: () => Rates) {
  return {
    kind: TAX_REFUND_KIND,
    module: 'tax-refund',
    label: '出口退税',
    description: '填写退税订单金额、上传报关单与发票（PDF），平台代为申报并全程跟踪：申报 → 审核 → 退库 → 到账。',
    order: 1,
    prefix: 'TR',
    initial: 'draft',
    allowMany: true,
    states: {
      draft: { label: '填写申请', owner: 'merchant' as const, editable: true },
      declared: { label: '申报', owner: 'platform' as const },
      reviewing: { label: '审核', owner: 'platform' as const },
      treasury: { label: '退库', owner: 'platform' as const },
      paid: { label: '到账', owner: 'none' as const, terminal: true, success: true },
      returned: { label: '退回补正', owner: 'merchant' as const, editable: true },
      rejected: { label: '不予退税', owner: 'none' as const, terminal: true },
    },
    steps: ['declared', 'reviewing', 'treasury', 'paid'],
    transitions: [
      { from: ['draft'], to: 'declared', by: 'merchant' as const, label: '提交申报', validates: true },
      { from: ['returned'], to: 'declared', by: 'merchant' as const, label: '重新提交', validates: true },
      { from: ['declared'], to: 'reviewing', by: 'platform' as const, label: '已报送税务机关' },
      { from: ['reviewing'], to: 'treasury', by: 'platform' as const, label: '审核通过，办理退库' },
      { from: ['treasury'], to: 'paid', by: 'platform' as const, label: '退税款已到账' },
      { from: ['declared', 'reviewing'], to: 'returned', by: 'platform' as const, label: '退回补正', noteRequired: true },
      { from: ['declared', 'reviewing'], to: 'rejected', by: 'platform' as const, label: '不予退税', noteRequired: true },
    ],
    fields: [
      {
        path: 'enterpriseType',
        label: '企业类型',
        type: 'select' as const,
        required: true,
        options: [
          { value: 'trading', label: '外贸企业（按进项发票计算）' },
          { value: 'producer', label: '生产企业（免抵退，按 FOB 计算）' },
        ],
      },
      { path: 'orderAmount', label: '退税订单金额（出口 FOB，人民币元）', type: 'decimal' as const, required: true, placeholder: '例如 86500.00' },
      {
        path: 'purchaseAmount',
        label: '进项发票不含税金额（元）',
        type: 'decimal' as const,
        required: true,
        when: { path: 'enterpriseType', in: ['trading'] },
        placeholder: '例如 72000.00',
      },
      { path: 'hsCode', label: '主要出口商品 HS 编码', type: 'text' as const, required: true, placeholder: '例如 7116200000（水晶制品）' },
      { path: 'exportDate', label: '出口日期', type: 'text' as const, required: true, placeholder: 'YYYY-MM-DD' },
      { path: 'invoiceNo', label: '进项发票号码', type: 'text' as const, required: false },
      { path: 'note', label: '备注', type: 'textarea' as const, required: false },
    ],
    fileSlots: FILE_SLOTS,
    prerequisites: [],
    requiresRegistration: true,
    validate(data: Record<string, unknown>): MissingItem[] {
      const out: MissingItem[] = [];
      if (typeof data.hsCode === 'string' && data.hsCode.trim() && !/^\d{4,10}$/.test(data.hsCode.trim()))
        out.push({ field: 'hsCode', label: '主要出口商品 HS 编码（应为 4–10 位数字）', reason: 'invalid' });
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      if (typeof data.exportDate === 'string' && data.exportDate && (!isDate(data.exportDate) || data.exportDate > today))
        out.push({ field: 'exportDate', label: '出口日期（YYYY-MM-DD，不能晚于今天）', reason: 'invalid' });
      if (data.customsBatches !== undefined && (!Array.isArray(data.customsBatches) || !data.customsBatches.every((x) => typeof x === 'string')))
        out.push({ field: 'customsBatches', label: '关联的报关批次', reason: 'invalid' });
      return out;
    },
    async validateAsync({ data, db }: KindCheckContext): Promise<MissingItem[]> {
      const out: MissingItem[] = [];
      const files = (data.files ?? {}) as Record<string, string>;
      // `db` is narrowed to the application's merchant: another merchant's file is simply not found.
      const rows = await db.table('api::private-file.private-file').resolve(Object.values(files), { select: ['documentId', 'storageKey'] });
      for (const slot of FILE_SLOTS) {
        const row = rows.get(files[slot.key]);
        if (!row) continue;
        let problem: string | null;
        try {
          problem = pdfProblem(await fs.promises.readFile(path.join(host(strapi).privateDir(), row.storageKey)));
        } catch {
          problem = '文件已丢失，请重新上传';
        }
        if (problem) out.push({ field: `files.${slot.key}`, label: `${slot.label}：${problem}`, reason: 'invalid' });
      }
      const batches = Array.isArray(data.customsBatches) ? (data.customsBatches as string[]) : [];
      if (batches.length) {
        const own = strapi.plugin('customs') ? await db.table('plugin::customs.batch').resolve(batches, { select: ['documentId'] }) : new Map();
        if (own.size !== new Set(batches).size) out.push({ field: 'customsBatches', label: '关联的报关批次（须为本商户的批次）', reason: 'invalid' });
      }
      if (!(await rates().estimateFor(data))) out.push({ field: 'hsCode', label: '主要出口商品 HS 编码（未找到适用的退税率，请核对或联系平台）', reason: 'invalid' });
      return out;
    },
    webLink: (id: string) => `/tax-refund/${id}`,
    mpPath: (id: string) => `packageTaxRefund/pages/detail/index?id=${id}`,
  };
}
