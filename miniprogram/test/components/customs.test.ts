/** @jest-environment jsdom */
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx } from '../helpers/fake-wx';
import { loadPage, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const text = (comp: Comp) => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ');
const dom = (comp: Comp) => comp.dom as HTMLElement;
/** antd-mini Button renders its className on the inner wx-button (ant-button--<className>). */
const buttons = (comp: Comp, name: string) => dom(comp).querySelectorAll(`wx-button[class~="ant-button--${name}"]`);
/** Steps titles inside app-progress (classes are prefixed per component in the simulated DOM). */
const stepTitles = (comp: Comp) => Array.from(dom(comp).querySelectorAll('[class~="ant-steps--ant-steps-item-title"]')).map((n) => n.textContent);
const stepOf = (comp: Comp, kind: string) => Array.from(dom(comp).querySelectorAll(`[class~="ant-steps--ant-steps-item-title-${kind}"]`)).map((n) => n.textContent);
const posts = (fake: FakeWx) => fake.requests.filter((r) => r.method === 'POST');

let fake: FakeWx;
const query = { current: {} as Record<string, string> };
/** wx.showModal answers: true = 确定, false = 取消. */
let modalAnswer = true;

beforeEach(() => {
  fake = installFakeWx();
  fake.storage[STORAGE_KEYS.jwt] = 'jwt-c';
  fake.storage[STORAGE_KEYS.role] = 'admin';
  query.current = {};
  modalAnswer = true;
  fake.api.showModal.mockImplementation((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
    Promise.resolve().then(() => o.success && o.success({ confirm: modalAnswer, cancel: !modalAnswer }));
  });
  (globalThis as unknown as { getApp: () => unknown }).getApp = () => ({ globalData: { homeStale: false } });
});

const counts = (byStatus: Record<string, number>) => ({ total: Object.keys(byStatus).reduce((a, k) => a + byStatus[k], 0), byStatus });

const progress = (extra: Record<string, unknown> = {}) => ({
  stage: 'orders',
  next: null,
  orders: counts({}),
  inventories: counts({}),
  waybill: null,
  summary: null,
  needsSummary: true,
  ...extra,
});

const batch = (extra: Record<string, unknown> = {}, p: Record<string, unknown> = {}) => ({
  id: 'b1',
  documentId: 'b1',
  number: 'PC20261122000001',
  name: '11月 Amazon 美国站 第1批',
  tradeMode: '9610',
  statisticsFlag: 'B',
  logisticsName: '顺丰国际标快',
  status: 'open',
  progress: progress(p),
  imports: [],
  timeline: [],
  canWrite: true,
  ...extra,
});

// ---------------------------------------------------------------- 出口报关 index

describe('packageCustoms/pages/index (出口报关)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageCustoms/pages/index/index', query);
  });

  const respondAll = () => {
    fake.respond('/api/customs/config', {
      statusCode: 200,
      data: {
        data: {
          status: 'valid',
          dxpId: 'DXPENT0000777001',
          ebcCode: '3207960A2B',
          ebcName: '东海县晶华水晶饰品有限公司',
          customsCode: '2305',
          portCode: '2305',
          appKey: 'jh-****',
          hasSecret: true,
          verifiedAt: '2026-11-22T06:30:00.000Z',
          verifyErrors: [],
        },
      },
    });
    fake.respond('/api/customs/todos', {
      statusCode: 200,
      data: {
        data: {
          items: [
            {
              module: 'customs',
              key: 'customs:b1:declare-inventories',
              title: '申报出口清单（批次 PC20261122000001）',
              body: '4 个订单已入库，可以申报清单了',
              action: 'declare-inventories',
              link: '/customs/batches/b1',
              mpPath: 'packageCustoms/pages/batch/index?id=b1',
            },
            {
              module: 'customs',
              key: 'customs:cancel:c1',
              title: '清单 32052026E000000102 的撤销申请被退单',
              body: '修改后重新申报，或选择“不再撤销”',
              link: '/customs/cancellations?invtNo=32052026E000000102',
              mpPath: 'packageCustoms/pages/cancellations/index?invtNo=32052026E000000102',
            },
          ],
          counts: { orders: 0, lists: 2, summaries: 0 },
        },
      },
    });
    fake.respond('/api/customs/hints', {
      statusCode: 200,
      data: { data: [{ key: 'fragile-goods', title: '易碎品申报提示', body: '水晶球请用木箱包装。', placement: 'batch.create' }] },
    });
    fake.respond(/\/api\/customs\/batches\?/, {
      statusCode: 200,
      data: {
        data: [
          batch({}, { stage: 'inventories', next: { action: 'declare-inventories', label: '申报出口清单', hint: '' }, orders: counts({ stored: 4, rejected: 1 }) }),
          batch(
            { id: 'b2', number: 'PC20261120000002', name: '10月 eBay 第3批' },
            {
              stage: 'done',
              orders: counts({ stored: 2 }),
              inventories: counts({ released: 2 }),
              waybill: { id: 'w', status: 'reviewed' },
              summary: { id: 's', status: 'reviewed' },
            },
          ),
        ],
        meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 2 } },
      },
    });
  };

  it('shows the read-only config, the customs to-dos and the batches with stage and counts', async () => {
    respondAll();
    const comp = render(id);
    await flushPromises(30);
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '出口报关' });
    expect(comp.data.mode).toBe('ready');
    const t = text(comp);
    // config (read only)
    expect(t).toContain('点点通接口配置');
    expect(t).toContain('已生效');
    expect(t).toContain('DXPENT0000777001');
    expect(t).toContain('东海县晶华水晶饰品有限公司（3207960A2B）');
    expect(t).toContain('由平台配置，如需修改请联系平台客服');
    expect(comp.querySelectorAll('.cu-config input, .cu-config wx-input')).toHaveLength(0);
    // to-dos
    expect(comp.querySelectorAll('.cu-todo')).toHaveLength(2);
    expect(t).toContain('申报出口清单（批次 PC20261122000001）');
    // batches
    expect(comp.querySelectorAll('.cu-batch')).toHaveLength(2);
    const first = (comp.querySelectorAll('.cu-batch')[0] as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, ' ');
    expect(first).toContain('11月 Amazon 美国站 第1批');
    expect(first).toContain('出口清单');
    expect(first).toContain('待您操作');
    expect(first).toContain('订单 5');
    expect(first).toContain('海关入库 4');
    expect(first).toContain('退单 1');
    expect(first).toContain('下一步：申报出口清单');
    const second = (comp.querySelectorAll('.cu-batch')[1] as { dom: HTMLElement }).dom.textContent!;
    expect(second).toContain('已完成');
    expect(second).toContain('已放行 2');
    expect(t).toContain('新建批次、导入 Excel 订单请在电脑端');
    // C9 hints, as staff wrote them
    expect(comp.querySelectorAll('.cu-hint')).toHaveLength(1);
    expect(t).toContain('水晶行业申报提示');
    expect(t).toContain('水晶球请用木箱包装。');
  });

  it('a to-do opens its mpPath; a batch its progress; the entry 撤销申请单', async () => {
    respondAll();
    const comp = render(id);
    await flushPromises(30);
    comp.querySelectorAll('.cu-todo')[1].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/cancellations/index?invtNo=32052026E000000102' });
    comp.querySelectorAll('.cu-todo')[0].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/batch/index?id=b1' });
    comp.querySelectorAll('.cu-batch')[1].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/batch/index?id=b2' });
    comp.querySelector('.cu-entry').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/cancellations/index' });
  });

  it('a missing config and failed to-dos do not block the batches; an empty list says where to start', async () => {
    fake.respond('/api/customs/config', { statusCode: 200, data: { data: { status: 'missing', configured: false } } });
    fake.respond('/api/customs/todos', errorEnvelope(500, 'INTERNAL', 'Internal Server Error'));
    fake.respond(/\/api\/customs\/batches\?/, { statusCode: 200, data: { data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 0 } } } });
    const comp = render(id);
    await flushPromises(30);
    const t = text(comp);
    expect(comp.data.mode).toBe('ready');
    expect(t).toContain('未配置');
    expect(t).toContain('平台尚未为您配置点点通接口');
    expect(t).toContain('暂无报关待办');
    expect(t).toContain('暂无出口批次');
    expect(t).toContain('新建批次、导入 Excel 订单请在电脑端');
  });

  it('shows the Chinese error and retries; pull-down refresh reloads', async () => {
    fake.respond(/\/api\/customs\/batches\?/, errorEnvelope(500, 'INTERNAL', 'Internal Server Error'));
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('出口报关加载失败：服务暂时不可用，请稍后再试');
    respondAll();
    comp.querySelector('.jmt-error-retry').dispatchEvent('tap');
    await flushPromises(30);
    expect(comp.querySelectorAll('.cu-batch')).toHaveLength(2);
    const before = fake.requests.length;
    comp.instance.onPullDownRefresh();
    await flushPromises(30);
    expect(fake.requests.length).toBe(before + 4); // config, to-dos, hints, batches
    expect(fake.api.stopPullDownRefresh).toHaveBeenCalled();
  });

  it('a signed-out user goes to login', async () => {
    delete fake.storage[STORAGE_KEYS.jwt];
    render(id);
    await flushPromises();
    expect(fake.api.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(fake.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- batch progress

describe('packageCustoms/pages/batch (?id=, the page WeChat pushes open)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageCustoms/pages/batch/index', query);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('stage steps on app-progress, counts with Chinese labels, receipts on app-timeline', async () => {
    query.current = { id: 'b1' };
    fake.respond('/api/customs/batches/b1', {
      statusCode: 200,
      data: {
        data: batch(
          {
            timeline: [
              {
                subjectType: 'inventory',
                messageType: 'CEB604',
                returnStatus: 800,
                returnStatusLabel: '放行',
                status: 'released',
                returnInfo: null,
                at: '2026-11-22T06:30:00.000Z',
              },
              {
                subjectType: 'order',
                messageType: 'CEB304',
                returnStatus: 100,
                returnStatusLabel: '海关退单',
                status: 'rejected',
                returnInfo: '商品编码与品名不符',
                at: '2026-11-22T05:00:00.000Z',
              },
            ],
          },
          {
            stage: 'waybill',
            next: { action: 'declare-waybill', label: '申报清单总分单', hint: '3 票清单已放行，请填写提运单号申报总分单' },
            orders: counts({ stored: 3, rejected: 1 }),
            inventories: counts({ released: 3 }),
          },
        ),
      },
    });
    const comp = render(id);
    await flushPromises(30);
    expect(fake.requests[0].url).toBe('http://127.0.0.1:1337/api/customs/batches/b1');
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '11月 Amazon 美国站 第1批' });
    expect(stepTitles(comp)).toEqual(['电子订单', '出口清单', '清单总分单', '汇总申请单', '完成']);
    expect(stepOf(comp, 'finish')).toEqual(['电子订单', '出口清单']);
    expect(stepOf(comp, 'active')).toEqual(['清单总分单']);
    const chips = comp.querySelectorAll('.cb-chip').map((c: { dom: HTMLElement }) => c.dom.textContent);
    expect(chips).toEqual(['海关入库 3', '退单 1', '已放行 3']);
    const t = text(comp);
    expect(t).toContain('批次编号 PC20261122000001');
    expect(t).toContain('贸易方式 9610');
    expect(t).toContain('汇总申报（可退税）');
    expect(t).toContain('1 个订单被退单，请在电脑端修改后重新导入申报');
    expect(t).toContain('回执记录');
    expect(t).toContain('出口清单 · 放行');
    expect(t).toContain('电子订单 · 海关退单');
    expect(t).toContain('说明：商品编码与品名不符');
    expect(dom(comp).querySelector('[class~="app-timeline--app-timeline-dot--error"]')).toBeTruthy();
  });

  it('简化申报 (A) has no 汇总 step; done finishes every step', async () => {
    query.current = { id: 'b1' };
    fake.respond('/api/customs/batches/b1', {
      statusCode: 200,
      data: {
        data: batch(
          { statisticsFlag: 'A' },
          {
            stage: 'done',
            needsSummary: false,
            orders: counts({ stored: 2 }),
            inventories: counts({ released: 2 }),
            waybill: { id: 'w1', status: 'reviewed', statusLabel: '海关审结', billNo: '784-1', returnStatusLabel: '海关审结' },
          },
        ),
      },
    });
    const comp = render(id);
    await flushPromises(30);
    expect(stepTitles(comp)).toEqual(['电子订单', '出口清单', '清单总分单', '完成']);
    expect(stepOf(comp, 'finish')).toEqual(['电子订单', '出口清单', '清单总分单']);
    expect(dom(comp).querySelector('[class~="app-progress--app-progress-status--success"]')!.textContent).toBe('已完成');
    const t = text(comp);
    expect(t).toContain('本批次已全部完成');
    expect(t).toContain('提运单号');
    expect(t).toContain('784-1');
    expect(buttons(comp, 'cb-next-btn')).toHaveLength(0);
  });

  it('申报电子订单: confirm, POST, reload; cancelling the confirm sends nothing', async () => {
    query.current = { id: 'b1' };
    let declared = false;
    fake.respond('/api/customs/batches/b1', () => ({
      statusCode: 200,
      data: {
        data: declared
          ? batch({}, { orders: counts({ queued: 4 }) })
          : batch({}, { next: { action: 'declare-orders', label: '申报电子订单', hint: '4 个电子订单待申报' }, orders: counts({ draft: 4 }) }),
      },
    }));
    fake.respond('/api/customs/batches/b1/orders/declare', () => {
      declared = true;
      return { statusCode: 200, data: { data: { declared: 4, progress: progress({ orders: counts({ queued: 4 }) }) } } };
    });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.next).toMatchObject({ mode: 'button', action: 'declare-orders', canAct: true });
    expect(buttons(comp, 'cb-next-btn')[0].textContent).toContain('申报电子订单');
    expect(text(comp)).toContain('待申报 4');

    modalAnswer = false;
    await comp.instance.onNext();
    await flushPromises(20);
    expect(posts(fake)).toHaveLength(0);

    modalAnswer = true;
    jest.useFakeTimers();
    await comp.instance.onNext();
    await flushPromises(30);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认申报电子订单', content: '4 个电子订单待申报' }));
    expect(posts(fake).map((r) => r.url)).toEqual(['http://127.0.0.1:1337/api/customs/batches/b1/orders/declare']);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交申报' }));
    expect(comp.data.next.mode).toBe('waiting');
    expect(text(comp)).toContain('待发送 4');
    expect(text(comp)).toContain('等待海关回执');
    comp.instance.onUnload();
  });

  it('polls every few seconds while anything is in flight, stops when settled or hidden', async () => {
    query.current = { id: 'b1' };
    jest.useFakeTimers();
    let answers = 0;
    fake.respond('/api/customs/batches/b1', () => {
      answers += 1;
      return {
        statusCode: 200,
        data: {
          data:
            answers < 3
              ? batch({}, { stage: 'inventories', orders: counts({ stored: 2 }), inventories: counts({ declaring: 1, released: 1 }) })
              : batch(
                  {},
                  { stage: 'waybill', next: { action: 'declare-waybill', label: '申报清单总分单', hint: '' }, orders: counts({ stored: 2 }), inventories: counts({ released: 2 }) },
                ),
        },
      };
    });
    const comp = render(id);
    await flushPromises(30);
    expect(answers).toBe(1);
    expect(comp.data.stage.inFlight).toBe(true);
    jest.advanceTimersByTime(4999);
    await flushPromises(10);
    expect(answers).toBe(1);
    jest.advanceTimersByTime(1);
    await flushPromises(30);
    expect(answers).toBe(2);
    jest.advanceTimersByTime(5000);
    await flushPromises(30);
    expect(answers).toBe(3);
    expect(comp.data.stage.inFlight).toBe(false);
    expect(comp.data.next.mode).toBe('waybill');
    jest.advanceTimersByTime(20000);
    await flushPromises(30);
    expect(answers).toBe(3);

    // hidden pages do not poll
    answers = 0;
    const other = render(id);
    await flushPromises(30);
    other.instance.onHide();
    jest.advanceTimersByTime(20000);
    await flushPromises(30);
    expect(answers).toBe(1);
    other.instance.onShow();
    await flushPromises(30);
    expect(answers).toBe(2);
    other.instance.onUnload();
    jest.advanceTimersByTime(20000);
    await flushPromises(30);
    expect(answers).toBe(2);
  });

  it('清单总分单 form: checked locally, then billNo / trafName / voyageNo posted; server field errors shown', async () => {
    query.current = { id: 'b1' };
    fake.respond('/api/customs/batches/b1', {
      statusCode: 200,
      data: {
        data: batch(
          {},
          {
            stage: 'waybill',
            next: { action: 'declare-waybill', label: '申报清单总分单', hint: '2 票清单已放行' },
            orders: counts({ stored: 2 }),
            inventories: counts({ released: 2 }),
          },
        ),
      },
    });
    fake.respond(
      '/api/customs/batches/b1/waybill',
      errorEnvelope(400, 'VALIDATION_FAILED', '提交的信息有误，请检查后重试', { errors: [{ field: 'voyageNo', message: '航班航次号不能超过32个字符' }] }),
    );
    const comp = render(id);
    await flushPromises(30);
    expect(comp.querySelectorAll('.cb-form')).toHaveLength(1);
    await comp.instance.onNext();
    await flushPromises(20);
    expect(text(comp)).toContain('请填写提运单号（总运单号）');
    expect(text(comp)).toContain('请填写航班航次号');
    expect(fake.api.showModal).not.toHaveBeenCalled();
    expect(posts(fake)).toHaveLength(0);

    comp.instance.onFormInput({ currentTarget: { dataset: { field: 'billNo' } }, detail: '784-20261122-01' });
    comp.instance.onFormInput({ currentTarget: { dataset: { field: 'trafName' } }, detail: '中国国际航空' });
    comp.instance.onFormInput({ currentTarget: { dataset: { field: 'voyageNo' } }, detail: 'CA1234' });
    await flushPromises();
    expect(text(comp)).not.toContain('请填写提运单号');
    await comp.instance.onNext();
    await flushPromises(30);
    const post = posts(fake)[0];
    expect(post.url).toBe('http://127.0.0.1:1337/api/customs/batches/b1/waybill');
    expect(post.data).toEqual({ billNo: '784-20261122-01', trafName: '中国国际航空', voyageNo: 'CA1234' });
    expect(text(comp)).toContain('航班航次号不能超过32个字符');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提交的信息有误，请检查后重试' }));
  });

  it('提交汇总申请单 and CUSTOMS_CONFIG_INVALID', async () => {
    query.current = { id: 'b1' };
    fake.respond('/api/customs/batches/b1', {
      statusCode: 200,
      data: {
        data: batch({}, { stage: 'summary', next: { action: 'declare-summary', label: '提交汇总申请单', hint: '总分单已审结' }, waybill: { id: 'w1', status: 'reviewed' } }),
      },
    });
    fake.respond('/api/customs/batches/b1/summary', errorEnvelope(409, 'CUSTOMS_CONFIG_INVALID', '点点通接口配置未通过校验，暂不能申报；请联系平台客服核对配置'));
    const comp = render(id);
    await flushPromises(30);
    expect(buttons(comp, 'cb-next-btn')[0].textContent).toContain('提交汇总申请单');
    await comp.instance.onNext();
    await flushPromises(30);
    expect(posts(fake).map((r) => r.url)).toEqual(['http://127.0.0.1:1337/api/customs/batches/b1/summary']);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '点点通接口配置未通过校验，暂不能申报；请联系平台客服核对配置' }));
    expect(comp.data.busy).toBe(false);
  });

  it('导入电子订单 stays on the PC: a hint, no button', async () => {
    query.current = { id: 'b1' };
    fake.respond('/api/customs/batches/b1', {
      statusCode: 200,
      data: { data: batch({}, { next: { action: 'import', label: '导入电子订单', hint: '下载模板，填写订单后上传 Excel' } }) },
    });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.next).toMatchObject({ mode: 'pc', canAct: false });
    expect(text(comp)).toContain('请在电脑端导入 Excel 订单');
    expect(buttons(comp, 'cb-next-btn')).toHaveLength(0);
    await comp.instance.onNext();
    expect(posts(fake)).toHaveLength(0);
  });

  it('members (canWrite false) see the next step read-only', async () => {
    query.current = { id: 'b1' };
    fake.respond('/api/customs/batches/b1', {
      statusCode: 200,
      data: {
        data: batch(
          { canWrite: false },
          { stage: 'inventories', next: { action: 'declare-inventories', label: '申报出口清单', hint: '2 个订单已入库' }, orders: counts({ stored: 2 }) },
        ),
      },
    });
    const comp = render(id);
    await flushPromises(30);
    const t = text(comp);
    expect(t).toContain('您是普通成员，仅可查看');
    expect(t).toContain('申报出口清单');
    expect(t).toContain('成员账号为只读，如需申报请联系商户管理员');
    expect(buttons(comp, 'cb-next-btn')).toHaveLength(0);
    await comp.instance.onNext();
    await flushPromises(10);
    expect(posts(fake)).toHaveLength(0);
  });

  it("another merchant's (or a wrong) id: the error, retry; pull-down refresh", async () => {
    query.current = { id: 'nope' };
    fake.respond('/api/customs/batches/nope', errorEnvelope(404, 'NOT_FOUND', 'Not Found'));
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('出口报关加载失败：请求的内容不存在');
    fake.respond('/api/customs/batches/nope', { statusCode: 200, data: { data: batch({ id: 'nope' }) } });
    comp.instance.onPullDownRefresh();
    await flushPromises(30);
    expect(comp.data.mode).toBe('ready');
    expect(fake.api.stopPullDownRefresh).toHaveBeenCalled();
  });
});

