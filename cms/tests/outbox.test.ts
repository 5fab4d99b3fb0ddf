import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createMysqlDatabase, dropMysqlDatabase, startCms, type RunningCms } from './support/stack';
import { freshPhone } from './support/api';
import { eventually, VALID, wechatControl, wechatOutbox } from './support/workflow';

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
        const login = await request(cms.url).post('/api/auth/wechat/login').send({ code, phoneCode: `sim:${phone}:ob` }).expect(200);
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
      await eventually(() => wechatOutbox(m.openid), (list) => list.length === 1, 30_000);
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
