/** @jest-environment jsdom */
import { ESTIMATE_DELAY_MS } from '../../src/packageTaxRefund/taxrefund';
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx, RecordedRequest } from '../helpers/fake-wx';
import { loadPage, render } from '../helpers/simulate';
import { DATA, PDFS, batches, estimate, kind, listBody, refundDetail, refundItem, refundList, timeline } from '../helpers/tax-refund-fixtures';

type Comp = ReturnType<typeof render>;
const dom = (comp: Comp) => comp.dom as HTMLElement;
const text = (comp: Comp) => dom(comp).textContent!.replace(/\s+/g, ' ');
const textOf = (node: unknown) => (node as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, ' ');
/** Text without any spaces (labels and values sit in separate views). */
const flat = (node: unknown) => (node as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, '');
const attr = (node: unknown, name: string) => (node as { dom: HTMLElement }).dom.getAttribute(name);
/** antd-mini Button renders its className on the inner wx-button (ant-button--<className>). */
const buttons = (comp: Comp, name: string) => dom(comp).querySelectorAll(`wx-button[class~="ant-button--${name}"]`);
const stepOf = (comp: Comp, state: string) => Array.from(dom(comp).querySelectorAll(`[class~="ant-steps--ant-steps-item-title-${state}"]`)).map((n) => n.textContent);
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
  fake.storage[STORAGE_KEYS.jwt] = 'jwt-tr';
  fake.storage[STORAGE_KEYS.role] = 'admin';
  query.current = {};
  modalAnswer = true;
  fake.api.showModal.mockImplementation((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
    Promise.resolve().then(() => o.success && o.success({ confirm: modalAnswer, cancel: !modalAnswer }));
  });
  (globalThis as unknown as { getApp: () => unknown }).getApp = () => ({ globalData: { homeStale: false } });
});

// ---------------------------------------------------------------- 退税列表

