import type { ApiClient } from '../../src/services/api';
import { applicationPage } from '../../src/services/applications';
import { appTodoRows } from '../../src/services/home';
import { messagePage } from '../../src/services/message-center';
import { ApiError } from '../../src/utils/errors';
import {
  batchOptions,
  createRefund,
  emptyForm,
  estimateError,
  estimateKey,
  estimateQuery,
  estimateView,
  exportDateRange,
  fetchDeclarations,
  fetchEstimate,
  fileSlots,
  filterRows,
  filterTabs,
  formFromData,
  getRefund,
  listAllRefunds,
  listRefunds,
  loadCanWrite,
  normalizeHsCode,
  PAGES,
  RefundForm,
  refundData,
  refundDetailView,
  refundRows,
  refundSteps,
  refundSummary,
  refundTone,
  saveRefund,
  submitFailure,
  submitRefund,
  validateRefund,
} from '../../src/packageTaxRefund/taxrefund';
import { DATA, PDFS, estimate, kind, listBody, refundDetail, refundItem, refundList, timeline } from '../helpers/tax-refund-fixtures';

/** A client that records calls and answers with `answer` (a function of the path for paged reads). */
function fakeClient(answer: unknown | ((path: string, query: Record<string, unknown> | undefined) => unknown) = { data: {} }) {
  const calls: Array<{ method: string; path: string; body?: unknown; query?: unknown }> = [];
  const record = (method: string) =>
    jest.fn((path: string, a?: unknown, b?: unknown) => {
      const options = (method === 'GET' || method === 'DELETE' ? a : b) as { query?: Record<string, unknown> } | undefined;
      calls.push({ method, path, body: method === 'POST' || method === 'PUT' ? a : undefined, query: options && options.query });
      const value = typeof answer === 'function' ? (answer as (p: string, q?: Record<string, unknown>) => unknown)(path, options && options.query) : answer;
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
    });
  const client = { request: jest.fn(), get: record('GET'), post: record('POST'), put: record('PUT'), del: record('DELETE') } as unknown as ApiClient;
  return { client, calls };
}

const form = (extra: Partial<RefundForm> = {}): RefundForm => ({ ...formFromData({ ...DATA, files: { ...PDFS } }), ...extra });
const NOW = new Date(2026, 10, 22, 10, 0, 0); // 22 Nov 2026, local time

