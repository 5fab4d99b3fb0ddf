/** @jest-environment jsdom */
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx, RecordedRequest } from '../helpers/fake-wx';
import { inviteInput, received, routeOf, sent } from '../helpers/invitation-fixtures';
import { loadPage, render } from '../helpers/simulate';

/**
 * 成员邀请 (M3) in the mini-program: the merchant admin invites by phone on 成员管理 (packageAccount) and sees the
 * invitations sent with masked phones; the invitee answers on 我的 and in 消息中心. Every request is checked against
 * the cms contract's route list and body schema (test/helpers/invitation-fixtures.ts).
 */
type Comp = ReturnType<typeof render>;
const dom = (comp: Comp) => comp.dom as HTMLElement;
const text = (comp: Comp) => dom(comp).textContent!.replace(/\s+/g, ' ');
const flat = (node: unknown) => (node as { dom: HTMLElement }).dom.textContent!.replace(/\s+/g, '');
type Node = { dom: HTMLElement; dispatchEvent(name: string, detail?: unknown): void };
/** The page's root class: what `>>>` starts from to reach inside antd-mini components and ours. */
let root = '';
/** A node in the page's own template or inside a component (antd-mini List, the invitation inbox …). */
const find = (comp: Comp, selector: string): Node => (comp.querySelector(selector) || comp.querySelector(`${root} >>> ${selector}`) || null) as Node;
const findAll = (comp: Comp, selector: string): Node[] => {
  const own = comp.querySelectorAll(selector) as Node[];
  return own.length ? own : (comp.querySelectorAll(`${root} >>> ${selector}`) as Node[]);
};
/** antd-mini Button renders its className on the inner wx-button (ant-button--<className>); its tap bubbles to the host. */
const button = (comp: Comp, name: string) => find(comp, `.${name}`);
const buttonCount = (comp: Comp, name: string) => dom(comp).querySelectorAll(`wx-button[class~="ant-button--${name}"]`).length;
const calls = (fake: FakeWx, method: string, re: RegExp) => fake.requests.filter((r) => r.method === method && re.test(r.url));
const bearer = (r: RecordedRequest) => r.header.Authorization;

let fake: FakeWx;
let app: { globalData: { homeStale: boolean } };
let modalAnswer = true;

const jinghua = { documentId: 'm1', id: 1, nameCn: '东海县晶华水晶饰品有限公司', nameEn: null, type: 'company', registrationStatus: 'approved' };
const shuijing = { documentId: 'm3', id: 3, nameCn: '东海县水晶之恋饰品商行', nameEn: null, type: 'individual', registrationStatus: 'approved' };

function mePayload(overrides: Record<string, unknown> = {}) {
  return {
    user: { id: 7, phone: '13900000007', realName: '陈晶', email: null },
    isPlatformStaff: false,
    platformRoles: [],
    merchant: jinghua,
    role: 'admin',
    permissions: [],
    merchants: [{ documentId: 'm1', nameCn: jinghua.nameCn, role: 'admin', current: true }],
    invitations: [],
    ...overrides,
  };
}

beforeEach(() => {
  fake = installFakeWx();
  fake.storage[STORAGE_KEYS.jwt] = 'jwt-m1';
  app = { globalData: { homeStale: false } };
  (globalThis as unknown as { getApp: () => unknown }).getApp = () => app;
  modalAnswer = true;
  fake.api.showModal.mockImplementation((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
    Promise.resolve().then(() => o.success && o.success({ confirm: modalAnswer, cancel: !modalAnswer }));
  });
});

afterEach(() => {
  // Whatever the screens asked of the cms exists in its contract (method and path).
  for (const r of fake.requests.filter((q) => /\/api\/invitations/.test(q.url))) expect(routeOf(r.method, r.url)).toBeDefined();
});

// ---------------------------------------------------------------- 成员管理 (the merchant admin)