describe('packageTaxRefund/pages/index (退税列表; message link /tax-refund)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageTaxRefund/pages/index/index', query);
  });

  const respond = (options: { role?: 'admin' | 'member'; items?: ReturnType<typeof refundList> } = {}) => {
    fake.respond('/api/me', { statusCode: 200, data: me(options.role || 'admin') });
    fake.respond('/api/tax-refund/applications', { statusCode: 200, data: listBody(options.items || refundList()) });
  };

  it('summary (到账 total, 办理中 and its estimate, 待处理), the refunds with status and amounts, 新建 for admins', async () => {
    respond();
    const comp = render(id);
    await flushPromises(30);
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '出口退税' });
    expect(queryOf(requestsTo(fake, /\/api\/tax-refund\/applications/)[0])).toEqual({ 'pagination[page]': '1', 'pagination[pageSize]': '100' });
    const summary = flat(comp.querySelector('.tr-summary'));
    expect(summary).toContain('累计到账退税（元）¥4,680.00');
    expect(summary).toContain('共1笔已到账');
    expect(summary).toContain('办理中1笔');
    expect(summary).toContain('预计退税¥9,360.00');
    expect(summary).toContain('待处理2笔');
    expect(comp.querySelectorAll('.tr-summary-cell-value--alert')).toHaveLength(1);

    const rows = comp.querySelectorAll('.tr-row');
    expect(rows).toHaveLength(5);
    expect(textOf(rows[0])).toContain('填写申请');
    expect(textOf(rows[0])).toContain('草稿未提交，点击继续填写');
    expect(textOf(rows[1])).toContain('退回原因：进项发票金额与报关单不符');
    expect(textOf(rows[2])).toContain('TR-20261112-00001');
    expect(textOf(rows[2])).toContain('预计退税 ¥9,360.00');
    expect(textOf(rows[2])).toContain('订单金额 ¥86,500.00 · HS 7116200000 · 2026-11-10');
    expect(textOf(rows[4])).toContain('已到账 ¥4,680.00');
    expect(attr(comp.querySelectorAll('.tr-tag')[4], 'class')).toContain('tr-tag--success');

    rows[2].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageTaxRefund/pages/detail/index?id=r1' });
    rows[0].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageTaxRefund/pages/apply/index?id=r5' });
    comp.querySelector('.tr-create').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageTaxRefund/pages/apply/index' });
  });

  it('tabs filter the list, with counts', async () => {
    respond();
    const comp = render(id);
    await flushPromises(30);
    const tabs = comp.querySelectorAll('.tr-tab');
    expect(tabs.map((t: unknown) => flat(t))).toEqual(['全部5', '办理中1', '待处理2', '已完成2']);
    tabs[3].dispatchEvent('tap');
    await flushPromises();
    expect(comp.querySelectorAll('.tr-row').map((r: unknown) => attr(r, 'data-id'))).toEqual(['r3', 'r2']);
    comp.querySelectorAll('.tr-row')[1].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenLastCalledWith({ url: '/packageTaxRefund/pages/detail/index?id=r2' });
    tabs[1].dispatchEvent('tap');
    await flushPromises();
    expect(comp.querySelectorAll('.tr-row').map((r: unknown) => attr(r, 'data-id'))).toEqual(['r1']);
    // back from a detail: reloaded, the tab kept
    comp.instance.onShow();
    await flushPromises(30);
    expect(requestsTo(fake, /\/api\/tax-refund\/applications/)).toHaveLength(2);
    expect(comp.querySelectorAll('.tr-row')).toHaveLength(1);
  });

  it('members only look: no 新建', async () => {
    fake.storage[STORAGE_KEYS.role] = 'member';
    respond({ role: 'member' });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.querySelectorAll('.tr-create')).toHaveLength(0);
    expect(text(comp)).toContain('您是普通成员，仅可查看');
    comp.instance.onCreate();
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
  });

  it('no refunds yet: the empty state explains the flow', async () => {
    respond({ items: [] });
    const comp = render(id);
    await flushPromises(30);
    const t = text(comp);
    expect(t).toContain('暂无退税申请');
    expect(t).toContain('暂无到账记录');
    expect(flat(comp.querySelector('.tr-flow'))).toContain('填写金额›上传PDF›平台申报›审核›退库›到账');
    expect(comp.querySelectorAll('.tr-tab')).toHaveLength(0);
    expect(comp.querySelectorAll('.tr-create')).toHaveLength(1);
  });

  it('a failure shows the Chinese error and retries; signed out goes to login', async () => {
    respond();
    fake.respond('/api/tax-refund/applications', errorEnvelope(403, 'MODULE_LOCKED', '完成工商注册后开通'));
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('出口退税加载失败：完成工商注册后开通');
    fake.respond('/api/tax-refund/applications', { statusCode: 200, data: listBody() });
    comp.querySelector('.jmt-error-retry').dispatchEvent('tap');
    await flushPromises(30);
    expect(comp.querySelectorAll('.tr-row')).toHaveLength(5);

    delete fake.storage[STORAGE_KEYS.jwt];
    fake.requests.length = 0;
    render(id);
    await flushPromises();
    expect(fake.api.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(fake.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------- 新建/修改申请

describe('packageTaxRefund/pages/apply (新建/修改退税申请)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageTaxRefund/pages/apply/index', query);
  });
  beforeEach(() => {
    // The estimate waits for typing to stop; promises (the fake wx.request) stay real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  const respond = (options: { role?: 'admin' | 'member' } = {}) => {
    fake.respond('/api/me', { statusCode: 200, data: me(options.role || 'admin') });
    fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [kind()] } });
    fake.respond('/api/tax-refund/declarations', { statusCode: 200, data: { data: batches() } });
    fake.respond(/\/api\/tax-refund\/estimate\?/, (req) => {
      const q = queryOf(req);
      if (q.hsCode === '7117190000')
        return errorEnvelope(404, 'REFUND_RATE_NOT_FOUND', '未找到该 HS 编码适用的退税率，请核对编码或联系平台', {
          errors: [{ field: 'hsCode', message: `未找到 HS 编码 7117190000 在 ${q.date} 适用的退税率，请联系平台核实` }],
        });
      if (q.enterpriseType === 'producer')
        return { statusCode: 200, data: { data: estimate({ basis: 'fob', baseAmount: q.orderAmount, estimate: '11245.00', formula: `${q.orderAmount} × 13% = 11245.00` }) } };
      return { statusCode: 200, data: { data: estimate() } };
    });
  };

  /** Type as a user would (then the estimate's wait passes). */
  const fill = async (comp: Comp, extra: Partial<Record<'orderAmount' | 'purchaseAmount' | 'hsCode' | 'exportDate', string>> = {}) => {
    const v = { ...DATA, ...extra };
    comp.instance.onOrderAmount({ detail: v.orderAmount });
    comp.instance.onPurchaseAmount({ detail: v.purchaseAmount });
    comp.instance.onHsCode({ detail: v.hsCode });
    comp.instance.onDate({ detail: { value: v.exportDate } });
    comp.instance.onInvoiceNo({ detail: v.invoiceNo });
    jest.advanceTimersByTime(ESTIMATE_DELAY_MS);
    await flushPromises(20);
  };
  const upload = (comp: Comp, files: Record<string, string> = PDFS) => {
    for (const [slot, documentId] of Object.entries(files)) comp.instance.onFileChange({ detail: { slot, documentId } });
  };

  it('new: 外贸企业 chosen, the steps, the server’s PDF slots and the merchant’s batches', async () => {
    respond();
    const comp = render(id);
    await flushPromises(30);
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '新建退税申请' });
    expect(comp.data.mode).toBe('ready');
    expect(flat(comp.querySelector('.ta-choice--on'))).toContain('外贸企业');
    expect(comp.querySelectorAll('.ta-field-purchaseAmount')).toHaveLength(1);
    expect(text(comp)).toContain('填写企业类型、金额、HS 编码和出口日期后自动测算');
    const t = text(comp);
    expect(t).toContain('出口报关单（PDF）');
    expect(t).toContain('进项发票（增值税专用发票，PDF）');
    expect(t).toContain('销售发票（出口发票，PDF）');
    // PDFs from a chat only: no camera
    expect(comp.querySelectorAll('.ta-slot >>> .file-slot-pdf')).toHaveLength(3);
    expect(comp.querySelectorAll('.ta-slot >>> .file-slot-camera')).toHaveLength(0);
    expect(comp.querySelectorAll('.ta-batch')).toHaveLength(2);
    expect(textOf(comp.querySelectorAll('.ta-batch')[0])).toContain('CB-20261101-0001 · TikTok 11 月第一批');
    expect(buttons(comp, 'ta-save')).toHaveLength(1);
    expect(flat({ dom: buttons(comp, 'ta-submit')[0] })).toBe('提交申报');
    expect(requestsTo(fake, /\/api\/tax-refund\/estimate/)).toHaveLength(0);
  });

  it('the estimate follows the typing (once typing stops), and the 企业类型 changes its basis', async () => {
    respond();
    const comp = render(id);
    await flushPromises(30);
    comp.instance.onPurchaseAmount({ detail: '72000' });
    comp.instance.onHsCode({ detail: '7116' });
    comp.instance.onHsCode({ detail: '7116200000' });
    comp.instance.onDate({ detail: { value: '2026-11-10' } });
    expect(requestsTo(fake, /\/api\/tax-refund\/estimate/)).toHaveLength(0);
    jest.advanceTimersByTime(ESTIMATE_DELAY_MS);
    await flushPromises(20);
    const calls = requestsTo(fake, /\/api\/tax-refund\/estimate/);
    expect(calls).toHaveLength(1);
    expect(queryOf(calls[0])).toEqual({ hsCode: '7116200000', enterpriseType: 'trading', purchaseAmount: '72000', date: '2026-11-10' });
    const box = flat(comp.querySelector('.ta-estimate'));
    expect(box).toContain('预计退税¥9,360.00');
    expect(box).toContain('适用退税率13%（7116200000天然或合成宝石制品（水晶制品））');
    expect(box).toContain('按进项发票不含税金额计算：72000.00×13%=9360.00');
    // the FOB amount does not count for a 外贸企业: no new request
    comp.instance.onOrderAmount({ detail: '86500' });
    jest.advanceTimersByTime(ESTIMATE_DELAY_MS);
    await flushPromises(20);
    expect(requestsTo(fake, /\/api\/tax-refund\/estimate/)).toHaveLength(1);

    comp.querySelectorAll('.ta-choice')[1].dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.form.enterpriseType).toBe('producer');
    jest.advanceTimersByTime(ESTIMATE_DELAY_MS);
    await flushPromises(20);
    expect(comp.querySelectorAll('.ta-field-purchaseAmount')).toHaveLength(0);
    expect(queryOf(requestsTo(fake, /\/api\/tax-refund\/estimate/).pop()!)).toEqual({ hsCode: '7116200000', enterpriseType: 'producer', orderAmount: '86500', date: '2026-11-10' });
    expect(flat(comp.querySelector('.ta-estimate'))).toContain('按出口FOB金额计算：86500×13%=11245.00');
  });

  it('an HS code without a rate: the server’s sentence in the estimate box; a retry asks again', async () => {
    respond();
    const comp = render(id);
    await flushPromises(30);
    await fill(comp, { hsCode: '7117190000' });
    expect(text(comp)).toContain('未找到 HS 编码 7117190000 在 2026-11-10 适用的退税率，请联系平台核实');
    comp.querySelector('.ta-estimate-retry').dispatchEvent('tap');
    await flushPromises(20);
    expect(requestsTo(fake, /\/api\/tax-refund\/estimate/)).toHaveLength(2);
  });

  it('checks the form in Chinese before sending anything', async () => {
    respond();
    const comp = render(id);
    await flushPromises(30);
    await comp.instance.onSubmit();
    const t = text(comp);
    expect(t).toContain('请填写退税订单金额（出口 FOB，元）');
    expect(t).toContain('请填写 HS 编码');
    expect(t).toContain('请选择出口日期');
    expect(t).toContain('请上传出口报关单（PDF）');
    expect(comp.querySelectorAll('.ta-error-file')).toHaveLength(3);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先完善标红的信息' }));
    comp.instance.onOrderAmount({ detail: '0.001' });
    await comp.instance.onSubmit();
    expect(textOf(comp.querySelector('.ta-error-orderAmount'))).toBe('请输入大于 0 的金额，最多 2 位小数');
    expect(requestsTo(fake, /\/api\/applications/, 'POST')).toHaveLength(0);
    // typing clears the field's error
    comp.instance.onOrderAmount({ detail: '100' });
    await flushPromises();
    expect(comp.querySelectorAll('.ta-error-orderAmount')).toHaveLength(0);
  });

  it('保存草稿 creates the refund once, then saves it; an upload to a saved refund is kept at once', async () => {
    respond();
    fake.respond('/api/applications', { statusCode: 201, data: { data: refundItem({ documentId: 'new1', status: 'draft' }) } });
    fake.respond('/api/applications/new1', { statusCode: 200, data: { data: refundItem({ documentId: 'new1', status: 'draft' }) } });
    const comp = render(id);
    await flushPromises(30);
    await fill(comp);
    comp.querySelectorAll('.ta-batch')[1].dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.form.customsBatches).toEqual(['b2']);
    await comp.instance.onSaveDraft();
    await flushPromises(10);
    const created = requestsTo(fake, /\/api\/applications$/, 'POST');
    expect(created).toHaveLength(1);
    expect(created[0].data).toEqual({ kind: 'tax-refund', data: { ...DATA, customsBatches: ['b2'], files: {} } });
    expect(created[0].header.Authorization).toBe('Bearer jwt-tr');
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '草稿已保存' }));
    expect(comp.data.id).toBe('new1');
    upload(comp, { tax_declaration: 'pf-decl' });
    await flushPromises(10);
    const saved = requestsTo(fake, /\/api\/applications\/new1$/, 'PUT');
    expect(saved).toHaveLength(1);
    expect(saved[0].data).toEqual({ data: { ...DATA, customsBatches: ['b2'], files: { tax_declaration: 'pf-decl' } } });
    expect(requestsTo(fake, /\/api\/applications$/, 'POST')).toHaveLength(1);
  });

  it('提交申报: confirm with the estimate, create, move to 申报, open the detail', async () => {
    respond();
    fake.respond('/api/applications', { statusCode: 201, data: { data: refundItem({ documentId: 'new1', status: 'draft' }) } });
    fake.respond('/api/applications/new1/transitions', { statusCode: 200, data: { data: refundItem({ documentId: 'new1', status: 'declared' }) } });
    const comp = render(id);
    await flushPromises(30);
    await fill(comp);
    upload(comp);
    modalAnswer = false;
    await comp.instance.onSubmit();
    await flushPromises(10);
    expect(requestsTo(fake, /\/api\/applications/, 'POST')).toHaveLength(0);
    modalAnswer = true;
    await comp.instance.onSubmit();
    await flushPromises(20);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '确认提交退税申请', content: '预计退税 ¥9,360.00。提交后由平台代为申报，申报期间不能修改。' }),
    );
    const posts = requestsTo(fake, /\/api\/applications/, 'POST');
    expect(posts.map((p) => p.url.replace('http://127.0.0.1:1337', ''))).toEqual(['/api/applications', '/api/applications/new1/transitions']);
    expect(posts[0].data).toEqual({ kind: 'tax-refund', data: { ...DATA, files: PDFS } });
    expect(posts[1].data).toEqual({ to: 'declared' });
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已提交，平台将尽快申报' }));
    expect(fake.api.redirectTo).toHaveBeenCalledWith({ url: '/packageTaxRefund/pages/detail/index?id=new1' });
  });

  it('APPLICATION_INCOMPLETE: listed at the top and shown on its fields; the refund is kept', async () => {
    respond();
    fake.respond('/api/applications', { statusCode: 201, data: { data: refundItem({ documentId: 'new1', status: 'draft' }) } });
    fake.respond('/api/applications/new1', { statusCode: 200, data: { data: refundItem({ documentId: 'new1', status: 'draft' }) } });
    fake.respond(
      '/api/applications/new1/transitions',
      errorEnvelope(400, 'APPLICATION_INCOMPLETE', '材料不完整，请补充后再提交', {
        missing: [
          { field: 'files.tax_purchase_invoice', label: '进项发票（增值税专用发票，PDF）：文件已损坏或不是完整的 PDF', reason: 'invalid' },
          { field: 'hsCode', label: '主要出口商品 HS 编码（未找到适用的退税率，请核对或联系平台）', reason: 'invalid' },
        ],
      }),
    );
    const comp = render(id);
    await flushPromises(30);
    await fill(comp);
    upload(comp);
    await comp.instance.onSubmit();
    await flushPromises(20);
    expect(fake.api.redirectTo).not.toHaveBeenCalled();
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '材料不完整，请补充后再提交' }));
    const missing = textOf(comp.querySelector('.ta-missing'));
    expect(missing).toContain('提交前还需处理以下问题');
    expect(missing).toContain('· 进项发票（增值税专用发票，PDF）：文件已损坏或不是完整的 PDF');
    expect(textOf(comp.querySelector('.ta-error-hsCode'))).toBe('主要出口商品 HS 编码（未找到适用的退税率，请核对或联系平台）');
    const fileErrors = comp.querySelectorAll('.ta-error-file');
    expect(fileErrors).toHaveLength(1);
    expect(textOf(fileErrors[0])).toContain('文件已损坏或不是完整的 PDF');
    // a new upload clears that file's problem and saves it to the refund that now exists
    upload(comp, { tax_purchase_invoice: 'pf-purchase-2' });
    await flushPromises(10);
    expect(comp.querySelectorAll('.ta-error-file')).toHaveLength(0);
    expect(comp.data.missing.map((m: { field: string }) => m.field)).toEqual(['hsCode']);
    expect(requestsTo(fake, /\/api\/applications\/new1$/, 'PUT').pop()!.data).toEqual({ data: { ...DATA, files: { ...PDFS, tax_purchase_invoice: 'pf-purchase-2' } } });
    expect(requestsTo(fake, /\/api\/applications$/, 'POST')).toHaveLength(1);
  });

  it('?id= of a returned refund: the staff note, the saved data, its estimate; 重新提交', async () => {
    respond();
    const returned = refundDetail({
      documentId: 'r4',
      id: 'r4',
      status: 'returned',
      statusLabel: '退回补正',
      editable: true,
      lastNote: '进项发票金额与报关单不符',
      data: { ...DATA, customsBatches: ['b1'], files: { ...PDFS } },
    });
    fake.respond('/api/tax-refund/applications/r4', { statusCode: 200, data: { data: returned } });
    fake.respond('/api/applications/r4', { statusCode: 200, data: { data: returned } });
    fake.respond('/api/applications/r4/transitions', { statusCode: 200, data: { data: { ...returned, status: 'declared' } } });
    query.current = { id: 'r4' };
    const comp = render(id);
    await flushPromises(30);
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '修改退税申请' });
    expect(flat(comp.querySelector('.ta-returned'))).toContain('平台已退回，请按说明修改后重新提交进项发票金额与报关单不符');
    expect(comp.data.form).toMatchObject({ orderAmount: '86500.00', purchaseAmount: '72000.00', hsCode: '7116200000', files: PDFS, customsBatches: ['b1'] });
    expect(comp.querySelectorAll('.ta-batch--on')).toHaveLength(1);
    // the saved estimate is on screen without asking again
    expect(flat(comp.querySelector('.ta-estimate'))).toContain('¥9,360.00');
    expect(requestsTo(fake, /\/api\/tax-refund\/estimate/)).toHaveLength(0);
    expect(comp.querySelectorAll('.ta-slot >>> .file-slot--done')).toHaveLength(3);
    expect(flat({ dom: buttons(comp, 'ta-submit')[0] })).toBe('重新提交');
    comp.instance.onPurchaseAmount({ detail: '70000.00' });
    await comp.instance.onSubmit();
    await flushPromises(20);
    expect(requestsTo(fake, /\/api\/applications\/r4$/, 'PUT')[0].data).toEqual({ data: { ...DATA, purchaseAmount: '70000.00', customsBatches: ['b1'], files: PDFS } });
    expect(requestsTo(fake, /\/api\/applications\/r4\/transitions$/, 'POST')[0].data).toEqual({ to: 'declared' });
    expect(fake.api.redirectTo).toHaveBeenCalledWith({ url: '/packageTaxRefund/pages/detail/index?id=r4' });
  });

  it('?id= of a refund already declared opens its detail instead', async () => {
    respond();
    fake.respond('/api/tax-refund/applications/r1', { statusCode: 200, data: { data: refundDetail({ documentId: 'r1', status: 'reviewing', editable: false }) } });
    query.current = { id: 'r1' };
    render(id);
    await flushPromises(30);
    expect(fake.api.redirectTo).toHaveBeenCalledWith({ url: '/packageTaxRefund/pages/detail/index?id=r1' });
  });

  it('members see the form read-only, without buttons; nothing is sent', async () => {
    fake.storage[STORAGE_KEYS.role] = 'member';
    respond({ role: 'member' });
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('成员账号为只读，如需申请退税请联系商户管理员');
    expect(buttons(comp, 'ta-submit')).toHaveLength(0);
    expect(comp.querySelectorAll('.ta-slot >>> .file-slot-pdf')).toHaveLength(0);
    comp.instance.onOrderAmount({ detail: '100' });
    upload(comp);
    await comp.instance.onSubmit();
    await comp.instance.onSaveDraft();
    expect(comp.data.form.orderAmount).toBe('');
    expect(requestsTo(fake, /\/api\/applications/, 'POST')).toHaveLength(0);
  });

  it('a PDF picked from a chat goes through file-slot into the form (category = slot key)', async () => {
    respond();
    const wxg = (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;
    wxg.chooseMessageFile = jest.fn((o: { success: (r: unknown) => void }) =>
      o.success({ tempFiles: [{ path: 'wxfile://tmp/decl.pdf', name: '报关单.pdf', size: 2000, type: 'file', time: 0 }] }),
    );
    wxg.uploadFile = jest.fn((o: { success: (r: unknown) => void }) => {
      Promise.resolve().then(() =>
        o.success({ statusCode: 201, data: JSON.stringify({ data: { documentId: 'pf-new', originalName: '报关单.pdf', mime: 'application/pdf', size: 2000 } }) }),
      );
      return { abort: jest.fn() };
    });
    const comp = render(id);
    await flushPromises(30);
    comp.querySelectorAll('.ta-slot >>> .file-slot-pdf')[0].dispatchEvent('tap');
    await flushPromises(20);
    expect(wxg.chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ count: 1, type: 'file', extension: ['pdf'] }));
    expect(wxg.uploadFile.mock.calls[0][0]).toMatchObject({ filePath: 'wxfile://tmp/decl.pdf', formData: { category: 'tax_declaration' } });
    expect(comp.data.form.files).toEqual({ tax_declaration: 'pf-new' });
    expect(comp.data.dirty).toBe(true);
  });

  it('a refund that cannot be read: the Chinese error', async () => {
    respond();
    fake.respond('/api/tax-refund/applications/zz', errorEnvelope(404, 'NOT_FOUND', '申请不存在'));
    query.current = { id: 'zz' };
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('出口退税加载失败：申请不存在');
  });
});

