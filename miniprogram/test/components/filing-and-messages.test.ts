/** @jest-environment jsdom */
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx } from '../helpers/fake-wx';
import { loadPage, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const text = (comp: Comp) => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ');

let fake: FakeWx;
let app: { globalData: { homeStale: boolean } };
const query = { current: {} as Record<string, string> };

beforeEach(() => {
  fake = installFakeWx();
  fake.storage[STORAGE_KEYS.jwt] = 'jwt-f';
  query.current = {};
  app = { globalData: { homeStale: false } };
  (globalThis as unknown as { getApp: () => unknown }).getApp = () => app;
});

const guide = {
  steps: [
    { kind: 'customs-registration', label: '海关企业注册登记', order: 1, state: 'done', status: 'completed', statusLabel: '已办结', applicationId: 'c1', recommended: false },
    { kind: 'eport-card', label: '电子口岸卡', order: 2, state: 'action_required', status: 'returned', statusLabel: '补正', applicationId: 'e1', recommended: true },
    { kind: 'dxp-id', label: 'DXP ID 申请', order: 3, state: 'locked', status: null, statusLabel: null, applicationId: null, recommended: false },
    { kind: 'cloud-signature', label: '云加签申请', order: 4, state: 'locked', status: null, statusLabel: null, applicationId: null, recommended: false },
    { kind: 'enterprise-filing', label: '企业备案', order: 5, state: 'locked', status: null, statusLabel: null, applicationId: null, recommended: false },
  ],
  next: 'eport-card',
  done: 1,
  total: 5,
};

describe('packageFiling/pages/index (D1 guided flow)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageFiling/pages/index/index', query);
  });

  it('marks the five steps and highlights the recommended one; taps open the detail page or toast when locked', async () => {
    fake.respond('/api/applications/guide', { statusCode: 200, data: { data: guide } });
    const comp = render(id);
    await flushPromises(20);
    const t = text(comp);
    expect(t).toContain('已完成 1/5');
    expect(comp.querySelectorAll('.filing-step')).toHaveLength(5);
    expect(comp.querySelectorAll('.filing-step--done')).toHaveLength(1);
    expect(comp.querySelectorAll('.filing-step--locked')).toHaveLength(3);
    const recommended = comp.querySelectorAll('.filing-step--recommended');
    expect(recommended).toHaveLength(1);
    expect((recommended[0] as { dom: HTMLElement }).dom.textContent).toContain('电子口岸卡');
    expect((recommended[0] as { dom: HTMLElement }).dom.textContent).toContain('推荐下一步');
    expect((recommended[0] as { dom: HTMLElement }).dom.textContent).toContain('待处理');
    recommended[0].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageFiling/pages/detail/index?kind=eport-card&id=e1' });
    comp.querySelectorAll('.filing-step')[2].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先完成前一项申报' }));
    expect(fake.api.navigateTo).toHaveBeenCalledTimes(1);
  });

  it('MODULE_LOCKED shows the lock and a way to 工商注册', async () => {
    fake.respond('/api/applications/guide', errorEnvelope(403, 'MODULE_LOCKED', '完成工商注册后开通'));
    const comp = render(id);
    await flushPromises(20);
    expect(comp.data.mode).toBe('locked');
    expect(text(comp)).toContain('完成工商注册后开通');
    comp.instance.onGoRegistration();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageRegistration/pages/index/index' });
  });
});

const eportKind = {
  kind: 'eport-card',
  module: 'filing',
  label: '电子口岸卡',
  description: '办理中国电子口岸企业法人卡，用于报关单证签名。',
  order: 2,
  states: [
    { key: 'filling', label: '材料填报', owner: 'merchant', terminal: false },
    { key: 'submitted', label: '待受理', owner: 'platform', terminal: false },
    { key: 'processing', label: '办理中', owner: 'platform', terminal: false },
    { key: 'completed', label: '已办结', owner: 'none', terminal: true },
  ],
  steps: [
    { key: 'filling', label: '材料填报' },
    { key: 'submitted', label: '待受理' },
    { key: 'processing', label: '办理中' },
    { key: 'completed', label: '已办结' },
  ],
  templates: [{ key: 'application-form', label: '电子口岸卡申请表', format: 'docx' }],
  fileSlots: [
    { key: 'business_licence', label: '营业执照', required: true, hint: '加盖公章' },
    { key: 'id_card_front', label: '法人身份证人像面', required: true },
  ],
  fields: [
    { path: 'companyName', label: '企业名称', type: 'text', required: true },
    { path: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: true },
  ],
  prerequisites: ['customs-registration'],
};

