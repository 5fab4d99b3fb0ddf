/** @jest-environment jsdom */
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx, RecordedRequest } from '../helpers/fake-wx';
import { account, alerts, history, incompleteProfile, ledgerEntries, ratesBody, settlementDetail, settlementsBody } from '../helpers/fx-fixtures';
import { loadPage, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const dom = (comp: Comp) => comp.dom as HTMLElement;
const text = (comp: Comp) => dom(comp).textContent!.replace(/\s+/g, ' ');
const textOf = (node: unknown) => (node as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, ' ');
/** Text without any spaces (labels and values sit in separate views). */
const flat = (node: unknown) => (node as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, '');
const attr = (node: unknown, name: string) => (node as { dom: HTMLElement }).dom.getAttribute(name);
/** antd-mini Button renders its className on the inner wx-button (ant-button--<className>). */
const buttons = (comp: Comp, name: string) => dom(comp).querySelectorAll(`wx-button[class~="ant-button--${name}"]`);
const stepOf = (comp: Comp, kind: string) => Array.from(dom(comp).querySelectorAll(`[class~="ant-steps--ant-steps-item-title-${kind}"]`)).map((n) => n.textContent);
const requestsTo = (fake: FakeWx, re: RegExp, method = 'GET') => fake.requests.filter((r) => r.method === method && re.test(r.url));
const queryOf = (r: RecordedRequest) => Object.fromEntries(new URL(r.url).searchParams.entries());

let fake: FakeWx;
const query = { current: {} as Record<string, string> };
let modalAnswer = true;

const me = (role: 'admin' | 'member') => ({
  user: { id: 1, phone: '13900000001', realName: '王晶华', email: null },
  isPlatformStaff: false,
  platformRoles: [],
  merchant: { documentId: 'm1', id: 1, nameCn: '东海县晶华水晶饰品有限公司', nameEn: null, type: 'company', registrationStatus: 'approved' },
  role,
  permissions: [],
  merchants: [{ documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', role, current: true }],
});

beforeEach(() => {
  fake = installFakeWx();
  fake.storage[STORAGE_KEYS.jwt] = 'jwt-fx';
  fake.storage[STORAGE_KEYS.role] = 'admin';
  query.current = {};
  modalAnswer = true;
  fake.api.showModal.mockImplementation((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
    Promise.resolve().then(() => o.success && o.success({ confirm: modalAnswer, cancel: !modalAnswer }));
  });
  (globalThis as unknown as { getApp: () => unknown }).getApp = () => ({ globalData: { homeStale: false } });
});

/** The FX home's answers (admin, complete profile). */
function respondHome(options: { role?: 'admin' | 'member'; account?: ReturnType<typeof account> } = {}) {
  fake.respond('/api/me', { statusCode: 200, data: me(options.role || 'admin') });
  fake.respond('/api/fx/account', { statusCode: 200, data: { data: options.account || account() } });
  fake.respond('/api/fx/rates', { statusCode: 200, data: ratesBody() });
  fake.respond(/\/api\/fx\/rates\/history\?/, (req) => {
    const q = queryOf(req);
    return { statusCode: 200, data: { data: history(q.currency) } };
  });
  fake.respond('/api/fx/alerts', { statusCode: 200, data: { data: alerts() } });
  fake.respond('/api/fx/settlements', { statusCode: 200, data: settlementsBody() });
  fake.respond('/api/fx/ledger', { statusCode: 200, data: { data: ledgerEntries(), meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 4 } } } });
}

// ---------------------------------------------------------------- 收结汇 home

describe('packageFx/pages/index (收结汇, ?currency= from rate-alert pushes)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageFx/pages/index/index', query);
  });

  it('account card, six rates with change colours and stale mark, the USD trend, alerts and 结汇记录', async () => {
    respondHome();
    const comp = render(id);
    await flushPromises(40);
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '收结汇' });
    expect(comp.data.mode).toBe('ready');
    const account = flat(comp.querySelector('.fx-account'));
    expect(account).toContain('账户余额（美元）');
    expect(account).toContain('$12,580.00');
    expect(account).toContain('可用余额$12,080.00');
    expect(account).toContain('结汇中金额$500.00');
    expect(account).toMatch(/余额更新于2026-11-21\d\d:00/);
    expect(account).toContain('1笔结汇处理中');
    expect(comp.querySelectorAll('.fx-settle-btn')).toHaveLength(1);

    const cards = comp.querySelectorAll('.fx-rate');
    expect(cards).toHaveLength(6);
    expect(textOf(cards[0])).toContain('美元');
    expect(textOf(cards[0])).toContain('7.1234');
    expect(textOf(cards[0])).toContain('▲ +0.0123（+0.17%）');
    expect(comp.querySelectorAll('.fx-rate--on')).toHaveLength(1);
    expect(attr(comp.querySelector('.fx-rate--on'), 'data-currency')).toBe('USD');
    // a rise in red, a fall in green
    expect(attr(comp.querySelectorAll('.fx-rate-value')[0], 'class')).toContain('fx-up');
    expect(attr(comp.querySelectorAll('.fx-rate-value')[1], 'class')).toContain('fx-down');
    expect(textOf(cards[1])).toContain('▼ -0.0210（-0.27%）');
    expect(textOf(cards[2])).toContain('100JPY/CNY');
    expect(textOf(cards[5])).toContain('过期');
    expect(text(comp)).toContain('汇率暂未更新，以下为最近一次获取的汇率');
    expect(text(comp)).toContain('2026-11-21 · 中国外汇交易中心');

    const historyCalls = requestsTo(fake, /\/api\/fx\/rates\/history\?/);
    expect(historyCalls).toHaveLength(1);
    expect(queryOf(historyCalls[0])).toEqual({ currency: 'USD', days: '30' });
    expect(text(comp)).toContain('美元走势');
    expect(comp.querySelectorAll('.fx-bar')).toHaveLength(3);
    const trend = flat(comp.querySelector('.fx-trend'));
    expect(trend).toContain('最高7.1500');
    expect(trend).toContain('最低7.1000');
    expect(flat(comp.querySelector('.fx-trend-pick'))).toBe('2026-11-217.1234'); // the newest bar is picked
    expect(flat(comp.querySelector('.fx-seg-item--on'))).toBe('30天');

    expect(comp.querySelectorAll('.fx-alert')).toHaveLength(2);
    expect(text(comp)).toContain('美元 高于 7.2000');
    expect(text(comp)).toContain('欧元 低于 7.6000');

    const rows = comp.querySelectorAll('.fx-settlement');
    expect(rows).toHaveLength(2);
    expect(textOf(rows[0])).toContain('$500.00');
    expect(textOf(rows[0])).toContain('处理中');
    expect(textOf(rows[1])).toContain('已完成');
    rows[1].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageFx/pages/settlement/index?id=s1' });
    comp.querySelector('.fx-settle-btn').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageFx/pages/settle/index' });
  });

  it('?currency=EUR opens on the euro trend; a rate tap and 7/30/90 switch the trend', async () => {
    respondHome();
    query.current = { currency: 'EUR' };
    const comp = render(id);
    await flushPromises(40);
    expect(queryOf(requestsTo(fake, /\/api\/fx\/rates\/history\?/)[0])).toEqual({ currency: 'EUR', days: '30' });
    expect(attr(comp.querySelector('.fx-rate--on'), 'data-currency')).toBe('EUR');
    expect(text(comp)).toContain('欧元走势');

    comp.querySelectorAll('.fx-seg-item')[0].dispatchEvent('tap');
    await flushPromises(20);
    expect(queryOf(requestsTo(fake, /\/api\/fx\/rates\/history\?/).pop()!)).toEqual({ currency: 'EUR', days: '7' });
    expect(flat(comp.querySelector('.fx-seg-item--on'))).toBe('7天');

    comp.querySelectorAll('.fx-rate')[3].dispatchEvent('tap');
    await flushPromises(20);
    expect(queryOf(requestsTo(fake, /\/api\/fx\/rates\/history\?/).pop()!)).toEqual({ currency: 'GBP', days: '7' });
    expect(text(comp)).toContain('英镑走势');

    comp.querySelectorAll('.fx-bar-slot')[0].dispatchEvent('tap');
    await flushPromises();
    expect(flat(comp.querySelector('.fx-trend-pick'))).toBe('2026-11-197.1000');
  });

  it('an unknown ?currency= falls back to USD', async () => {
    respondHome();
    query.current = { currency: 'xx<script>' };
    render(id);
    await flushPromises(40);
    expect(queryOf(requestsTo(fake, /\/api\/fx\/rates\/history\?/)[0]).currency).toBe('USD');
  });

  it('incomplete 我的: no 快速结汇, a notice naming the fields and a link to 我的', async () => {
    respondHome({ account: account({}, incompleteProfile) });
    const comp = render(id);
    await flushPromises(40);
    expect(comp.querySelectorAll('.fx-settle-btn')).toHaveLength(0);
    expect(text(comp)).toContain('快速结汇前，请先在「我的」补全：结汇银行卡号（人民币）、开户行');
    comp.querySelector('.fx-account-link').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
    comp.instance.onSettle();
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
  });

  it('members only look: no 快速结汇, no alert editing', async () => {
    respondHome({ role: 'member' });
    const comp = render(id);
    await flushPromises(40);
    expect(text(comp)).toContain('您是普通成员，仅可查看');
    expect(comp.querySelectorAll('.fx-settle-btn')).toHaveLength(0);
    expect(comp.querySelectorAll('.fx-alert-add')).toHaveLength(0);
    expect(comp.querySelectorAll('.fx-alert-delete')).toHaveLength(0);
    await comp.instance.onAlertSwitch({ currentTarget: { dataset: { index: 0 } }, detail: { value: false } });
    comp.instance.onSettle();
    expect(requestsTo(fake, /\/api\/fx\/alerts/, 'PUT')).toHaveLength(0);
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
  });

  it('adds an alert (prefilled with the current rate, threshold checked), pauses and deletes one', async () => {
    respondHome();
    fake.respond('/api/fx/alerts', (req) =>
      req.method === 'POST' ? { statusCode: 201, data: { data: { ...alerts()[0], id: 'a3', threshold: '7.3000' } } } : { statusCode: 200, data: { data: alerts() } },
    );
    fake.respond(/\/api\/fx\/alerts\/a\d$/, { statusCode: 200, data: { data: { ...alerts()[0], active: false } } });
    const comp = render(id);
    await flushPromises(40);
    comp.querySelector('.fx-alert-add').dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.alertForm).toEqual({ currencyIndex: 0, direction: 'above', threshold: '7.1234' });
    expect(textOf(comp.querySelector('.fx-alert-currency'))).toContain('美元 USD');

    comp.instance.onAlertThreshold({ detail: '7.12345' });
    await comp.instance.onAlertSave();
    expect(text(comp)).toContain('预警汇率最多 4 位小数');
    expect(requestsTo(fake, /\/api\/fx\/alerts$/, 'POST')).toHaveLength(0);

    comp.querySelector('.fx-alert-currency').dispatchEvent('change', { detail: { value: 1 } });
    await flushPromises();
    expect(comp.data.alertForm.threshold).toBe('7.7012'); // the euro's rate
    comp.querySelectorAll('.fx-choice-item')[1].dispatchEvent('tap');
    await flushPromises();
    comp.instance.onAlertThreshold({ detail: '7.6' });
    await comp.instance.onAlertSave();
    await flushPromises(20);
    expect(requestsTo(fake, /\/api\/fx\/alerts$/, 'POST')[0].data).toEqual({ currency: 'EUR', direction: 'below', threshold: '7.6' });
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已添加预警' }));
    expect(comp.data.alertOpen).toBe(false);

    comp.querySelectorAll('.fx-alert-switch')[0].dispatchEvent('change', { detail: { value: false } });
    await flushPromises(20);
    const put = requestsTo(fake, /\/api\/fx\/alerts\/a1$/, 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0].data).toEqual({ active: false });
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已暂停预警' }));

    modalAnswer = false;
    comp.querySelectorAll('.fx-alert-delete')[1].dispatchEvent('tap');
    await flushPromises(20);
    expect(requestsTo(fake, /\/api\/fx\/alerts\/a2$/, 'DELETE')).toHaveLength(0);
    modalAnswer = true;
    comp.querySelectorAll('.fx-alert-delete')[1].dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '确定删除预警“欧元 低于 7.6000”吗？' }));
    expect(requestsTo(fake, /\/api\/fx\/alerts\/a2$/, 'DELETE')).toHaveLength(1);
  });

  it('收结汇明细: loads on first open, shows the ledger and opens a row’s settlement', async () => {
    respondHome();
    const comp = render(id);
    await flushPromises(40);
    expect(requestsTo(fake, /\/api\/fx\/ledger/)).toHaveLength(0);
    comp.querySelectorAll('.fx-tab')[1].dispatchEvent('tap');
    await flushPromises(20);
    expect(requestsTo(fake, /\/api\/fx\/ledger/)).toHaveLength(1);
    const rows = comp.querySelectorAll('.fx-ledger');
    expect(rows).toHaveLength(4);
    expect(textOf(rows[0])).toContain('结汇冻结');
    expect(textOf(rows[0])).toContain('冻结 $500.00');
    expect(textOf(rows[0])).toContain('可用 $12,080.00');
    expect(textOf(rows[3])).toContain('余额更新');
    expect(textOf(rows[3])).toContain('+$13,580.00');
    rows[0].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageFx/pages/settlement/index?id=s2' });
    rows[3].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('empty records and a failed rates card do not block the account', async () => {
    respondHome({ account: account({ balance: '0.00', frozen: '0.00', available: '0.00', updatedAt: null, settling: 0 }) });
    fake.respond('/api/fx/rates', errorEnvelope(500, 'INTERNAL', 'Internal Server Error'));
    fake.respond('/api/fx/settlements', { statusCode: 200, data: { data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 0 } } } });
    fake.respond('/api/fx/alerts', { statusCode: 200, data: { data: [] } });
    const comp = render(id);
    await flushPromises(40);
    const t = text(comp);
    expect(comp.data.mode).toBe('ready');
    expect(t).toContain('$0.00');
    expect(t).toContain('暂无入账记录，银行入账后自动更新');
    expect(t).toContain('汇率加载失败');
    expect(t).toContain('暂无预警');
    expect(t).toContain('暂无结汇记录');
    // the trend still loads (USD) from the server's bundled history
    expect(comp.querySelectorAll('.fx-bar')).toHaveLength(3);
  });

  it('the account failing shows the Chinese error and retries', async () => {
    respondHome();
    fake.respond('/api/fx/account', errorEnvelope(403, 'MODULE_LOCKED', '完成工商注册后开通'));
    const comp = render(id);
    await flushPromises(40);
    expect(text(comp)).toContain('收结汇加载失败：完成工商注册后开通');
    fake.respond('/api/fx/account', { statusCode: 200, data: { data: account() } });
    comp.querySelector('.jmt-error-retry').dispatchEvent('tap');
    await flushPromises(40);
    expect(text(comp)).toContain('$12,580.00');
  });

  it('a signed-out user goes to login', async () => {
    delete fake.storage[STORAGE_KEYS.jwt];
    render(id);
    await flushPromises();
    expect(fake.api.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(fake.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- 快速结汇

describe('packageFx/pages/settle (快速结汇 X3)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageFx/pages/settle/index', query);
  });

  const respondSettle = (options: { role?: 'admin' | 'member'; account?: ReturnType<typeof account> } = {}) => {
    fake.respond('/api/me', { statusCode: 200, data: me(options.role || 'admin') });
    fake.respond('/api/fx/account', { statusCode: 200, data: { data: options.account || account() } });
    fake.respond('/api/fx/rates', { statusCode: 200, data: ratesBody() });
  };

  /** Fill the form as a user would: amount, and the three uploads (file-slot `change`). */
  const fill = (comp: Comp, amount: string) => {
    comp.instance.onAmount({ detail: amount });
    for (const [slot, documentId] of [
      ['fx_withdrawal', 'pf-w'],
      ['fx_statement', 'pf-s'],
      ['fx_logistics', 'pf-l'],
    ]) {
      comp.instance.onFileChange({ detail: { slot, documentId } });
    }
  };

  it('shows balance and available, prefills today and the USD rate, three uploads and the read-only 我的 fields', async () => {
    respondSettle();
    const comp = render(id);
    await flushPromises(30);
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '快速结汇' });
    const t = text(comp);
    expect(t).toContain('账户余额 $12,580.00');
    expect(t).toContain('可用余额 $12,080.00');
    expect(t).toContain('结汇中 $500.00');
    expect(t).toContain('金额不能高于可用余额');
    expect(comp.data.form.rate).toBe('7.1234');
    expect(t).toContain('参考汇率 7.1234（中国外汇交易中心 2026-11-21），可修改');
    expect(comp.data.form.date).toBe(comp.data.range.end);
    expect(comp.querySelectorAll('file-slot').length || comp.querySelectorAll('.fs >>> .file-slot').length).toBe(3);
    expect(t).toContain('提现截图');
    expect(t).toContain('收款平台流水');
    expect(t).toContain('物流发货信息');
    const merchant = flat(comp.querySelector('.fs-merchant'));
    expect(merchant).toContain('外汇子账户（美元）32050161000000001234');
    expect(merchant).toContain('结汇银行卡号（人民币）6217001234567890123');
    expect(merchant).toContain('开户行中国建设银行东海支行');
    expect(merchant).toContain('法人姓名王晶华');
    expect(dom(comp).querySelectorAll('.fs-merchant wx-input, .fs-merchant input')).toHaveLength(0);
    expect(buttons(comp, 'fs-submit')).toHaveLength(1);
  });

  it('checks the form in Chinese before sending anything; 全部 fills the available amount; the estimate follows', async () => {
    respondSettle();
    const comp = render(id);
    await flushPromises(30);
    await comp.instance.onSubmit();
    expect(text(comp)).toContain('请输入大于 0 的结汇金额');
    expect(text(comp)).toContain('请上传提现截图');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先完善表单信息' }));
    comp.instance.onAmount({ detail: '12080.01' });
    await comp.instance.onSubmit();
    expect(text(comp)).toContain('结汇金额不能超过可用余额 $12,080.00');
    comp.querySelector('.fs-all').dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.form.amount).toBe('12080.00');
    expect(text(comp)).toContain('预计可结人民币 ¥86,050.67（以银行实际结算为准）');
    expect(requestsTo(fake, /\/api\/fx\/settlements/, 'POST')).toHaveLength(0);
  });

  it('submits after confirmation and opens the new settlement', async () => {
    respondSettle();
    fake.respond('/api/fx/settlements', { statusCode: 201, data: { data: { id: 'new1', number: 'JH20261122000003', status: 'processing' } } });
    const comp = render(id);
    await flushPromises(30);
    fill(comp, '1000');
    comp.instance.onNote({ detail: { value: ' 10 月回款 ' } });
    modalAnswer = false;
    await comp.instance.onSubmit();
    expect(requestsTo(fake, /\/api\/fx\/settlements/, 'POST')).toHaveLength(0);
    modalAnswer = true;
    await comp.instance.onSubmit();
    await flushPromises(20);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认提交结汇申请', content: expect.stringContaining('结汇 $1,000.00，汇率 7.1234') }));
    const post = requestsTo(fake, /\/api\/fx\/settlements$/, 'POST');
    expect(post).toHaveLength(1);
    expect(post[0].data).toEqual({ amount: '1000', date: comp.data.range.end, rate: '7.1234', note: '10 月回款', evidence: ['pf-w', 'pf-s', 'pf-l'] });
    expect(post[0].header.Authorization).toBe('Bearer jwt-fx');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '结汇申请已提交' }));
    expect(fake.api.redirectTo).toHaveBeenCalledWith({ url: '/packageFx/pages/settlement/index?id=new1' });
  });

  it('INSUFFICIENT_AVAILABLE: the available amount in Chinese under the amount; the check uses it from then on', async () => {
    respondSettle();
    fake.respond('/api/fx/settlements', errorEnvelope(409, 'INSUFFICIENT_AVAILABLE', 'Insufficient available balance', { available: '800.00' }));
    const comp = render(id);
    await flushPromises(30);
    fill(comp, '1000');
    await comp.instance.onSubmit();
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '可用余额不足，当前可用余额为 $800.00' }));
    expect(textOf(comp.querySelector('.fs-error-amount'))).toBe('可用余额不足，当前可用余额为 $800.00');
    expect(text(comp)).toContain('可用余额 $800.00');
    expect(fake.api.redirectTo).not.toHaveBeenCalled();
    await comp.instance.onSubmit();
    expect(textOf(comp.querySelector('.fs-error-amount'))).toBe('结汇金额不能超过可用余额 $800.00');
    expect(requestsTo(fake, /\/api\/fx\/settlements/, 'POST')).toHaveLength(1);
  });

  it('VALIDATION_FAILED puts the server’s messages under their fields', async () => {
    respondSettle();
    fake.respond('/api/fx/settlements', errorEnvelope(400, 'VALIDATION_FAILED', '提交的信息有误', { errors: [{ field: 'rate', message: '汇率与当日中间价偏差过大' }] }));
    const comp = render(id);
    await flushPromises(30);
    fill(comp, '100');
    await comp.instance.onSubmit();
    await flushPromises(20);
    expect(text(comp)).toContain('汇率与当日中间价偏差过大');
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '提交的信息有误' }));
  });

  it('incomplete 我的: says what is missing, cannot submit, links to 我的 (asking first when the form has data)', async () => {
    respondSettle({ account: account({}, incompleteProfile) });
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('请先在「我的」补全：结汇银行卡号（人民币）、开户行');
    expect(comp.querySelectorAll('.fx-value-empty')).toHaveLength(2);
    fill(comp, '100');
    await comp.instance.onSubmit();
    expect(requestsTo(fake, /\/api\/fx\/settlements/, 'POST')).toHaveLength(0);
    modalAnswer = false;
    comp.querySelector('.fs-go-mine').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.switchTab).not.toHaveBeenCalled();
    modalAnswer = true;
    comp.querySelector('.fs-edit-mine').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });

  it('members see the form read-only, without the submit button', async () => {
    respondSettle({ role: 'member' });
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('成员账号为只读，如需结汇请联系商户管理员');
    expect(buttons(comp, 'fs-submit')).toHaveLength(0);
    expect(comp.querySelectorAll('.fs-all')).toHaveLength(0);
    fill(comp, '100');
    await comp.instance.onSubmit();
    expect(requestsTo(fake, /\/api\/fx\/settlements/, 'POST')).toHaveLength(0);
  });

  it('no rate yet: asks for the bank’s quote; the account failing shows the error', async () => {
    respondSettle();
    fake.respond('/api/fx/rates', errorEnvelope(500, 'INTERNAL', 'x'));
    let comp = render(id);
    await flushPromises(30);
    expect(comp.data.form.rate).toBe('');
    expect(text(comp)).toContain('暂未获取到参考汇率，请按银行报价填写');
    fake.respond('/api/fx/account', { failWith: 'request:fail timeout' });
    comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('收结汇加载失败：请求超时，请稍后重试');
  });
});

