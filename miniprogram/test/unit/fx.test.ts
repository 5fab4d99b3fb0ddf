import type { ApiClient } from '../../src/services/api';
import { messagePage } from '../../src/services/message-center';
import { ApiError } from '../../src/utils/errors';
import {
  accountView,
  alertInput,
  alertRows,
  changeText,
  createSettlement,
  estimateText,
  evidenceSlots,
  fetchLedger,
  fetchRateHistory,
  fileSize,
  ledgerRows,
  listSettlements,
  missingProfileLabels,
  PAGES,
  pickCurrency,
  profileRows,
  rateCards,
  ratesAsOf,
  rateTrend,
  settleDateRange,
  settleError,
  SettleForm,
  settlementInput,
  settlementRows,
  settlementSteps,
  settlementView,
  trendView,
  updateAlert,
  validateAlert,
  validateSettlement,
} from '../../src/packageFx/fx';
import { account, alerts, history, incompleteProfile, ledgerEntries, rates, settlementDetail, settlementsBody } from '../helpers/fx-fixtures';

/** A client that records calls and answers `answer`. */
function fakeClient(answer: unknown = { data: {} }) {
  const calls: Array<{ method: string; path: string; body?: unknown; query?: unknown }> = [];
  const record = (method: string) =>
    jest.fn((path: string, a?: unknown, b?: unknown) => {
      const options = (method === 'GET' || method === 'DELETE' ? a : b) as { query?: unknown } | undefined;
      calls.push({ method, path, body: method === 'POST' || method === 'PUT' ? a : undefined, query: options && options.query });
      return Promise.resolve(answer);
    });
  const client = { request: jest.fn(), get: record('GET'), post: record('POST'), put: record('PUT'), del: record('DELETE') } as unknown as ApiClient;
  return { client, calls };
}

const form = (extra: Partial<SettleForm> = {}): SettleForm => ({
  amount: '1000.00',
  date: '2026-11-20',
  rate: '7.1234',
  note: '',
  evidence: { fx_withdrawal: 'pf-w', fx_statement: 'pf-s', fx_logistics: 'pf-l' },
  ...extra,
});

const NOW = new Date(2026, 10, 22, 10, 0, 0); // 22 Nov 2026, local time

describe('packageFx: API calls (contract paths)', () => {
  it('history, ledger, settlements, create, alerts', async () => {
    const { client, calls } = fakeClient({ data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 0 } } });
    await fetchRateHistory('EUR', 90, client);
    await fetchLedger(2, 20, client);
    await listSettlements(1, 20, client);
    await createSettlement({ amount: '1.00', date: '2026-11-20', rate: '7.1', evidence: ['a', 'b', 'c'] }, client);
    await updateAlert('a 1', { active: false }, client);
    expect(calls).toEqual([
      { method: 'GET', path: '/api/fx/rates/history', body: undefined, query: { currency: 'EUR', days: 90 } },
      { method: 'GET', path: '/api/fx/ledger', body: undefined, query: { 'pagination[page]': 2, 'pagination[pageSize]': 20 } },
      { method: 'GET', path: '/api/fx/settlements', body: undefined, query: { 'pagination[page]': 1, 'pagination[pageSize]': 20 } },
      { method: 'POST', path: '/api/fx/settlements', body: { amount: '1.00', date: '2026-11-20', rate: '7.1', evidence: ['a', 'b', 'c'] }, query: undefined },
      { method: 'PUT', path: '/api/fx/alerts/a%201', body: { active: false }, query: undefined },
    ]);
  });

  it('reads the pagination of a list answer, and completes one the server left out from the rows', async () => {
    const given = fakeClient({ data: ledgerEntries(), meta: { pagination: { page: 3, pageSize: 4, pageCount: 9, total: 35 } } });
    expect((await fetchLedger(3, 4, given.client)).meta.pagination).toEqual({ page: 3, pageSize: 4, pageCount: 9, total: 35 });
    const bare = fakeClient({ data: ledgerEntries() });
    expect((await fetchLedger(2, 20, bare.client)).meta.pagination).toEqual({ page: 2, pageSize: 20, pageCount: 2, total: 24 });
  });

  it('the pages WeChat pushes open, and message links', () => {
    expect(PAGES.index('USD')).toBe('/packageFx/pages/index/index?currency=USD');
    expect(PAGES.settlement('s1')).toBe('/packageFx/pages/settlement/index?id=s1');
    expect(messagePage({ link: '/fx/settlements/abc123', module: 'fx' })).toBe('/packageFx/pages/settlement/index?id=abc123');
    expect(messagePage({ link: '/fx?currency=usd', module: 'fx' })).toBe('/packageFx/pages/index/index?currency=USD');
    expect(messagePage({ link: '/fx', module: 'fx' })).toBe('/packageFx/pages/index/index');
    expect(messagePage({ link: 'packageFx/pages/settlement/index?id=s9', module: 'fx' })).toBe('/packageFx/pages/settlement/index?id=s9');
    expect(messagePage({ link: null, module: 'fx' })).toBe('/packageFx/pages/index/index');
    // not an FX link
    expect(messagePage({ link: '/fxx', module: null })).toBe('');
  });
});

