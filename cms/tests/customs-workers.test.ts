import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createMysqlDatabase, dropMysqlDatabase, startCms, type RunningCms } from './support/stack';
import { latestCode, PHONES } from './support/api';
import { eventually } from './support/workflow';

/**
 * CEB delivery with two cms instances on one database (principle 5 and issue 4's fault tests):
 * - both outbox workers compete for a batch's messages and no message is sent twice;
 * - an instance killed (SIGKILL) in the middle of a batch loses nothing: its leased jobs are taken over
 *   once the lease runs out, it starts again, and every order is declared exactly once at 点点通;
 * - only one instance polls receipts at a time, and each receipt is applied once.
 */
// Several instances share a database only on MySQL/MariaDB (ARCHITECTURE principle 10).
const onSharedDatabase = process.env.DATABASE_CLIENT === 'mysql' ? describe : describe.skip;
const ddt = () => process.env.TEST_DDT_SIM_URL as string;

async function control(body: Record<string, unknown>): Promise<void> {
  await fetch(`${ddt()}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function simMessages(dxpId: string): Promise<{ guid: string; posts: number; messageType: string }[]> {
  const body = (await (await fetch(`${ddt()}/messages?dxpId=${dxpId}`)).json()) as { messages: { guid: string; posts: number; messageType: string }[] };
  return body.messages;
}

const HEADERS = ['订单编号', '商品货号', '商品名称', '商品描述', 'HS编码', '条码', '计量单位', '币制', '数量', '单价', '总价', '运费', '备注'];

async function workbook(prefix: string, n: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('电子订单');
  ws.addRow(HEADERS);
  for (let i = 1; i <= n; i++) ws.addRow([`${prefix}${i}`, 'AM-BR-8MM', '紫水晶手串', '天然紫水晶 8mm 圆珠手串', '7116200000', '', '条', 'USD', 1, '12.50', '12.50', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

onSharedDatabase('CEB delivery with two cms instances', () => {
  let first: RunningCms;
  let second: RunningCms;
  let workDir: string;
  let database: string;
  let env: Record<string, string>;
  let jwt: string;
  let staff: string;
  let dxpId: string;

  const auth = () => ({ Authorization: `Bearer ${jwt}` });

  async function batchWithOrders(cms: RunningCms, prefix: string, n: number): Promise<string> {
    const batch = await request(cms.url)
      .post('/api/customs/batches')
      .set(auth())
      .send({ name: `并发测试 ${prefix}`, logisticsCode: '3207980YT1', logisticsName: '顺丰国际标快', country: '502' })
      .expect(201);
    const preview = await request(cms.url)
      .post(`/api/customs/batches/${batch.body.id}/orders/import`)
      .set(auth())
      .attach('file', await workbook(prefix, n), 'orders.xlsx')
      .expect(200);
    expect(preview.body.errors).toEqual([]);
    await request(cms.url).post(`/api/customs/imports/${preview.body.importId}/commit`).set(auth()).expect(200);
    return batch.body.id as string;
  }

  async function stored(cms: RunningCms, batchId: string): Promise<number> {
    const res = await request(cms.url).get(`/api/customs/batches/${batchId}`).set(auth());
    return res.body.data?.progress?.orders?.byStatus?.stored ?? 0;
  }

  async function guidsOf(cms: RunningCms, batchId: string): Promise<string[]> {
    const res = await request(cms.url).get(`/api/customs/batches/${batchId}/orders?pagination[pageSize]=200`).set(auth()).expect(200);
    return res.body.data.map((o: { guid: string }) => o.guid);
  }

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-customs-workers-'));
    database = await createMysqlDatabase();
    env = {
      SMS_SIM_PORT: process.env.SMS_SIM_PORT as string,
      WECHAT_SIM_PORT: process.env.WECHAT_SIM_PORT as string,
      DDT_SIM_PORT: process.env.DDT_SIM_PORT as string,
      DATABASE_NAME: database,
      SEED_DEMO: 'true',
      OUTBOX_POLL_MS: '25',
      // A killed instance's claims expire quickly, so the survivor takes them over within the test.
      OUTBOX_LEASE_MS: '3000',
      // Long enough that a loaded machine never lets the polling lease lapse while its holder lives.
      DDT_POLL_LEASE_MS: '10000',
      PRIVATE_UPLOAD_DIR: path.join(workDir, 'private'),
    };
    first = await startCms(env); // creates the schema and seeds
    second = await startCms(env);
    const phone = PHONES.jinghuaAdmin;
    await request(first.url).post('/api/auth/sms/send').send({ phone }).expect(200);
    const login = await request(first.url)
      .post('/api/auth/sms/login')
      .send({ phone, code: await latestCode(phone) })
      .expect(200);
    jwt = login.body.jwt;
    dxpId = (await request(first.url).get('/api/customs/config').set(auth()).expect(200)).body.data.dxpId;
    const staffPhone = PHONES.superAdmin;
    await request(first.url).post('/api/auth/sms/send').send({ phone: staffPhone }).expect(200);
    staff = (
      await request(first.url)
        .post('/api/auth/sms/login')
        .send({ phone: staffPhone, code: await latestCode(staffPhone) })
        .expect(200)
    ).body.jwt;
  }, 240_000);

  afterAll(async () => {
    await control({ latencyMs: 0 });
    await Promise.all([first?.stop(), second?.stop()]);
    if (database) await dropMysqlDatabase(database);
    fs.rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  it('sends each message once while both workers compete for a batch', async () => {
    const batchId = await batchWithOrders(first, `W2A${Date.now() % 1e6}-`, 24);
    await control({ latencyMs: 80 }); // slow sends: both workers see the same due jobs
    await request(second.url).post(`/api/customs/batches/${batchId}/orders/declare`).set(auth()).expect(200);
    // Meanwhile one and the same instance holds the receipt-polling lease throughout.
    const holders = new Set<string>();
    await eventually(
      async () => {
        for (const cms of [first, second]) {
          const board = await request(cms.url)
            .get('/api/customs/board')
            .set({ Authorization: `Bearer ${staff}` })
            .expect(200);
          if (board.body.poller?.instance) holders.add(board.body.poller.instance);
        }
        return stored(first, batchId);
      },
      (n) => n === 24,
      60_000,
    );
    expect(holders.size).toBe(1);
    await control({ latencyMs: 0 });
    const guids = new Set(await guidsOf(first, batchId));
    const sim = (await simMessages(dxpId)).filter((m) => guids.has(m.guid));
    expect(sim).toHaveLength(24);
    expect(sim.every((m) => m.posts === 1)).toBe(true); // no message was sent twice
  }, 120_000);

  it('loses nothing and declares nothing twice when an instance is killed in the middle of a batch', async () => {
    const prefix = `KIL${Date.now() % 1e6}-`;
    const batchId = await batchWithOrders(second, prefix, 30);
    await control({ latencyMs: 150 });
    await request(first.url).post(`/api/customs/batches/${batchId}/orders/declare`).set(auth()).expect(200);
    // Let both workers get going, then kill the first one hard while it holds leases.
    await new Promise((r) => setTimeout(r, 900));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    await first.stop();
    first = await startCms(env); // back again on the same database
    await eventually(
      () => stored(second, batchId),
      (n) => n === 30,
      90_000,
    );
    await control({ latencyMs: 0 });
    const guids = new Set(await guidsOf(second, batchId));
    expect(guids.size).toBe(30);
    const sim = (await simMessages(dxpId)).filter((m) => guids.has(m.guid));
    expect(sim).toHaveLength(30); // every order declared exactly once at 点点通
    const jobs = await request(second.url)
      .get('/api/outbox-jobs?filters[channel][$eq]=ddt.ceb&pagination[pageSize]=100')
      .set({ Authorization: `Bearer ${staff}` })
      .expect(200);
    const mine = jobs.body.data.filter((j: { title: string }) => j.title.includes(prefix));
    expect(mine).toHaveLength(30);
    expect(mine.every((j: { status: string }) => j.status === 'sent')).toBe(true);
    // Each order has its receipts recorded once, whichever instance polled them.
    const record = await request(second.url)
      .get(`/api/customs/records/orders/${(await request(second.url).get(`/api/customs/batches/${batchId}/orders?pagination[pageSize]=1`).set(auth())).body.data[0].id}`)
      .set(auth())
      .expect(200);
    expect(record.body.data.timeline.map((e: { returnStatus: number }) => e.returnStatus)).toEqual([1, 2, 3, 120]);
  }, 300_000);
});