describe('packageAccount/pages/members (成员管理)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageAccount/pages/members/index');
  });
  beforeEach(() => {
    root = '.am';
  });

  const memberships = {
    data: [
      { documentId: 'ms1', role: 'admin', createdAt: '2026-03-01T02:00:00.000Z', user: { id: 7, phone: '13900000007', realName: '陈晶' } },
      { documentId: 'ms2', role: 'member', createdAt: '2026-05-12T06:30:00.000Z', user: { id: 9, phone: '13800000009', realName: null } },
    ],
    meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 2 } },
  };

  /** The cms as the admin sees it: members, the sent invitations; POST answers the new one (phone masked), DELETE revokes. */
  function respondAdmin(
    list = [
      sent(),
      sent({ documentId: 'inv-sent-2', phone: '137****4321', role: 'admin', status: 'accepted', respondedAt: '2026-11-21T01:00:00.000Z' }),
      sent({ documentId: 'inv-sent-3', phone: '136****0000', status: 'expired' }),
    ],
  ) {
    fake.respond('/api/me', { statusCode: 200, data: mePayload() });
    fake.respond(/\/api\/memberships\?/, { statusCode: 200, data: memberships });
    fake.respond('/api/invitations', (req) => {
      if (req.method !== 'POST') return { statusCode: 200, data: { data: list } };
      const body = req.data as { phone: string; role: 'admin' | 'member' };
      return { statusCode: 201, data: { data: sent({ documentId: 'inv-new', phone: `${body.phone.slice(0, 3)}****${body.phone.slice(7)}`, role: body.role }) } };
    });
    fake.respond(/\/api\/invitations\/inv-sent-1$/, { statusCode: 200, data: { data: sent({ status: 'revoked', respondedAt: '2026-11-22T03:00:00.000Z' }) } });
  }

  it('lists the members and the invitations sent: masked phones, their status, 撤回 only while pending', async () => {
    respondAdmin();
    const comp = render(id);
    await flushPromises(40);
    expect(comp.data.state).toBe('ready');
    const list = calls(fake, 'GET', /\/api\/memberships\?/)[0];
    expect(decodeURIComponent(list.url)).toContain('pagination[page]=1&pagination[pageSize]=100');
    expect(calls(fake, 'GET', /\/api\/invitations$/)).toHaveLength(1);

    const members = flat(find(comp, '.am-members'));
    expect(members).toContain('商户成员（2）');
    expect(members).toContain('陈晶（我）');
    expect(members).toContain('139****0007');
    expect(members).toContain('未设置姓名');
    expect(members).toContain('138****0009');
    expect(members).not.toContain('13800000009');

    const invitations = findAll(comp, '.am-inv');
    expect(invitations).toHaveLength(3);
    expect(flat(invitations[0])).toContain('139****0003等待接受');
    expect(flat(invitations[0])).toContain('普通成员·');
    expect(flat(invitations[0])).toMatch(/2026-11-2710:30前有效/);
    expect(flat(invitations[1])).toContain('137****4321已接受');
    expect(flat(invitations[1])).toContain('管理员·');
    expect(flat(invitations[2])).toContain('136****0000已过期');
    expect(findAll(comp, '.am-revoke')).toHaveLength(1);
    expect(flat(find(comp, '.am-sent'))).toContain('1 条等待接受'.replace(/\s/g, ''));
  });

  it('invite: checks the phone as the cms does, sends { phone, role }, shows the answer’s masked phone', async () => {
    respondAdmin([]);
    const comp = render(id);
    await flushPromises(40);
    expect(text(comp)).toContain('暂无发出的邀请');

    button(comp, 'am-send').dispatchEvent('tap');
    await flushPromises();
    expect(flat(find(comp, '.am-phone-error'))).toBe('请填写手机号');
    comp.instance.onPhoneInput({ detail: '12345678901' });
    button(comp, 'am-send').dispatchEvent('tap');
    await flushPromises();
    expect(flat(find(comp, '.am-phone-error'))).toBe('请输入正确的中国大陆手机号（11位，以1开头）');
    expect(calls(fake, 'POST', /\/api\/invitations$/)).toHaveLength(0);

    // 管理员 on the role Selector (antd-mini renders one item per option)
    const roles = findAll(comp, '.ant-selector-item');
    expect(roles.map((r) => flat(r))).toEqual(['普通成员', '管理员']);
    roles[1].dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.form.role).toBe('admin');
    expect(text(comp)).toContain('管理员可办理全部业务，并可邀请成员');

    comp.instance.onPhoneInput({ detail: { value: '+86 139-1234-5678' } });
    await flushPromises();
    expect(find(comp, '.am-phone-error')).toBeFalsy();
    button(comp, 'am-send').dispatchEvent('tap');
    await flushPromises(30);
    const posts = calls(fake, 'POST', /\/api\/invitations$/);
    expect(posts).toHaveLength(1);
    expect(posts[0].url).toBe('http://127.0.0.1:1337/api/invitations');
    expect(bearer(posts[0])).toBe('Bearer jwt-m1');
    expect(posts[0].data).toEqual({ phone: '13912345678', role: 'admin' });
    expect(inviteInput.safeParse(posts[0].data).success).toBe(true);

    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '邀请已发送，对方接受后即成为成员' }));
    const first = findAll(comp, '.am-inv')[0];
    expect(flat(first)).toContain('139****5678等待接受');
    expect(flat(first)).toContain('管理员·');
    expect(text(comp)).not.toContain('13912345678');
    expect(comp.data.form.phone).toBe('');
  });

  it('invite: the cms’s Chinese refusal is shown under the phone and as a toast', async () => {
    respondAdmin([]);
    const comp = render(id);
    await flushPromises(40);
    fake.respond('/api/invitations', (req) =>
      req.method === 'POST' ? errorEnvelope(409, 'INVITATION_EXISTS', '已向该手机号发出邀请，请等待对方接受') : { statusCode: 200, data: { data: [] } },
    );
    comp.instance.onPhoneInput({ detail: '13912345678' });
    button(comp, 'am-send').dispatchEvent('tap');
    await flushPromises(30);
    expect(flat(find(comp, '.am-phone-error'))).toBe('已向该手机号发出邀请，请等待对方接受');
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已向该手机号发出邀请，请等待对方接受' }));
    expect(findAll(comp, '.am-inv')).toHaveLength(0);
    expect(comp.data.sending).toBe(false);
  });

  it('revoke: asks first, DELETE /api/invitations/:id, then shows 已撤回 without the button', async () => {
    respondAdmin();
    const comp = render(id);
    await flushPromises(40);
    modalAnswer = false;
    find(comp, '.am-revoke').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '撤回邀请', content: '确定撤回发给 139****0003 的邀请吗？撤回后对方将无法再接受。' }));
    expect(calls(fake, 'DELETE', /\/api\/invitations\//)).toHaveLength(0);

    modalAnswer = true;
    find(comp, '.am-revoke').dispatchEvent('tap');
    await flushPromises(30);
    const deletes = calls(fake, 'DELETE', /\/api\/invitations\//);
    expect(deletes.map((r) => r.url)).toEqual(['http://127.0.0.1:1337/api/invitations/inv-sent-1']);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '邀请已撤回' }));
    expect(flat(findAll(comp, '.am-inv')[0])).toContain('139****0003已撤回');
    expect(findAll(comp, '.am-revoke')).toHaveLength(0);
    expect(flat(find(comp, '.am-sent'))).not.toContain('等待接受');
  });

  it('revoke: an invitation answered meanwhile says so and the list is read again', async () => {
    respondAdmin();
    fake.respond(/\/api\/invitations\/inv-sent-1$/, errorEnvelope(409, 'INVITATION_NOT_PENDING', '该邀请已处理或已过期', { status: 'accepted' }));
    const comp = render(id);
    await flushPromises(40);
    find(comp, '.am-revoke').dispatchEvent('tap');
    await flushPromises(30);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '该邀请已处理或已过期' }));
    expect(calls(fake, 'GET', /\/api\/invitations$/)).toHaveLength(2);
  });

  it('a member only sees the members: no invite form, no invitations asked for', async () => {
    respondAdmin();
    fake.respond('/api/me', { statusCode: 200, data: mePayload({ role: 'member', merchants: [{ documentId: 'm1', nameCn: jinghua.nameCn, role: 'member', current: true }] }) });
    const comp = render(id);
    await flushPromises(40);
    expect(find(comp, '.am-invite')).toBeFalsy();
    expect(find(comp, '.am-sent')).toBeFalsy();
    expect(buttonCount(comp, 'am-send')).toBe(0);
    expect(calls(fake, 'GET', /\/api\/invitations$/)).toHaveLength(0);
    expect(flat(find(comp, '.am-members'))).toContain('陈晶（我）');
    expect(text(comp)).toContain('普通成员仅可查看成员列表');
  });

  it('a failed member list keeps the page and retries', async () => {
    respondAdmin([]);
    fake.respond(/\/api\/memberships\?/, errorEnvelope(500, 'INTERNAL', 'Internal Server Error'));
    const comp = render(id);
    await flushPromises(40);
    expect(flat(find(comp, '.am-members'))).toContain('成员加载失败服务暂时不可用，请稍后再试');
    expect(find(comp, '.am-invite')).toBeTruthy();
    fake.respond(/\/api\/memberships\?/, { statusCode: 200, data: memberships });
    find(comp, '.am-members-retry').dispatchEvent('tap');
    await flushPromises(30);
    expect(findAll(comp, '.am-member')).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- 我的 (the invitee)

describe('pages/mine: invitations addressed to me', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('pages/mine/index');
  });
  beforeEach(() => {
    root = '.mine';
  });

  /** Before accepting: one merchant and an invitation; the token the accept answers acts for 水晶之恋, a member now. */
  function respondInvitee() {
    const before = mePayload({ invitations: [received()] });
    const after = mePayload({
      merchant: shuijing,
      role: 'member',
      merchants: [
        { documentId: 'm1', nameCn: jinghua.nameCn, role: 'admin', current: false },
        { documentId: 'm3', nameCn: shuijing.nameCn, role: 'member', current: true },
      ],
      invitations: [],
    });
    fake.respond('/api/me', (req) => ({ statusCode: 200, data: bearer(req) === 'Bearer jwt-m3' ? after : before }));
    fake.respond(/\/api\/invitations\/inv-1\/accept$/, {
      statusCode: 200,
      data: { data: { merchant: { documentId: 'm3', nameCn: shuijing.nameCn }, role: 'member' }, jwt: 'jwt-m3' },
    });
    fake.respond(/\/api\/invitations\/inv-1\/decline$/, { statusCode: 200, data: { data: { documentId: 'inv-1', status: 'declined' } } });
  }

  it('shows who invites me to which merchant, as what, until when', async () => {
    respondInvitee();
    const comp = render(id);
    await flushPromises(30);
    const card = find(comp, '.inv-card');
    expect(card).toBeTruthy();
    expect(flat(card)).toContain('您有新的商户邀请');
    expect(flat(card)).toContain('李水晶邀请您以「普通成员」身份加入「东海县水晶之恋饰品商行」');
    expect(flat(card)).toMatch(/2026-11-2710:30前有效/);
    expect(buttonCount(comp, 'inv-accept')).toBe(1);
    expect(buttonCount(comp, 'inv-decline')).toBe(1);
  });

  it('接受 → POST /api/invitations/:id/accept, the new token is kept, and the account switcher lists the merchant', async () => {
    respondInvitee();
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.view.canSwitch).toBe(false);
    expect(text(comp)).toContain('您只属于一个商户');

    button(comp, 'inv-accept').dispatchEvent('tap');
    await flushPromises(40);
    const accept = calls(fake, 'POST', /\/api\/invitations\/inv-1\/accept$/);
    expect(accept).toHaveLength(1);
    expect(accept[0].url).toBe('http://127.0.0.1:1337/api/invitations/inv-1/accept');
    expect(bearer(accept[0])).toBe('Bearer jwt-m1');
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-m3');
    expect(fake.storage[STORAGE_KEYS.role]).toBe('member');
    // 我的 asked again with the new token: now acting for the merchant joined, which the switcher lists.
    const meCalls = calls(fake, 'GET', /\/api\/me$/);
    expect(bearer(meCalls[meCalls.length - 1])).toBe('Bearer jwt-m3');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已加入「东海县水晶之恋饰品商行」，已为您切换到该商户' }));
    expect(app.globalData.homeStale).toBe(true);
    expect(find(comp, '.inv-card')).toBeFalsy();
    expect(comp.data.view.merchantName).toBe('东海县水晶之恋饰品商行');
    expect(text(comp)).toContain('成员（只读）');
    expect(text(comp)).not.toContain('您只属于一个商户');
    comp.instance.onSwitchTap();
    await flushPromises();
    const items = findAll(comp, '.ant-actionsheet-list-item');
    expect(items.map((i) => flat(i))).toEqual(['东海县晶华水晶饰品有限公司管理员', '东海县水晶之恋饰品商行成员（只读）·当前']);
  });

  it('接受 refused (already answered): the Chinese message, the token unchanged', async () => {
    respondInvitee();
    fake.respond(/\/api\/invitations\/inv-1\/accept$/, errorEnvelope(409, 'INVITATION_NOT_PENDING', '该邀请已处理或已过期'));
    const comp = render(id);
    await flushPromises(30);
    button(comp, 'inv-accept').dispatchEvent('tap');
    await flushPromises(30);
    expect(fake.api.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '该邀请已处理或已过期' }));
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-m1');
    expect(find(comp, '.inv-card')).toBeTruthy();
  });

  it('拒绝 asks first, then POST …/decline; the card goes and nothing else changes', async () => {
    respondInvitee();
    const comp = render(id);
    await flushPromises(30);
    modalAnswer = false;
    button(comp, 'inv-decline').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '拒绝邀请', content: '确定拒绝「东海县水晶之恋饰品商行」的邀请吗？拒绝后如需加入，请对方重新邀请。' }),
    );
    expect(calls(fake, 'POST', /decline$/)).toHaveLength(0);

    modalAnswer = true;
    button(comp, 'inv-decline').dispatchEvent('tap');
    await flushPromises(30);
    const decline = calls(fake, 'POST', /decline$/);
    expect(decline.map((r) => r.url)).toEqual(['http://127.0.0.1:1337/api/invitations/inv-1/decline']);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已拒绝邀请' }));
    expect(find(comp, '.inv-card')).toBeFalsy();
    expect(comp.data.invitations).toEqual([]);
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-m1');
    expect(calls(fake, 'POST', /accept$/)).toHaveLength(0);
  });

  it('成员管理 opens the members page (邀请成员 for the admin)', async () => {
    fake.respond('/api/me', { statusCode: 200, data: mePayload() });
    const comp = render(id);
    await flushPromises(30);
    const entry = find(comp, '.mine-members');
    expect(flat(entry)).toContain('成员管理邀请成员');
    entry.dispatchEvent('tap');
    await flushPromises();
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageAccount/pages/members/index' });
  });
});