describe('packageFx: account (X2)', () => {
  it('balance, available, 结汇中金额, update time, settling count', () => {
    const view = accountView(account());
    expect(view).toMatchObject({
      balance: '$12,580.00',
      available: '$12,080.00',
      frozen: '$500.00',
      hasFrozen: true,
      settlingText: '1 笔结汇处理中',
      profileComplete: true,
      profileNotice: '',
    });
    expect(view.updatedText).toMatch(/^余额更新于 2026-11-21 \d\d:00$/);
    const fresh = accountView(account({ balance: '0.00', frozen: '0.00', available: '0.00', updatedAt: null, settling: 0 }));
    expect(fresh).toMatchObject({ hasFrozen: false, settlingText: '', updatedText: '暂无入账记录，银行入账后自动更新' });
  });

  it('an incomplete 我的 names what is missing', () => {
    const view = accountView(account({}, incompleteProfile));
    expect(view.profileComplete).toBe(false);
    expect(view.profileNotice).toBe('快速结汇前，请先在「我的」补全：结汇银行卡号（人民币）、开户行');
    // without `missing`, the empty fields are named
    expect(missingProfileLabels(account({}, { fxSubAccount: null, complete: false, missing: [] }))).toEqual(['外汇子账户（美元）']);
  });

  it('profile rows: the four quoted fields, empty ones marked', () => {
    expect(profileRows({ fxSubAccount: 'A1', settlementCardNo: null, settlementBankName: '建行', legalPersonName: '王晶华' })).toEqual([
      { key: 'fxSubAccount', label: '外汇子账户（美元）', value: 'A1', empty: false },
      { key: 'settlementCardNo', label: '结汇银行卡号（人民币）', value: '未填写', empty: true },
      { key: 'settlementBankName', label: '开户行', value: '建行', empty: false },
      { key: 'legalPersonName', label: '法人姓名', value: '王晶华', empty: false },
    ]);
  });
});

