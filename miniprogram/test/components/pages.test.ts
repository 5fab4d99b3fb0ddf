/** @jest-environment jsdom */
import { MODULE_KEYS } from '../../src/services/modules';
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx } from '../helpers/fake-wx';
import { loadPage, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const text = (comp: Comp) => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ');

const homePayload = (status: string) => ({
  merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', nameEn: 'Donghai Jinghua Crystal Co., Ltd.', type: 'company', registrationStatus: status, memberCount: 3 },
  modules: MODULE_KEYS.map((key) => ({
    key,
    title: key === 'fx' ? '收结汇' : '',
    enabled: status === 'approved' || key === 'registration' || key === 'training',
    todo: key === 'customs' ? 4 : 0,
    path: `/${key}`,
  })),
  todos: { total: 4, customs: { orders: 1, lists: 2, summaries: 1 } },
  messages: {
    unread: 3,
    latest: [
      {
        documentId: 'x1',
        category: 'status',
        module: 'customs',
        title: '清单总分单待提交',
        body: '批次 B2025-031 已可提交清单',
        link: null,
        read: false,
        createdAt: new Date().toISOString(),
      },
    ],
  },
});

const mePayload = {
  user: { id: 5, phone: '13900000005', realName: '赵晶', email: null },
  isPlatformStaff: false,
  platformRoles: [],
  merchant: { documentId: 'm1', id: 1, nameCn: '东海县晶华水晶饰品有限公司', nameEn: 'Donghai Jinghua Crystal Co., Ltd.', type: 'company', registrationStatus: 'approved' },
  role: 'member',
  permissions: [],
  merchants: [
    { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', role: 'member', current: true },
    { documentId: 'm2', nameCn: '东海县紫晶坊水晶工艺品店', role: 'admin', current: false },
  ],
};

let fake: FakeWx;
let app: { globalData: { homeStale: boolean } };

beforeEach(() => {
  fake = installFakeWx();
  app = { globalData: { homeStale: false } };
  (globalThis as unknown as { getApp: () => unknown }).getApp = () => app;
});

describe('pages/home', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('pages/home/index');
  });

  it('sends a signed-out user to login', async () => {
    render(id);
    await flushPromises();
    expect(fake.api.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(fake.requests).toHaveLength(0);
  });

  it('shows merchant, registration banner, eight modules, customs to-dos and messages', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-home';
    fake.respond('/api/home', { statusCode: 200, data: homePayload('approved') });
    const comp = render(id);
    await flushPromises(20);
    expect(fake.requests[0]).toMatchObject({ url: 'http://127.0.0.1:1337/api/home', method: 'GET' });
    expect(fake.requests[0].header.Authorization).toBe('Bearer jwt-home');
    const t = text(comp);
    expect(t).toContain('东海县晶华水晶饰品有限公司');
    expect(t).toContain('工商注册已核准');
    expect(comp.querySelectorAll('.home-todo')).toHaveLength(3);
    expect(t).toContain('电子订单');
    expect(t).toContain('清单总分单');
    expect(t).toContain('汇总申请单');
    expect(t).toContain('共 4 项待办');
    expect(t).toContain('清单总分单待提交');
    expect(t).toContain('3 条未读');
    expect(comp.querySelectorAll('.home-message--unread')).toHaveLength(1);
    const grid = comp.querySelector('module-grid') || comp.querySelector('.home-modules');
    expect(grid).toBeTruthy();
    expect((comp.dom as HTMLElement).querySelectorAll('[data-key][data-enabled]')).toHaveLength(8);
    expect((comp.dom as HTMLElement).querySelectorAll('[data-enabled="false"]')).toHaveLength(0);
  });

  it('marks an unread message read when it is opened', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-home';
    fake.respond('/api/home', { statusCode: 200, data: homePayload('approved') });
    fake.respond('/api/messages/x1/read', { statusCode: 200, data: { data: { documentId: 'x1', read: true } } });
    const comp = render(id);
    await flushPromises(20);
    expect(comp.querySelectorAll('.home-message--unread')).toHaveLength(1);
    comp.querySelector('.home-message').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.requests.some((r) => r.method === 'POST' && r.url.endsWith('/api/messages/x1/read'))).toBe(true);
    expect(comp.querySelectorAll('.home-message--unread')).toHaveLength(0);
    expect(text(comp)).toContain('2 条未读');
  });

  it('greys six modules before approval and a to-do tap on locked customs only toasts', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-home';
    fake.respond('/api/home', { statusCode: 200, data: homePayload('initial_review') });
    const comp = render(id);
    await flushPromises(20);
    expect(text(comp)).toContain('工商注册材料初审中');
    expect((comp.dom as HTMLElement).querySelectorAll('[data-enabled="false"]')).toHaveLength(6);
    comp.querySelectorAll('.home-todo')[0].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '完成工商注册后开通' }));
    expect(fake.api.navigateTo).not.toHaveBeenCalled();
    comp.querySelector('.home-banner').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageRegistration/pages/index/index' });
  });

  it('美元账户 card (收结汇 X2) when `fx` is sent; tap opens the module', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-home';
    fake.respond('/api/home', {
      statusCode: 200,
      data: { ...homePayload('approved'), fx: { balance: '12580.00', frozen: '500.00', available: '12080.00', updatedAt: '2026-11-21T02:00:00.000Z' } },
    });
    const comp = render(id);
    await flushPromises(20);
    const card = (comp.querySelector('.home-fx') as unknown as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, '');
    expect(card).toContain('美元账户');
    expect(card).toContain('$12,580.00');
    expect(card).toContain('可用余额$12,080.00');
    expect(card).toContain('结汇中$500.00');
    expect(card).toMatch(/更新于2026-11-21\d\d:00/);
    comp.querySelector('.home-fx').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageFx/pages/index/index' });
  });

  it('no 美元账户 card while fx is locked (fx: null)', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-home';
    fake.respond('/api/home', { statusCode: 200, data: { ...homePayload('initial_review'), fx: null } });
    const comp = render(id);
    await flushPromises(20);
    expect(comp.querySelectorAll('.home-fx')).toHaveLength(0);
  });

  it('shows the Chinese error and retries', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-home';
    fake.respond('/api/home', errorEnvelope(500, 'INTERNAL', 'Internal Server Error'));
    const comp = render(id);
    await flushPromises(20);
    expect(text(comp)).toContain('首页加载失败：服务暂时不可用，请稍后再试');
    fake.respond('/api/home', { statusCode: 200, data: homePayload('approved') });
    comp.querySelector('.jmt-error-retry').dispatchEvent('tap');
    await flushPromises(20);
    expect(text(comp)).toContain('工商注册已核准');
  });

  it('an expired session goes back to login and clears the token', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-old';
    fake.respond('/api/home', errorEnvelope(401, 'UNAUTHORIZED', '登录已过期，请重新登录'));
    render(id);
    await flushPromises(20);
    expect(fake.api.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(fake.storage[STORAGE_KEYS.jwt]).toBeUndefined();
  });
});