describe('packageTaxRefund: API calls (contract paths)', () => {
  it('list, detail, estimate, declarations; create / save / submit through /api/applications', async () => {
    const { client, calls } = fakeClient({ data: { documentId: 'new1' } });
    await listRefunds(2, 100, client);
    await getRefund('r 1', client);
    await fetchEstimate({ hsCode: '7116200000', enterpriseType: 'trading', purchaseAmount: '72000.00', date: '2026-11-10' }, client);
    expect(await createRefund(form(), client)).toBe('new1');
    await saveRefund('r1', form({ enterpriseType: 'producer' }), client);
    await submitRefund('r1', client);
    expect(calls).toEqual([
      { method: 'GET', path: '/api/tax-refund/applications', body: undefined, query: { 'pagination[page]': 2, 'pagination[pageSize]': 100 } },
      { method: 'GET', path: '/api/tax-refund/applications/r%201', body: undefined, query: undefined },
      {
        method: 'GET',
        path: '/api/tax-refund/estimate',
        body: undefined,
        query: { hsCode: '7116200000', enterpriseType: 'trading', purchaseAmount: '72000.00', date: '2026-11-10' },
      },
      { method: 'POST', path: '/api/applications', body: { kind: 'tax-refund', data: { ...DATA, files: PDFS } }, query: undefined },
      // a 生产企业 claims on the FOB amount: no 进项金额 is sent
      {
        method: 'PUT',
        path: '/api/applications/r1',
        body: { data: { enterpriseType: 'producer', orderAmount: '86500.00', hsCode: '7116200000', exportDate: '2026-11-10', invoiceNo: '32002541300087451', files: PDFS } },
        query: undefined,
      },
      { method: 'POST', path: '/api/applications/r1/transitions', body: { to: 'declared' }, query: undefined },
    ]);
  });

  it('declarations: the batches, or [] when the call fails', async () => {
    expect(await fetchDeclarations(fakeClient({ data: [{ id: 'b1' }] }).client)).toEqual([{ id: 'b1' }]);
    expect(await fetchDeclarations(fakeClient(new ApiError(403, 'FORBIDDEN', '没有权限')).client)).toEqual([]);
  });

  it('listAllRefunds reads every page of 100 (at most ten), without duplicates', async () => {
    const page = (n: number) => Array.from({ length: 100 }, (_, i) => refundItem({ documentId: `p${n}-${i}` }));
    const three = fakeClient((_p: string, q?: Record<string, unknown>) =>
      listBody(
        q!['pagination[page]'] === 3
          ? page(3)
              .slice(0, 5)
              .concat(refundItem({ documentId: 'p2-99' }))
          : page(Number(q!['pagination[page]'])),
        { page: Number(q!['pagination[page]']), pageSize: 100, pageCount: 3, total: 205 },
      ),
    );
    const all = await listAllRefunds(three.client);
    expect(three.calls.map((c) => (c.query as Record<string, number>)['pagination[page]'])).toEqual([1, 2, 3]);
    expect(all).toMatchObject({ total: 205, truncated: false });
    expect(all.items).toHaveLength(205); // p2-99 came twice (moved between reads)
    const many = fakeClient((_p: string, q?: Record<string, unknown>) =>
      listBody(page(Number(q!['pagination[page]'])), { page: Number(q!['pagination[page]']), pageSize: 100, pageCount: 12, total: 1200 }),
    );
    const capped = await listAllRefunds(many.client);
    expect(many.calls).toHaveLength(10);
    expect(capped).toMatchObject({ total: 1200, truncated: true });
    const bare = await listAllRefunds(fakeClient({ data: [refundItem()] }).client);
    expect(bare).toMatchObject({ total: 1, truncated: false });
  });

  it('loadCanWrite: admins only; offline the stored role decides', async () => {
    const g = globalThis as unknown as { wx: Record<string, unknown> };
    g.wx = { getStorageSync: () => 'member', setStorageSync: jest.fn() };
    expect(await loadCanWrite(fakeClient({ role: 'admin' }).client)).toBe(true);
    expect(await loadCanWrite(fakeClient({ role: 'member' }).client)).toBe(false);
    expect(await loadCanWrite(fakeClient(new ApiError(0, 'NETWORK_ERROR', '网络连接失败')).client)).toBe(false);
    g.wx = { getStorageSync: () => 'admin', setStorageSync: jest.fn() };
    expect(await loadCanWrite(fakeClient(new ApiError(0, 'NETWORK_ERROR', '网络连接失败')).client)).toBe(true);
  });
});