describe('packageFx: rates and trend (X1)', () => {
  it('cards: rate, signed change with percentage, trend colour, stale mark, selection', () => {
    const cards = rateCards(rates(), 'EUR');
    expect(cards).toHaveLength(6);
    expect(cards[0]).toMatchObject({ currency: 'USD', name: '美元', pair: 'USD/CNY', rate: '7.1234', changeText: '+0.0123（+0.17%）', trend: 'up', selected: false });
    expect(cards[1]).toMatchObject({ currency: 'EUR', changeText: '-0.0210（-0.27%）', trend: 'down', selected: true });
    expect(cards[2]).toMatchObject({ pair: '100JPY/CNY', changeText: '0.0000（0.00%）', trend: 'flat' });
    expect(cards[5]).toMatchObject({ currency: 'AUD', stale: true, changeText: '—', trend: 'flat' });
    expect(rateTrend('+0.5')).toBe('up');
    expect(rateTrend('garbage')).toBe('flat');
    expect(changeText({ change: '0.0100', changePct: null })).toBe('+0.0100');
    expect(ratesAsOf(rates())).toBe('2026-11-21 · 中国外汇交易中心');
    expect(ratesAsOf([])).toBe('');
  });

  it('?currency= picks a board currency; anything else falls back to USD', () => {
    expect(pickCurrency('EUR', rates())).toBe('EUR');
    expect(pickCurrency('eur', rates())).toBe('EUR');
    expect(pickCurrency('XYZ', rates())).toBe('USD');
    expect(pickCurrency('', rates())).toBe('USD');
    expect(pickCurrency('', rates().slice(1))).toBe('EUR');
    expect(pickCurrency('GBP', [])).toBe('GBP');
  });

  it('trend bars span the range; extremes picked exactly', () => {
    const view = trendView(history())!;
    expect(view).toMatchObject({ high: '7.1500', low: '7.1000', first: '7.1000', last: '7.1234', trend: 'up', startDate: '2026-11-19', endDate: '2026-11-21' });
    expect(view.bars.map((b) => b.height)).toEqual(['12.0', '100.0', '53.2']);
    expect(view.bars.map((b) => b.last)).toEqual([false, false, true]);
    const flat = trendView(
      history('USD', [
        ['2026-11-20', '7.1000'],
        ['2026-11-21', '7.10'],
      ]),
    )!;
    expect(flat.bars.map((b) => b.height)).toEqual(['56.0', '56.0']);
    expect(flat.trend).toBe('flat');
    expect(trendView(history('USD', []))).toBeNull();
    expect(trendView(null)).toBeNull();
  });
});

describe('packageFx: alerts (X1)', () => {
  it('rows say what triggers them, the current rate and the last trigger', () => {
    const rows = alertRows(alerts(), rates());
    expect(rows[0]).toMatchObject({ id: 'a1', label: '美元 高于 7.2000', active: true, currentText: '当前 7.1234', triggeredText: '' });
    expect(rows[1].label).toBe('欧元 低于 7.6000');
    expect(rows[1].active).toBe(false);
    expect(rows[1].triggeredText).toMatch(/^2026-11-18 \d\d:00 已触发$/);
  });

  it('validates the threshold (> 0, at most 4 decimals)', () => {
    const base = { currency: 'USD', direction: 'above' as const };
    expect(validateAlert({ ...base, threshold: '' })).toEqual({ threshold: '请输入大于 0 的预警汇率' });
    expect(validateAlert({ ...base, threshold: '0' })).toEqual({ threshold: '请输入大于 0 的预警汇率' });
    expect(validateAlert({ ...base, threshold: '7.12345' }).threshold).toBeTruthy();
    expect(validateAlert({ ...base, threshold: 'abc' }).threshold).toBeTruthy();
    expect(validateAlert({ ...base, threshold: ' 7.2 ' })).toEqual({});
    expect(alertInput({ ...base, threshold: ' 7.2 ' })).toEqual({ currency: 'USD', direction: 'above', threshold: '7.2' });
  });
});

