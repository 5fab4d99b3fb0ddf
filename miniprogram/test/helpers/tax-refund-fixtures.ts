import type { KindInfo, LinkedBatch, RefundEstimate, TimelineEntry } from '@jmt/api-types';
import type { RefundDetail, RefundItem } from '../../src/packageTaxRefund/taxrefund';

/** 出口退税 answers shaped like API_CONTRACT.md "Tax refund" (the demo merchant 东海县晶华水晶饰品有限公司). */

export const DATA = {
  enterpriseType: 'trading' as const,
  orderAmount: '86500.00',
  purchaseAmount: '72000.00',
  hsCode: '7116200000',
  exportDate: '2026-11-10',
  invoiceNo: '32002541300087451',
};

export const PDFS = { tax_declaration: 'pf-decl', tax_purchase_invoice: 'pf-purchase', tax_sales_invoice: 'pf-sales' };

export const estimate = (extra: Partial<RefundEstimate> = {}): RefundEstimate => ({
  hsCode: '7116200000',
  matchedCode: '7116200000',
  description: '天然或合成宝石制品（水晶制品）',
  rate: '13',
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  basis: 'purchase',
  baseAmount: '72000.00',
  estimate: '9360.00',
  formula: '72000.00 × 13% = 9360.00',
  ...extra,
});

const LABELS: Record<string, string> = { draft: '填写申请', declared: '申报', reviewing: '审核', treasury: '退库', paid: '到账', returned: '退回补正', rejected: '不予退税' };

export const refundItem = (extra: Partial<RefundItem> = {}): RefundItem => {
  const status = extra.status || 'reviewing';
  return {
    id: 'r1',
    documentId: 'r1',
    number: 'TR-20261112-00001',
    kind: 'tax-refund',
    kindLabel: '出口退税',
    module: 'tax-refund',
    status,
    statusLabel: LABELS[status],
    owner: status === 'draft' || status === 'returned' ? 'merchant' : status === 'paid' || status === 'rejected' ? 'none' : 'platform',
    editable: status === 'draft' || status === 'returned',
    data: { ...DATA, files: { ...PDFS } },
    lastNote: null,
    merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司' },
    submittedAt: '2026-11-12T02:00:00.000Z',
    lastTransitionAt: '2026-11-14T02:00:00.000Z',
    waitingSince: null,
    completedAt: null,
    createdAt: '2026-11-11T02:00:00.000Z',
    updatedAt: '2026-11-14T02:00:00.000Z',
    links: null,
    estimate: estimate(),
    refundedAmount: null,
    ...extra,
  };
};

/** 晶华's refunds: one in 审核, one 到账 (¥4,680.00), one 退回, one draft, one 不予退税. */
export const refundList = (): RefundItem[] => [
  refundItem({
    id: 'r5',
    documentId: 'r5',
    number: 'TR-20261120-00005',
    status: 'draft',
    submittedAt: null,
    estimate: null,
    data: { enterpriseType: 'trading', orderAmount: '1000.00' } as RefundItem['data'],
  }),
  refundItem({ id: 'r4', documentId: 'r4', number: 'TR-20261118-00004', status: 'returned', lastNote: '进项发票金额与报关单不符', estimate: estimate({ estimate: '4550.00' }) }),
  refundItem({ id: 'r1', documentId: 'r1', status: 'reviewing' }),
  refundItem({
    id: 'r3',
    documentId: 'r3',
    number: 'TR-20261105-00003',
    status: 'rejected',
    lastNote: '出口报关单非“出口退税专用”联',
    estimate: estimate({ estimate: '1300.10' }),
  }),
  refundItem({
    id: 'r2',
    documentId: 'r2',
    number: 'TR-20261020-00002',
    status: 'paid',
    completedAt: '2026-11-08T02:00:00.000Z',
    data: { ...DATA, hsCode: '71039920', orderAmount: '42800.00', purchaseAmount: '36000.00', files: { ...PDFS } },
    estimate: estimate({ hsCode: '71039920', matchedCode: '71039920', estimate: '4680.00', baseAmount: '36000.00', formula: '36000.00 × 13% = 4680.00' }),
    refundedAmount: '4680.00',
  }),
];

export const listBody = (items: RefundItem[] = refundList(), pagination = { page: 1, pageSize: 100, pageCount: 1, total: items.length }) => ({
  data: items,
  meta: { pagination },
});

export const timeline = (...moves: Array<[string | null, string, string | null]>): TimelineEntry[] =>
  moves.map(([from, to, note], index) => ({
    from,
    to,
    fromLabel: from ? LABELS[from] : null,
    toLabel: LABELS[to],
    note,
    actorName: from === null || to === 'declared' ? '王晶华' : '晶贸通平台',
    actorKind: from === null || to === 'declared' ? 'merchant' : 'platform',
    createdAt: `2026-11-1${index}T02:00:00.000Z`,
  }));

export const refundDetail = (extra: Partial<RefundDetail> = {}): RefundDetail => ({
  ...refundItem({ status: extra.status || 'reviewing' }),
  timeline: timeline([null, 'draft', null], ['draft', 'declared', null], ['declared', 'reviewing', null]),
  allowedTransitions: [],
  returns: [],
  batches: [],
  documents: [],
  ...extra,
});

export const batches = (): LinkedBatch[] => [
  { id: 'b1', number: 'CB-20261101-0001', name: 'TikTok 11 月第一批', tradeMode: '9610', releasedInventories: 5, createdAt: '2026-11-01T02:00:00.000Z' },
  { id: 'b2', number: 'CB-20261105-0002', name: '亚马逊备货', tradeMode: '9810', releasedInventories: 2, createdAt: '2026-11-05T02:00:00.000Z' },
];

/** The tax-refund kind as GET /api/applications/kinds sends it (slots only matter to the form). */
export const kind = (): Partial<KindInfo> => ({
  kind: 'tax-refund',
  module: 'tax-refund',
  label: '出口退税',
  states: [],
  steps: [
    { key: 'declared', label: '申报' },
    { key: 'reviewing', label: '审核' },
    { key: 'treasury', label: '退库' },
    { key: 'paid', label: '到账' },
  ],
  fileSlots: [
    { key: 'tax_declaration', label: '出口报关单（PDF）', required: true, hint: '海关出具的出口报关单，须为“出口退税专用”联', when: null },
    { key: 'tax_purchase_invoice', label: '进项发票（增值税专用发票，PDF）', required: true, hint: '与报关单商品对应的增值税专用发票', when: null },
    { key: 'tax_sales_invoice', label: '销售发票（出口发票，PDF）', required: true, hint: '出口销售发票或形式发票', when: null },
  ],
});