// ---------------------------------------------------------------- 退税详情

describe('packageTaxRefund/pages/detail (?id=, the page WeChat pushes open)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageTaxRefund/pages/detail/index', query);
  });

  const open = async (detail: ReturnType<typeof refundDetail>, role: 'admin' | 'member' = 'admin') => {
    fake.storage[STORAGE_KEYS.role] = role;
    fake.respond('/api/me', { statusCode: 200, data: me(role) });
    fake.respond(`/api/tax-refund/applications/${detail.documentId}`, { statusCode: 200, data: { data: detail } });
    query.current = { id: detail.documentId };
    const comp = render(id);
    await flushPromises(30);
    return comp;
  };

  it('under review: the estimate, 申报 done and 审核 current, what was submitted, the PDFs and 办理记录', async () => {
    const comp = await open(refundDetail());
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '退税详情' });
    expect(requestsTo(fake, /\/api\/tax-refund\/applications\/r1$/)).toHaveLength(1);
    const head = flat(comp.querySelector('.tdt-head'));
    expect(head).toContain('预计退税（元）审核¥9,360.00');
    expect(head).toContain('申请编号TR-20261112-00001');
    expect(stepOf(comp, 'finish')).toEqual(['申报']);
    expect(stepOf(comp, 'active')).toEqual(['审核']);
    expect(text(comp)).toContain('平台正在办理，进度变化会通过消息和微信通知您');
    expect(flat(comp.querySelector('.tdt-estimate'))).toContain('按进项发票不含税金额计算：72000.00×13%=9360.00');
    const info = flat(comp.querySelector('.tdt-info'));
    expect(info).toContain('企业类型外贸企业');
    expect(info).toContain('退税订单金额¥86,500.00');
    expect(info).toContain('进项发票不含税金额¥72,000.00');
    expect(info).toContain('HS编码7116200000');
    expect(comp.querySelectorAll('.tdt-returns')).toHaveLength(0);
    expect(comp.querySelectorAll('.tdt-file')).toHaveLength(3);
    expect(text(comp)).toContain('办理记录');
    expect(text(comp)).toContain('申报 → 审核');
    expect(buttons(comp, 'tdt-edit')).toHaveLength(0);
  });

  it('a PDF opens through the authorised download', async () => {
    const comp = await open(refundDetail());
    comp.querySelectorAll('.tdt-file')[1].dispatchEvent('tap');
    await flushPromises(20);
    const download = fake.api.downloadFile.mock.calls[0][0];
    expect(download.url).toBe('http://127.0.0.1:1337/api/private-files/pf-purchase/download');
    expect(download.header.Authorization).toBe('Bearer jwt-tr');
    expect(fake.api.openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/pf-purchase', showMenu: true }));
    expect(fake.api.hideLoading).toHaveBeenCalled();
    // opening a file hides and shows the page: no reload
    comp.instance.onShow();
    await flushPromises(10);
    expect(requestsTo(fake, /\/api\/tax-refund\/applications\/r1$/)).toHaveLength(1);
  });

  it('returned: 审核 in red with the staff note, 修改 opens the form and the page reloads on return', async () => {
    const comp = await open(
      refundDetail({
        status: 'returned',
        statusLabel: '退回补正',
        editable: true,
        lastNote: '进项发票金额与报关单不符',
        timeline: timeline([null, 'draft', null], ['draft', 'declared', null], ['declared', 'reviewing', null], ['reviewing', 'returned', '进项发票金额与报关单不符']),
      }),
    );
    expect(stepOf(comp, 'error')).toEqual(['审核']);
    expect(text(comp)).toContain('平台说明');
    expect(text(comp)).toContain('进项发票金额与报关单不符');
    expect(text(comp)).toContain('请根据平台说明修改后重新提交');
    expect(buttons(comp, 'tdt-edit')).toHaveLength(1);
    comp.instance.onEdit();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageTaxRefund/pages/apply/index?id=r1' });
    comp.instance.onShow();
    await flushPromises(20);
    expect(requestsTo(fake, /\/api\/tax-refund\/applications\/r1$/)).toHaveLength(2);
  });

  it('returned, seen by a member: the note, no 修改', async () => {
    const comp = await open(refundDetail({ status: 'returned', statusLabel: '退回补正', editable: true, lastNote: '请补充销售发票' }), 'member');
    expect(text(comp)).toContain('请补充销售发票');
    expect(buttons(comp, 'tdt-edit')).toHaveLength(0);
    expect(text(comp)).toContain('您是普通成员，仅可查看');
    comp.instance.onEdit();
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
  });

  it('rejected: the reason in red, nothing to edit', async () => {
    const comp = await open(
      refundDetail({
        status: 'rejected',
        statusLabel: '不予退税',
        lastNote: '出口报关单非“出口退税专用”联',
        timeline: timeline([null, 'draft', null], ['draft', 'declared', null], ['declared', 'rejected', '出口报关单非“出口退税专用”联']),
      }),
    );
    expect(stepOf(comp, 'error')).toHaveLength(1);
    expect(text(comp)).toContain('出口报关单非“出口退税专用”联');
    expect(text(comp)).toContain('本次申请不予退税，如有疑问请联系平台客服');
    expect(attr(comp.querySelector('.tr-tag'), 'class')).toContain('tr-tag--error');
    expect(buttons(comp, 'tdt-edit')).toHaveLength(0);
  });

  it('paid: the refunded amount heads the page, the return messages, linked batches', async () => {
    const comp = await open(
      refundDetail({
        status: 'paid',
        statusLabel: '到账',
        refundedAmount: '4680.00',
        completedAt: '2026-11-08T02:00:00.000Z',
        returns: [
          { date: '2026-11-06', status: 'treasury', statusLabel: '退库', amount: null, message: '审核通过' },
          { date: '2026-11-08', status: 'paid', statusLabel: '到账', amount: '4680.00', message: null },
        ],
        batches: batches().slice(0, 1),
        timeline: timeline([null, 'draft', null], ['draft', 'declared', null], ['declared', 'reviewing', null], ['reviewing', 'treasury', null], ['treasury', 'paid', null]),
      }),
    );
    expect(flat(comp.querySelector('.tdt-head'))).toContain('已到账退税（元）到账¥4,680.00');
    expect(stepOf(comp, 'finish')).toEqual(['申报', '审核', '退库']);
    expect(stepOf(comp, 'active')).toEqual(['到账']);
    expect(text(comp)).toContain('退税款已到账，请留意企业银行账户入账');
    const returns = comp.querySelectorAll('.tdt-return');
    expect(returns).toHaveLength(2);
    expect(flat(returns[0])).toBe('2026-11-08到账退税金额¥4,680.00');
    expect(flat(returns[1])).toBe('2026-11-06退库审核通过');
    expect(flat(comp.querySelector('.tdt-returns'))).toContain('到账与回执¥4,680.00');
    expect(flat(comp.querySelector('.tdt-batches'))).toContain('CB-20261101-0001·TikTok11月第一批已放行清单5票');
    expect(flat(comp.querySelector('.tdt-info'))).toMatch(/办结时间2026-11-08\d\d:00/);
  });

  it('a draft (from a to-do): no board yet, 继续填写 opens the form', async () => {
    const comp = await open(
      refundDetail({
        status: 'draft',
        statusLabel: '填写申请',
        editable: true,
        estimate: null,
        submittedAt: null,
        data: { enterpriseType: 'trading', orderAmount: '1000.00' } as never,
        timeline: timeline([null, 'draft', null]),
      }),
    );
    expect(comp.querySelectorAll('.tdt-progress')).toHaveLength(0);
    expect(text(comp)).toContain('申请尚未提交，补全信息并上传材料后即可提交申报');
    expect(flat(comp.querySelector('.tdt-head'))).toContain('预计退税（元）填写申请—');
    expect(text(comp)).toContain('暂无法测算：请核对 HS 编码和出口日期，或联系平台');
    expect(comp.querySelectorAll('.tdt-file--missing')).toHaveLength(3);
    comp.querySelectorAll('.tdt-file')[0].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.downloadFile).not.toHaveBeenCalled();
    expect(buttons(comp, 'tdt-continue')).toHaveLength(1);
    comp.instance.onEdit();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageTaxRefund/pages/apply/index?id=r1' });
  });

  it('no id, or another merchant’s refund: the Chinese error; retry reloads', async () => {
    query.current = {};
    let comp = render(id);
    await flushPromises(10);
    expect(text(comp)).toContain('出口退税加载失败：请求的内容不存在');
    expect(fake.requests).toHaveLength(0);
    fake.respond('/api/tax-refund/applications/zz', errorEnvelope(404, 'NOT_FOUND', '申请不存在'));
    query.current = { id: 'zz' };
    comp = render(id);
    await flushPromises(20);
    expect(text(comp)).toContain('出口退税加载失败：申请不存在');
    fake.respond('/api/tax-refund/applications/zz', { statusCode: 200, data: { data: refundDetail({ documentId: 'zz' }) } });
    comp.querySelector('.jmt-error-retry').dispatchEvent('tap');
    await flushPromises(20);
    expect(comp.data.mode).toBe('ready');
  });
});
