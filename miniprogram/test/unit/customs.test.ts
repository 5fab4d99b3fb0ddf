import type { ApiClient } from '../../src/services/api';
import { messagePage } from '../../src/services/message-center';
import { buildHomeView, HomePayload } from '../../src/services/home';
import { ApiError } from '../../src/utils/errors';
import {
  BatchProgress,
  batchRows,
  canDeclareCancellation,
  cancellationRows,
  canWithdraw,
  configView,
  countRows,
  fetchCustomsTodos,
  fieldErrors,
  isInFlight,
  nextView,
  PAGES,
  progressInFlight,
  receiptRows,
  recordView,
  runNextAction,
  stageSteps,
  stageView,
  statusLabel,
  statusTone,
  todoRows,
  validateCancellation,
  validateWaybill,
  createCancellation,
  listCancellations,
  listCancellable,
} from '../../src/packageCustoms/customs';

const progress = (extra: Partial<BatchProgress> = {}): BatchProgress => ({
  stage: 'orders',
  next: null,
  orders: { total: 0, byStatus: {} },
  inventories: { total: 0, byStatus: {} },
  waybill: null,
  summary: null,
  needsSummary: true,
  ...extra,
});

/** A client that records calls and answers `answer`. */
function fakeClient(answer: unknown = { data: {} }) {
  const calls: Array<{ method: string; path: string; body?: unknown; query?: unknown }> = [];
  const client = {
    request: jest.fn(),
    get: jest.fn((path: string, o?: { query?: unknown }) => {
      calls.push({ method: 'GET', path, query: o && o.query });
      return Promise.resolve(answer);
    }),
    post: jest.fn((path: string, body?: unknown) => {
      calls.push({ method: 'POST', path, body });
      return Promise.resolve(answer);
    }),
    put: jest.fn(),
    del: jest.fn(),
  } as unknown as ApiClient;
  return { client, calls };
}

describe('packageCustoms: stages → steps', () => {
  it('电子订单 → 出口清单 → 清单总分单 → 汇总申请单 → 完成; no 汇总 step for 简化申报 (A)', () => {
    expect(stageSteps(true)).toEqual([
      { key: 'orders', label: '电子订单' },
      { key: 'inventories', label: '出口清单' },
      { key: 'waybill', label: '清单总分单' },
      { key: 'summary', label: '汇总申请单' },
      { key: 'done', label: '完成' },
    ]);
    expect(stageSteps(false).map((s) => s.key)).toEqual(['orders', 'inventories', 'waybill', 'done']);
  });

  it('stageView: the board tag says what is going on', () => {
    expect(stageView(progress({ stage: 'done', needsSummary: false }))).toMatchObject({ stage: 'done', statusLabel: '已完成', inFlight: false });
    expect(stageView(progress({ stage: 'done' })).steps).toHaveLength(5);
    const waiting = stageView(progress({ stage: 'orders', orders: { total: 4, byStatus: { declaring: 3, stored: 1 } } }));
    expect(waiting).toMatchObject({ statusLabel: '等待海关回执', inFlight: true });
    const action = stageView(
      progress({ stage: 'inventories', next: { action: 'declare-inventories', label: '申报出口清单', hint: '4 个订单已入库' }, orders: { total: 4, byStatus: { stored: 4 } } }),
    );
    expect(action).toMatchObject({ statusLabel: '待您操作', inFlight: false });
    const rejected = stageView(progress({ stage: 'orders', orders: { total: 2, byStatus: { rejected: 2 } } }));
    expect(rejected.statusLabel).toBe('有退单待处理');
    expect(stageView(progress({ stage: 'orders', next: { action: 'import', label: '导入电子订单', hint: '' } })).statusLabel).toBe('电子订单');
  });

  it('in flight: orders queued/declaring, inventories until released, 总分单/汇总 until 审结', () => {
    expect(isInFlight('order', 'declaring')).toBe(true);
    expect(isInFlight('order', 'stored')).toBe(false);
    expect(isInFlight('inventory', 'stored')).toBe(true);
    expect(isInFlight('inventory', 'inspecting')).toBe(true);
    expect(isInFlight('inventory', 'released')).toBe(false);
    expect(isInFlight('waybill', 'reviewed')).toBe(false);
    expect(isInFlight('cancellation', 'draft')).toBe(false);
    expect(isInFlight('cancellation', 'queued')).toBe(true);
    expect(progressInFlight(progress({ orders: { total: 3, byStatus: { stored: 3 } }, inventories: { total: 3, byStatus: { released: 2, inspecting: 1 } } }))).toBe(true);
    expect(progressInFlight(progress({ inventories: { total: 3, byStatus: { released: 3, inspecting: 0 } } }))).toBe(false);
    expect(progressInFlight(progress({ waybill: { id: 'w1', status: 'declaring' } }))).toBe(true);
    expect(progressInFlight(progress({ waybill: { id: 'w1', status: 'reviewed' }, summary: { id: 's1', status: 'queued' } }))).toBe(true);
    expect(progressInFlight(null)).toBe(false);
  });
});