describe('packageTaxRefund: list and summary', () => {
  it('rows: status tone, amounts in yuan, the draft and return hints; drafts open the form', () => {
    const rows = refundRows(refundList());
    expect(rows.map((r) => [r.id, r.statusLabel, r.tone])).toEqual([
      ['r5', '填写申请', 'default'],
      ['r4', '退回补正', 'warning'],
      ['r1', '审核', 'processing'],
      ['r3', '不予退税', 'error'],
      ['r2', '到账', 'success'],
    ]);
    expect(rows[0]).toMatchObject({
      estimateText: '暂无法测算',
      estimated: false,
      hint: '草稿未提交，点击继续填写',
      page: '/packageTaxRefund/pages/apply/index?id=r5',
      hsText: '',
      orderText: '订单金额 ¥1,000.00',
    });
    expect(rows[1]).toMatchObject({ hint: '退回原因：进项发票金额与报关单不符', page: '/packageTaxRefund/pages/detail/index?id=r4' });
    expect(rows[2]).toMatchObject({
      orderText: '订单金额 ¥86,500.00',
      estimateText: '预计退税 ¥9,360.00',
      estimated: true,
      refundedText: '',
      hsText: 'HS 7116200000',
      exportDate: '2026-11-10',
      hint: '',
    });
    expect(rows[2].updatedText).toMatch(/^更新于 2026-11-14 \d\d:00$/);
    expect(rows[4]).toMatchObject({ refundedText: '已到账 ¥4,680.00' });
    expect(refundRows(null)).toEqual([]);
  });

  it('filters and their counts', () => {
    const rows = refundRows(refundList());
    expect(filterTabs(rows)).toEqual([
      { key: 'all', label: '全部', count: 5 },
      { key: 'active', label: '办理中', count: 1 },
      { key: 'todo', label: '待处理', count: 2 },
      { key: 'done', label: '已完成', count: 2 },
    ]);
    expect(filterRows(rows, 'done').map((r) => r.id)).toEqual(['r3', 'r2']);
  });

  it('summary: 到账 summed exactly from the refunded amounts, 办理中 with its estimates, 待处理', () => {
    const s = refundSummary(refundList());
    expect(s).toEqual({
      paidTotal: '¥4,680.00',
      paidText: '共 1 笔已到账',
      paidMissingText: '',
      inFlightCount: 1,
      inFlightEstimate: '¥9,360.00',
      actionCount: 2,
      truncatedText: '',
    });
    // 0.1 + 0.2 and amounts past 2^53: where floats go wrong
    const paid = (amount: string | null, id: string) => refundItem({ documentId: id, status: 'paid', refundedAmount: amount });
    const exact = refundSummary([paid('0.10', 'a'), paid('0.20', 'b'), paid('90071992547409.93', 'c'), paid(null, 'd'), refundItem({ status: 'treasury', estimate: null })], 1000);
    expect(exact.paidTotal).toBe('¥90,071,992,547,410.23');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(exact).toMatchObject({
      paidText: '共 4 笔已到账',
      paidMissingText: '1 笔到账金额待回执确认',
      inFlightCount: 1,
      inFlightEstimate: '¥0.00',
      truncatedText: '统计范围为最近 1000 笔申请',
    });
    expect(refundSummary([])).toMatchObject({ paidTotal: '¥0.00', paidText: '暂无到账记录', inFlightCount: 0, actionCount: 0 });
  });
});