// ---------------------------------------------------------------- 撤销申请单

describe('packageCustoms/pages/cancellations (?invtNo=)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageCustoms/pages/cancellations/index', query);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const cancellation = (cid: string, invtNo: string, status: string, extra: Record<string, unknown> = {}) => ({
    id: cid,
    documentId: cid,
    kind: 'cancellation',
    invtNo,
    status,
    reason: '买家取消订单，货物未出境',
    ebcCode: '3207960A2B',
    copName: '东海县晶华水晶饰品有限公司',
    guid: null,
    returnStatus: null,
    returnStatusLabel: null,
    returnInfo: null,
    createdAt: '2026-11-22T06:30:00.000Z',
    ...extra,
  });
  const listOf = (rows: unknown[]) => ({ statusCode: 200, data: { data: rows, meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: rows.length } } } });
  const rows4 = [
    cancellation('c1', '32052026E000000101', 'rejected', { guid: 'GUID-1', returnStatus: 100, returnStatusLabel: '海关退单', returnInfo: '清单已结关，不能撤销' }),
    cancellation('c2', '32052026E000000102', 'draft'),
    cancellation('c3', '32052026E000000103', 'approved', { returnStatus: 399, returnStatusLabel: '海关审结' }),
    cancellation('c4', '32052026E000000104', 'withdrawn'),
  ];
  const admin = () => fake.respond('/api/me', { statusCode: 200, data: { role: 'admin', merchant: null, user: { id: 1, phone: '13900000001' } } });
  const actionButtons = (comp: Comp, index: number) =>
    Array.from((comp.querySelectorAll('.cc-item')[index] as { dom: HTMLElement }).dom.querySelectorAll('wx-button')).map((b) => b.textContent!.trim());

  it('the query prefills the 清单编号 search; status and receipt per row; actions only for 暂存/退单', async () => {
    query.current = { invtNo: '32052026E0000001' };
    admin();
    fake.respond(/\/api\/customs\/cancellations\?/, listOf(rows4));
    const comp = render(id);
    await flushPromises(30);
    const list = fake.requests.find((r) => r.url.includes('/api/customs/cancellations'))!;
    expect(list.url).toBe(
      'http://127.0.0.1:1337/api/customs/cancellations?pagination%5Bpage%5D=1&pagination%5BpageSize%5D=20&filters%5BinvtNo%5D%5B%24containsi%5D=32052026E0000001',
    );
    expect(comp.data.q).toBe('32052026E0000001');
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '撤销申请单' });
    expect(comp.querySelectorAll('.cc-item')).toHaveLength(4);
    const first = (comp.querySelectorAll('.cc-item')[0] as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, ' ');
    expect(first).toContain('32052026E000000101');
    expect(first).toContain('退单');
    expect(first).toContain('海关退单');
    expect(first).toContain('清单已结关，不能撤销');
    expect(first).toContain('东海县晶华水晶饰品有限公司（3207960A2B）');
    expect(first).toContain('GUID-1');
    expect(text(comp)).toContain('暂存');
    expect(text(comp)).toContain('撤销成功');
    expect(text(comp)).toContain('不再撤销');
    expect(actionButtons(comp, 0)).toEqual(['不再撤销', '重新申报']);
    expect(actionButtons(comp, 1)).toEqual(['不再撤销', '申报']);
    expect(actionButtons(comp, 2)).toEqual([]);
    expect(actionButtons(comp, 3)).toEqual([]);
  });

  it('search by 清单编号', async () => {
    admin();
    fake.respond(/\/api\/customs\/cancellations\?/, (req) => listOf(decodeURIComponent(req.url).includes('[$containsi]=NOPE') ? [] : rows4));
    const comp = render(id);
    await flushPromises(30);
    expect(fake.requests.find((r) => r.url.includes('/cancellations'))!.url).toBe(
      'http://127.0.0.1:1337/api/customs/cancellations?pagination%5Bpage%5D=1&pagination%5BpageSize%5D=20',
    );
    comp.instance.onSearchInput({ detail: ' NOPE ' });
    await comp.instance.onSearch();
    await flushPromises(30);
    expect(fake.requests.filter((r) => r.url.includes('/cancellations')).pop()!.url).toBe(
      'http://127.0.0.1:1337/api/customs/cancellations?pagination%5Bpage%5D=1&pagination%5BpageSize%5D=20&filters%5BinvtNo%5D%5B%24containsi%5D=NOPE',
    );
    expect(comp.querySelectorAll('.cc-item')).toHaveLength(0);
    expect(text(comp)).toContain('没有清单编号含“NOPE”的撤销申请单');
  });

  it('不再撤销 asks first (取消 sends nothing); 申报 / 重新申报 post to the contract endpoints', async () => {
    admin();
    fake.respond(/\/api\/customs\/cancellations\?/, listOf(rows4));
    fake.respond('/api/customs/cancellations/c1/withdraw', { statusCode: 200, data: { data: cancellation('c1', '32052026E000000101', 'withdrawn') } });
    fake.respond('/api/customs/cancellations/c2/declare', { statusCode: 200, data: { data: cancellation('c2', '32052026E000000102', 'queued') } });
    const comp = render(id);
    await flushPromises(30);
    const at = (index: number) => ({ currentTarget: { dataset: { index } } });

    modalAnswer = false;
    await comp.instance.onWithdraw(at(0));
    await flushPromises(20);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '不再撤销', content: '确定不再撤销清单 32052026E000000101 吗？' }));
    expect(posts(fake)).toHaveLength(0);

    modalAnswer = true;
    await comp.instance.onWithdraw(at(0));
    await flushPromises(30);
    expect(posts(fake).map((r) => r.url)).toEqual(['http://127.0.0.1:1337/api/customs/cancellations/c1/withdraw']);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已不再撤销' }));

    await comp.instance.onDeclare(at(1));
    await flushPromises(30);
    expect(
      posts(fake)
        .map((r) => r.url)
        .pop(),
    ).toBe('http://127.0.0.1:1337/api/customs/cancellations/c2/declare');

    // not for approved / withdrawn ones, even when called directly
    await comp.instance.onWithdraw(at(2));
    await comp.instance.onDeclare(at(3));
    await flushPromises(20);
    expect(posts(fake)).toHaveLength(2);
  });

  it('WITHDRAW_NOT_ALLOWED from the server is shown', async () => {
    admin();
    fake.respond(/\/api\/customs\/cancellations\?/, listOf(rows4));
    fake.respond('/api/customs/cancellations/c2/withdraw', errorEnvelope(409, 'WITHDRAW_NOT_ALLOWED', '该撤销申请当前不能“不再撤销”'));
    const comp = render(id);
    await flushPromises(30);
    await comp.instance.onWithdraw({ currentTarget: { dataset: { index: 1 } } });
    await flushPromises(30);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该撤销申请当前不能“不再撤销”' }));
    expect(comp.data.rowBusy).toBe('');
  });

  it('a new one: pick a released 清单, reason, 暂存 or 申报', async () => {
    admin();
    fake.respond(/\/api\/customs\/cancellations\?/, listOf([]));
    fake.respond(/\/api\/customs\/cancellable/, (req) => ({
      statusCode: 200,
      data: {
        data: req.url.includes('invtNo=0105')
          ? [{ id: 'i5', kind: 'inventory', status: 'released', invtNo: '32052026E000000105', orderNo: 'AMZ-1105' }]
          : [
              { id: 'i5', kind: 'inventory', status: 'released', invtNo: '32052026E000000105', orderNo: 'AMZ-1105' },
              { id: 'i6', kind: 'inventory', status: 'released', invtNo: '32052026E000000106', orderNo: 'AMZ-1106' },
            ],
      },
    }));
    let created = 0;
    fake.respond(/\/api\/customs\/cancellations$/, (req) => {
      created += 1;
      const body = req.data as { invtNo: string; declare?: boolean };
      return { statusCode: 201, data: { data: cancellation(`n${created}`, body.invtNo, body.declare ? 'queued' : 'draft') } };
    });
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('暂无撤销申请单');
    comp.instance.onCreateToggle();
    await flushPromises(30);
    expect(fake.requests.find((r) => r.url.includes('/cancellable'))!.url).toBe('http://127.0.0.1:1337/api/customs/cancellable');
    expect(comp.querySelectorAll('.cc-pick')).toHaveLength(2);
    expect(text(comp)).toContain('订单编号 AMZ-1106');

    // nothing picked, no reason → local errors, no POST
    await comp.instance.onSaveNew();
    await flushPromises(20);
    expect(text(comp)).toContain('请选择要撤销的清单');
    expect(text(comp)).toContain('请填写撤销原因');
    expect(posts(fake)).toHaveLength(0);

    comp.querySelectorAll('.cc-pick')[1].dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.picked).toBe('32052026E000000106');
    expect(comp.querySelectorAll('.cc-pick--on')).toHaveLength(1);
    comp.instance.onReasonInput({ detail: { value: '买家取消订单，货物未出境' } });
    await comp.instance.onSaveNew();
    await flushPromises(30);
    expect(posts(fake)[0].data).toEqual({ invtNo: '32052026E000000106', reason: '买家取消订单，货物未出境' });
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已暂存' }));
    expect(comp.data.creating).toBe(false);
    // the list now searches for the new one
    expect(decodeURIComponent(fake.requests.filter((r) => r.url.includes('/cancellations?')).pop()!.url)).toContain('filters[invtNo][$containsi]=32052026E000000106');

    // search the pick list; a single match is picked; 申报 at once (after a confirm)
    comp.instance.onCreateToggle();
    await flushPromises(30);
    comp.instance.onPickInput({ detail: '0105' });
    await comp.instance.searchCancellable();
    await flushPromises(30);
    expect(fake.requests.filter((r) => r.url.includes('/cancellable')).pop()!.url).toBe('http://127.0.0.1:1337/api/customs/cancellable?invtNo=0105');
    expect(comp.data.picked).toBe('32052026E000000105');
    comp.instance.onReasonInput({ detail: { value: '退货' } });
    jest.useFakeTimers();
    await comp.instance.onDeclareNew();
    await flushPromises(30);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '确定向海关申报撤销清单 32052026E000000105 吗？' }));
    expect(posts(fake)[1].data).toEqual({ invtNo: '32052026E000000105', reason: '退货', declare: true });
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已申报' }));
    comp.instance.onUnload();
  });

  it('polls while a declared one waits for customs', async () => {
    admin();
    jest.useFakeTimers();
    let calls = 0;
    fake.respond(/\/api\/customs\/cancellations\?/, () => {
      calls += 1;
      return listOf([cancellation('c9', '32052026E000000109', calls < 2 ? 'declaring' : 'approved', { returnStatusLabel: calls < 2 ? '电子口岸申报中' : '海关审结' })]);
    });
    const comp = render(id);
    await flushPromises(30);
    expect(calls).toBe(1);
    jest.advanceTimersByTime(5000);
    await flushPromises(30);
    expect(calls).toBe(2);
    expect(text(comp)).toContain('撤销成功');
    jest.advanceTimersByTime(20000);
    await flushPromises(30);
    expect(calls).toBe(2);
    // GET /api/me once per page, not on every poll
    expect(fake.requests.filter((r) => r.url.endsWith('/api/me'))).toHaveLength(1);
  });

  it('members only look: no new form, no 申报 / 不再撤销', async () => {
    fake.storage[STORAGE_KEYS.role] = 'member';
    fake.respond('/api/me', { statusCode: 200, data: { role: 'member', merchant: null, user: { id: 2, phone: '13900000002' } } });
    fake.respond(/\/api\/customs\/cancellations\?/, listOf(rows4));
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.readOnly).toBe(true);
    expect(text(comp)).toContain('您是普通成员，仅可查看');
    expect(comp.querySelectorAll('.cc-create')).toHaveLength(0);
    expect(dom(comp).querySelectorAll('wx-button')).toHaveLength(0);
    expect(text(comp)).toContain('清单已结关，不能撤销');
    await comp.instance.onWithdraw({ currentTarget: { dataset: { index: 0 } } });
    await comp.instance.onDeclare({ currentTarget: { dataset: { index: 1 } } });
    comp.instance.onCreateToggle();
    await comp.instance.onSaveNew();
    await flushPromises(20);
    expect(posts(fake)).toHaveLength(0);
    expect(fake.api.showModal).not.toHaveBeenCalled();
  });
});

