import { api, bearer, login, PHONES } from './support/api';

const ORDER = ['registration', 'logistics', 'filing', 'customs', 'tax-refund', 'fx', 'training', 'trading'];

describe('merchant home (G8)', () => {
  it('returns modules, to-dos, messages and the merchant summary in one call', async () => {
    const jwt = await login(PHONES.jinghuaAdmin);
    const res = await api().get('/api/home').set(bearer(jwt)).expect(200);
    expect(res.body.modules.map((m: any) => m.key)).toEqual(ORDER);
    expect(res.body.modules.every((m: any) => m.enabled)).toBe(true);
    expect(res.body.merchant).toMatchObject({ nameCn: '东海县晶华水晶饰品有限公司', registrationStatus: 'approved' });
    expect(res.body.merchant.memberCount).toBeGreaterThanOrEqual(3);
    expect(res.body.messages.unread).toBeGreaterThan(0);
    expect(res.body.messages.latest.length).toBeGreaterThan(0);
    // Customs to-dos come from the customs plugin: the seeded batch's orders wait to be declared.
    const customs = (await api().get('/api/customs/todos').set(bearer(jwt)).expect(200)).body.data;
    expect(res.body.todos.customs).toEqual(customs.counts);
    expect(res.body.todos.customs.orders).toBeGreaterThanOrEqual(1);
    expect(res.body.modules.find((m: any) => m.key === 'customs').todo).toBe(customs.counts.orders + customs.counts.lists + customs.counts.summaries);
  });

  it('greys out every module but 工商注册 and 培训 until registration is approved, then unlocks them', async () => {
    const merchantJwt = await login(PHONES.zijingMember);
    const before = await api().get('/api/home').set(bearer(merchantJwt)).expect(200);
    const enabled = (body: any) => body.modules.filter((m: any) => m.enabled).map((m: any) => m.key);
    expect(enabled(before.body)).toEqual(['registration', 'training']);
    expect(before.body.modules.find((m: any) => m.key === 'registration').todo).toBe(1);
    // Messages are scoped to this merchant only.
    expect(before.body.messages.latest.every((m: any) => !m.title.includes('已核准'))).toBe(true);

    const staff = await login(PHONES.superAdmin);
    await api()
      .put(`/api/merchants/${before.body.merchant.documentId}`)
      .set(bearer(staff))
      .send({ data: { registrationStatus: 'approved' } })
      .expect(200);
    const after = await api().get('/api/home').set(bearer(merchantJwt)).expect(200);
    expect(enabled(after.body)).toEqual(ORDER);

    await api()
      .put(`/api/merchants/${before.body.merchant.documentId}`)
      .set(bearer(staff))
      .send({ data: { registrationStatus: 'not_started' } })
      .expect(200);
  });

  it('is a merchant endpoint', async () => {
    const res = await api()
      .get('/api/home')
      .set(bearer(await login(PHONES.superAdmin)));
    expect(res.status).toBe(403);
  });
});
