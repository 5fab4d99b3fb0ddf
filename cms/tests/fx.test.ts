import ExcelJS from 'exceljs';
import { api, bearer, freshPhone, login, PHONES } from './support/api';
import { eventually, joinByInvitation, signUpWithSms, signUpWithWechat, upload, wechatOutbox, type SignedUp } from './support/workflow';

/**
 * 收结汇 end to end (issue 5) over real HTTP: rates fetched from the CFETS / ECB simulator (malformed, stale
 * and unreachable feeds included), rate alerts that notify once per crossing, balance uploads that write all
 * or nothing, settlements that freeze, complete and unfreeze — with the ledger identity checked after every
 * operation and 20 concurrent requests against one balance. Runs on SQLite and on MariaDB (CI runs both).
 */
const fxSim = () => process.env.TEST_FX_SIM_URL as string;

async function simControl(control: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${fxSim()}/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(control) });
  if (res.status !== 200) throw new Error(`fx sim control failed: ${res.status}`);
  return res.json();
}

/** Decimal strings → cents, exactly (the API never sends floats). */
function cents(value: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  if (!m) throw new Error(`not a 2-decimal amount: ${JSON.stringify(value)}`);
  const v = BigInt(m[2] + m[3]);
  return m[1] ? -v : v;
}

const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.parse(`${beijingToday()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const stamp = `${Date.now() % 1e9}`.padStart(9, '0');
const subAccount = (n: number) => `3205016${stamp}${n}`;

let staff: string;

interface Merchant extends SignedUp {
  subAccount: string;
  evidence: string[];
}

async function approvedMerchant(n: number, withWechat = false): Promise<Merchant> {
  const m = withWechat ? await signUpWithWechat() : await signUpWithSms();
  const sub = subAccount(n);
  await api()
    .put(`/api/merchants/${m.merchantDocumentId}`)
    .set(bearer(m.jwt))
    .send({
      data: {
        nameCn: `东海县晶测${n}号水晶饰品店`,
        legalPersonName: `测试法人${n}`,
        fxSubAccount: sub,
        settlementCardNo: `621700118${stamp}${n}`.slice(0, 19),
        settlementBankName: '中国建设银行东海县支行',
      },
    })
    .expect(200);
  // Approved last: after approval the registered facts (name, legal person) are locked.
  await api()
    .put(`/api/merchants/${m.merchantDocumentId}`)
    .set(bearer(staff))
    .send({ data: { registrationStatus: 'approved' } })
    .expect(200);
  const evidence = [await upload(m.jwt, 'fx_withdrawal'), await upload(m.jwt, 'fx_statement'), await upload(m.jwt, 'fx_logistics')];
  return { ...m, subAccount: sub, evidence };
}

async function balanceSheet(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('子账户余额');
  ws.addRow(['商户名称', '外汇子账号', '币种', '账户余额', '余额日期']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function uploadBalances(rows: (string | number | null)[][]) {
  return api()
    .post('/api/fx/balance-uploads')
    .set(bearer(staff))
    .attach('file', await balanceSheet(rows), '子账户余额-测试.xlsx');
}

async function account(m: SignedUp) {
  return (await api().get('/api/fx/account').set(bearer(m.jwt)).expect(200)).body.data;
}

async function ledger(m: SignedUp): Promise<any[]> {
  return (await api().get('/api/fx/ledger?pagination[pageSize]=100').set(bearer(m.jwt)).expect(200)).body.data;
}

/** balance = Σ balance deltas, frozen = Σ frozen deltas, available = balance − frozen, at every row and now. */
async function expectLedgerIdentity(m: SignedUp): Promise<{ balance: bigint; frozen: bigint; available: bigint }> {
  const [acc, rows] = await Promise.all([account(m), ledger(m)]);
  const oldestFirst = [...rows].reverse();
  let balance = 0n;
  let frozen = 0n;
  for (const row of oldestFirst) {
    balance += cents(row.balanceDelta);
    frozen += cents(row.frozenDelta);
    expect({ id: row.id, balanceAfter: cents(row.balanceAfter), frozenAfter: cents(row.frozenAfter) }).toEqual({ id: row.id, balanceAfter: balance, frozenAfter: frozen });
    expect(cents(row.availableAfter)).toBe(cents(row.balanceAfter) - cents(row.frozenAfter));
    expect(balance >= 0n && frozen >= 0n && balance >= frozen).toBe(true);
  }
  expect(cents(acc.balance)).toBe(balance);
  expect(cents(acc.frozen)).toBe(frozen);
  expect(cents(acc.available)).toBe(balance - frozen);
  return { balance, frozen, available: balance - frozen };
}

async function settle(m: Merchant, amount: string, rate = '7.1000', extra: Record<string, unknown> = {}) {
  return api()
    .post('/api/fx/settlements')
    .set(bearer(m.jwt))
    .send({ amount, date: beijingToday(), rate, note: '测试结汇', evidence: m.evidence, ...extra });
}

async function fxMessages(m: SignedUp): Promise<any[]> {
  return (await api().get('/api/messages?filters[module][$eq]=fx&pagination[pageSize]=100').set(bearer(m.jwt)).expect(200)).body.data;
}

let a: Merchant;
let b: Merchant;

beforeAll(async () => {
  staff = await login(PHONES.superAdmin);
  await simControl({ reset: true });
  a = await approvedMerchant(1, true);
  b = await approvedMerchant(2);
});

describe('demo data', () => {
  it('晶华 has a USD balance with a settlement done and one being processed, consistent with its ledger', async () => {
    const jinghua = { jwt: await login(PHONES.jinghuaAdmin) } as SignedUp;
    expect(await account(jinghua)).toMatchObject({ balance: '12580.00', frozen: '3000.00', available: '9580.00', settling: 1, profile: { complete: true } });
    await expectLedgerIdentity(jinghua);
    const list = (await api().get('/api/fx/settlements').set(bearer(jinghua.jwt)).expect(200)).body.data;
    expect(list.map((s: any) => [s.number, s.status])).toEqual([
      ['FX-20261121-00002', 'processing'],
      ['FX-20261117-00001', 'completed'],
    ]);
  });
});

describe('rates (X1)', () => {
  it('serves six currencies from the bundled history as decimal strings, with a trend', async () => {
    const res = await api().get('/api/fx/rates').set(bearer(a.jwt)).expect(200);
    expect(res.body.data.map((r: any) => r.currency)).toEqual(['USD', 'EUR', 'JPY', 'GBP', 'HKD', 'AUD']);
    for (const r of res.body.data) {
      expect(typeof r.rate).toBe('string');
      expect(r.rate).toMatch(r.currency === 'HKD' ? /^\d+\.\d{5}$/ : /^\d+\.\d{4}$/);
    }
    expect(res.body.data.find((r: any) => r.currency === 'JPY')).toMatchObject({ pair: '100JPY/CNY', unit: 100, name: '日元' });
    const history = await api().get('/api/fx/rates/history?currency=USD&days=365').set(bearer(a.jwt)).expect(200);
    expect(history.body.data.points.length).toBeGreaterThan(200);
    const dates = history.body.data.points.map((p: any) => p.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
    const bad = await api().get('/api/fx/rates/history?currency=XYZ').set(bearer(a.jwt));
    expect(bad.status).toBe(400);
    // Without a session the route is not reachable at all (users-permissions answers 403 before our code runs).
    expect((await api().get('/api/fx/rates')).status).toBe(403);
  });

  it('fetches both feeds; a malformed, stale or unreachable feed stores nothing and flags the kept rates stale', async () => {
    // Yesterday's feed first, so "not dated today" is true whatever day the suite runs on.
    await simControl({ date: daysFromToday(-1) });
    const ok = await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(ok.body.data.results.map((r: any) => [r.provider, r.ok])).toEqual([
      ['cfets', true],
      ['ecb', true],
    ]);
    const sim = await simControl({});
    const before = await api().get('/api/fx/rates').set(bearer(a.jwt)).expect(200);
    const usd = before.body.data.find((r: any) => r.currency === 'USD');
    expect(usd).toMatchObject({ source: 'cfets', rate: sim.today.rates.USD, date: sim.today.date, stale: false });

    await simControl({ malformedNext: 2, rates: { USD: '9.9999' } });
    const malformed = await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(malformed.body.data.results.map((r: any) => r.error?.code)).toEqual(['FX_FEED_MALFORMED', 'FX_FEED_MALFORMED']);
    expect(malformed.body.data.results[0].error.message).toMatch(/中国外汇交易中心汇率数据格式错误/);
    const kept = await api().get('/api/fx/rates').set(bearer(a.jwt)).expect(200);
    expect(kept.body.data.find((r: any) => r.currency === 'USD')).toMatchObject({ rate: usd.rate, stale: true });
    expect(kept.body.meta).toMatchObject({ stale: true, lastFetch: { ok: false } });

    await simControl({ staleNext: 2 });
    const stale = await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(stale.body.data.results.map((r: any) => r.error?.code)).toEqual(['FX_FEED_STALE', 'FX_FEED_STALE']);
    await simControl({ failNext: 2 });
    const down = await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(down.body.data.results.map((r: any) => r.error?.code)).toEqual(['FX_FEED_UNREACHABLE', 'FX_FEED_UNREACHABLE']);
    expect((await api().get('/api/fx/rates').set(bearer(a.jwt))).body.data.find((r: any) => r.currency === 'USD').rate).toBe(usd.rate);

    // Back to normal: the feed of the last trading day up to today, fresh again.
    await simControl({ reset: true });
    const fresh = await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(fresh.body.data.results.every((r: any) => r.ok)).toBe(true);
    const after = await api().get('/api/fx/rates').set(bearer(a.jwt)).expect(200);
    expect(after.body.meta.stale).toBe(false);
  });

  it('staff enter a day’s rate, which overrides the feeds for that date; merchants cannot', async () => {
    const date = daysFromToday(-10);
    const saved = await api().put('/api/fx/rates').set(bearer(staff)).send({ currency: 'EUR', date, rate: '8.31234' });
    expect(saved.status).toBe(400);
    expect(saved.body.error.details.errors[0]).toMatchObject({ field: 'rate', message: '汇率最多 4 位小数' });
    await api().put('/api/fx/rates').set(bearer(staff)).send({ currency: 'EUR', date, rate: '8.3123' }).expect(200);
    const history = await api().get('/api/fx/rates/history?currency=EUR&days=30').set(bearer(a.jwt)).expect(200);
    expect(history.body.data.points.find((p: any) => p.date === date)).toEqual({ date, rate: '8.3123', source: 'manual' });
    const future = await api()
      .put('/api/fx/rates')
      .set(bearer(staff))
      .send({ currency: 'EUR', date: daysFromToday(3), rate: '8.3' });
    expect(future.status).toBe(400);
    const forbidden = await api().put('/api/fx/rates').set(bearer(a.jwt)).send({ currency: 'EUR', date, rate: '1.0000' });
    expect(forbidden.status).toBe(403);
    expect((await api().post('/api/fx/rates/fetch').set(bearer(a.jwt))).status).toBe(403);
  });
});

describe('rate alerts (X1)', () => {
  it('notify once per crossing in the alert’s direction, by message and WeChat push', async () => {
    const current = (await api().get('/api/fx/rates').set(bearer(a.jwt))).body.data.find((r: any) => r.currency === 'USD').rate as string;
    const threshold = (Number(current) + 0.05).toFixed(4); // a threshold is a display value: fine to build with a float here
    const created = await api().post('/api/fx/alerts').set(bearer(a.jwt)).send({ currency: 'USD', direction: 'above', threshold }).expect(201);
    expect(created.body.data).toMatchObject({ currency: 'USD', direction: 'above', threshold, active: true, lastSide: 'below', currentRate: current });
    const alertMessages = async () => (await fxMessages(a)).filter((m) => m.title.startsWith('汇率预警'));
    expect(await alertMessages()).toHaveLength(0);

    const above = (Number(threshold) + 0.02).toFixed(4);
    await simControl({ rates: { USD: above } });
    await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    const first = await alertMessages();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ title: `汇率预警：美元 高于 ${threshold}`, link: '/fx?currency=USD' });
    expect(first[0].body).toContain(above);

    // Still above on the next fetches: no repeat.
    await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    await simControl({ rates: { USD: (Number(threshold) + 0.03).toFixed(4) } });
    await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(await alertMessages()).toHaveLength(1);
    // Falling below is not what this alert asked about; rising again is a new crossing.
    await simControl({ rates: { USD: (Number(threshold) - 0.01).toFixed(4) } });
    await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(await alertMessages()).toHaveLength(1);
    await simControl({ rates: { USD: above } });
    await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(await alertMessages()).toHaveLength(2);

    const pushes = await eventually(
      () => wechatOutbox(a.openid as string),
      (list) => list.filter((p) => p.miniprogram?.pagepath === 'packageFx/pages/index/index?currency=USD').length === 2,
    );
    expect(pushes.length).toBeGreaterThanOrEqual(2);

    // A paused alert stays quiet.
    await api().put(`/api/fx/alerts/${created.body.data.id}`).set(bearer(a.jwt)).send({ active: false }).expect(200);
    await simControl({ rates: { USD: (Number(threshold) - 0.01).toFixed(4) } });
    await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    await simControl({ rates: { USD: above } });
    await api().post('/api/fx/rates/fetch').set(bearer(staff)).expect(200);
    expect(await alertMessages()).toHaveLength(2);
    await simControl({ reset: true });
  });

  it('validates input and keeps alerts private to their merchant', async () => {
    const bad = await api().post('/api/fx/alerts').set(bearer(a.jwt)).send({ currency: 'BTC', direction: 'sideways', threshold: '-1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: any) => e.field)).toEqual(['currency', 'direction', 'threshold']);
    const mine = await api().post('/api/fx/alerts').set(bearer(a.jwt)).send({ currency: 'HKD', direction: 'below', threshold: '0.85001' }).expect(201);
    expect((await api().get('/api/fx/alerts').set(bearer(b.jwt)).expect(200)).body.data).toEqual([]);
    expect((await api().put(`/api/fx/alerts/${mine.body.data.id}`).set(bearer(b.jwt)).send({ active: false })).status).toBe(404);
    expect((await api().delete(`/api/fx/alerts/${mine.body.data.id}`).set(bearer(b.jwt))).status).toBe(404);
    await api().delete(`/api/fx/alerts/${mine.body.data.id}`).set(bearer(a.jwt)).expect(200);
  });
});

describe('balance uploads (X2)', () => {
  it('write a 余额更新 ledger row per changed balance and notify the merchant (银行账户入账通知)', async () => {
    const res = await uploadBalances([
      ['晶测1号', a.subAccount, 'USD', '10000.00', beijingToday()],
      ['晶测2号', b.subAccount, 'USD', 2000000, ''],
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ total: 2, changed: 2, unchanged: 0 });
    expect(res.body.data.rows[0]).toMatchObject({ row: 2, subAccount: a.subAccount, previousBalance: '0.00', balance: '10000.00', delta: '10000.00', status: 'changed' });
    expect(await account(a)).toMatchObject({ currency: 'USD', balance: '10000.00', frozen: '0.00', available: '10000.00', settling: 0 });
    expect((await account(a)).updatedAt).toBeTruthy();
    const rows = await ledger(a);
    expect(rows[0]).toMatchObject({ type: 'balance_update', typeLabel: '余额更新', balanceDelta: '10000.00', balanceAfter: '10000.00' });
    const notices = (await fxMessages(a)).filter((m) => m.title === '银行账户入账通知');
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain('US$10000.00');
    await expectLedgerIdentity(a);

    // The same balances again: nothing changes, nobody is told twice.
    const again = await uploadBalances([[null, a.subAccount, 'USD', '10000.00', '']]);
    expect(again.body.data).toMatchObject({ changed: 0, unchanged: 1 });
    expect(await ledger(a)).toHaveLength(rows.length);
    expect((await fxMessages(a)).filter((m) => m.title === '银行账户入账通知')).toHaveLength(1);
    const history = await api().get('/api/fx/balance-uploads').set(bearer(staff)).expect(200);
    expect(history.body.data[0]).toMatchObject({ fileName: '子账户余额-测试.xlsx', total: 1, changed: 0 });
  });

  it('with any bad row write nothing and report every bad row', async () => {
    const before = await ledger(a);
    const res = await uploadBalances([
      ['好的', a.subAccount, 'USD', '12000.00', ''],
      ['不存在', '32050169999999999999', 'USD', '1.00', ''],
      ['负数', b.subAccount, 'USD', '-3', ''],
      ['美分', subAccount(9), 'USD', '1.001', ''],
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('BALANCE_UPLOAD_INVALID');
    expect(res.body.error.details.errors.map((e: any) => [e.row, e.code])).toEqual([
      [3, 'SUB_ACCOUNT_UNKNOWN'],
      [4, 'NEGATIVE'],
      [5, 'TOO_MANY_DECIMALS'],
      [5, 'SUB_ACCOUNT_UNKNOWN'],
    ]);
    expect(res.body.error.message).toMatch(/整份文件未写入/);
    expect((await account(a)).balance).toBe('10000.00');
    expect(await ledger(a)).toHaveLength(before.length);

    const unreadable = await api().post('/api/fx/balance-uploads').set(bearer(staff)).attach('file', Buffer.from('a,b\n1,2\n'), 'balances.xlsx');
    expect(unreadable.status).toBe(422);
    expect(unreadable.body.error.details.errors[0].code).toBe('NOT_XLSX');
    expect(
      (
        await api()
          .post('/api/fx/balance-uploads')
          .set(bearer(a.jwt))
          .attach('file', await balanceSheet([]), 'x.xlsx')
      ).status,
    ).toBe(403);
    const template = await api().get('/api/fx/balance-uploads/template.xlsx').set(bearer(staff)).buffer(true).expect(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
  });

  it('one merchant’s sub-account number cannot be registered by another', async () => {
    const res = await api()
      .put(`/api/merchants/${b.merchantDocumentId}`)
      .set(bearer(b.jwt))
      .send({ data: { fxSubAccount: a.subAccount } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('FX_SUB_ACCOUNT_TAKEN');
    const card = await api()
      .put(`/api/merchants/${b.merchantDocumentId}`)
      .set(bearer(b.jwt))
      .send({ data: { settlementCardNo: '6217-abc' } });
    expect(card.status).toBe(400);
    expect(card.body.error.details.field).toBe('settlementCardNo');
  });
});

describe('settlements (X3, X4)', () => {
  it('refuse bad input, an incomplete profile and amounts over the available balance', async () => {
    const invalid = await api()
      .post('/api/fx/settlements')
      .set(bearer(a.jwt))
      .send({ amount: '10.001', rate: '0', date: '2020-01-01', evidence: [a.evidence[0]] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.errors.map((e: any) => e.field)).toEqual(['amount', 'rate', 'date', 'evidence']);
    expect(invalid.body.error.details.errors[3].message).toBe('请上传：收款平台流水文档、物流发货信息文档');
    // Another merchant's file is not evidence.
    const foreign = await settle(a, '10.00', '7.1000', { evidence: [a.evidence[0], a.evidence[1], b.evidence[2]] });
    expect(foreign.status).toBe(400);

    const over = await settle(a, '10000.01');
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'INSUFFICIENT_AVAILABLE', details: { available: '10000.00', amount: '10000.01' } });

    const fresh = await signUpWithSms();
    await api()
      .put(`/api/merchants/${fresh.merchantDocumentId}`)
      .set(bearer(staff))
      .send({ data: { registrationStatus: 'approved' } })
      .expect(200);
    const files = [await upload(fresh.jwt, 'fx_withdrawal'), await upload(fresh.jwt, 'fx_statement'), await upload(fresh.jwt, 'fx_logistics')];
    const incomplete = await api().post('/api/fx/settlements').set(bearer(fresh.jwt)).send({ amount: '1.00', rate: '7.1', date: beijingToday(), evidence: files });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error.code).toBe('FX_PROFILE_INCOMPLETE');
    expect(incomplete.body.error.details.missing).toEqual(['fxSubAccount', 'settlementCardNo', 'settlementBankName', 'legalPersonName']);
    expect((await api().get('/api/fx/account').set(bearer(fresh.jwt)).expect(200)).body.data.profile).toMatchObject({ complete: false });

    const locked = await signUpWithSms();
    expect((await api().post('/api/fx/settlements').set(bearer(locked.jwt)).send({ amount: '1.00' })).body.error.code).toBe('MODULE_LOCKED');
    await expectLedgerIdentity(a);
  });

  it('freeze on submit, complete with the actual rate (checked), unfreeze on reject — the ledger identity holds after each', async () => {
    const first = await settle(a, '2700.00', '7.0950');
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ status: 'processing', number: expect.stringMatching(/^FX-\d{8}-\d{5}$/) });
    expect(await account(a)).toMatchObject({ balance: '10000.00', frozen: '2700.00', available: '7300.00', settling: 1 });
    expect((await ledger(a))[0]).toMatchObject({ type: 'freeze', frozenDelta: '2700.00', balanceDelta: '0.00', settlementId: first.body.data.id });
    await expectLedgerIdentity(a);
    const home = await api().get('/api/home').set(bearer(a.jwt)).expect(200);
    expect(home.body.fx).toMatchObject({ balance: '10000.00', frozen: '2700.00', available: '7300.00' });

    const second = await settle(a, '300.00', '7.0950');
    expect(second.status).toBe(201);
    expect(await account(a)).toMatchObject({ frozen: '3000.00', available: '7000.00', settling: 2 });

    // Staff queue, detail with evidence and the merchant's fields as submitted.
    const queue = await api().get('/api/fx/settlements?filters[status][$eq]=processing&filters[q][$containsi]=晶测1号').set(bearer(staff)).expect(200);
    expect(queue.body.data.map((s: any) => s.id)).toEqual([first.body.data.id, second.body.data.id]);
    expect(queue.body.meta.counts.processing).toBe(2);
    const detail = await api().get(`/api/fx/settlements/${first.body.data.id}`).set(bearer(staff)).expect(200);
    expect(detail.body.data).toMatchObject({
      amount: '2700.00',
      rate: '7.0950',
      canAct: true,
      profile: { fxSubAccount: a.subAccount, legalPersonName: '测试法人1', settlementBankName: '中国建设银行东海县支行' },
    });
    expect(detail.body.data.evidence.map((e: any) => e.label)).toEqual(['提现截图', '收款平台流水文档', '物流发货信息文档']);

    // The RMB amount must be amount × actual rate (2700.00 × 7.0921 = 19148.67) within the tolerance.
    const mismatch = await api().post(`/api/fx/settlements/${first.body.data.id}/complete`).set(bearer(staff)).send({ actualRate: '7.0921', cnyAmount: '19150.00' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({ code: 'CNY_AMOUNT_MISMATCH', details: { expected: '19148.67' } });
    expect((await api().post(`/api/fx/settlements/${first.body.data.id}/complete`).set(bearer(a.jwt)).send({ actualRate: '7.0921', cnyAmount: '19148.67' })).status).toBe(403);
    const done = await api().post(`/api/fx/settlements/${first.body.data.id}/complete`).set(bearer(staff)).send({ actualRate: '7.0921', cnyAmount: '19148.67' }).expect(200);
    expect(done.body.data).toMatchObject({ status: 'completed', actualRate: '7.0921', cnyAmount: '19148.67', remainingUsd: '7300.00', canAct: false });
    expect(await account(a)).toMatchObject({ balance: '7300.00', frozen: '300.00', available: '7000.00', settling: 1 });
    expect((await ledger(a))[0]).toMatchObject({ type: 'settlement', typeLabel: '结汇', balanceDelta: '-2700.00', frozenDelta: '-2700.00' });
    const again = await api().post(`/api/fx/settlements/${first.body.data.id}/complete`).set(bearer(staff)).send({ actualRate: '7.0921', cnyAmount: '19148.67' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SETTLEMENT_NOT_PROCESSING');
    await expectLedgerIdentity(a);

    const merchantView = await api().get(`/api/fx/settlements/${first.body.data.id}`).set(bearer(a.jwt)).expect(200);
    expect(merchantView.body.data.timeline.map((t: any) => [t.status, t.actorName === '晶贸通平台' || t.status === 'processing'])).toEqual([
      ['processing', true],
      ['completed', true],
    ]);
    const rmb = (await fxMessages(a)).find((m) => m.title === '人民币账户入账通知');
    expect(rmb).toMatchObject({ link: `/fx/settlements/${first.body.data.id}` });
    expect(rmb.body).toContain('¥19148.67');

    // Rejecting needs a reason and gives the frozen amount back.
    expect((await api().post(`/api/fx/settlements/${second.body.data.id}/reject`).set(bearer(staff)).send({ reason: ' ' })).body.error.code).toBe('NOTE_REQUIRED');
    await api().post(`/api/fx/settlements/${second.body.data.id}/reject`).set(bearer(staff)).send({ reason: '物流发货信息与提现金额不符' }).expect(200);
    expect(await account(a)).toMatchObject({ balance: '7300.00', frozen: '0.00', available: '7300.00', settling: 0 });
    expect((await ledger(a))[0]).toMatchObject({ type: 'unfreeze', frozenDelta: '-300.00' });
    expect((await api().get(`/api/fx/settlements/${second.body.data.id}`).set(bearer(a.jwt))).body.data).toMatchObject({
      status: 'rejected',
      rejectReason: '物流发货信息与提现金额不符',
    });
    expect((await fxMessages(a)).find((m) => m.title === '结汇申请未通过')?.category).toBe('todo');
    await expectLedgerIdentity(a);

    const pushes = await eventually(
      () => wechatOutbox(a.openid as string),
      (list) => list.some((p) => p.miniprogram?.pagepath === `packageFx/pages/settlement/index?id=${first.body.data.id}`),
    );
    expect(pushes.length).toBeGreaterThan(0);
  });

  it('is exact with large amounts and cents: no float drift', async () => {
    const big = await settle(b, '1234567.89', '7.1234');
    expect(big.status).toBe(201);
    const wrong = await api().post(`/api/fx/settlements/${big.body.data.id}/complete`).set(bearer(staff)).send({ actualRate: '7.1234', cnyAmount: '8794300.00' });
    expect(wrong.body.error.details.expected).toBe('8794320.91');
    const done = await api().post(`/api/fx/settlements/${big.body.data.id}/complete`).set(bearer(staff)).send({ actualRate: '7.1234', cnyAmount: '8794320.91' }).expect(200);
    expect(done.body.data).toMatchObject({ cnyAmount: '8794320.91', remainingUsd: '765432.11' });
    expect(await account(b)).toMatchObject({ balance: '765432.11', frozen: '0.00', available: '765432.11' });

    // 0.10 + 0.20 against a balance of 0.30 leaves exactly 0.00 available; one more cent is refused.
    await uploadBalances([[null, b.subAccount, 'USD', '0.30', '']]).then((r) => expect(r.status).toBe(200));
    expect((await settle(b, '0.10')).status).toBe(201);
    expect((await settle(b, '0.20')).status).toBe(201);
    expect(await account(b)).toMatchObject({ balance: '0.30', frozen: '0.30', available: '0.00' });
    const cent = await settle(b, '0.01');
    expect(cent.body.error).toMatchObject({ code: 'INSUFFICIENT_AVAILABLE', details: { available: '0.00' } });
    // A balance below what is being settled is refused as a whole upload.
    const below = await uploadBalances([[null, b.subAccount, 'USD', '0.25', '']]);
    expect(below.status).toBe(422);
    expect(below.body.error.details.errors[0]).toMatchObject({ code: 'BELOW_FROZEN', row: 2 });
    expect((await account(b)).balance).toBe('0.30');
    await expectLedgerIdentity(b);
  });

  it('20 concurrent requests against one balance never overdraw it', async () => {
    const c = await approvedMerchant(3);
    await uploadBalances([[null, c.subAccount, 'USD', '1000.00', '']]).then((r) => expect(r.status).toBe(200));
    const results = await Promise.all(Array.from({ length: 20 }, () => settle(c, '100.00')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('INSUFFICIENT_AVAILABLE');
    expect(await account(c)).toMatchObject({ balance: '1000.00', frozen: '1000.00', available: '0.00', settling: 10 });
    const { frozen } = await expectLedgerIdentity(c);
    expect(frozen).toBe(100_000n);

    // Uneven amounts racing for what is left after a partial release.
    const open = (await api().get('/api/fx/settlements?filters[status][$eq]=processing').set(bearer(c.jwt)).expect(200)).body.data;
    await Promise.all(open.slice(0, 3).map((s: any) => api().post(`/api/fx/settlements/${s.id}/reject`).set(bearer(staff)).send({ reason: '凭证不清晰' }).expect(200)));
    const uneven = await Promise.all(Array.from({ length: 20 }, (_, i) => settle(c, i % 2 ? '70.00' : '45.50')));
    const accepted = uneven.filter((r) => r.status === 201).length;
    expect(accepted).toBeGreaterThan(0);
    const after = await expectLedgerIdentity(c);
    expect(after.available >= 0n).toBe(true);
    expect(after.frozen <= 100_000n).toBe(true);
    // Nothing more fits than what is left: the smallest request must have been refused for a reason.
    expect(after.available < 4_550n).toBe(true);
  });

  it('keeps settlements private: other merchants get 404, members read but cannot act', async () => {
    const list = (await api().get('/api/fx/settlements').set(bearer(a.jwt)).expect(200)).body.data;
    expect(list.length).toBeGreaterThan(0);
    expect((await api().get(`/api/fx/settlements/${list[0].id}`).set(bearer(b.jwt))).status).toBe(404);
    expect((await api().get('/api/fx/settlements').set(bearer(b.jwt))).body.data.every((s: any) => s.merchant.documentId === b.merchantDocumentId)).toBe(true);
    const memberPhone = freshPhone();
    const member = (await joinByInvitation(a.jwt, memberPhone, 'member')).jwt;
    const me = await api().get('/api/me').set(bearer(member)).expect(200);
    let memberJwt = member;
    if (me.body.merchant?.documentId !== a.merchantDocumentId) {
      memberJwt = (await api().post('/api/me/switch-merchant').set(bearer(member)).send({ merchantId: a.merchantDocumentId }).expect(200)).body.jwt;
    }
    expect((await api().get('/api/fx/account').set(bearer(memberJwt)).expect(200)).body.data.balance).toBe('7300.00');
    const refused = await api().post('/api/fx/settlements').set(bearer(memberJwt)).send({ amount: '1.00', rate: '7.1', date: beijingToday(), evidence: a.evidence });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MEMBER_READ_ONLY');
    expect((await api().get('/api/fx/accounts').set(bearer(a.jwt))).status).toBe(403);
    const accounts = await api().get(`/api/fx/accounts?filters[q][$containsi]=${a.subAccount}`).set(bearer(staff)).expect(200);
    expect(accounts.body.data[0]).toMatchObject({ fxSubAccount: a.subAccount, balance: '7300.00', available: '7300.00' });
  });

  it('records every money operation in the operation log', async () => {
    const res = await api().get('/api/audit-logs?filters[module][$eq]=fx&pagination[pageSize]=100').set(bearer(staff)).expect(200);
    const actions = new Set(res.body.data.map((r: any) => r.action));
    for (const action of ['settlement.create', 'settlement.complete', 'settlement.reject', 'balances.upload', 'rate.manual', 'alert.create']) expect(actions).toContain(action);
    expect(res.body.data.find((r: any) => r.action === 'settlement.complete').actionLabel).toBe('完成结汇');
  });
});
