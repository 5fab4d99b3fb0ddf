import { api, bearer, decodeJwt, freshPhone, latestCode, login, outbox, PHONES, wechatSimUrl } from './support/api';

describe('SMS login (G1)', () => {
  it('refuses numbers that are not mainland mobiles, with a Chinese message and a stable code', async () => {
    for (const phone of ['12345678901', '1380000000', '138000000001', 'abc', '', '+1 2025550123']) {
      const res = await api().post('/api/auth/sms/send').send({ phone });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('PHONE_INVALID');
      expect(res.body.error.message).toMatch(/手机号/);
    }
  });

  it('signs up a new phone: creates the user and a merchant whose admin it is', async () => {
    const phone = freshPhone();
    const sent = await api().post('/api/auth/sms/send').send({ phone });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ sent: true, cooldownSeconds: 60, expiresInSeconds: 300 });
    const code = await latestCode(phone);
    expect(code).toMatch(/^\d{6}$/);

    const res = await api().post('/api/auth/sms/login').send({ phone, code });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ phone, isPlatformStaff: false });

    const me = await api().get('/api/me').set(bearer(res.body.jwt));
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('admin');
    expect(me.body.merchant.nameCn).toContain(phone.slice(-4));
    expect(me.body.merchant.registrationStatus).toBe('not_started');
    expect(me.body.merchants).toHaveLength(1);
    expect(me.body.permissions).toEqual(expect.arrayContaining(['merchant.write', 'members.write']));
  });

  it('makes a code single-use', async () => {
    const phone = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const code = await latestCode(phone);
    await api().post('/api/auth/sms/login').send({ phone, code }).expect(200);
    const again = await api().post('/api/auth/sms/login').send({ phone, code });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('SMS_CODE_EXPIRED');
  });

  it('allows one send per phone per 60 s (HTTP 429, stable code, retry-after)', async () => {
    const phone = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const second = await api().post('/api/auth/sms/send').send({ phone });
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('SMS_TOO_FREQUENT');
    expect(second.body.error.details.retryAfterSeconds).toBeGreaterThan(50);
    expect(await outbox(phone)).toHaveLength(1);
  });

  it('locks the phone after five wrong codes, even for the right code', async () => {
    const phone = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const code = await latestCode(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const res = await api().post('/api/auth/sms/login').send({ phone, code: wrong });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('SMS_CODE_INVALID');
      expect(res.body.error.details.attemptsLeft).toBe(5 - attempt);
    }
    const fifth = await api().post('/api/auth/sms/login').send({ phone, code: wrong });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('PHONE_LOCKED');
    const right = await api().post('/api/auth/sms/login').send({ phone, code });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('PHONE_LOCKED');
    const send = await api().post('/api/auth/sms/send').send({ phone });
    expect(send.status).toBe(429);
    expect(send.body.error.code).toBe('PHONE_LOCKED');
  });

  it('gives a 7-day session with remember, a short one without', async () => {
    const phone = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const short = await api()
      .post('/api/auth/sms/login')
      .send({ phone, code: await latestCode(phone) });
    const shortClaims = decodeJwt(short.body.jwt);
    expect(shortClaims.exp - shortClaims.iat).toBeLessThanOrEqual(12 * 3600);

    const other = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone: other }).expect(200);
    const long = await api()
      .post('/api/auth/sms/login')
      .send({ phone: other, code: await latestCode(other), remember: true });
    const longClaims = decodeJwt(long.body.jwt);
    expect(longClaims.exp - longClaims.iat).toBe(7 * 24 * 3600);
  });

  it('rejects requests without a valid token', async () => {
    expect((await api().get('/api/me')).status).toBe(403);
    const bad = await api().get('/api/me').set(bearer('not-a-token'));
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('UNAUTHORIZED');
  });
});

describe('WeChat mini-program login (G1)', () => {
  it('signs in through code2session + getPhoneNumber on the WeChat simulator', async () => {
    const phone = freshPhone();
    const res = await api()
      .post('/api/auth/wechat/login')
      .send({ code: `wxcode-${phone}`, phoneCode: `sim:${phone}:1` });
    expect(res.status).toBe(200);
    expect(res.body.user.phone).toBe(phone);
    const me = await api().get('/api/me').set(bearer(res.body.jwt));
    expect(me.body.role).toBe('admin');

    // WeChat phone codes are single use.
    const again = await api()
      .post('/api/auth/wechat/login')
      .send({ code: `wxcode-${phone}`, phoneCode: `sim:${phone}:1` });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('WECHAT_PHONE_FAILED');
  });

  it('reports an invalid login code as WECHAT_CODE_INVALID', async () => {
    const res = await api().post('/api/auth/wechat/login').send({ code: 'invalid-code', phoneCode: 'sim:13700000000:x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('WECHAT_CODE_INVALID');
    expect(wechatSimUrl()).toMatch(/^http/);
  });

  it('signs an existing phone into its existing account', async () => {
    const res = await api()
      .post('/api/auth/wechat/login')
      .send({ code: 'wxcode-existing', phoneCode: `sim:${PHONES.zijingAdmin}:wx-1` });
    expect(res.status).toBe(200);
    const me = await api().get('/api/me').set(bearer(res.body.jwt));
    expect(me.body.merchant.nameCn).toBe('东海县紫晶坊水晶工艺品店');
  });
});

describe('account switching (G11)', () => {
  it('lists every merchant of the user and switches between them', async () => {
    const jwt = await login(PHONES.both);
    const me = await api().get('/api/me').set(bearer(jwt));
    expect(me.body.merchants.map((m: any) => m.nameCn).sort()).toEqual(['东海县晶华水晶饰品有限公司', '东海县紫晶坊水晶工艺品店'].sort());
    const target = me.body.merchants.find((m: any) => !m.current);

    const switched = await api().post('/api/me/switch-merchant').set(bearer(jwt)).send({ merchantId: target.documentId });
    expect(switched.status).toBe(200);
    expect(switched.body.merchant.documentId).toBe(target.documentId);
    expect(switched.body.role).toBe(target.role);

    const home = await api().get('/api/home').set(bearer(switched.body.jwt));
    expect(home.body.merchant.documentId).toBe(target.documentId);
  });

  it('refuses to switch into a merchant the user does not belong to', async () => {
    const jwt = await login(PHONES.jinghuaAdmin);
    const zijing = await api()
      .get('/api/me')
      .set(bearer(await login(PHONES.zijingAdmin)));
    const res = await api().post('/api/me/switch-merchant').set(bearer(jwt)).send({ merchantId: zijing.body.merchant.documentId });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_A_MEMBER');
  });
});
