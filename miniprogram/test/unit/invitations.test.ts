import { normalizeMainlandPhone as serverNormalize } from '../../../cms/src/api/identity/lib/phone';
import {
  fetchMembers,
  fetchSentInvitations,
  inviteMember,
  memberRows,
  pendingCount,
  revokeInvitation,
  roleOptions,
  sentRows,
  validateInvite,
  withStatus,
} from '../../src/packageAccount/members';
import { createApiClient } from '../../src/services/api';
import { acceptInvitation, declineInvitation, fetchReceivedInvitations, invitationCards, MEMBERS_PAGE } from '../../src/services/invitations';
import { messagePage } from '../../src/services/message-center';
import { STORAGE_KEYS } from '../../src/services/session';
import { normalizeMainlandPhone } from '../../src/utils/phone';
import { installFakeWx, FakeWx } from '../helpers/fake-wx';
import { inviteInput, received, routeOf, sent } from '../helpers/invitation-fixtures';

let fake: FakeWx;
const client = () => createApiClient({ baseUrl: 'http://cms.test', transport: (o) => fake.api.request(o), getToken: () => 'jwt-1' });

beforeEach(() => {
  fake = installFakeWx();
});

describe('the invitee’s phone rule is the cms’s', () => {
  const inputs = [
    '13912345678',
    '139 1234 5678',
    '139-1234-5678',
    '+8613912345678',
    '8613912345678',
    '+86 139 1234 5678',
    '12345678901',
    '1391234567',
    '139123456789',
    '23912345678',
    '',
    '  ',
    '１３９１２３４５６７８',
    '10012345678',
    '19999999999',
  ];

  it('normalizeMainlandPhone answers what cms identity/lib/phone.ts answers', () => {
    for (const input of inputs) expect([input, normalizeMainlandPhone(input)]).toEqual([input, serverNormalize(input)]);
    expect(normalizeMainlandPhone(null)).toBeNull();
  });

  it('validateInvite says what the contract (inviteInput) says, and passes what it passes', () => {
    const contractMessage = (phone: string) => {
      const parsed = inviteInput.safeParse({ phone, role: 'member' });
      return parsed.success ? undefined : parsed.error.issues[0].message;
    };
    expect(validateInvite({ phone: '', role: 'member' })).toEqual({ phone: contractMessage('') });
    expect(validateInvite({ phone: '', role: 'member' }).phone).toBe('请填写手机号');
    expect(validateInvite({ phone: '12345678901', role: 'member' })).toEqual({ phone: contractMessage('12345678901') });
    expect(validateInvite({ phone: '12345678901', role: 'member' }).phone).toBe('请输入正确的中国大陆手机号（11 位，以 1 开头）');
    for (const phone of ['13912345678', '19999999999']) {
      expect(validateInvite({ phone, role: 'admin' })).toEqual({});
      expect(contractMessage(phone)).toBeUndefined();
    }
    expect(validateInvite({ phone: '13912345678', role: 'owner' as never })).toHaveProperty('role');
  });
});