describe('packageFiling/pages/detail (?kind=&id=, the page WeChat pushes open)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageFiling/pages/detail/index', query);
  });

  it('shows 办理说明, auto-filled fields, file slots, progress; saves and submits', async () => {
    query.current = { kind: 'eport-card', id: 'e1' };
    fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [eportKind] } });
    let status = 'filling';
    fake.respond(/\/api\/applications\/e1$/, (req) => ({
      statusCode: 200,
      data: {
        data: {
          documentId: 'e1',
          kind: 'eport-card',
          status,
          data: req.method === 'PUT' ? (req.data as { data: unknown }).data : { companyName: '东海县晶华水晶饰品有限公司', creditCode: '', files: { business_licence: 'pf-1' } },
          timeline: [],
        },
      },
    }));
    fake.respond(/\/transitions$/, () => {
      status = 'submitted';
      return { statusCode: 200, data: { data: { documentId: 'e1', status: 'submitted' } } };
    });
    const comp = render(id);
    await flushPromises(30);
    expect(fake.api.setNavigationBarTitle).toHaveBeenCalledWith({ title: '电子口岸卡' });
    const t = text(comp);
    expect(t).toContain('办理说明');
    expect(t).toContain('办理中国电子口岸企业法人卡');
    expect(t).toContain('电子口岸卡申请表');
    expect(t).toContain('企业名称');
    expect(comp.querySelectorAll('file-slot').length || comp.querySelectorAll('.fd >>> .file-slot').length).toBe(2);
    expect(comp.data.steps.map((s: { label: string }) => s.label)).toEqual(['材料填报', '待受理', '办理中', '已办结']);

    // required field missing → client error, no transition
    await comp.instance.onSubmit();
    await flushPromises();
    expect(text(comp)).toContain('请填写统一社会信用代码');
    expect(text(comp)).toContain('请填写法人身份证人像面');
    expect(fake.requests.some((r) => r.url.endsWith('/transitions'))).toBe(false);

    comp.instance.onField({ currentTarget: { dataset: { field: 'creditCode', index: 1 } }, detail: '91320722MA1XXXXX0X' });
    comp.instance.onFileChange({ detail: { slot: 'id_card_front', documentId: 'pf-2' } });
    await flushPromises(20);
    await comp.instance.onSubmit();
    await flushPromises(40);
    const put = fake.requests.filter((r) => r.method === 'PUT').pop()!;
    expect(put.data).toEqual({ data: { companyName: '东海县晶华水晶饰品有限公司', creditCode: '91320722MA1XXXXX0X', files: { business_licence: 'pf-1', id_card_front: 'pf-2' } } });
    expect(fake.requests.find((r) => r.url.endsWith('/transitions'))!.data).toEqual({ to: 'submitted' });
    expect(comp.data.app.status).toBe('submitted');
    expect(comp.data.editable).toBe(false);
  });

  it('PREREQUISITE_NOT_MET and APPLICATION_INCOMPLETE are shown', async () => {
    query.current = { kind: 'eport-card', id: 'e1' };
    fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [{ ...eportKind, fields: [], fileSlots: [] }] } });
    fake.respond(/\/api\/applications\/e1$/, { statusCode: 200, data: { data: { documentId: 'e1', kind: 'eport-card', status: 'filling', data: {}, timeline: [] } } });
    fake.respond(/\/transitions$/, errorEnvelope(400, 'APPLICATION_INCOMPLETE', '申请材料不完整', { missing: [{ field: 'files.business_licence', label: '营业执照' }] }));
    const comp = render(id);
    await flushPromises(30);
    await comp.instance.onSubmit();
    await flushPromises(40);
    expect(text(comp)).toContain('以下材料还需补充');
    expect(text(comp)).toContain('营业执照');
    fake.respond(/\/transitions$/, errorEnvelope(409, 'PREREQUISITE_NOT_MET', '请先完成海关企业注册登记'));
    await comp.instance.onSubmit();
    await flushPromises(40);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先完成海关企业注册登记' }));
  });

  it('without an application: prefilled preview and 开始办理 creates it', async () => {
    query.current = { kind: 'eport-card' };
    fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [eportKind] } });
    fake.respond(/\/api\/applications\?.*filters%5Bkind%5D%5B%24eq%5D=eport-card/, { statusCode: 200, data: { data: [] } });
    fake.respond(/\/prefill\?kind=eport-card/, {
      statusCode: 200,
      data: { data: { companyName: '东海县晶华水晶饰品有限公司', creditCode: '91320722MA1XXXXX0X' }, meta: { sources: { companyName: 'merchant' } } },
    });
    fake.respond(/\/api\/applications$/, (req) => ({
      statusCode: 201,
      data: { data: { documentId: 'e9', kind: 'eport-card', status: 'filling', data: (req.data as { data: unknown }).data } },
    }));
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.mode).toBe('new');
    expect(text(comp)).toContain('已自动填充');
    expect(text(comp)).toContain('尚未开始办理');
    await comp.instance.onStart();
    await flushPromises(30);
    expect(fake.requests.find((r) => r.method === 'POST')!.data).toEqual({
      kind: 'eport-card',
      data: { companyName: '东海县晶华水晶饰品有限公司', creditCode: '91320722MA1XXXXX0X' },
    });
    expect(comp.data.mode).toBe('ready');
    expect(comp.data.editable).toBe(true);
  });
});

