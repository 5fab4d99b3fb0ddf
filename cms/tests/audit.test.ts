import { api, bearer, login, PHONES } from './support/api';

/** `/api/audit-logs?…` in Strapi's list format: `{ 'filters[module][$eq]': 'auth', 'pagination[pageSize]': 100 }`. */
const logs = (params: Record<string, string | number> = {}) => `/api/audit-logs?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;
const exportOf = (params: Record<string, string | number> = {}) =>
  `/api/audit-logs/export?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;
const ACTOR = 'filters[actor][$containsi]';
const MODULE = 'filters[module][$eq]';
const PAGE_SIZE = 'pagination[pageSize]';

describe('operation log (G7)', () => {
  let staff: string;
  let operator: string;
  let aAdmin: string;

  beforeAll(async () => {
    [staff, operator, aAdmin] = await Promise.all([login(PHONES.superAdmin), login(PHONES.operator), login(PHONES.jinghuaAdmin)]);
  });

  it('records a merchant write with actor, module, before/after, IP and user agent', async () => {
    const me = (await api().get('/api/me').set(bearer(aAdmin))).body;
    const newContact = `联系人${Date.now() % 100000}`;
    await api()
      .put(`/api/merchants/${me.merchant.documentId}`)
      .set(bearer(aAdmin))
      .set('User-Agent', 'JmtAuditTest/1.0')
      .send({ data: { contactName: newContact } })
      .expect(200);

    const res = await api()
      .get(logs({ [ACTOR]: PHONES.jinghuaAdmin, [MODULE]: 'merchant' }))
      .set(bearer(staff))
      .expect(200);
    const row = res.body.data.find((r: any) => r.after?.contactName === newContact);
    expect(row).toBeDefined();
    expect(row).toMatchObject({
      actorPhone: PHONES.jinghuaAdmin,
      module: 'merchant',
      moduleLabel: '商户信息',
      action: 'update',
      actionLabel: '修改',
      targetId: me.merchant.documentId,
      userAgent: 'JmtAuditTest/1.0',
    });
    expect(row.before.contactName).not.toBe(newContact);
    expect(row.ip).toBeTruthy();
  });

  it('records sign-ins and request-level writes that touch no document', async () => {
    const res = await api()
      .get(logs({ [MODULE]: 'auth', [ACTOR]: PHONES.superAdmin }))
      .set(bearer(staff))
      .expect(200);
    expect(res.body.data.some((r: any) => r.action === 'login_sms')).toBe(true);
    const sends = await api()
      .get(logs({ [MODULE]: 'auth', [ACTOR]: PHONES.superAdmin, 'filters[action][$eq]': 'sms_send', [PAGE_SIZE]: 100 }))
      .set(bearer(staff))
      .expect(200);
    expect(sends.body.data.length).toBeGreaterThan(0);
    expect(sends.body.data.every((r: any) => r.action === 'sms_send' && r.actionLabel === '发送验证码')).toBe(true);
  });

  it('records account switching, and nothing for refused requests', async () => {
    const me = (await api().get('/api/me').set(bearer(aAdmin))).body;
    await api().post('/api/me/switch-merchant').set(bearer(aAdmin)).send({ merchantId: me.merchants[0].documentId }).expect(200);
    const rows = await api()
      .get(logs({ [ACTOR]: PHONES.jinghuaAdmin, [MODULE]: 'auth' }))
      .set(bearer(staff))
      .expect(200);
    expect(rows.body.data.some((r: any) => r.action === 'switch_merchant' && r.actionLabel === '切换商户')).toBe(true);
    const before = (
      await api()
        .get(logs({ [PAGE_SIZE]: 1 }))
        .set(bearer(staff))
    ).body.meta.pagination.total;
    await api().post('/api/auth/sms/send').send({ phone: 'not-a-phone' }).expect(400);
    const after = (
      await api()
        .get(logs({ [PAGE_SIZE]: 1 }))
        .set(bearer(staff))
    ).body.meta.pagination.total;
    expect(after).toBe(before);
  });

  it('answers Strapi’s list format: pagination, filters that narrow the rows, sort, meta.modules', async () => {
    const page = await api()
      .get(logs({ 'pagination[page]': 1, [PAGE_SIZE]: 2 }))
      .set(bearer(staff))
      .expect(200);
    expect(page.body.data).toHaveLength(2);
    const { pagination } = page.body.meta;
    expect(pagination).toMatchObject({ page: 1, pageSize: 2 });
    expect(pagination.total).toBeGreaterThan(2);
    expect(pagination.pageCount).toBe(Math.ceil(pagination.total / 2));
    expect(page.body.meta.modules).toEqual(
      expect.arrayContaining([
        { key: 'merchant', label: '商户信息' },
        { key: 'auth', label: '登录认证' },
      ]),
    );
    const second = await api()
      .get(logs({ 'pagination[page]': 2, [PAGE_SIZE]: 2 }))
      .set(bearer(staff))
      .expect(200);
    expect(second.body.meta.pagination.page).toBe(2);
    expect(second.body.data.map((r: any) => r.id)).not.toContain(page.body.data[0].id);
    // pageSize is bounded like every list.
    expect(
      (
        await api()
          .get(logs({ [PAGE_SIZE]: 100_000 }))
          .set(bearer(staff))
          .expect(200)
      ).body.meta.pagination.pageSize,
    ).toBe(100);

    // Each filter narrows the rows to what it names.
    const all = (
      await api()
        .get(logs({ [PAGE_SIZE]: 1 }))
        .set(bearer(staff))
        .expect(200)
    ).body.meta.pagination.total;
    const auth = await api()
      .get(logs({ [MODULE]: 'auth', [PAGE_SIZE]: 100 }))
      .set(bearer(staff))
      .expect(200);
    expect(auth.body.meta.pagination.total).toBeLessThan(all);
    expect(auth.body.data.every((r: any) => r.module === 'auth')).toBe(true);
    const both = await api()
      .get(logs({ 'filters[module][$in][0]': 'auth', 'filters[module][$in][1]': 'merchant', [PAGE_SIZE]: 100 }))
      .set(bearer(staff))
      .expect(200);
    expect(both.body.meta.pagination.total).toBeGreaterThan(auth.body.meta.pagination.total);
    expect(both.body.data.every((r: any) => ['auth', 'merchant'].includes(r.module))).toBe(true);
    const mine = await api()
      .get(logs({ [ACTOR]: PHONES.jinghuaAdmin, [PAGE_SIZE]: 100 }))
      .set(bearer(staff))
      .expect(200);
    expect(mine.body.data.length).toBeGreaterThan(0);
    expect(mine.body.data.every((r: any) => r.actorPhone === PHONES.jinghuaAdmin)).toBe(true);
    const byId = await api()
      .get(logs({ 'filters[actorId][$eq]': mine.body.data[0].actorId, [PAGE_SIZE]: 100 }))
      .set(bearer(staff))
      .expect(200);
    expect(byId.body.data.every((r: any) => r.actorId === mine.body.data[0].actorId)).toBe(true);
    // Up to 9 digits the actor filter also matches the user id.
    const byActorId = await api()
      .get(logs({ [ACTOR]: mine.body.data[0].actorId, [PAGE_SIZE]: 100 }))
      .set(bearer(staff))
      .expect(200);
    expect(byActorId.body.data.some((r: any) => r.actorId === mine.body.data[0].actorId)).toBe(true);

    // Sort: newest first unless asked otherwise.
    const newest = (
      await api()
        .get(logs({ [PAGE_SIZE]: 5 }))
        .set(bearer(staff))
        .expect(200)
    ).body.data.map((r: any) => r.createdAt);
    expect([...newest].sort().reverse()).toEqual(newest);
    const oldest = (
      await api()
        .get(logs({ sort: 'createdAt:asc', [PAGE_SIZE]: 5 }))
        .set(bearer(staff))
        .expect(200)
    ).body.data.map((r: any) => r.createdAt);
    expect([...oldest].sort()).toEqual(oldest);
    expect(oldest[0] <= newest[newest.length - 1]).toBe(true);
  });

  it('filters by time range', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await api()
      .get(logs({ 'filters[createdAt][$gte]': future }))
      .set(bearer(staff))
      .expect(200);
    expect(none.body.data).toHaveLength(0);
    expect(none.body.meta.pagination).toMatchObject({ total: 0, pageCount: 0 });
    const since = new Date(Date.now() - 3600_000).toISOString();
    const recent = await api()
      .get(logs({ 'filters[createdAt][$gte]': since, 'filters[createdAt][$lte]': future, [PAGE_SIZE]: 100 }))
      .set(bearer(staff))
      .expect(200);
    expect(recent.body.data.length).toBeGreaterThan(0);
    expect(recent.body.data.every((r: any) => r.createdAt >= since && r.createdAt <= future)).toBe(true);
    const between = await api()
      .get(logs({ 'filters[createdAt][$between][0]': since, 'filters[createdAt][$between][1]': future, [PAGE_SIZE]: 1 }))
      .set(bearer(staff))
      .expect(200);
    expect(between.body.meta.pagination.total).toBe(recent.body.meta.pagination.total);
  });

  it('refuses a bad list query with VALIDATION_FAILED naming the parameter', async () => {
    for (const [params, field] of [
      [{ 'filters[createdAt][$gte]': 'not-a-date' }, 'filters.createdAt'],
      [{ 'filters[ip][$eq]': '127.0.0.1' }, 'filters.ip'],
      [{ 'filters[module][$containsi]': 'a' }, 'filters.module'],
      [{ 'filters[actorId][$eq]': 'abc' }, 'filters.actorId'],
      [{ sort: 'ip:asc' }, 'sort'],
    ] as [Record<string, string>, string][]) {
      const bad = await api().get(logs(params)).set(bearer(staff));
      expect([field, bad.status, bad.body.error?.code, bad.body.error?.details?.errors?.[0]?.field]).toEqual([field, 400, 'VALIDATION_FAILED', field]);
    }
    const badExport = await api()
      .get(exportOf({ 'filters[createdAt][$lte]': 'yesterday' }))
      .set(bearer(staff));
    expect([badExport.status, badExport.body.error?.code, badExport.body.error?.details?.errors?.[0]?.field]).toEqual([400, 'VALIDATION_FAILED', 'filters.createdAt']);
  });

  it('exports CSV that Excel opens as UTF-8 (BOM, Chinese headers)', async () => {
    const res = await api()
      .get(exportOf({ [MODULE]: 'merchant' }))
      .set(bearer(staff))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toContain('"时间","账号"');
    expect(text).toContain('商户信息');
    // Only the filtered module's rows: every data line names it.
    const lines = text.split('\r\n').slice(1).filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.includes('"商户信息"'))).toBe(true);
  });

  it('is append-only and for platform staff only', async () => {
    const list = await api().get('/api/audit-logs').set(bearer(staff)).expect(200);
    const id = list.body.data[0].id;
    for (const method of ['put', 'delete'] as const) {
      const request = api();
      const res = await request[method](`/api/audit-logs/${id}`)
        .set(bearer(staff))
        .send({ data: { action: 'tampered' } });
      expect([404, 405]).toContain(res.status);
    }
    expect(
      (
        await api()
          .post('/api/audit-logs')
          .set(bearer(staff))
          .send({ data: { module: 'x', action: 'y' } })
      ).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await api().get('/api/audit-logs').set(bearer(aAdmin))).status).toBe(403);
    // The operator role may read but not export.
    await api().get('/api/audit-logs').set(bearer(operator)).expect(200);
    expect((await api().get('/api/audit-logs/export').set(bearer(operator))).status).toBe(403);
  });
});