describe('packageAccount/members: the admin’s calls and views', () => {
  it('sends GET/POST/DELETE to the contract’s routes with the body it parses', async () => {
    fake.respond('/api/invitations', (req) =>
      req.method === 'POST' ? { statusCode: 201, data: { data: sent({ documentId: 'n1', phone: '139****5678' }) } } : { statusCode: 200, data: { data: [sent()] } },
    );
    fake.respond(/\/api\/invitations\/inv-sent-1$/, { statusCode: 200, data: { data: sent({ status: 'revoked' }) } });
    fake.respond(/\/api\/memberships\?/, { statusCode: 200, data: { data: [], meta: { pagination: { page: 1, pageSize: 100, pageCount: 1, total: 0 } } } });

    expect(await fetchSentInvitations(client())).toEqual([sent()]);
    expect(await inviteMember({ phone: ' +86 139 1234 5678 ', role: 'member' }, client())).toMatchObject({ documentId: 'n1', phone: '139****5678' });
    expect((await revokeInvitation('inv-sent-1', client())).status).toBe('revoked');
    expect((await fetchMembers(1, 100, client())).meta.pagination.total).toBe(0);

    expect(fake.requests.map((r) => `${r.method} ${decodeURIComponent(r.url)}`)).toEqual([
      'GET http://cms.test/api/invitations',
      'POST http://cms.test/api/invitations',
      'DELETE http://cms.test/api/invitations/inv-sent-1',
      'GET http://cms.test/api/memberships?pagination[page]=1&pagination[pageSize]=100',
    ]);
    const post = fake.requests[1];
    expect(post.data).toEqual({ phone: '13912345678', role: 'member' });
    expect(inviteInput.parse(post.data)).toEqual({ phone: '13912345678', role: 'member' });
    for (const r of fake.requests.slice(0, 3)) expect(routeOf(r.method, r.url)).toMatchObject({ audience: 'merchant' });
  });

  it('rows: masked phones, status labels and colours, 撤回 only while pending, pending count', () => {
    const list = [
      sent(),
      sent({ documentId: 'b', phone: '137****4321', role: 'admin', status: 'accepted', respondedAt: '2026-11-21T01:00:00.000Z' }),
      sent({ documentId: 'c', status: 'declined', respondedAt: '2026-11-21T02:00:00.000Z' }),
      sent({ documentId: 'd', status: 'revoked', respondedAt: null }),
      sent({ documentId: 'e', status: 'expired' }),
      // never shown in full, even if a full number came back
      sent({ documentId: 'f', phone: '13912345678' }),
    ];
    const rows = sentRows(list);
    expect(rows.map((r) => [r.phone, r.statusLabel, r.tagColor, r.muted, r.pending])).toEqual([
      ['139****0003', '等待接受', 'primary', false, true],
      ['137****4321', '已接受', 'success', false, false],
      ['139****0003', '已拒绝', 'primary', true, false],
      ['139****0003', '已撤回', 'primary', true, false],
      ['139****0003', '已过期', 'warning', false, false],
      ['139****5678', '等待接受', 'primary', false, true],
    ]);
    expect(rows[0]).toMatchObject({ roleName: '普通成员', invitedAt: '2026-11-20 10:30 邀请', note: '2026-11-27 10:30 前有效' });
    expect(rows[1]).toMatchObject({ roleName: '管理员', note: '2026-11-21 09:00 处理' });
    expect(rows[3].note).toBe('');
    expect(pendingCount(list)).toBe(2);
    expect(pendingCount(withStatus(list, { ...list[0], status: 'revoked' }))).toBe(1);
    expect(roleOptions()).toEqual([
      { text: '普通成员', value: 'member' },
      { text: '管理员', value: 'admin' },
    ]);
  });

  it('members: names or 未设置姓名, masked phones, the caller marked', () => {
    const rows = memberRows(
      [
        { documentId: 'a', role: 'admin', createdAt: '2026-03-01T02:00:00.000Z', user: { id: 7, phone: '13900000007', realName: '陈晶' } },
        { documentId: 'b', role: 'member', createdAt: '2026-05-12T06:30:00.000Z', user: { id: 9, phone: '13800000009', realName: null } },
        { documentId: 'c', role: 'member', createdAt: '2026-05-12T06:30:00.000Z', user: null },
      ],
      7,
    );
    expect(rows.map((r) => [r.name, r.initial, r.phone, r.roleName, r.admin, r.self])).toEqual([
      ['陈晶', '陈', '139****0007', '管理员', true, true],
      ['未设置姓名', '晶', '138****0009', '普通成员', false, false],
      ['未设置姓名', '晶', '', '普通成员', false, false],
    ]);
    expect(rows[0].joinedAt).toBe('2026-03-01 加入');
  });
});

describe('services/invitations: the invitee', () => {
  it('GET /api/invitations/mine; accept keeps the answer’s token and role; decline posts only', async () => {
    fake.respond('/api/invitations/mine', { statusCode: 200, data: { data: [received()] } });
    fake.respond(/\/accept$/, { statusCode: 200, data: { data: { merchant: { documentId: 'm3', nameCn: '东海县水晶之恋饰品商行' }, role: 'admin' }, jwt: 'jwt-m3' } });
    fake.respond(/\/decline$/, { statusCode: 200, data: { data: { documentId: 'inv-2', status: 'declined' } } });

    expect(await fetchReceivedInvitations(client())).toEqual([received()]);
    const accepted = await acceptInvitation('inv-1', client());
    expect(accepted.data.merchant.nameCn).toBe('东海县水晶之恋饰品商行');
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-m3');
    expect(fake.storage[STORAGE_KEYS.role]).toBe('admin');
    fake.storage[STORAGE_KEYS.jwt] = 'jwt-other';
    await declineInvitation('inv-2', client());
    expect(fake.storage[STORAGE_KEYS.jwt]).toBe('jwt-other');

    expect(fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET http://cms.test/api/invitations/mine',
      'POST http://cms.test/api/invitations/inv-1/accept',
      'POST http://cms.test/api/invitations/inv-2/decline',
    ]);
    for (const r of fake.requests) expect(routeOf(r.method, r.url)).toMatchObject({ audience: 'user' });
  });

  it('cards: who invites, to which merchant, as what, until when', () => {
    expect(invitationCards([received(), received({ documentId: 'x', invitedByName: null, role: 'admin', merchant: { documentId: null, nameCn: null } })])).toEqual([
      { documentId: 'inv-1', merchantName: '东海县水晶之恋饰品商行', text: '李水晶 邀请您以「普通成员」身份加入「东海县水晶之恋饰品商行」', expires: '2026-11-27 10:30 前有效' },
      { documentId: 'x', merchantName: '一家商户', text: '「一家商户」邀请您以「管理员」身份加入', expires: '2026-11-27 10:30 前有效' },
    ]);
    expect(invitationCards(undefined)).toEqual([]);
  });

  it('「新成员已加入」 (link /me?tab=members) opens 成员管理', () => {
    expect(messagePage({ link: '/me?tab=members', module: 'membership' })).toBe(MEMBERS_PAGE);
    expect(messagePage({ link: '/me?foo=1&tab=members', module: null })).toBe(MEMBERS_PAGE);
    expect(messagePage({ link: '/me?tab=profile', module: 'membership' })).toBe('');
  });
});