describe('packageFiling/pages/detail: select pickers, `when`, read-only members', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageFiling/pages/detail/index', query);
  });

  const customsKind = {
    ...eportKind,
    kind: 'customs-registration',
    label: '海关企业注册登记',
    fields: [
      { path: 'companyName', label: '企业名称', type: 'text', required: true, options: null, placeholder: null, when: null },
      {
        path: 'filingType',
        label: '备案类别',
        type: 'select',
        required: true,
        options: [
          { value: 'consignor', label: '进出口货物收发货人' },
          { value: 'broker', label: '报关企业' },
        ],
        placeholder: null,
        when: null,
      },
      // asked only for a 报关企业 (one condition) …
      { path: 'brokerLicence', label: '报关企业许可证号', type: 'text', required: true, options: null, placeholder: null, when: { path: 'filingType', in: ['broker'] } },
      // … and only for a 报关企业 registered elsewhere (all conditions must hold)
      {
        path: 'otherOffice',
        label: '原注册海关',
        type: 'text',
        required: true,
        options: null,
        placeholder: null,
        when: [
          { path: 'filingType', in: ['broker'] },
          { path: 'companyName', in: ['外地公司'] },
        ],
      },
    ],
    fileSlots: [
      { key: 'business_licence', label: '营业执照', required: true, hint: null, when: null },
      { key: 'authorization_letter', label: '报关委托书', required: true, hint: null, when: { path: 'filingType', in: ['broker'] } },
    ],
  };
  const visibleFields = (comp: Comp) => comp.querySelectorAll('.fd-field').map((f: { dom: HTMLElement }) => f.dom.getAttribute('data-key'));
  /** antd-mini Button renders its className on the inner wx-button (ant-button--<className>). */
  const button = (comp: Comp, name: string) => (comp.dom as HTMLElement).querySelector(`wx-button[class~="ant-button--${name}"]`);

  it('a select field is a picker over its options; `when`-guarded fields and slots show only when they hold', async () => {
    query.current = { kind: 'customs-registration', id: 'c1' };
    fake.respond('/api/me', { statusCode: 200, data: { role: 'admin', merchant: null, user: { id: 1, phone: '13900000001' } } });
    fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [customsKind] } });
    fake.respond(/\/api\/applications\/c1$/, (req) => ({
      statusCode: 200,
      data: {
        data: {
          documentId: 'c1',
          kind: 'customs-registration',
          status: 'filling',
          data: req.method === 'PUT' ? (req.data as { data: unknown }).data : { companyName: '东海县晶华水晶饰品有限公司', filingType: 'consignor', files: {} },
          timeline: [],
        },
      },
    }));
    const comp = render(id);
    await flushPromises(30);
    expect(visibleFields(comp)).toEqual(['companyName', 'filingType']);
    expect(text(comp)).not.toContain('报关企业许可证号');
    expect(text(comp)).not.toContain('报关委托书');
    expect(comp.querySelectorAll('file-slot').length || comp.querySelectorAll('.fd >>> .file-slot').length).toBe(1);

    const pickers = comp.querySelectorAll('.fd-picker');
    expect(pickers).toHaveLength(1);
    expect((pickers[0] as { dom: HTMLElement }).dom.tagName.toLowerCase()).toContain('picker');
    expect(comp.data.fields[1]).toMatchObject({ select: true, optionLabels: ['进出口货物收发货人', '报关企业'], optionIndex: 0, display: '进出口货物收发货人' });
    expect((pickers[0] as { dom: HTMLElement }).dom.textContent).toContain('进出口货物收发货人');

    // a hidden required field does not block submission checks
    await comp.instance.onSubmit();
    await flushPromises(40);
    expect(text(comp)).not.toContain('请填写报关企业许可证号');
    expect(text(comp)).toContain('请填写营业执照');

    // choose 报关企业 → the single-condition field and slot appear; the two-condition one still needs companyName
    pickers[0].dispatchEvent('change', { detail: { value: 1 } });
    await flushPromises(10);
    expect(comp.data.data.filingType).toBe('broker');
    expect(comp.querySelector('.fd-picker').dom.textContent).toContain('报关企业');
    expect(visibleFields(comp)).toEqual(['companyName', 'filingType', 'brokerLicence']);
    expect(text(comp)).toContain('报关委托书');
    comp.instance.onField({ currentTarget: { dataset: { field: 'companyName', index: 0 } }, detail: '外地公司' });
    await flushPromises(10);
    expect(visibleFields(comp)).toEqual(['companyName', 'filingType', 'brokerLicence', 'otherOffice']);
  });

  it('a member sees the application read-only: notice, values, no start/save/submit buttons', async () => {
    query.current = { kind: 'customs-registration', id: 'c1' };
    fake.respond('/api/me', { statusCode: 200, data: { role: 'member', merchant: null, user: { id: 2, phone: '13900000002' } } });
    fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [customsKind] } });
    fake.respond(/\/api\/applications\/c1$/, {
      statusCode: 200,
      data: {
        data: { documentId: 'c1', kind: 'customs-registration', status: 'filling', data: { companyName: '东海县晶华水晶饰品有限公司', filingType: 'broker' }, timeline: [] },
      },
    });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.readOnly).toBe(true);
    expect(comp.data.editable).toBe(false);
    expect(text(comp)).toContain('您是普通成员，仅可查看');
    expect(text(comp)).toContain('报关企业');
    expect(button(comp, 'fd-submit')).toBeNull();
    expect(button(comp, 'fd-save')).toBeNull();
    expect(comp.querySelector('.fd-actions')).toBeFalsy();
    expect(comp.querySelectorAll('.fd-picker')).toHaveLength(0);
    expect(fake.storage[STORAGE_KEYS.role]).toBe('member');
    await comp.instance.onSubmit();
    await flushPromises(20);
    expect(fake.requests.some((r) => r.method !== 'GET')).toBe(false);

    // no application yet: no 开始办理 either
    query.current = { kind: 'customs-registration' };
    fake.respond(/\/api\/applications\?.*filters%5Bkind%5D%5B%24eq%5D=customs-registration/, { statusCode: 200, data: { data: [] } });
    fake.respond(/\/prefill\?kind=customs-registration/, { statusCode: 200, data: { data: {}, meta: { sources: {} } } });
    const fresh = render(id);
    await flushPromises(30);
    expect(fresh.data.mode).toBe('new');
    expect(button(fresh, 'fd-start')).toBeNull();
    expect(text(fresh)).toContain('尚未开始办理，请联系商户管理员办理');
  });

  it('an admin gets the save and submit buttons', async () => {
    query.current = { kind: 'customs-registration', id: 'c1' };
    fake.respond('/api/me', { statusCode: 200, data: { role: 'admin', merchant: null, user: { id: 1, phone: '13900000001' } } });
    fake.respond('/api/applications/kinds', { statusCode: 200, data: { data: [customsKind] } });
    fake.respond(/\/api\/applications\/c1$/, { statusCode: 200, data: { data: { documentId: 'c1', kind: 'customs-registration', status: 'filling', data: {}, timeline: [] } } });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.readOnly).toBe(false);
    expect(button(comp, 'fd-submit')!.textContent).toContain('确认提交');
    expect(button(comp, 'fd-save')!.textContent).toContain('保存草稿');
    expect(text(comp)).not.toContain('您是普通成员');
    expect(comp.querySelector('.fd-picker').dom.textContent).toContain('请选择');
  });
});