// ---------------------------------------------------------------- 结汇详情

describe('packageFx/pages/settlement (?id=, the page WeChat pushes open)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageFx/pages/settlement/index', query);
  });

  it('completed: steps done, 实际结算汇率 / 人民币到账金额 / 剩余美元, submitted data, evidence, timeline', async () => {
    fake.respond('/api/fx/settlements/s1', { statusCode: 200, data: { data: settlementDetail() } });
    query.current = { id: 's1' };
    const comp = render(id);
    await flushPromises(30);
    expect(fake.requests[0].url).toBe('http://127.0.0.1:1337/api/fx/settlements/s1');
    const t = text(comp);
    expect(t).toContain('$1,000.00');
    expect(t).toContain('申请编号 JH20261120000001');
    expect(stepOf(comp, 'finish')).toEqual(['提交申请', '银行处理中']);
    expect(stepOf(comp, 'active')).toEqual(['结汇完成']);
    const result = flat(comp.querySelector('.fd-result'));
    expect(result).toContain('实际结算汇率7.1180');
    expect(result).toContain('人民币到账金额¥7,118.00');
    expect(result).toContain('剩余美元$11,580.00');
    const submitted = flat(comp.querySelector('.fd-submitted'));
    expect(submitted).toContain('指定汇率7.1200');
    expect(submitted).toContain('备注Amazon美国站10月回款');
    expect(comp.querySelectorAll('.fd-file')).toHaveLength(3);
    expect(t).toContain('statement.pdf · 1.5 MB');
    expect(flat(comp.querySelector('.fd-profile'))).toContain('开户行中国建设银行东海支行');
    expect(t).toContain('处理记录');
    expect(t).toContain('平台运营 李敏');
  });

  it('an evidence file opens through the authorised download: images in the viewer, PDFs as documents', async () => {
    fake.respond('/api/fx/settlements/s1', { statusCode: 200, data: { data: settlementDetail() } });
    query.current = { id: 's1' };
    const comp = render(id);
    await flushPromises(30);
    comp.querySelectorAll('.fd-file')[0].dispatchEvent('tap');
    await flushPromises(20);
    const download = fake.api.downloadFile.mock.calls[0][0];
    expect(download.url).toBe('http://127.0.0.1:1337/api/private-files/pf-w/download');
    expect(download.header.Authorization).toBe('Bearer jwt-fx');
    expect(fake.api.previewImage).toHaveBeenCalledWith(expect.objectContaining({ urls: ['wxfile://tmp/pf-w'] }));
    comp.querySelectorAll('.fd-file')[1].dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/pf-s', showMenu: true }));
    fake.api.downloadFile.mockImplementationOnce((o: { success: (r: { statusCode: number; tempFilePath: string }) => void }) => o.success({ statusCode: 404, tempFilePath: '' }));
    comp.querySelectorAll('.fd-file')[2].dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请求的内容不存在' }));
    expect(fake.api.hideLoading).toHaveBeenCalled();
  });

  it('processing: the bank step is current, no result yet', async () => {
    fake.respond('/api/fx/settlements/s2', {
      statusCode: 200,
      data: {
        data: settlementDetail({ id: 's2', status: 'processing', statusLabel: '处理中', actualRate: null, cnyAmount: null, remainingUsd: null, completedAt: null, timeline: [] }),
      },
    });
    query.current = { id: 's2' };
    const comp = render(id);
    await flushPromises(30);
    expect(stepOf(comp, 'finish')).toEqual(['提交申请']);
    expect(stepOf(comp, 'active')).toEqual(['银行处理中']);
    expect(comp.querySelectorAll('.fd-result')).toHaveLength(0);
    expect(text(comp)).toContain('平台正在与银行办理结汇，完成后将通过消息通知您');
    expect(text(comp)).toContain('暂无处理记录');
  });

  it('rejected: the bank step in red with the reason', async () => {
    fake.respond('/api/fx/settlements/s3', {
      statusCode: 200,
      data: {
        data: settlementDetail({
          id: 's3',
          status: 'rejected',
          statusLabel: '已驳回',
          rejectReason: '物流信息与提现金额不符',
          actualRate: null,
          cnyAmount: null,
          remainingUsd: null,
        }),
      },
    });
    query.current = { id: 's3' };
    const comp = render(id);
    await flushPromises(30);
    expect(stepOf(comp, 'error')).toEqual(['银行处理中']);
    expect(text(comp)).toContain('已驳回');
    expect(text(comp)).toContain('物流信息与提现金额不符');
    expect(comp.querySelectorAll('.fd-result')).toHaveLength(0);
  });

  it('a missing id or another merchant’s settlement: the Chinese error', async () => {
    query.current = {};
    let comp = render(id);
    await flushPromises(10);
    expect(text(comp)).toContain('收结汇加载失败：请求的内容不存在');
    expect(fake.requests).toHaveLength(0);
    fake.respond('/api/fx/settlements/zz', errorEnvelope(404, 'NOT_FOUND', '结汇申请不存在'));
    query.current = { id: 'zz' };
    comp = render(id);
    await flushPromises(20);
    expect(text(comp)).toContain('收结汇加载失败：结汇申请不存在');
  });
});
