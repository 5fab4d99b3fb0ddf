import { buildHomeView, HomePayload } from '../../src/services/home';
import { registrationBanner } from '../../src/services/registration';
import { MODULE_KEYS } from '../../src/services/modules';

const payload = (status: string): HomePayload => ({
  merchant: { documentId: 'm1', nameCn: '东海县晶华水晶饰品有限公司', nameEn: 'Donghai Jinghua Crystal Co., Ltd.', type: 'company', registrationStatus: status, memberCount: 2 },
  modules: MODULE_KEYS.map((key) => ({
    key,
    title: key,
    enabled: status === 'approved' || key === 'registration' || key === 'training',
    todo: key === 'customs' ? 5 : 0,
    path: `/${key}`,
  })),
  todos: { total: 5, customs: { orders: 2, lists: 3, summaries: 0 } },
  messages: {
    unread: 120,
    latest: [
      {
        documentId: 'a',
        category: 'status',
        module: 'customs',
        title: '电子订单申报成功',
        body: '批次 B001 已申报',
        link: null,
        read: false,
        createdAt: '2025-03-08T09:55:00.000Z',
      },
      { documentId: 'b', category: 'announcement', module: null, title: '系统维护通知', body: '今晚 22:00 维护', link: null, read: true, createdAt: '2025-03-01T09:00:00.000Z' },
    ],
  },
});

describe('home view', () => {
  const now = new Date('2025-03-08T10:00:00.000Z');

  it('shapes the approved merchant home', () => {
    const view = buildHomeView(payload('approved'), now);
    expect(view.merchantName).toBe('东海县晶华水晶饰品有限公司');
    expect(view.banner).toMatchObject({ status: 'approved', tone: 'success', title: '工商注册已核准' });
    expect(view.modules).toHaveLength(8);
    expect(view.modules.every((m) => m.enabled)).toBe(true);
    expect(view.modules.find((m) => m.key === 'customs')!.todoText).toBe('5');
    expect(view.customsEnabled).toBe(true);
    expect(view.customsTodos.map((t) => [t.label, t.count])).toEqual([
      ['电子订单', 2],
      ['清单总分单', 3],
      ['汇总申请单', 0],
    ]);
    expect(view.todoSummary).toBe('共 5 项待办');
    expect(view.unreadText).toBe('99+');
    expect(view.messages[0]).toMatchObject({ read: false, time: '5 分钟前', categoryLabel: '业务进度', page: '/packageCustoms/pages/index/index' });
    expect(view.messages[1]).toMatchObject({ read: true, time: '2025-03-01', categoryLabel: '公告', page: '' });
  });

  it('greys everything but registration and training before approval', () => {
    const view = buildHomeView(payload('initial_review'), now);
    expect(view.banner).toMatchObject({ tone: 'processing', title: '工商注册材料初审中' });
    expect(view.modules.filter((m) => m.locked).map((m) => m.key)).toEqual(['logistics', 'filing', 'customs', 'tax-refund', 'fx', 'trading']);
    expect(view.customsEnabled).toBe(false);
  });

  it('copes with a user without merchant and an empty feed', () => {
    const view = buildHomeView(
      { ...payload('not_started'), merchant: null, todos: { total: 0, customs: { orders: 0, lists: 0, summaries: 0 } }, messages: { unread: 0, latest: [] } },
      now,
    );
    expect(view.merchantName).toBe('尚未关联商户');
    expect(view.banner.status).toBe('unknown');
    expect(view.todoSummary).toBe('暂无待办，继续保持');
    expect(view.unreadText).toBe('');
    expect(view.messages).toEqual([]);
  });

  it('美元账户 card from `fx` (X2); none while the module is locked or on an older server', () => {
    const view = buildHomeView({ ...payload('approved'), fx: { balance: '12580', frozen: '500.00', available: '12080.00', updatedAt: '2026-11-21T02:00:00.000Z' } }, now);
    expect(view.fx).toMatchObject({ balance: '$12,580.00', available: '$12,080.00', frozen: '$500.00', hasFrozen: true });
    expect(view.fx!.updatedText).toMatch(/^更新于 2026-11-21 \d\d:00$/);
    const never = buildHomeView({ ...payload('approved'), fx: { balance: '0.00', frozen: '0.00', available: '0.00', updatedAt: null } }, now);
    expect(never.fx).toMatchObject({ hasFrozen: false, updatedText: '暂无入账记录' });
    expect(buildHomeView({ ...payload('initial_review'), fx: null }, now).fx).toBeNull();
    expect(buildHomeView(payload('approved'), now).fx).toBeNull();
  });

  it('has a banner for every registration status of the contract', () => {
    const tones = ['not_started', 'filling', 'initial_review', 'onsite_check', 'approved', 'returned', 'rejected'].map((s) => registrationBanner(s).tone);
    expect(tones).toEqual(['default', 'processing', 'processing', 'processing', 'success', 'warning', 'error']);
    expect(registrationBanner('returned').page).toBe('/packageRegistration/pages/index/index');
  });
});
