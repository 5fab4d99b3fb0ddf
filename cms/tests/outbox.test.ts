import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createMysqlDatabase, dropMysqlDatabase, startCms, type RunningCms } from './support/stack';
import { api, bearer, freshPhone, login, outbox, PHONES } from './support/api';
import { eventually, signUpWithSms, signUpWithWechat, upload, VALID, wechatControl, wechatOutbox, type SignedUp } from './support/workflow';
import { clientMsgId } from '../src/core/notify';

/** `/api/outbox-jobs?…` in Strapi's list format: `{ 'filters[status][$eq]': 'failed', 'pagination[pageSize]': 100 }`. */
const jobs = (params: Record<string, string | number> = {}) => `/api/outbox-jobs?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]))}`;
const CHANNEL = 'filters[channel][$eq]';
const STATUS = 'filters[status][$eq]';
const PAGE_SIZE = 'pagination[pageSize]';
const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
const sum = (counts: Record<string, number>) => STATUSES.reduce((n, s) => n + counts[s], 0);

/**
 * The staff view of the outbox (principle 5: failures stay visible) speaks Strapi's list format like every list:
 * `filters[status]`, `filters[channel]`, `sort`, `pagination`, and `meta.counts` per status (the 推送失败 badge).
 * On the shared test cms, so on SQLite and MariaDB alike; the jobs are the SMS of three member invitations.
 */
describe('WeChat client_msg_id', () => {
  it('never collides for two people of one push, however long the key (cutting it at 64 did)', () => {
    // A customs milestone key: 63 characters before the user id.
    const base = `customs:milestone:receipt:CEB622:${'4CDE1CFD-EDED-46B1-946C-B8022E'}:800`.padEnd(59, 'x') + ':wx:';
    const a = `${base}101`;
    const b = `${base}102`;
    expect(a.slice(0, 64)).toBe(b.slice(0, 64));
    expect(clientMsgId(a)).not.toBe(clientMsgId(b));
    for (const key of [a, b, 'short:wx:1']) expect(clientMsgId(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(clientMsgId(a)).toBe(clientMsgId(a)); // the same job retried keeps its id (WeChat's dedup relies on it)
  });
});

describe('outbox channels', () => {
  afterAll(async () => {
    await wechatControl({ delayMs: 0 });
  });

  it('a slow channel holds back no other: an invitation SMS goes out while WeChat pushes wait on a slow WeChat', async () => {
    // Four merchants signed up in the mini-program, each with a registration ready to submit (one push each).
    const merchants = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const m = await signUpWithWechat();
        const files = { id_card_front: await upload(m.jwt, 'id_card_front'), id_card_back: await upload(m.jwt, 'id_card_back') };
        const data = {
          path: 'new',
          entityType: 'individual',
          nameOptions: [`东海县晶通${i}号水晶饰品店`],
          registeredAddress: '江苏省连云港市东海县牛山街道 1 号',
          businessScope: '水晶饰品零售',
          legalPerson: { name: '测试', idNumber: VALID.idNumber, phone: m.phone },
          contact: { name: '测试', phone: m.phone },
          files,
        };
        const created = await api().post('/api/applications').set(bearer(m.jwt)).send({ kind: 'business-registration', data }).expect(201);
        return { ...m, appId: created.body.data.id as string };
      }),
    );
    // WeChat answers each push only after 4 s.
    await wechatControl({ delayMs: 4000 });
    await Promise.all(merchants.map((m) => api().post(`/api/applications/${m.appId}/transitions`).set(bearer(m.jwt)).send({ to: 'initial_review' }).expect(200)));
    // An invitation written after them, on another channel.
    const phone = freshPhone();
    const admin = await login(PHONES.jinghuaAdmin);
    await api()
      .post('/api/invitations')
      .set(bearer(admin))
      .send({ data: { phone, role: 'member' } })
      .expect(201);
    await eventually(
      () => outbox(phone),
      (sms) => sms.length > 0, // a fresh phone: its one SMS is the invitation
      20_000,
    );
    // The SMS did not wait for them: when it was out, no push had been answered yet (one at a time, it came after 16 s).
    const answered = await Promise.all(merchants.map(async (m) => (await wechatOutbox(m.openid as string)).length));
    expect(answered).toEqual([0, 0, 0, 0]);
    // And the pushes go out together (several at once per channel), each exactly once.
    for (const m of merchants) {
      const pushes = await eventually(
        () => wechatOutbox(m.openid as string),
        (list) => list.length === 1,
        30_000,
      );
      expect((pushes[0] as unknown as { sendCount: number }).sendCount).toBe(1);
    }
  }, 90_000);
});