describe('packageCustoms: status labels and counts', () => {
  it('Chinese labels of the contract vocabulary; cancellation drafts are 暂存', () => {
    expect(
      ['draft', 'queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting', 'released', 'rejected', 'approved', 'withdrawn', 'cancelled'].map((s) => statusLabel(s)),
    ).toEqual(['待申报', '待发送', '申报中', '海关入库', '人工审核', '海关审结', '查验中', '已放行', '退单', '撤销成功', '不再撤销', '已撤销']);
    expect(statusLabel('draft', 'cancellation')).toBe('暂存');
    expect(statusLabel('draft', 'order')).toBe('待申报');
    expect(statusLabel('mystery')).toBe('mystery');
    expect(statusLabel(null)).toBe('');
  });

  it('tones: success ends per kind, rejected red, 查验 warning, in flight processing', () => {
    expect(statusTone('order', 'stored')).toBe('success');
    expect(statusTone('inventory', 'stored')).toBe('processing');
    expect(statusTone('inventory', 'released')).toBe('success');
    expect(statusTone('waybill', 'reviewed')).toBe('success');
    expect(statusTone('cancellation', 'approved')).toBe('success');
    expect(statusTone('inventory', 'inspecting')).toBe('warning');
    expect(statusTone('order', 'rejected')).toBe('error');
    expect(statusTone('order', 'draft')).toBe('default');
  });

  it('countRows: non-zero counts in flow order, unknown last', () => {
    const rows = countRows('order', { total: 10, byStatus: { rejected: 1, stored: 6, draft: 0, weird: 1, declaring: 2 } });
    expect(rows.map((r) => [r.label, r.count, r.tone])).toEqual([
      ['申报中', 2, 'processing'],
      ['海关入库', 6, 'success'],
      ['退单', 1, 'error'],
      ['weird', 1, 'default'],
    ]);
    expect(countRows('inventory', null)).toEqual([]);
  });

  it('recordView and receiptRows (newest first as given, subject · 回执, 说明, CEB type)', () => {
    expect(recordView('waybill', { id: 'w1', status: 'rejected', returnStatusLabel: '海关退单', returnInfo: ' 提运单号不存在 ', billNo: '784-1', packageCount: 4 })).toEqual({
      status: 'rejected',
      statusLabel: '退单',
      tone: 'error',
      returnStatusLabel: '海关退单',
      returnInfo: '提运单号不存在',
      billNo: '784-1',
      sumNo: '',
      packageCount: '4',
    });
    expect(recordView('summary', null)).toBeNull();
    const rows = receiptRows([
      { subjectType: 'inventory', messageType: 'CEB604', returnStatus: 800, returnStatusLabel: '放行', status: 'released', returnInfo: null, at: '2026-11-22T06:30:00.000Z' },
      {
        subjectType: 'order',
        messageType: 'CEB304',
        returnStatus: 100,
        returnStatusLabel: '海关退单',
        status: 'rejected',
        returnInfo: '商品编码有误',
        at: '2026-11-22T06:00:00.000Z',
      },
      { subjectType: 'order', messageType: 'CEB304', returnStatus: 2, returnStatusLabel: '电子口岸申报中', status: 'declaring', returnInfo: '', at: '2026-11-22T05:00:00.000Z' },
    ]);
    expect(rows.map((r) => [r.title, r.note, r.actor, r.tone])).toEqual([
      ['出口清单 · 放行', '', 'CEB604', 'success'],
      ['电子订单 · 海关退单', '商品编码有误', 'CEB304', 'error'],
      ['电子订单 · 电子口岸申报中', '', 'CEB304', 'default'],
    ]);
    expect(rows[0].time).toBe('2026-11-22 14:30');
    expect(receiptRows(undefined)).toEqual([]);
  });
});