describe('pages/mine', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('pages/mine/index');
  });

  it('shows user and merchant info from /api/me', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: mePayload });
    const comp = render(id);
    await flushPromises(20);
    const t = text(comp);
    expect(t).toContain('赵晶');
    expect(t).toContain('139****0005');
    expect(t).toContain('东海县晶华水晶饰品有限公司');
    expect(t).toContain('有限公司');
    expect(t).toContain('核准通过');
    expect(t).toContain('成员（只读）');
    expect(t).toContain('切换商户账号');
  });

  const merchantRecord = {
    documentId: 'm1',
    nameCn: '东海县晶华水晶饰品有限公司',
    fxSubAccount: '32050161000000001234',
    settlementCardNo: null,
    settlementBankName: '中国建设银行东海支行',
  };
  const flatText = (node: unknown) => (node as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, '');

  it('结汇账户: members see the three fields read-only (empty ones marked)', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: mePayload });
    fake.respond('/api/merchants/m1', { statusCode: 200, data: { data: merchantRecord } });
    const comp = render(id);
    await flushPromises(30);
    const section = flatText(comp.querySelector('.mine >>> .mine-fx'));
    expect(section).toContain('结汇账户');
    expect(section).toContain('外汇子账户（美元）32050161000000001234');
    expect(section).toContain('结汇银行卡号（人民币）未填写');
    expect(section).toContain('开户行中国建设银行东海支行');
    expect(comp.querySelectorAll('.mine >>> .mine-fx-value--empty').length || comp.querySelectorAll('.mine-fx-value--empty').length).toBe(1);
    expect(comp.querySelectorAll('.mine-fx-edit')).toHaveLength(0);
    expect(text(comp)).toContain('成员账号为只读，如需修改请联系商户管理员');
  });

  it('结汇账户: the admin edits and saves them (PUT /api/merchants/:documentId), checked first', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: { ...mePayload, role: 'admin' } });
    fake.respond('/api/merchants/m1', (req) =>
      req.method === 'PUT'
        ? { statusCode: 200, data: { data: { ...merchantRecord, ...(req.data as { data: Record<string, string> }).data } } }
        : { statusCode: 200, data: { data: merchantRecord } },
    );
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('快速结汇时将引用以上信息');
    comp.instance.onFxEdit();
    await flushPromises();
    expect(comp.data.fxEditing).toBe(true);
    expect(comp.data.fxForm).toEqual({ fxSubAccount: '32050161000000001234', settlementCardNo: '', settlementBankName: '中国建设银行东海支行' });
    const field = (name: string, value: string) => comp.instance.onFxInput({ currentTarget: { dataset: { field: name } }, detail: value });
    field('settlementCardNo', '6217-0012');
    await comp.instance.onFxSave();
    expect(text(comp)).toContain('结汇银行卡号应为 12–30 位数字');
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    field('settlementCardNo', '6217 0012 3456 7890 123');
    await comp.instance.onFxSave();
    await flushPromises(20);
    const put = fake.requests.filter((r) => r.method === 'PUT');
    expect(put).toHaveLength(1);
    expect(put[0].url).toBe('http://127.0.0.1:1337/api/merchants/m1');
    expect(put[0].data).toEqual({ data: { fxSubAccount: '32050161000000001234', settlementCardNo: '6217001234567890123', settlementBankName: '中国建设银行东海支行' } });
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '结汇账户已保存' }));
    expect(comp.data.fxEditing).toBe(false);
    expect(flatText(comp.querySelector('.mine >>> .mine-fx'))).toContain('结汇银行卡号（人民币）6217001234567890123');
  });

  it('结汇账户: a member’s save is refused in Chinese', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: { ...mePayload, role: 'admin' } });
    fake.respond('/api/merchants/m1', (req) =>
      req.method === 'PUT' ? errorEnvelope(403, 'MEMBER_READ_ONLY', '成员账号为只读，无法修改') : { statusCode: 200, data: { data: merchantRecord } },
    );
    const comp = render(id);
    await flushPromises(30);
    comp.instance.onFxEdit();
    await comp.instance.onFxSave();
    await flushPromises(20);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '成员账号为只读，无法修改' }));
    expect(comp.data.fxEditing).toBe(true);
  });

  it('switches merchant through the ActionSheet and stores the new jwt', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: mePayload });
    fake.respond('/api/me/switch-merchant', {
      statusCode: 200,
      data: {
        ...mePayload,
        jwt: 'jwt-m2',
        merchant: { ...mePayload.merchant, documentId: 'm2', nameCn: '东海县紫晶坊水晶工艺品店', registrationStatus: 'filling' },
        role: 'admin',
        merchants: mePayload.merchants.map((m) => ({ ...m, current: m.documentId === 'm2' })),
      },
    });
    const comp = render(id);
    await flushPromises(20);
    comp.instance.onSwitchTap();
    await flushPromises();
    expect(comp.data.switchVisible).toBe(true);
    expect(text(comp)).toContain('东海县紫晶坊水晶工艺品店');
    // tap the second action in the rendered antd-mini ActionSheet
    const items = comp.querySelectorAll('.mine >>> .ant-actionsheet-list-item');
    expect(items).toHaveLength(2);
    expect(items[1].dom.textContent).toContain('东海县紫晶坊水晶工艺品店');
    items[1].dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.requests.map((r) => r.url)).toContain('http://127.0.0.1:1337/api/me/switch-merchant');
    expect(fake.requests.find((r) => r.url.endsWith('/switch-merchant'))!.data).toEqual({ merchantId: 'm2' });
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-m2');
    expect(app.globalData.homeStale).toBe(true);
    expect(text(comp)).toContain('管理员');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已切换到 东海县紫晶坊水晶工艺品店' }));
  });

  const progressPayload = [
    {
      module: 'registration',
      label: '工商注册',
      done: 4,
      total: 4,
      status: 'approved',
      statusLabel: '核准通过',
      steps: [
        { key: 'filling', label: '材料填报', done: true },
        { key: 'initial_review', label: '材料初审', done: true },
        { key: 'onsite_check', label: '现场核验', done: true },
        { key: 'approved', label: '核准通过', done: true },
      ],
      next: null,
    },
    {
      module: 'filing',
      label: '跨境申报',
      done: 1,
      total: 5,
      steps: [
        { key: 'customs-registration', label: '海关企业注册登记', done: true, state: 'done' },
        { key: 'eport-card', label: '电子口岸卡', done: false, state: 'action_required' },
        { key: 'dxp-id', label: 'DXP ID 申请', done: false, state: 'pending' },
        { key: 'cloud-signature', label: '云加签申请', done: false, state: 'pending' },
        { key: 'enterprise-filing', label: '企业备案', done: false, state: 'pending' },
      ],
      next: { label: '办理电子口岸卡', link: '/filing/eport-card', mpPath: 'packageFiling/pages/detail/index?kind=eport-card&id=e1' },
      locked: false,
    },
  ];

  it('我的进度: both modules with done counts, step marks, and the next step opens its page', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: mePayload });
    fake.respond('/api/applications/progress', { statusCode: 200, data: { data: progressPayload } });
    const comp = render(id);
    await flushPromises(30);
    expect(fake.requests.map((r) => r.url)).toContain('http://127.0.0.1:1337/api/applications/progress');
    const modules = comp.querySelectorAll('.mine >>> .mp-module');
    expect(modules).toHaveLength(2);
    const reg = (modules[0] as { dom: HTMLElement }).dom.textContent!;
    const filing = (modules[1] as { dom: HTMLElement }).dom.textContent!;
    expect(reg).toContain('工商注册');
    expect(reg).toContain('已完成 4/4');
    expect(reg).toContain('已全部完成');
    expect(filing).toContain('跨境申报');
    expect(filing).toContain('已完成 1/5');
    expect(filing).toContain('办理电子口岸卡');
    expect(filing).not.toContain('完成工商注册后开通');
    expect(comp.querySelectorAll('.mine >>> .mp-module--registration .mp-step--done')).toHaveLength(4);
    expect(comp.querySelectorAll('.mine >>> .mp-module--filing .mp-step')).toHaveLength(5);
    expect(comp.querySelectorAll('.mine >>> .mp-module--filing .mp-step--done')).toHaveLength(1);
    const next = comp.querySelectorAll('.mine >>> .mp-next');
    expect(next).toHaveLength(1);
    next[0].dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageFiling/pages/detail/index?kind=eport-card&id=e1' });
  });

  it('我的进度: locked 跨境申报 shows the lock hint; empty and error states', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: mePayload });
    const registration = {
      ...progressPayload[0],
      done: 0,
      status: null,
      steps: progressPayload[0].steps.map((s) => ({ ...s, done: false })),
      next: { label: '开始办理工商注册', link: '/registration', mpPath: 'packageRegistration/pages/index/index' },
    };
    const lockedFiling = { ...progressPayload[1], done: 0, steps: progressPayload[1].steps.map((s) => ({ ...s, done: false, state: 'locked' })), next: null, locked: true };
    fake.respond('/api/applications/progress', { statusCode: 200, data: { data: [registration, lockedFiling] } });
    let comp = render(id);
    await flushPromises(30);
    const filing = comp.querySelector('.mine >>> .mp-module--filing') as unknown as { dom: HTMLElement };
    expect(filing.dom.textContent).toContain('完成工商注册后开通');
    expect(filing.dom.textContent).toContain('已完成 0/5');
    comp.querySelector('.mine >>> .mp-next').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageRegistration/pages/index/index' });

    fake.respond('/api/applications/progress', { statusCode: 200, data: { data: [] } });
    comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('暂无办理中的业务');

    fake.respond('/api/applications/progress', errorEnvelope(500, 'INTERNAL', 'Internal Server Error'));
    comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('进度加载失败：服务暂时不可用，请稍后再试');
    fake.respond('/api/applications/progress', { statusCode: 200, data: { data: progressPayload } });
    comp.querySelector('.mine >>> .mp-retry').dispatchEvent('tap');
    await flushPromises(30);
    expect(comp.querySelectorAll('.mine >>> .mp-module')).toHaveLength(2);
  });

  it('logs out after confirmation', async () => {
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-me';
    fake.respond('/api/me', { statusCode: 200, data: mePayload });
    fake.api.showModal.mockImplementation((o: { success: (r: { confirm: boolean }) => void }) => o.success({ confirm: true }));
    const comp = render(id);
    await flushPromises(20);
    comp.instance.onLogout();
    expect(fake.storage[STORAGE_KEYS.jwt]).toBeUndefined();
    expect(fake.api.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});

describe('pages/login', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('pages/login/index');
  });

  it('asks for the agreement before the WeChat phone button is armed', async () => {
    const comp = render(id);
    expect(text(comp)).toContain('微信手机号一键登录');
    expect(comp.data.agreed).toBe(false);
    comp.querySelector('.login-switch').dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先阅读并同意用户协议和隐私政策' }));
    comp.querySelector('.login-agreement').dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.agreed).toBe(true);
  });

  it('getPhoneNumber → wx.login code + phoneCode → POST /api/auth/wechat/login → jwt stored → reLaunch home', async () => {
    fake.respond('/api/auth/wechat/login', { statusCode: 200, data: { jwt: 'jwt-wx', user: { id: 1, phone: '13900000001', realName: '', isPlatformStaff: false } } });
    const comp = render(id);
    comp.querySelector('.login-agreement').dispatchEvent('tap');
    await flushPromises();
    // the native <button open-type="getPhoneNumber"> inside antd-mini's Button fires getphonenumber
    const nativeButton = comp.querySelector('.login >>> .ant-button');
    expect(nativeButton).toBeTruthy();
    nativeButton.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'phone-code-1' } });
    await flushPromises(20);
    expect(fake.api.login).toHaveBeenCalled();
    expect(fake.requests[0]).toMatchObject({ url: 'http://127.0.0.1:1337/api/auth/wechat/login', data: { code: 'wx-login-code-1', phoneCode: 'phone-code-1' } });
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-wx');
    expect(fake.api.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  });

  it('a denied authorisation falls back to the SMS form', async () => {
    const comp = render(id);
    await comp.instance.onGetPhoneNumber({ detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    await flushPromises();
    expect(fake.requests).toHaveLength(0);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消授权，可使用短信验证码登录' }));
    expect(comp.data.mode).toBe('sms');
    expect(comp.querySelector('.sms-send') || (comp.dom as HTMLElement).querySelector('[class*="sms-send"]')).toBeTruthy();
  });
});