const messagePage = (rows: Array<Record<string, unknown>>, unread: number, page = 1, pageCount = 1) => ({
  statusCode: 200,
  data: { data: rows, meta: { pagination: { page, pageSize: 20, pageCount, total: rows.length }, unread } },
});
const msg = (id: string, extra: Record<string, unknown> = {}) => ({
  documentId: id,
  category: 'business',
  module: 'registration',
  title: `工商注册：材料初审 ${id}`,
  body: '请留意进度',
  link: '/registration',
  read: false,
  readAt: null,
  createdAt: new Date().toISOString(),
  ...extra,
});

describe('pages/messages (消息中心 G4)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('pages/messages/index', query);
  });

  it('lists messages with the unread badge; filters query the API', async () => {
    fake.respond(/\/api\/messages\?/, (req) =>
      decodeURIComponent(req.url).includes('filters[read][$eq]=false')
        ? messagePage([msg('m1')], 1)
        : decodeURIComponent(req.url).includes('filters[category][$eq]=announcement')
          ? messagePage([], 1)
          : messagePage([msg('m1'), msg('m2', { read: true, category: 'announcement', module: null, link: null, title: '春节放假通知' })], 1),
    );
    const comp = render(id);
    await flushPromises(20);
    expect(fake.requests[0].url).toBe('http://127.0.0.1:1337/api/messages?pagination%5Bpage%5D=1&pagination%5BpageSize%5D=20');
    const t = text(comp);
    expect(t).toContain('1 条未读');
    expect(t).toContain('春节放假通知');
    expect(t).toContain('业务动态');
    expect(comp.querySelectorAll('.msg-item')).toHaveLength(2);
    expect(comp.querySelectorAll('.msg-item--unread')).toHaveLength(1);
    expect(comp.querySelectorAll('.msg-filter').map((f: { dom: HTMLElement }) => f.dom.textContent)).toEqual(['全部', '未读', '业务动态', '待办提醒', '平台公告']);

    comp.querySelectorAll('.msg-filter')[1].dispatchEvent('tap');
    await flushPromises(20);
    expect(decodeURIComponent(fake.requests.pop()!.url)).toContain('filters[read][$eq]=false');
    expect(comp.querySelectorAll('.msg-item')).toHaveLength(1);

    comp.querySelectorAll('.msg-filter')[4].dispatchEvent('tap');
    await flushPromises(20);
    expect(decodeURIComponent(fake.requests.pop()!.url)).toContain('filters[category][$eq]=announcement');
    expect(text(comp)).toContain('暂无消息');
  });

  it('tap marks read and opens the mini-program page; mark all read', async () => {
    fake.respond(/\/api\/messages\?/, messagePage([msg('m1', { link: '/filing/eport-card' }), msg('m2')], 2));
    fake.respond('/api/messages/m1/read', { statusCode: 200, data: { data: { documentId: 'm1', read: true } } });
    fake.respond('/api/messages/read-all', { statusCode: 200, data: { data: { marked: 1 } } });
    const comp = render(id);
    await flushPromises(20);
    comp.querySelectorAll('.msg-item')[0].dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/messages/m1/read'))).toBe(true);
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageFiling/pages/detail/index?kind=eport-card' });
    expect(text(comp)).toContain('1 条未读');
    expect(app.globalData.homeStale).toBe(true);

    comp.querySelector('.msg-markall').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/messages/read-all'))).toBe(true);
    expect(comp.querySelectorAll('.msg-item--unread')).toHaveLength(0);
    expect(text(comp)).toContain('全部已读');
  });
});