describe('packageFx: records and ledger', () => {
  it('settlement rows', () => {
    const rows = settlementRows(settlementsBody().data);
    expect(rows[0]).toMatchObject({
      id: 's2',
      statusLabel: '处理中',
      tone: 'processing',
      amount: '$500.00',
      rateText: '汇率 7.1234',
      page: '/packageFx/pages/settlement/index?id=s2',
    });
    expect(rows[1]).toMatchObject({ statusLabel: '已完成', tone: 'success', amount: '$1,000.00' });
  });

  it('ledger rows: balance moves signed, freezes as 冻结/解冻, links to their settlement', () => {
    const rows = ledgerRows(ledgerEntries());
    expect(rows.map((r) => [r.typeLabel, r.amount, r.tone])).toEqual([
      ['结汇冻结', '冻结 $500.00', 'frozen'],
      ['结汇', '-$1,000.00', 'out'],
      ['结汇解冻', '解冻 $200.00', 'frozen'],
      ['余额更新', '+$13,580.00', 'in'],
    ]);
    expect(rows[0]).toMatchObject({
      balanceText: '余额 $12,580.00',
      availableText: '可用 $12,080.00',
      note: '结汇申请 JH20261121000002',
      page: '/packageFx/pages/settlement/index?id=s2',
    });
    expect(rows[3].page).toBe('');
  });
});

describe('packageFx: 快速结汇 form (X3)', () => {
  it('the three evidence slots are the private-file categories', () => {
    expect(evidenceSlots().map((s) => [s.key, s.label])).toEqual([
      ['fx_withdrawal', '提现截图'],
      ['fx_statement', '收款平台流水'],
      ['fx_logistics', '物流发货信息'],
    ]);
  });

  it('date range: the last 30 days up to today (the server’s window)', () => {
    expect(settleDateRange(NOW)).toEqual({ start: '2026-10-23', end: '2026-11-22' });
    expect(settleDateRange(new Date(2026, 2, 31))).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(settleDateRange(new Date(2026, 0, 5))).toEqual({ start: '2025-12-06', end: '2026-01-05' });
  });

  it('a complete form passes; the amount may equal but not exceed the available amount (exact, no floats)', () => {
    expect(validateSettlement(form(), '12080.00', NOW)).toEqual({});
    expect(validateSettlement(form({ amount: '12080' }), '12080.00', NOW)).toEqual({});
    expect(validateSettlement(form({ amount: '12080.01' }), '12080.00', NOW)).toEqual({ amount: '结汇金额不能超过可用余额 $12,080.00' });
    // no account answer yet: the server decides
    expect(validateSettlement(form({ amount: '99999' }), null, NOW)).toEqual({});
  });

  it('says what is wrong with each field', () => {
    const errors = validateSettlement(form({ amount: '0', date: '2026-09-01', rate: '7.12345', note: 'x'.repeat(501), evidence: { fx_statement: 'pf-s' } }), '12080.00', NOW);
    expect(errors).toEqual({
      amount: '请输入大于 0 的结汇金额',
      date: '请选择结汇日期',
      rate: '结汇汇率最多 4 位小数',
      'evidence.fx_withdrawal': '请上传提现截图',
      'evidence.fx_logistics': '请上传物流发货信息',
      note: '备注最多 500 字',
    });
    expect(validateSettlement(form({ amount: '', rate: '' }), '1', NOW)).toMatchObject({ amount: '请输入大于 0 的结汇金额', rate: '请输入大于 0 的结汇汇率' });
    expect(validateSettlement(form({ amount: '1.234' }), '100', NOW).amount).toBe('结汇金额最多 2 位小数');
    expect(validateSettlement(form({ date: '2026-11-23' }), '12080', NOW).date).toBeTruthy();
  });

  it('the request body: evidence in slot order, note only when written', () => {
    expect(settlementInput(form({ amount: ' 1000.5 ', note: '  ' }))).toEqual({ amount: '1000.5', date: '2026-11-20', rate: '7.1234', evidence: ['pf-w', 'pf-s', 'pf-l'] });
    expect(settlementInput(form({ note: ' 10 月回款 ' })).note).toBe('10 月回款');
  });

  it('estimates the CNY amount exactly', () => {
    expect(estimateText('1000', '7.1234')).toBe('预计可结人民币 ¥7,123.40（以银行实际结算为准）');
    expect(estimateText('12580.00', '7.1234')).toBe('预计可结人民币 ¥89,612.37（以银行实际结算为准）');
    expect(estimateText('', '7.1234')).toBe('');
    expect(estimateText('10', '0')).toBe('');
  });

  it('server errors in Chinese: INSUFFICIENT_AVAILABLE names the available amount; fields go under their inputs', () => {
    const insufficient = new ApiError(409, 'INSUFFICIENT_AVAILABLE', '可用余额不足', { available: '800.00' });
    expect(settleError(insufficient, form())).toEqual({
      message: '可用余额不足，当前可用余额为 $800.00',
      errors: { amount: '可用余额不足，当前可用余额为 $800.00' },
      available: '800.00',
    });
    const validation = new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误', {
      errors: [
        { field: 'date', message: '结汇日期不能早于一个月前' },
        { field: 'evidence', message: '请上传三项验证信息' },
      ],
    });
    expect(settleError(validation, form({ evidence: { fx_withdrawal: 'pf-w' } }))).toEqual({
      message: '提交的信息有误',
      errors: { date: '结汇日期不能早于一个月前', 'evidence.fx_statement': '请上传三项验证信息' },
      available: null,
    });
    expect(settleError(new Error('boom')).message).toBe('操作失败，请稍后重试');
  });
});

