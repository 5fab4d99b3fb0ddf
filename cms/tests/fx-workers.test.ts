import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createMysqlDatabase, dropMysqlDatabase, startCms, type RunningCms } from './support/stack';
import { latestCode, PHONES } from './support/api';

/**
 * 收结汇 with two cms instances on one database (principles 7 and 10): settlement requests spread over both
 * instances never together exceed the available balance, and only one instance fetches rates at a time.
 */
const onSharedDatabase = process.env.DATABASE_CLIENT === 'mysql' ? describe : describe.skip;
const fxSim = () => process.env.TEST_FX_SIM_URL as string;

async function simControl(body: Record<string, unknown>): Promise<void> {
  await fetch(`${fxSim()}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Evidence may be screenshots: a one-pixel PNG is a real image to the upload check. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

onSharedDatabase('FX with two cms instances', () => {
  let first: RunningCms;
  let second: RunningCms;
  let workDir: string;
  let database: string;
  let merchant: string;
  let staff: string;

  async function signIn(cms: RunningCms, phone: string): Promise<string> {
    await request(cms.url).post('/api/auth/sms/send').send({ phone }).expect(200);
    return (
      await request(cms.url)
        .post('/api/auth/sms/login')
        .send({ phone, code: await latestCode(phone) })
        .expect(200)
    ).body.jwt;
  }

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-fx-workers-'));
    database = await createMysqlDatabase();
    const env = {
      SMS_SIM_PORT: process.env.SMS_SIM_PORT as string,
      WECHAT_SIM_PORT: process.env.WECHAT_SIM_PORT as string,
      DDT_SIM_PORT: process.env.DDT_SIM_PORT as string,
      FX_SIM_PORT: process.env.FX_SIM_PORT as string,
      DATABASE_NAME: database,
      SEED_DEMO: 'true',
      DDT_POLL: 'false',
      FX_FETCH_TIMEOUT_MS: '3000',
      PRIVATE_UPLOAD_DIR: path.join(workDir, 'private'),
    };
    first = await startCms(env); // creates the schema and seeds
    second = await startCms(env);
    merchant = await signIn(first, PHONES.jinghuaAdmin);
    staff = await signIn(first, PHONES.superAdmin);
  }, 240_000);

  afterAll(async () => {
    await simControl({ reset: true });
    await Promise.all([first?.stop(), second?.stop()]);
    if (database) await dropMysqlDatabase(database);
    fs.rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  it('never overdraws when 20 settlement requests race on two instances', async () => {
    const auth = { Authorization: `Bearer ${merchant}` };
    // 晶华's seed has US$3,000.00 frozen; a balance of 13,000.00 leaves exactly 10,000.00 available.
    const sub = (await request(first.url).get('/api/fx/account').set(auth).expect(200)).body.data.profile.fxSubAccount as string;
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('余额');
    ws.addRow(['商户名称', '外汇子账号', '币种', '账户余额', '余额日期']);
    ws.addRow(['东海县晶华水晶饰品有限公司', sub, 'USD', '13000.00', '']);
    await request(second.url)
      .post('/api/fx/balance-uploads')
      .set({ Authorization: `Bearer ${staff}` })
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'b.xlsx')
      .expect(200);
    expect((await request(first.url).get('/api/fx/account').set(auth).expect(200)).body.data).toMatchObject({ balance: '13000.00', available: '10000.00' });

    const evidence: string[] = [];
    for (const category of ['fx_withdrawal', 'fx_statement', 'fx_logistics']) {
      const res = await request(first.url).post('/api/private-files').set(auth).field('category', category).attach('file', PNG, `${category}.png`).expect(201);
      evidence.push(res.body.data.documentId);
    }
    const date = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(i % 2 ? second.url : first.url)
          .post('/api/fx/settlements')
          .set(auth)
          .send({ amount: '1000.00', rate: '7.1000', date, evidence }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'INSUFFICIENT_AVAILABLE')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(10);
    const account = (await request(second.url).get('/api/fx/account').set(auth).expect(200)).body.data;
    expect(account).toMatchObject({ balance: '13000.00', frozen: '13000.00', available: '0.00' });
    const ledger = (await request(first.url).get('/api/fx/ledger?pagination[pageSize]=100').set(auth).expect(200)).body.data as { frozenDelta: string }[];
    const frozenCents = ledger.reduce((sum, row) => sum + BigInt(row.frozenDelta.replace('.', '')), 0n);
    expect(frozenCents).toBe(1_300_000n);
  }, 120_000);

  it('lets one instance fetch rates at a time (the other answers busy)', async () => {
    const auth = { Authorization: `Bearer ${staff}` };
    await simControl({ reset: true, hangNext: 1 }); // the first feed request hangs until its time-out
    const slow = request(first.url).post('/api/fx/rates/fetch').set(auth);
    const slowDone = slow.then((r) => r);
    await new Promise((r) => setTimeout(r, 500));
    const meanwhile = await request(second.url).post('/api/fx/rates/fetch').set(auth).expect(200);
    expect(meanwhile.body.data).toEqual({ busy: true, results: [] });
    const done = await slowDone;
    expect(done.body.data.busy).toBe(false);
    expect(done.body.data.results.map((r: { provider: string; ok: boolean }) => [r.provider, r.ok])).toEqual([
      ['cfets', false],
      ['ecb', true],
    ]);
    // The lease is released after a run: the other instance fetches next.
    const after = await request(second.url).post('/api/fx/rates/fetch').set(auth).expect(200);
    expect(after.body.data.busy).toBe(false);
  }, 60_000);
});
