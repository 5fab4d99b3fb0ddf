import { api, bearer, login, PHONES } from './support/api';

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

    const res = await api().get(`/api/audit-logs?actor=${PHONES.jinghuaAdmin}&module=merchant`).set(bearer(staff)).expect(200);
    const row = res.body.data.find((r: any) => r.after?.contactName === newContact);
    expect(row).toBeDefined();
    expect(row).toMatchObject({ actorPhone: PHONES.jinghuaAdmin, module: 'merchant', moduleLabel: '商户信息', action: 'update', actionLabel: '修改', targetId: me.merchant.documentId, userAgent: 'JmtAuditTest/1.0' });
    expect(row.before.contactName).not.toBe(newContact);
    expect(row.ip).toBeTruthy();
  });

  it('records sign-ins and request-level writes that touch no document', async () => {
    const res = await api().get(`/api/audit-logs?module=auth&actor=${PHONES.superAdmin}`).set(bearer(staff)).expect(200);
    expect(res.body.data.some((r: any) => r.action === 'login_sms')).toBe(true);
    const sends = await api().get(`/api/audit-logs?module=auth&actor=${PHONES.superAdmin}&pageSize=200`).set(bearer(staff)).expect(200);
    expect(sends.body.data.some((r: any) => r.action === 'sms_send' && r.actionLabel === '发送验证码')).toBe(true);
  });

  it('records account switching, and nothing for refused requests', async () => {
    const me = (await api().get('/api/me').set(bearer(aAdmin))).body;
    await api().post('/api/me/switch-merchant').set(bearer(aAdmin)).send({ merchantId: me.merchants[0].documentId }).expect(200);
    const rows = await api().get(`/api/audit-logs?actor=${PHONES.jinghuaAdmin}&module=auth`).set(bearer(staff)).expect(200);
    expect(rows.body.data.some((r: any) => r.action === 'switch_merchant' && r.actionLabel === '切换商户')).toBe(true);
    const before = (await api().get('/api/audit-logs?pageSize=1').set(bearer(staff))).body.meta.pagination.total;
    await api().post('/api/auth/sms/send').send({ phone: 'not-a-phone' }).expect(400);
    const after = (await api().get('/api/audit-logs?pageSize=1').set(bearer(staff))).body.meta.pagination.total;
    expect(after).toBe(before);
  });

  it('filters by time range and paginates', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString();
    const none = await api().get(`/api/audit-logs?from=${future}`).set(bearer(staff)).expect(200);
    expect(none.body.data).toHaveLength(0);
    const page = await api().get('/api/audit-logs?page=1&pageSize=2').set(bearer(staff)).expect(200);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.meta.pagination.total).toBeGreaterThan(2);
    const bad = await api().get('/api/audit-logs?from=not-a-date').set(bearer(staff));
    expect(bad.status).toBe(400);
  });

  it('exports CSV that Excel opens as UTF-8 (BOM, Chinese headers)', async () => {
    const res = await api().get(`/api/audit-logs/export?module=merchant`).set(bearer(staff)).buffer(true).parse((r, cb) => {
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
  });

  it('is append-only and for platform staff only', async () => {
    const list = await api().get('/api/audit-logs').set(bearer(staff)).expect(200);
    const id = list.body.data[0].id;
    for (const method of ['put', 'delete'] as const) {
      const res = await api()[method](`/api/audit-logs/${id}`).set(bearer(staff)).send({ data: { action: 'tampered' } });
      expect([404, 405]).toContain(res.status);
    }
    expect((await api().post('/api/audit-logs').set(bearer(staff)).send({ data: { module: 'x', action: 'y' } })).status).toBeGreaterThanOrEqual(400);
    expect((await api().get('/api/audit-logs').set(bearer(aAdmin))).status).toBe(403);
    // The operator role may read but not export.
    await api().get('/api/audit-logs').set(bearer(operator)).expect(200);
    expect((await api().get('/api/audit-logs/export').set(bearer(operator))).status).toBe(403);
  });
});
