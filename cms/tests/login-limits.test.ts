import request from 'supertest';
import { startCms, type RunningCms } from './support/stack';
import { freshPhone, latestCode } from './support/api';

/**
 * Time-based rules on a second cms whose clocks are short: code expiry, daily cap and the end of
 * a lock. (The main instance runs the product defaults: 5 min, 60 s, 10 a day, 15 min.)
 */
describe('login code time limits', () => {
  let cms: RunningCms;
  const api = () => request(cms.url);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    cms = await startCms({
      SMS_SIM_PORT: process.env.SMS_SIM_PORT as string,
      WECHAT_SIM_PORT: process.env.WECHAT_SIM_PORT as string,
      SEED_DEMO: 'false',
      SMS_CODE_TTL_SECONDS: '2',
      SMS_COOLDOWN_SECONDS: '0',
      SMS_DAILY_CAP: '3',
      SMS_LOCK_SECONDS: '2',
      ...(process.env.DATABASE_CLIENT === 'mysql' ? { DATABASE_CLIENT: 'sqlite' } : {}),
    });
  }, 120_000);
  afterAll(async () => cms?.stop());

  it('expires codes', async () => {
    const phone = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const code = await latestCode(phone);
    await sleep(2500);
    const res = await api().post('/api/auth/sms/login').send({ phone, code });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('SMS_CODE_EXPIRED');
  });

  it('caps sends per phone per day', async () => {
    const phone = freshPhone();
    for (let i = 0; i < 3; i += 1) await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const fourth = await api().post('/api/auth/sms/send').send({ phone });
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('SMS_DAILY_LIMIT');
  });

  it('only the newest code counts', async () => {
    const phone = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const first = await latestCode(phone);
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const second = await latestCode(phone);
    if (first !== second) {
      expect((await api().post('/api/auth/sms/login').send({ phone, code: first })).status).toBe(400);
    }
    await api().post('/api/auth/sms/login').send({ phone, code: second }).expect(200);
  });

  it('lifts the lock after its time', async () => {
    const phone = freshPhone();
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    const code = await latestCode(phone);
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i += 1) await api().post('/api/auth/sms/login').send({ phone, code: wrong });
    expect((await api().post('/api/auth/sms/send').send({ phone })).body.error.code).toBe('PHONE_LOCKED');
    await sleep(2200);
    await api().post('/api/auth/sms/send').send({ phone }).expect(200);
    await api()
      .post('/api/auth/sms/login')
      .send({ phone, code: await latestCode(phone) })
      .expect(200);
  });
});
