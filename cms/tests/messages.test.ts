import { api, bearer, login, PHONES } from './support/api';

describe('message centre (G4)', () => {
  let aAdmin: string;
  let aMember: string;
  let bAdmin: string;
  let staff: string;

  beforeAll(async () => {
    [aAdmin, aMember, bAdmin, staff] = await Promise.all([login(PHONES.jinghuaAdmin), login(PHONES.jinghuaMember), login(PHONES.zijingAdmin), login(PHONES.superAdmin)]);
  });

  it('lists the caller’s merchant messages newest first, with read flags and the unread count', async () => {
    // One page that holds them all (other suites add messages for this merchant), so the unread count can be checked.
    const res = await api().get('/api/messages?pagination[pageSize]=100').set(bearer(aAdmin)).expect(200);
    expect(res.body.data.length).toBeGreaterThanOrEqual(3);
    expect(res.body.meta.pagination.total).toBe(res.body.data.length);
    const times = res.body.data.map((m: any) => Date.parse(m.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(res.body.data.every((m: any) => typeof m.read === 'boolean')).toBe(true);
    expect(res.body.meta.unread).toBe(res.body.data.filter((m: any) => !m.read).length);
    expect(res.body.data.map((m: any) => m.title)).not.toContain('请完成工商注册');
    const todos = await api().get('/api/messages?filters[category][$eq]=todo').set(bearer(aAdmin)).expect(200);
    expect(todos.body.data.every((m: any) => m.category === 'todo')).toBe(true);
    const bad = await api().get('/api/messages?filters[category][$eq]=spam').set(bearer(aAdmin));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.errors[0].field).toBe('filters.category');
  });

  it('lets platform staff send a message that only its merchant sees', async () => {
    const bMerchant = (await api().get('/api/me').set(bearer(bAdmin))).body.merchant;
    const created = await api()
      .post('/api/messages')
      .set(bearer(staff))
      .send({ data: { merchant: bMerchant.id, category: 'business', module: 'registration', title: '材料初审已通过', body: '请准备现场核验。', link: '/registration' } });
    expect(created.status).toBe(201);
    const b = await api().get('/api/messages').set(bearer(bAdmin)).expect(200);
    expect(b.body.data[0].title).toBe('材料初审已通过');
    const a = await api().get('/api/messages').set(bearer(aAdmin)).expect(200);
    expect(a.body.data.map((m: any) => m.title)).not.toContain('材料初审已通过');
  });

  it('lets a member mark a message read; the unread count on home follows at once', async () => {
    const list = await api().get('/api/messages?filters[read][$eq]=false').set(bearer(aMember)).expect(200);
    const target = list.body.data[0];
    const homeBefore = (await api().get('/api/home').set(bearer(aMember))).body.messages.unread;
    const res = await api().post(`/api/messages/${target.documentId}/read`).set(bearer(aMember)).expect(200);
    expect(res.body.data.read).toBe(true);
    const homeAfter = (await api().get('/api/home').set(bearer(aMember))).body.messages.unread;
    expect(homeAfter).toBe(homeBefore - 1);
  });

  it('refuses another merchant’s message and any merchant write', async () => {
    const list = await api().get('/api/messages').set(bearer(aAdmin)).expect(200);
    const target = list.body.data[0].documentId;
    expect((await api().post(`/api/messages/${target}/read`).set(bearer(bAdmin))).status).toBe(404);
    expect((await api().get(`/api/messages/${target}`).set(bearer(bAdmin))).status).toBe(404);
    const create = await api()
      .post('/api/messages')
      .set(bearer(aAdmin))
      .send({ data: { title: '自己发的' } });
    expect(create.status).toBe(403);
    expect((await api().delete(`/api/messages/${target}`).set(bearer(aAdmin))).status).toBe(405);
  });

  it('marks everything read', async () => {
    const res = await api().post('/api/messages/read-all').set(bearer(bAdmin)).expect(200);
    expect(res.body.data.marked).toBeGreaterThan(0);
    const after = await api().get('/api/messages').set(bearer(bAdmin)).expect(200);
    expect(after.body.meta.unread).toBe(0);
    const audit = await api().get(`/api/audit-logs?filters[actor][$containsi]=${PHONES.zijingAdmin}&filters[module][$eq]=message`).set(bearer(staff)).expect(200);
    expect(audit.body.data.some((r: any) => r.action === 'POST /api/messages/read-all')).toBe(true);
  });
});