describe('the outbox list', () => {
  let staff: string;
  let admin: SignedUp;
  const recipients: string[] = [];

  beforeAll(async () => {
    staff = await login(PHONES.superAdmin);
    admin = await signUpWithSms();
    for (let i = 0; i < 3; i++) {
      const phone = freshPhone();
      await api().post('/api/invitations').set(bearer(admin.jwt)).send({ data: { phone } }).expect(201);
      recipients.push(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    }
  });

  const get = async (params: Record<string, string | number>) => (await api().get(jobs(params)).set(bearer(staff)).expect(200)).body;
  const ours = (rows: any[]) => rows.filter((job) => recipients.includes(job.recipient));

  it('answers {data, meta: {pagination, counts}}, with filters that narrow the rows', async () => {
    // The three invitation SMS are delivered by the worker.
    const sent = await eventually(
      () => get({ [CHANNEL]: 'sms.invitation', [STATUS]: 'sent', [PAGE_SIZE]: 100 }),
      (body) => ours(body.data).length === 3,
    );
    expect(sent.data.every((job: any) => job.channel === 'sms.invitation' && job.status === 'sent')).toBe(true);
    expect(ours(sent.data)[0]).toMatchObject({ channel: 'sms.invitation', status: 'sent', attempts: 1, lastError: null });
    expect(ours(sent.data)[0].title).toContain('成员邀请');
    expect(sent.meta.pagination).toMatchObject({ page: 1, pageSize: 100, total: sent.data.length, pageCount: 1 });

    // meta.counts: every status under the other filters, whatever status the page shows.
    const channel = await get({ [CHANNEL]: 'sms.invitation', [PAGE_SIZE]: 1 });
    expect(Object.keys(channel.meta.counts).sort()).toEqual([...STATUSES].sort());
    expect(sum(channel.meta.counts)).toBe(channel.meta.pagination.total);
    expect(sent.meta.counts).toEqual(channel.meta.counts);
    expect(sent.meta.counts.sent).toBe(sent.meta.pagination.total);
    const everything = await get({ [PAGE_SIZE]: 1 });
    expect(sum(everything.meta.counts)).toBe(everything.meta.pagination.total);
    expect(everything.meta.pagination.total).toBeGreaterThanOrEqual(channel.meta.pagination.total);
    const failed = await get({ [STATUS]: 'failed', [PAGE_SIZE]: 100 });
    expect(failed.data.every((job: any) => job.status === 'failed')).toBe(true);
    expect(failed.meta.counts.failed).toBe(failed.meta.pagination.total);

    // Another channel has none of these jobs; $in takes several statuses.
    const wechat = await get({ [CHANNEL]: 'wechat.template', [PAGE_SIZE]: 100 });
    expect(wechat.data.every((job: any) => job.channel === 'wechat.template')).toBe(true);
    expect(ours(wechat.data)).toHaveLength(0);
    const settled = await get({ 'filters[status][$in][0]': 'sent', 'filters[status][$in][1]': 'failed', [CHANNEL]: 'sms.invitation', [PAGE_SIZE]: 100 });
    expect(settled.data.every((job: any) => ['sent', 'failed'].includes(job.status))).toBe(true);
    expect(settled.meta.pagination.total).toBe(channel.meta.counts.sent + channel.meta.counts.failed);
  });

  it('sorts (newest first unless asked otherwise) and pages, with pageSize bounded', async () => {
    const params = { [CHANNEL]: 'sms.invitation', [PAGE_SIZE]: 100 };
    const newest = (await get(params)).data.map((job: any) => job.createdAt);
    expect(newest.length).toBeGreaterThanOrEqual(3);
    expect([...newest].sort().reverse()).toEqual(newest);
    const oldest = (await get({ ...params, sort: 'createdAt:asc' })).data.map((job: any) => job.createdAt);
    expect([...oldest].sort()).toEqual(oldest);
    expect(oldest).toEqual([...newest].reverse());
    const first = await get({ [CHANNEL]: 'sms.invitation', 'pagination[page]': 1, [PAGE_SIZE]: 1 });
    const second = await get({ [CHANNEL]: 'sms.invitation', 'pagination[page]': 2, [PAGE_SIZE]: 1 });
    expect(second.meta.pagination).toMatchObject({ page: 2, pageSize: 1, pageCount: second.meta.pagination.total });
    expect(second.data[0].id).not.toBe(first.data[0].id);
    expect((await get({ [PAGE_SIZE]: 100_000 })).meta.pagination.pageSize).toBe(100);
  });

  it('refuses a bad list query with VALIDATION_FAILED naming the parameter', async () => {
    for (const [params, field] of [
      [{ [STATUS]: 'lost' }, 'filters.status'],
      [{ 'filters[status][$containsi]': 'fail' }, 'filters.status'],
      [{ 'filters[payload][$eq]': 'x' }, 'filters.payload'],
      [{ sort: 'lastError:desc' }, 'sort'],
    ] as [Record<string, string>, string][]) {
      const bad = await api().get(jobs(params)).set(bearer(staff));
      expect([field, bad.status, bad.body.error?.code, bad.body.error?.details?.errors?.[0]?.field]).toEqual([field, 400, 'VALIDATION_FAILED', field]);
    }
  });

  it('is for platform staff only', async () => {
    expect((await api().get(jobs()).set(bearer(admin.jwt))).status).toBe(403);
    expect([401, 403]).toContain((await api().get(jobs())).status);
  });
});

/**
 * Principle 5 with two cms instances on one database, both running the outbox worker: pushes
 * written by either instance are delivered once each — no job is claimed by both workers — even
 * while every send is slow enough for both workers to see the same due jobs.
 */
// Several instances share a database only on MySQL/MariaDB (ARCHITECTURE principle 10); SQLite is the
// single-instance embedded default, so this runs in the MariaDB pass of CI.
const onSharedDatabase = process.env.DATABASE_CLIENT === 'mysql' ? describe : describe.skip;

onSharedDatabase('outbox with two instances', () => {
  let first: RunningCms;
  let second: RunningCms;
  let workDir: string;
  let mysqlDatabase: string | null = null;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-outbox-'));
    mysqlDatabase = await createMysqlDatabase();
    const dbEnv: Record<string, string> = { DATABASE_NAME: mysqlDatabase };
    const env = {
      SMS_SIM_PORT: process.env.SMS_SIM_PORT as string,
      WECHAT_SIM_PORT: process.env.WECHAT_SIM_PORT as string,
      SEED_DEMO: 'false',
      OUTBOX_POLL_MS: '25',
      PRIVATE_UPLOAD_DIR: path.join(workDir, 'private'),
      ...dbEnv,
    };
    // One after the other: the first creates the schema.
    first = await startCms(env);
    second = await startCms(env);
  }, 180_000);

  afterAll(async () => {
    await wechatControl({ delayMs: 0 });
    await Promise.all([first?.stop(), second?.stop()]);
    if (mysqlDatabase) await dropMysqlDatabase(mysqlDatabase);
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('delivers every push exactly once while both workers compete for the jobs', async () => {
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const merchants = 12;
    // Merchants sign up and prepare on either instance.
    const prepared = await Promise.all(
      Array.from({ length: merchants }, async (_, i) => {
        const cms = i % 2 === 0 ? first : second;
        const phone = freshPhone();
        const code = `wxcode-${phone}`;
        const login = await request(cms.url)
          .post('/api/auth/wechat/login')
          .send({ code, phoneCode: `sim:${phone}:ob` })
          .expect(200);
        const auth = { Authorization: `Bearer ${login.body.jwt}` };
        const files: Record<string, string> = {};
        for (const category of ['id_card_front', 'id_card_back']) {
          const up = await request(cms.url).post('/api/private-files').set(auth).field('category', category).attach('file', PDF, `${category}.pdf`).expect(201);
          files[category] = up.body.data.documentId;
        }
        const data = {
          path: 'new',
          entityType: 'individual',
          nameOptions: [`东海县晶${i}号水晶饰品店`],
          registeredAddress: '江苏省连云港市东海县牛山街道 1 号',
          businessScope: '水晶饰品零售',
          legalPerson: { name: '测试', idNumber: VALID.idNumber, phone },
          contact: { name: '测试', phone },
          files,
        };
        const created = await request(cms.url).post('/api/applications').set(auth).send({ kind: 'business-registration', data }).expect(201);
        const openid = `o${crypto.createHash('sha256').update(code).digest('base64url').slice(0, 27)}`;
        return { cms, auth, id: created.body.data.id as string, openid };
      }),
    );

    // Slow sends: both workers poll every 25 ms and see the same due jobs while one is sending.
    await wechatControl({ delayMs: 150 });
    await Promise.all(prepared.map((m) => request(m.cms.url).post(`/api/applications/${m.id}/transitions`).set(m.auth).send({ to: 'initial_review' }).expect(200)));

    for (const m of prepared) {
      await eventually(
        () => wechatOutbox(m.openid),
        (list) => list.length === 1,
        30_000,
      );
    }
    // Time for a second claim of any job to reach the simulator, before looking for one.
    await new Promise((r) => setTimeout(r, 1000));
    for (const m of prepared) {
      const pushes = (await wechatOutbox(m.openid)) as unknown as { sendCount: number; miniprogram: { pagepath: string } }[];
      expect(pushes).toHaveLength(1);
      expect(pushes[0].sendCount).toBe(1);
      expect(pushes[0].miniprogram.pagepath).toBe(`packageRegistration/pages/index/index?id=${m.id}`);
    }
  });
});