// ---------------------------------------------------------------- entries from the main package

describe('customs from the home page and the message centre', () => {
  let homeId: string;
  let messagesId: string;
  beforeAll(() => {
    homeId = loadPage('pages/home/index', query);
    messagesId = loadPage('pages/messages/index', query);
  });

  const home = (status: string) => ({
    merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', registrationStatus: status },
    modules: [],
    todos: { total: 2, customs: { orders: 0, lists: 2, summaries: 0 } },
    messages: {
      unread: 0,
      latest: [
        {
          documentId: 'x1',
          category: 'business',
          module: 'customs',
          title: '出口清单已放行',
          body: '批次 PC1：2 票清单已放行。请申报清单总分单。',
          link: '/customs/batches/b1',
          read: true,
          createdAt: new Date().toISOString(),
        },
      ],
    },
  });

  it('home: the 出口报关 module, its to-do counters and a customs message open the packageCustoms pages', async () => {
    fake.respond('/api/home', { statusCode: 200, data: home('approved') });
    fake.respond('/api/applications/todos', { statusCode: 200, data: { data: [] } });
    const comp = render(homeId);
    await flushPromises(30);
    comp.querySelectorAll('.home-todo')[1].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/index/index' });
    comp.querySelector('.home-message').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/batch/index?id=b1' });
    const customsEntry = dom(comp).querySelector('[data-key="customs"]') as HTMLElement;
    expect(customsEntry.getAttribute('data-enabled')).toBe('true');
  });

  it('home: before 工商注册 approval a customs message only says the module is locked', async () => {
    fake.respond('/api/home', { statusCode: 200, data: home('initial_review') });
    fake.respond('/api/applications/todos', { statusCode: 200, data: { data: [] } });
    const comp = render(homeId);
    await flushPromises(30);
    comp.querySelector('.home-message').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '完成工商注册后开通' }));
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
  });

  it('message centre: customs links open the batch and the 撤销申请单 pages', async () => {
    const msg = (documentId: string, link: string) => ({
      documentId,
      category: 'todo',
      module: 'customs',
      title: documentId,
      body: '',
      link,
      read: true,
      readAt: null,
      createdAt: new Date().toISOString(),
    });
    fake.respond(/\/api\/messages\?/, {
      statusCode: 200,
      data: {
        data: [msg('m1', '/customs/batches/b7'), msg('m2', '/customs/cancellations?invtNo=32052026E000000102')],
        meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 2 }, unread: 0 },
      },
    });
    const comp = render(messagesId);
    await flushPromises(30);
    comp.querySelectorAll('.msg-item')[0].dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/batch/index?id=b7' });
    comp.querySelectorAll('.msg-item')[1].dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageCustoms/pages/cancellations/index?invtNo=32052026E000000102' });
  });
});