describe('packageTaxRefund: the form', () => {
  it('form ⇄ data: trimmed, spaces out of the HS code, empty optional values left out', () => {
    expect(formFromData(null)).toEqual({ ...emptyForm(), enterpriseType: '' });
    expect(emptyForm().enterpriseType).toBe('trading');
    const f = formFromData({ ...DATA, customsBatches: ['b1'], note: ' 11 月 ', files: { tax_declaration: 'pf-1' } });
    expect(f).toMatchObject({ orderAmount: '86500.00', customsBatches: ['b1'], files: { tax_declaration: 'pf-1' } });
    expect(refundData({ ...f, hsCode: '7116 20.00 00', invoiceNo: ' ', orderAmount: ' 86500.00 ' })).toEqual({
      enterpriseType: 'trading',
      orderAmount: '86500.00',
      purchaseAmount: '72000.00',
      hsCode: '7116200000',
      exportDate: '2026-11-10',
      note: '11 月',
      customsBatches: ['b1'],
      files: { tax_declaration: 'pf-1' },
    });
    expect(refundData(emptyForm())).toEqual({ enterpriseType: 'trading', files: {} });
    expect(normalizeHsCode(' 7013.10 ')).toBe('701310');
  });

  it('validates in Chinese on the server’s field paths', () => {
    expect(validateRefund(form(), fileSlots(), NOW)).toEqual({});
    const errors = validateRefund({ ...emptyForm(), note: 'x'.repeat(501) }, fileSlots(), NOW);
    expect(errors).toEqual({
      orderAmount: '请填写退税订单金额（出口 FOB，元）',
      purchaseAmount: '请填写进项发票不含税金额（元）',
      hsCode: '请填写 HS 编码',
      exportDate: '请选择出口日期',
      'files.tax_declaration': '请上传出口报关单',
      'files.tax_purchase_invoice': '请上传进项发票（增值税专用发票）',
      'files.tax_sales_invoice': '请上传销售发票（出口发票）',
      note: '备注不能超过 500 个字符',
    });
    const bad = validateRefund(form({ orderAmount: '0', purchaseAmount: '100.001', hsCode: '711', exportDate: '2026-11-23' }), fileSlots(), NOW);
    expect(bad).toEqual({
      orderAmount: '请输入大于 0 的金额，最多 2 位小数',
      purchaseAmount: '请输入大于 0 的金额，最多 2 位小数',
      hsCode: 'HS 编码应为 4–10 位数字',
      exportDate: '请选择出口日期',
    });
    // a 生产企业 has no 进项金额 to check
    expect(validateRefund(form({ enterpriseType: 'producer', purchaseAmount: '' }), fileSlots(), NOW)).toEqual({});
    expect(validateRefund(form({ enterpriseType: '' }), fileSlots(), NOW)).toEqual({ enterpriseType: '请填写企业类型' });
  });

  it('the slots take the server’s labels and hints, else the built-in ones', () => {
    expect(fileSlots(kind() as never).map((s) => s.label)).toEqual(['出口报关单（PDF）', '进项发票（增值税专用发票，PDF）', '销售发票（出口发票，PDF）']);
    expect(fileSlots(null)[0]).toEqual({ key: 'tax_declaration', label: '出口报关单', hint: '海关出具的出口报关单，须为“出口退税专用”联', required: true });
  });

  it('the export-date range: three years back to today', () => {
    expect(exportDateRange(NOW)).toEqual({ start: '2023-11-22', end: '2026-11-22' });
  });

  it('estimate query: only once type, base amount and HS code are there; the basis follows the type', () => {
    expect(estimateQuery(form())).toEqual({ hsCode: '7116200000', enterpriseType: 'trading', purchaseAmount: '72000.00', date: '2026-11-10' });
    expect(estimateQuery(form({ enterpriseType: 'producer', exportDate: '' }))).toEqual({ hsCode: '7116200000', enterpriseType: 'producer', orderAmount: '86500.00' });
    expect(estimateQuery(form({ purchaseAmount: '' }))).toBeNull();
    expect(estimateQuery(form({ purchaseAmount: '1.234' }))).toBeNull();
    expect(estimateQuery(form({ hsCode: '71' }))).toBeNull();
    expect(estimateQuery(form({ enterpriseType: '' }))).toBeNull();
    expect(estimateKey(estimateQuery(form()))).toBe('trading|7116200000|72000.00||2026-11-10');
    expect(estimateKey(estimateQuery(form({ orderAmount: '1.00' })))).toBe(estimateKey(estimateQuery(form()))); // the FOB amount does not count for a 外贸企业
    expect(estimateKey(null)).toBe('');
  });

  it('estimate view and errors', () => {
    expect(estimateView(estimate())).toEqual({
      amount: '¥9,360.00',
      rateText: '适用退税率 13%',
      matchedText: '7116200000 天然或合成宝石制品（水晶制品）',
      basisText: '按进项发票不含税金额计算',
      formula: '72000.00 × 13% = 9360.00',
    });
    expect(estimateView(estimate({ basis: 'fob' }))!.basisText).toBe('按出口 FOB 金额计算');
    expect(estimateView(null)).toBeNull();
    const notFound = new ApiError(404, 'REFUND_RATE_NOT_FOUND', '未找到该 HS 编码适用的退税率，请核对编码或联系平台', {
      errors: [{ field: 'hsCode', message: '未找到 HS 编码 7117190000 在 2026-11-10 适用的退税率，请联系平台核实' }],
    });
    expect(estimateError(notFound)).toBe('未找到 HS 编码 7117190000 在 2026-11-10 适用的退税率，请联系平台核实');
    expect(estimateError(new ApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试'))).toBe('网络连接失败，请检查网络后重试');
  });

  it('submitFailure: APPLICATION_INCOMPLETE on its fields (invalid files say why), VALIDATION_FAILED too', () => {
    const incomplete = new ApiError(400, 'APPLICATION_INCOMPLETE', '材料不完整，请补充后再提交', {
      missing: [
        { field: 'files.tax_declaration', label: '出口报关单（PDF）：不是有效的 PDF 文件', reason: 'invalid' },
        { field: 'files.tax_sales_invoice', label: '销售发票（出口发票，PDF）', reason: 'required' },
        { field: 'customsBatches', label: '关联的报关批次（须为本商户的批次）', reason: 'invalid' },
      ],
    });
    expect(submitFailure(incomplete)).toEqual({
      message: '材料不完整，请补充后再提交',
      errors: {
        'files.tax_declaration': '出口报关单（PDF）：不是有效的 PDF 文件',
        'files.tax_sales_invoice': '请补充销售发票（出口发票，PDF）',
        customsBatches: '关联的报关批次（须为本商户的批次）',
      },
      missing: [
        { field: 'files.tax_declaration', text: '出口报关单（PDF）：不是有效的 PDF 文件' },
        { field: 'files.tax_sales_invoice', text: '请补充销售发票（出口发票，PDF）' },
        { field: 'customsBatches', text: '关联的报关批次（须为本商户的批次）' },
      ],
    });
    const invalid = new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误', { errors: [{ field: 'hsCode', message: 'HS 编码应为 4–10 位数字' }] });
    expect(submitFailure(invalid)).toEqual({ message: '提交的信息有误', errors: { hsCode: 'HS 编码应为 4–10 位数字' }, missing: [] });
    expect(submitFailure(new Error('x')).message).toBe('操作失败，请稍后重试');
  });

  it('batch options', () => {
    expect(batchOptions([{ id: 'b1', number: 'CB-1', name: 'TikTok', releasedInventories: 5 }], ['b1'])).toEqual([
      { id: 'b1', title: 'CB-1 · TikTok', sub: '已放行清单 5 票', selected: true },
    ]);
    expect(batchOptions(null, [])).toEqual([]);
  });
});

describe('packageTaxRefund: the detail', () => {
  it('steps 申报 → 审核 → 退库 → 到账; tones', () => {
    expect(refundSteps()).toEqual([
      { key: 'declared', label: '申报' },
      { key: 'reviewing', label: '审核' },
      { key: 'treasury', label: '退库' },
      { key: 'paid', label: '到账' },
    ]);
    expect(['draft', 'declared', 'treasury', 'paid', 'returned', 'rejected'].map(refundTone)).toEqual(['default', 'processing', 'processing', 'success', 'warning', 'error']);
  });

  it('under review: the estimate heads the page, what was submitted, the three files', () => {
    const v = refundDetailView(refundDetail());
    expect(v).toMatchObject({
      number: 'TR-20261112-00001',
      statusLabel: '审核',
      waiting: true,
      editable: false,
      headLabel: '预计退税（元）',
      headAmount: '¥9,360.00',
      refundedText: '',
      reason: '',
    });
    expect(v.info.map((r) => [r.label, r.value])).toEqual([
      ['企业类型', '外贸企业'],
      ['退税订单金额', '¥86,500.00'],
      ['进项发票不含税金额', '¥72,000.00'],
      ['HS 编码', '7116200000'],
      ['出口日期', '2026-11-10'],
      ['进项发票号码', '32002541300087451'],
      ['提交时间', expect.stringMatching(/^2026-11-12 \d\d:00$/)],
    ]);
    expect(v.files).toEqual([
      { key: 'tax_declaration', label: '出口报关单', documentId: 'pf-decl' },
      { key: 'tax_purchase_invoice', label: '进项发票（增值税专用发票）', documentId: 'pf-purchase' },
      { key: 'tax_sales_invoice', label: '销售发票（出口发票）', documentId: 'pf-sales' },
    ]);
  });

  it('paid: the refunded amount heads the page; return messages newest first; batches', () => {
    const v = refundDetailView(
      refundDetail({
        status: 'paid',
        statusLabel: '到账',
        refundedAmount: '4680.00',
        returns: [
          { date: '2026-11-06', status: 'treasury', statusLabel: '退库', amount: null, message: '审核通过' },
          { date: '2026-11-08', status: 'paid', statusLabel: '到账', amount: '4680.00', message: null },
        ],
        batches: [{ id: 'b1', number: 'CB-20261101-0001', name: 'TikTok 11 月第一批', releasedInventories: 5 }],
      }),
    );
    expect(v).toMatchObject({ paid: true, headLabel: '已到账退税（元）', headAmount: '¥4,680.00', refundedText: '¥4,680.00' });
    expect(v.returns).toEqual([
      { key: '1-2026-11-08', date: '2026-11-08', statusLabel: '到账', tone: 'success', amountText: '退税金额 ¥4,680.00', message: '' },
      { key: '0-2026-11-06', date: '2026-11-06', statusLabel: '退库', tone: 'processing', amountText: '', message: '审核通过' },
    ]);
    expect(v.batches).toEqual([{ id: 'b1', title: 'CB-20261101-0001 · TikTok 11 月第一批', sub: '已放行清单 5 票' }]);
  });

  it('returned / rejected: the staff note (lastNote, else the timeline); a 生产企业 shows no 进项金额; no estimate', () => {
    const returned = refundDetailView(refundDetail({ status: 'returned', editable: true, lastNote: ' 进项发票金额与报关单不符 ' }));
    expect(returned).toMatchObject({ returned: true, editable: true, reason: '进项发票金额与报关单不符' });
    const rejected = refundDetailView(
      refundDetail({
        status: 'rejected',
        lastNote: null,
        estimate: null,
        data: { ...DATA, enterpriseType: 'producer', files: { tax_declaration: 'pf-decl' } },
        timeline: timeline([null, 'draft', null], ['draft', 'declared', null], ['declared', 'rejected', '出口报关单非“出口退税专用”联']),
      }),
    );
    expect(rejected).toMatchObject({ rejected: true, reason: '出口报关单非“出口退税专用”联', headAmount: '—', estimate: null });
    expect(rejected.info.map((r) => r.key)).not.toContain('purchaseAmount');
    expect(rejected.info[0]).toEqual({ key: 'enterpriseType', label: '企业类型', value: '生产企业' });
    expect(rejected.files.map((f) => f.documentId)).toEqual(['pf-decl', '', '']);
  });
});

describe('links into packageTaxRefund', () => {
  it('message links /tax-refund/<id> and /tax-refund; pushed mini-program paths', () => {
    expect(messagePage({ link: '/tax-refund/abc123', module: 'tax-refund' })).toBe('/packageTaxRefund/pages/detail/index?id=abc123');
    expect(messagePage({ link: 'tax-refund/abc123/', module: 'tax-refund' })).toBe('/packageTaxRefund/pages/detail/index?id=abc123');
    expect(messagePage({ link: '/tax-refund', module: 'tax-refund' })).toBe('/packageTaxRefund/pages/index/index');
    expect(messagePage({ link: '/tax-refund?status=paid', module: 'tax-refund' })).toBe('/packageTaxRefund/pages/index/index');
    expect(messagePage({ link: 'packageTaxRefund/pages/detail/index?id=r9', module: 'tax-refund' })).toBe('/packageTaxRefund/pages/detail/index?id=r9');
    expect(messagePage({ link: null, module: 'tax-refund' })).toBe('/packageTaxRefund/pages/index/index');
    expect(messagePage({ link: '/tax-refunds', module: null })).toBe('');
    expect(PAGES.detail('r 1')).toBe('/packageTaxRefund/pages/detail/index?id=r%201');
    expect(PAGES.apply()).toBe('/packageTaxRefund/pages/apply/index');
    expect(applicationPage('tax-refund', 'r1')).toBe(PAGES.detail('r1'));
    expect(applicationPage('tax-refund')).toBe(PAGES.index);
  });

  it('办理提醒 on the home page: a refund draft with the server’s state label, opening its detail', () => {
    const rows = appTodoRows([
      {
        applicationId: 'r5',
        kind: 'tax-refund',
        module: 'tax-refund',
        title: '继续填写出口退税资料',
        status: 'draft',
        statusLabel: '填写申请',
        mpPath: 'packageTaxRefund/pages/detail/index?id=r5',
      },
      { applicationId: 'r4', kind: 'tax-refund', module: 'tax-refund', title: '出口退税需要补正', status: 'returned' },
    ]);
    expect(rows.map((r) => [r.statusLabel, r.page])).toEqual([
      ['填写申请', '/packageTaxRefund/pages/detail/index?id=r5'],
      ['退回补正', '/packageTaxRefund/pages/detail/index?id=r4'],
    ]);
  });
});