describe('packageCustoms: next action availability', () => {
  const next = (action: string, label: string) => ({ action, label, hint: `${label}提示` }) as BatchProgress['next'];

  it('import stays on the PC; declare steps are buttons; 总分单 is a form', () => {
    expect(nextView(progress({ next: next('import', '导入电子订单') }), true)).toMatchObject({ mode: 'pc', canAct: false, hint: '请在电脑端导入 Excel 订单' });
    expect(nextView(progress({ next: next('declare-orders', '申报电子订单') }), true)).toMatchObject({
      mode: 'button',
      action: 'declare-orders',
      label: '申报电子订单',
      canAct: true,
    });
    expect(nextView(progress({ stage: 'inventories', next: next('declare-inventories', '申报出口清单') }), true)).toMatchObject({ mode: 'button', canAct: true });
    expect(nextView(progress({ stage: 'waybill', next: next('declare-waybill', '申报清单总分单') }), true)).toMatchObject({ mode: 'waybill', canAct: true });
    expect(nextView(progress({ stage: 'summary', next: next('declare-summary', '提交汇总申请单') }), true)).toMatchObject({
      mode: 'button',
      action: 'declare-summary',
      canAct: true,
    });
  });

  it('members (canWrite false) see the step but cannot act', () => {
    for (const action of ['declare-orders', 'declare-inventories', 'declare-waybill', 'declare-summary']) {
      expect(nextView(progress({ next: next(action, 'x') }), false).canAct).toBe(false);
    }
  });

  it('no next: done, waiting for receipts, or nothing; unknown actions are not offered', () => {
    expect(nextView(progress({ stage: 'done' }), true)).toMatchObject({ mode: 'done', label: '本批次已全部完成', canAct: false });
    expect(nextView(progress({ stage: 'orders', orders: { total: 2, byStatus: { queued: 2 } } }), true)).toMatchObject({ mode: 'waiting', canAct: false });
    expect(nextView(progress({ stage: 'orders', orders: { total: 2, byStatus: { rejected: 2 } } }), true)).toMatchObject({ mode: 'none', canAct: false });
    expect(nextView(progress({ next: next('close-batch', '关闭批次') }), true)).toMatchObject({ mode: 'none', canAct: false, label: '关闭批次' });
  });

  it('runNextAction posts to the contract endpoints; import is refused locally', async () => {
    const { client, calls } = fakeClient({ data: { declared: 2 } });
    await runNextAction('b 1', 'declare-orders', undefined, client);
    await runNextAction('b1', 'declare-inventories', undefined, client);
    await runNextAction('b1', 'declare-waybill', { billNo: ' 784-1 ', trafName: '国航', voyageNo: 'CA1234' }, client);
    await runNextAction('b1', 'declare-summary', undefined, client);
    expect(calls).toEqual([
      { method: 'POST', path: '/api/customs/batches/b%201/orders/declare', body: undefined },
      { method: 'POST', path: '/api/customs/batches/b1/inventories', body: undefined },
      { method: 'POST', path: '/api/customs/batches/b1/waybill', body: { billNo: '784-1', trafName: '国航', voyageNo: 'CA1234' } },
      { method: 'POST', path: '/api/customs/batches/b1/summary', body: undefined },
    ]);
    await expect(runNextAction('b1', 'import', undefined, client)).rejects.toMatchObject({ code: 'PC_ONLY', message: '请在电脑端导入 Excel 订单' });
    expect(calls).toHaveLength(4);
  });

  it('validateWaybill mirrors the server rules; fieldErrors reads VALIDATION_FAILED', () => {
    expect(validateWaybill({ billNo: '', trafName: '', voyageNo: '' })).toEqual({
      billNo: '请填写提运单号（总运单号）',
      trafName: '请填写运输工具名称',
      voyageNo: '请填写航班航次号',
    });
    expect(validateWaybill({ billNo: '784 1', trafName: '中国国际航空', voyageNo: 'CA一二' })).toEqual({
      billNo: '只能填写字母、数字或符号，不含空格和中文',
      voyageNo: '只能填写字母、数字或符号，不含空格和中文',
    });
    expect(validateWaybill({ billNo: 'x'.repeat(38), trafName: 'ok', voyageNo: 'CA1' })).toEqual({ billNo: '提运单号（总运单号）不能超过37个字符' });
    expect(validateWaybill({ billNo: '784-20261122-01', trafName: '中国国际航空', voyageNo: 'CA1234' })).toEqual({});
    const err = new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误', { errors: [{ field: 'billNo', message: '请填写提运单号（总运单号）' }] });
    expect(fieldErrors(err)).toEqual({ billNo: '请填写提运单号（总运单号）' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});

describe('packageCustoms: 撤销申请单', () => {
  it('申报 / 不再撤销 only for 暂存 (draft) and 退单 (rejected)', () => {
    for (const s of ['draft', 'rejected']) {
      expect(canWithdraw(s)).toBe(true);
      expect(canDeclareCancellation(s)).toBe(true);
    }
    for (const s of ['queued', 'declaring', 'stored', 'reviewing', 'approved', 'withdrawn', '', null]) {
      expect(canWithdraw(s)).toBe(false);
      expect(canDeclareCancellation(s)).toBe(false);
    }
  });

  it('rows: labels, receipt, actions; members get no actions', () => {
    const list = [
      {
        id: 'c1',
        invtNo: '32052026E000000101',
        status: 'rejected',
        returnStatusLabel: '海关退单',
        returnInfo: '清单已结关，不能撤销',
        reason: '退货',
        copName: '东海县晶华水晶饰品有限公司',
        ebcCode: '3207960A2B',
        guid: 'G-1',
        createdAt: '2026-11-22T06:30:00.000Z',
      },
      { id: 'c2', invtNo: '32052026E000000102', status: 'draft', reason: '买家取消' },
      { id: 'c3', invtNo: '32052026E000000103', status: 'declaring', returnStatusLabel: '电子口岸申报中' },
      { id: 'c4', invtNo: '32052026E000000104', status: 'approved', returnStatusLabel: '海关审结' },
    ];
    const rows = cancellationRows(list, false);
    expect(rows.map((r) => [r.statusLabel, r.canDeclare, r.canWithdraw, r.declareLabel, r.inFlight])).toEqual([
      ['退单', true, true, '重新申报', false],
      ['暂存', true, true, '申报', false],
      ['申报中', false, false, '申报', true],
      ['撤销成功', false, false, '申报', false],
    ]);
    expect(rows[0]).toMatchObject({
      returnStatusLabel: '海关退单',
      returnInfo: '清单已结关，不能撤销',
      ebc: '东海县晶华水晶饰品有限公司（3207960A2B）',
      time: '2026-11-22 14:30',
      tone: 'error',
    });
    expect(cancellationRows(list, true).some((r) => r.canDeclare || r.canWithdraw)).toBe(false);
  });

  it('validateCancellation: a picked 清单 and a reason ≤ 500', () => {
    expect(validateCancellation({ invtNo: '', reason: ' ' })).toEqual({ invtNo: '请选择要撤销的清单', reason: '请填写撤销原因' });
    expect(validateCancellation({ invtNo: 'X1', reason: 'x'.repeat(501) })).toEqual({ reason: '撤销原因不能超过500个字符' });
    expect(validateCancellation({ invtNo: 'X1', reason: '买家取消订单' })).toEqual({});
  });

  it('list / cancellable / create call the contract endpoints', async () => {
    const { client, calls } = fakeClient({ data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 0 } } });
    await listCancellations(' 3205 ', 2, 20, client);
    await listCancellations('', 1, 20, client);
    await listCancellable('', client);
    await listCancellable('3205', client);
    await createCancellation({ invtNo: 'X1', reason: ' 退货 ', declare: false }, client);
    await createCancellation({ invtNo: 'X1', reason: '退货', declare: true }, client);
    expect(calls).toEqual([
      { method: 'GET', path: '/api/customs/cancellations', query: { 'pagination[page]': 2, 'pagination[pageSize]': 20, 'filters[invtNo][$containsi]': '3205' } },
      { method: 'GET', path: '/api/customs/cancellations', query: { 'pagination[page]': 1, 'pagination[pageSize]': 20 } },
      { method: 'GET', path: '/api/customs/cancellable', query: {} },
      { method: 'GET', path: '/api/customs/cancellable', query: { invtNo: '3205' } },
      { method: 'POST', path: '/api/customs/cancellations', body: { invtNo: 'X1', reason: '退货' } },
      { method: 'POST', path: '/api/customs/cancellations', body: { invtNo: 'X1', reason: '退货', declare: true } },
    ]);
  });
});

describe('packageCustoms: index rows', () => {
  it('to-dos open their mpPath (leading slash added), else the customs home', () => {
    expect(
      todoRows([
        {
          module: 'customs',
          key: 'k1',
          title: '申报出口清单（批次 PC1）',
          body: '4 个订单已入库',
          action: 'declare-inventories',
          link: '/customs/batches/b1',
          mpPath: 'packageCustoms/pages/batch/index?id=b1',
        },
        { module: 'customs', key: 'k2', title: '清单 X1 的撤销申请被退单', link: '/customs/cancellations?invtNo=X1', mpPath: 'packageCustoms/pages/cancellations/index?invtNo=X1' },
        { module: 'customs', key: 'k3', title: '?' },
      ]).map((r) => r.page),
    ).toEqual(['/packageCustoms/pages/batch/index?id=b1', '/packageCustoms/pages/cancellations/index?invtNo=X1', '/packageCustoms/pages/index/index']);
  });

  it("GET /api/customs/todos: the { data: { items, counts } } answer and the contract's unwrapped shape", async () => {
    const items = [{ module: 'customs', key: 'k', title: 't' }];
    const wrapped = fakeClient({ data: { items, counts: { orders: 1, lists: 0, summaries: 0 } } });
    expect(await fetchCustomsTodos(wrapped.client)).toEqual({ items, counts: { orders: 1, lists: 0, summaries: 0 } });
    const bare = fakeClient({ items, counts: { orders: 0, lists: 2, summaries: 0 } });
    expect(await fetchCustomsTodos(bare.client)).toEqual({ items, counts: { orders: 0, lists: 2, summaries: 0 } });
    expect(await fetchCustomsTodos(fakeClient({}).client)).toEqual({ items: [], counts: { orders: 0, lists: 0, summaries: 0 } });
  });

  it('configView: status, hint, read-only rows, verify errors', () => {
    const valid = configView({
      status: 'valid',
      dxpId: 'DXPENT0000777001',
      ebcCode: '3207960A2B',
      ebcName: '东海县晶华水晶饰品有限公司',
      customsCode: '2305',
      portCode: '2305',
      appKey: 'jh-****',
      verifiedAt: '2026-11-22T06:30:00.000Z',
      verifyErrors: [],
    });
    expect(valid).toMatchObject({ status: 'valid', statusLabel: '已生效', tone: 'success', hint: '接口配置已校验通过，可以申报', errors: [] });
    expect(valid.rows).toEqual([
      { label: 'DXP ID', value: 'DXPENT0000777001' },
      { label: '电商企业', value: '东海县晶华水晶饰品有限公司（3207960A2B）' },
      { label: '主管海关', value: '2305' },
      { label: '口岸', value: '2305' },
      { label: 'AppKey', value: 'jh-****' },
      { label: '校验时间', value: '2026-11-22 14:30' },
    ]);
    const invalid = configView({ status: 'invalid', dxpId: 'DXPX', verifyErrors: [{ field: 'dxpId', message: 'DXP ID 不存在' }] });
    expect(invalid).toMatchObject({ statusLabel: '校验未通过', tone: 'error', errors: ['DXP ID 不存在'] });
    expect(configView(null)).toMatchObject({ status: 'missing', statusLabel: '未配置', tone: 'warning', rows: [] });
    expect(configView({ status: 'unverified' }).statusLabel).toBe('待校验');
  });

  it('batchRows: stage, tag, counts, next label, the batch page', () => {
    const [row] = batchRows([
      {
        id: 'b1',
        number: 'PC20261122000001',
        name: '11月 Amazon 美国站 第1批',
        progress: progress({
          stage: 'inventories',
          next: { action: 'declare-inventories', label: '申报出口清单', hint: '' },
          orders: { total: 4, byStatus: { stored: 3, rejected: 1 } },
        }),
      },
    ]);
    expect(row).toMatchObject({
      stageLabel: '出口清单',
      statusLabel: '待您操作',
      tone: 'warning',
      ordersText: '订单 4',
      inventoriesText: '清单 0',
      nextLabel: '申报出口清单',
      inFlight: false,
      page: '/packageCustoms/pages/batch/index?id=b1',
    });
    expect(row.orderCounts.map((c) => c.label)).toEqual(['海关入库', '退单']);
    expect(PAGES.cancellations('A B')).toBe('/packageCustoms/pages/cancellations/index?invtNo=A%20B');
  });
});

describe('customs links in the message centre and on the home page', () => {
  it('messagePage maps /customs web links to the packageCustoms pages', () => {
    expect(messagePage({ link: '/customs/batches/abc123', module: 'customs' })).toBe('/packageCustoms/pages/batch/index?id=abc123');
    expect(messagePage({ link: '/customs/cancellations?invtNo=32052026E000000101', module: 'customs' })).toBe(
      '/packageCustoms/pages/cancellations/index?invtNo=32052026E000000101',
    );
    expect(messagePage({ link: '/customs/cancellations', module: 'customs' })).toBe('/packageCustoms/pages/cancellations/index');
    expect(messagePage({ link: '/customs', module: 'customs' })).toBe('/packageCustoms/pages/index/index');
    expect(messagePage({ link: 'packageCustoms/pages/batch/index?id=b9', module: 'customs' })).toBe('/packageCustoms/pages/batch/index?id=b9');
    expect(messagePage({ link: '/customsx', module: null })).toBe('');
  });

  it('home messages carry their module and page (a customs message opens its batch)', () => {
    const payload: HomePayload = {
      merchant: { documentId: 'm1', nameCn: '晶华', registrationStatus: 'approved' },
      modules: [],
      todos: { total: 0, customs: { orders: 0, lists: 0, summaries: 0 } },
      messages: {
        unread: 1,
        latest: [
          {
            documentId: 'x',
            category: 'business',
            module: 'customs',
            title: '出口清单已放行',
            body: '',
            link: '/customs/batches/b1',
            read: false,
            createdAt: '2026-11-22T06:30:00.000Z',
          },
        ],
      },
    };
    expect(buildHomeView(payload).messages[0]).toMatchObject({ module: 'customs', page: '/packageCustoms/pages/batch/index?id=b1' });
  });
});