describe('pages/home 办理提醒 (GET /api/applications/todos)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('pages/home/index', query);
  });

  it('lists the to-dos and opens their mpPath', async () => {
    fake.respond('/api/home', {
      statusCode: 200,
      data: {
        merchant: { documentId: 'm1', nameCn: '东海县紫晶坊水晶工艺品店', registrationStatus: 'returned' },
        modules: [],
        todos: { total: 0, customs: { orders: 0, lists: 0, summaries: 0 } },
        messages: { unread: 0, latest: [] },
      },
    });
    fake.respond('/api/applications/todos', {
      statusCode: 200,
      data: {
        data: [
          {
            applicationId: 'a1',
            kind: 'business-registration',
            module: 'registration',
            title: '工商注册：请补正材料',
            status: 'returned',
            link: '/registration',
            mpPath: 'packageRegistration/pages/index/index?id=a1',
          },
        ],
      },
    });
    const comp = render(id);
    await flushPromises(30);
    expect(fake.requests[0].url).toBe('http://127.0.0.1:1337/api/home');
    expect(text(comp)).toContain('办理提醒');
    expect(text(comp)).toContain('工商注册：请补正材料');
    expect(text(comp)).toContain('退回补正');
    comp.querySelector('.home-apptodo').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageRegistration/pages/index/index?id=a1' });
    comp.querySelector('.home-messages-all').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/pages/messages/index' });
  });
});