describe('packageFx: 结汇详情 (X3/X4)', () => {
  it('steps 提交申请 → 银行处理中 → 结汇完成', () => {
    expect(settlementSteps()).toEqual([
      { key: 'submitted', label: '提交申请' },
      { key: 'processing', label: '银行处理中' },
      { key: 'completed', label: '结汇完成' },
    ]);
  });

  it('completed: result rows, submitted data, evidence, profile, timeline newest first', () => {
    const view = settlementView(settlementDetail());
    expect(view).toMatchObject({ number: 'JH20261120000001', status: 'completed', statusLabel: '已完成', tone: 'success', amount: '$1,000.00', completed: true, rejected: false });
    expect(view.result).toEqual([
      { key: 'actualRate', label: '实际结算汇率', value: '7.1180' },
      { key: 'cnyAmount', label: '人民币到账金额', value: '¥7,118.00' },
      { key: 'remainingUsd', label: '剩余美元', value: '$11,580.00' },
    ]);
    expect(view.submitted.map((r) => r.key)).toEqual(['amount', 'date', 'rate', 'note', 'createdAt', 'completedAt']);
    expect(view.evidence.map((e) => [e.label, e.name, e.size, e.kind])).toEqual([
      ['提现截图', 'withdrawal.jpg', '200 KB', '图片'],
      ['收款平台流水', 'statement.pdf', '1.5 MB', 'PDF'],
      ['物流发货信息', 'waybill.png', '512 B', '图片'],
    ]);
    expect(view.profile.map((p) => p.value)).toEqual(['32050161000000001234', '6217001234567890123', '中国建设银行东海支行', '王晶华']);
    expect(view.timeline.map((r) => [r.title, r.tone, r.actor])).toEqual([
      ['结汇完成', 'success', '平台运营 李敏'],
      ['提交申请', 'default', '王晶华'],
    ]);
  });

  it('processing: no result yet; rejected: the reason', () => {
    const processing = settlementView(
      settlementDetail({ status: 'processing', statusLabel: '处理中', actualRate: null, cnyAmount: null, remainingUsd: null, completedAt: null, note: null }),
    );
    expect(processing).toMatchObject({ processing: true, completed: false, result: [] });
    expect(processing.submitted.map((r) => r.key)).toEqual(['amount', 'date', 'rate', 'createdAt']);
    const rejected = settlementView(
      settlementDetail({ status: 'rejected', statusLabel: '已驳回', rejectReason: ' 物流信息与提现金额不符 ', actualRate: null, cnyAmount: null, remainingUsd: null }),
    );
    expect(rejected).toMatchObject({ rejected: true, tone: 'error', rejectReason: '物流信息与提现金额不符', result: [] });
    expect(fileSize(0)).toBe('0 B');
  });
});