// ---------------------------------------------------------------- 消息中心 (the invitee)

describe('pages/messages: invitations addressed to me', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('pages/messages/index');
  });
  beforeEach(() => {
    root = '.msg';
  });

  const messagesOf = (title: string) => ({
    data: [{ documentId: 'x1', category: 'business', module: 'membership', title, body: '', link: '/me?tab=members', read: false, createdAt: new Date().toISOString() }],
    meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 1 }, unread: 1 },
  });

  it('lists them from GET /api/invitations/mine; 接受 switches and shows the joined merchant’s messages', async () => {
    fake.respond('/api/invitations/mine', (req) => ({ statusCode: 200, data: { data: bearer(req) === 'Bearer jwt-m3' ? [] : [received()] } }));
    fake.respond(/\/api\/messages\?/, (req) => ({ statusCode: 200, data: messagesOf(bearer(req) === 'Bearer jwt-m3' ? '水晶之恋的消息' : '晶华的消息') }));
    fake.respond(/\/api\/invitations\/inv-1\/accept$/, {
      statusCode: 200,
      data: { data: { merchant: { documentId: 'm3', nameCn: shuijing.nameCn }, role: 'member' }, jwt: 'jwt-m3' },
    });
    const comp = render(id);
    await flushPromises(30);
    // the messages are asked for first; the invitations alongside
    expect(fake.requests[0].url).toContain('/api/messages?');
    expect(calls(fake, 'GET', /\/api\/invitations\/mine$/)).toHaveLength(1);
    expect(flat(find(comp, '.inv-card'))).toContain('李水晶邀请您以「普通成员」身份加入「东海县水晶之恋饰品商行」');
    expect(text(comp)).toContain('晶华的消息');

    button(comp, 'inv-accept').dispatchEvent('tap');
    await flushPromises(40);
    expect(calls(fake, 'POST', /\/api\/invitations\/inv-1\/accept$/)).toHaveLength(1);
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-m3');
    expect(text(comp)).toContain('水晶之恋的消息');
    expect(find(comp, '.inv-card')).toBeFalsy();
    expect(app.globalData.homeStale).toBe(true);
  });

  it('拒绝 in the message centre; 「新成员已加入」 opens 成员管理', async () => {
    fake.respond('/api/invitations/mine', { statusCode: 200, data: { data: [received()] } });
    fake.respond(/\/api\/messages\?/, { statusCode: 200, data: messagesOf('新成员已加入') });
    fake.respond(/\/api\/invitations\/inv-1\/decline$/, { statusCode: 200, data: { data: { documentId: 'inv-1', status: 'declined' } } });
    fake.respond(/\/api\/messages\/x1\/read$/, { statusCode: 200, data: { data: { documentId: 'x1', read: true } } });
    const comp = render(id);
    await flushPromises(30);
    button(comp, 'inv-decline').dispatchEvent('tap');
    await flushPromises(30);
    expect(calls(fake, 'POST', /\/api\/invitations\/inv-1\/decline$/)).toHaveLength(1);
    expect(find(comp, '.inv-card')).toBeFalsy();
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-m1');

    find(comp, '.msg-item').dispatchEvent('tap');
    await flushPromises(20);
    expect(fake.api.navigateTo).toHaveBeenCalledWith({ url: '/packageAccount/pages/members/index' });
  });

  it('no invitation card when none wait (or they cannot be read)', async () => {
    fake.respond(/\/api\/messages\?/, { statusCode: 200, data: messagesOf('晶华的消息') });
    const comp = render(id);
    await flushPromises(30);
    expect(find(comp, '.inv-card')).toBeFalsy();
    expect(text(comp)).toContain('晶华的消息');
  });
});
