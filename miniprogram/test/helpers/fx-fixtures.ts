import type { FxAccount, FxAlert, FxRate, FxRateHistory, LedgerEntry, SettlementDetail, SettlementListItem } from '@jmt/api-types';

/** 收结汇 answers shaped like API_CONTRACT.md "FX" (the demo merchant 东海县晶华水晶饰品有限公司). */

const rate = (currency: FxRate['currency'], name: string, value: string, change: string | null, changePct: string | null, extra: Partial<FxRate> = {}): FxRate => ({
  currency,
  name,
  pair: currency === 'JPY' ? '100JPY/CNY' : `${currency}/CNY`,
  unit: currency === 'JPY' ? 100 : 1,
  rate: value,
  date: '2026-11-21',
  source: 'cfets',
  sourceLabel: '中国外汇交易中心',
  previousRate: null,
  change,
  changePct,
  stale: false,
  ...extra,
});

export const rates = (): FxRate[] => [
  rate('USD', '美元', '7.1234', '0.0123', '0.17'),
  rate('EUR', '欧元', '7.7012', '-0.0210', '-0.27'),
  rate('JPY', '日元', '4.7321', '0.0000', '0.00'),
  rate('GBP', '英镑', '9.0123', '0.0456', '0.51'),
  rate('HKD', '港元', '0.9123', '-0.0012', '-0.13'),
  rate('AUD', '澳元', '4.6543', null, null, { stale: true, date: '2026-11-14', source: 'bundled', sourceLabel: '内置历史汇率' }),
];

export const ratesBody = (stale = false) => ({ data: rates(), meta: { stale, lastFetch: { at: '2026-11-21T01:30:00.000Z', ok: !stale, provider: 'cfets', error: null } } });

export const history = (
  currency = 'USD',
  points: Array<[string, string]> = [
    ['2026-11-19', '7.1000'],
    ['2026-11-20', '7.1500'],
    ['2026-11-21', '7.1234'],
  ],
): FxRateHistory => ({
  currency: currency as FxRateHistory['currency'],
  name: currency === 'EUR' ? '欧元' : '美元',
  unit: 1,
  points: points.map(([date, value]) => ({ date, rate: value, source: 'cfets' as const })),
});

export const account = (extra: Partial<FxAccount> = {}, profile: Partial<FxAccount['profile']> = {}): FxAccount => ({
  currency: 'USD',
  balance: '12580.00',
  frozen: '500.00',
  available: '12080.00',
  updatedAt: '2026-11-21T02:00:00.000Z',
  settling: 1,
  profile: {
    fxSubAccount: '32050161000000001234',
    settlementCardNo: '6217001234567890123',
    settlementBankName: '中国建设银行东海支行',
    legalPersonName: '王晶华',
    complete: true,
    missing: [],
    ...profile,
  },
  ...extra,
});

export const incompleteProfile = {
  settlementCardNo: null,
  settlementBankName: null,
  complete: false,
  missing: ['settlementCardNo', 'settlementBankName'] as Array<'settlementCardNo' | 'settlementBankName'>,
};

export const settlementItem = (extra: Partial<SettlementListItem> = {}): SettlementListItem => ({
  id: 's1',
  number: 'JH20261120000001',
  status: 'completed',
  statusLabel: '已完成',
  amount: '1000.00',
  date: '2026-11-20',
  rate: '7.1200',
  note: null,
  merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司' },
  createdAt: '2026-11-20T02:00:00.000Z',
  completedAt: '2026-11-20T08:00:00.000Z',
  ...extra,
});

export const settlementsBody = () => ({
  data: [
    settlementItem({ id: 's2', number: 'JH20261121000002', status: 'processing', statusLabel: '处理中', amount: '500.00', rate: '7.1234', date: '2026-11-21', completedAt: null }),
    settlementItem(),
  ],
  meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 2 } },
});

export const settlementDetail = (extra: Partial<SettlementDetail> = {}): SettlementDetail => ({
  ...settlementItem(),
  note: 'Amazon 美国站 10 月回款',
  profile: { fxSubAccount: '32050161000000001234', settlementCardNo: '6217001234567890123', settlementBankName: '中国建设银行东海支行', legalPersonName: '王晶华' },
  evidence: [
    { id: 'pf-w', category: 'fx_withdrawal', label: '提现截图', originalName: 'withdrawal.jpg', mime: 'image/jpeg', size: 204800 },
    { id: 'pf-s', category: 'fx_statement', label: '收款平台流水', originalName: 'statement.pdf', mime: 'application/pdf', size: 1572864 },
    { id: 'pf-l', category: 'fx_logistics', label: '物流发货信息', originalName: 'waybill.png', mime: 'image/png', size: 512 },
  ],
  actualRate: '7.1180',
  cnyAmount: '7118.00',
  remainingUsd: '11580.00',
  rejectReason: null,
  timeline: [
    { status: 'processing', label: '提交申请', note: null, actorName: '王晶华', at: '2026-11-20T02:00:00.000Z' },
    { status: 'completed', label: '结汇完成', note: '已入账', actorName: '平台运营 李敏', at: '2026-11-20T08:00:00.000Z' },
  ],
  canAct: false,
  ...extra,
});

export const ledgerEntries = (): LedgerEntry[] => [
  {
    id: 'l4',
    type: 'freeze',
    typeLabel: '结汇冻结',
    balanceDelta: '0.00',
    frozenDelta: '500.00',
    balanceAfter: '12580.00',
    frozenAfter: '500.00',
    availableAfter: '12080.00',
    note: '结汇申请 JH20261121000002',
    settlementId: 's2',
    createdAt: '2026-11-21T03:00:00.000Z',
  },
  {
    id: 'l3',
    type: 'settlement',
    typeLabel: '结汇',
    balanceDelta: '-1000.00',
    frozenDelta: '-1000.00',
    balanceAfter: '12580.00',
    frozenAfter: '0.00',
    availableAfter: '12580.00',
    note: null,
    settlementId: 's1',
    createdAt: '2026-11-20T08:00:00.000Z',
  },
  {
    id: 'l2',
    type: 'unfreeze',
    typeLabel: '结汇解冻',
    balanceDelta: '0.00',
    frozenDelta: '-200.00',
    balanceAfter: '13580.00',
    frozenAfter: '1000.00',
    availableAfter: '12580.00',
    note: '驳回',
    settlementId: 's0',
    createdAt: '2026-11-19T08:00:00.000Z',
  },
  {
    id: 'l1',
    type: 'balance_update',
    typeLabel: '余额更新',
    balanceDelta: '13580.00',
    frozenDelta: '0.00',
    balanceAfter: '13580.00',
    frozenAfter: '0.00',
    availableAfter: '13580.00',
    note: '银行余额上传',
    settlementId: null,
    createdAt: '2026-11-18T08:00:00.000Z',
  },
];

export const alerts = (): FxAlert[] => [
  { id: 'a1', currency: 'USD', direction: 'above', threshold: '7.2000', active: true, lastSide: 'below', triggeredAt: null, currentRate: '7.1234' },
  { id: 'a2', currency: 'EUR', direction: 'below', threshold: '7.6000', active: false, lastSide: 'above', triggeredAt: '2026-11-18T02:00:00.000Z', currentRate: '7.7012' },
];
