import ExcelJS from 'exceljs';
import { api, bearer, login, PHONES } from './support/api';

/**
 * The tenancy route matrix, driven by the OpenAPI document (N6 + principle 3): every documented route is called
 * by another merchant's admin, by a read-only member, and by nobody —
 * - anonymous callers get 401/403 on every route that needs a session;
 * - a member gets 403 on every write their role does not allow;
 * - for every route naming a merchant-owned record, another merchant gets exactly what a record that does not exist
 *   would get (reads: 404) — it learns nothing, not even that the record exists;
 * - every list answers only the caller's own rows.
 * The owner (B) is the seeded 晶华, rich in records; the attacker (A) is 紫晶坊's admin and member. A documented route
 * with a path parameter that is in neither FIXTURES nor SHARED fails the test, so a new route must be placed here.
 */
let doc: any;
let aAdmin: string;
let aMember: string;
let bAdmin: string;
const B: Record<string, string> = {};
/** Every documentId of B's that the fixtures know: none may appear in A's answers. */
const bIds = new Set<string>();

type Op = { method: string; path: string; op: any };

async function orderWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('电子订单');
  ws.addRow(['订单编号', '商品货号', '商品名称', '商品描述', 'HS编码', '条码', '计量单位', '币制', '数量', '单价', '总价', '运费', '备注']);
  ws.addRow([`RM${Date.now() % 1e8}`, 'AM-BR-8MM', '紫水晶手串', '天然紫水晶 8mm 圆珠手串', '7116200000', '', '条', 'USD', 2, '12.50', '25.00', '', '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Path parameters → B's values, for every route that names a merchant-owned record. */
const FIXTURES: Record<string, Record<string, () => string>> = {
  '/api/applications/{id}': { id: () => B.application },
  '/api/applications/{id}/transitions': { id: () => B.application },
  '/api/customs/batches/{id}': { id: () => B.batch },
  '/api/customs/batches/{id}/orders': { id: () => B.batch },
  '/api/customs/batches/{id}/orders.xlsx': { id: () => B.batch },
  '/api/customs/batches/{id}/inventories': { id: () => B.batch },
  '/api/customs/batches/{id}/orders/import': { id: () => B.batch },
  '/api/customs/batches/{id}/orders/declare': { id: () => B.batch },
  '/api/customs/batches/{id}/waybill': { id: () => B.batch },
  '/api/customs/batches/{id}/summary': { id: () => B.batch },
  '/api/customs/imports/{importId}': { importId: () => B.import },
  '/api/customs/imports/{importId}/fix': { importId: () => B.import },
  '/api/customs/imports/{importId}/commit': { importId: () => B.import },
  '/api/customs/records/{kind}/{id}': { kind: () => 'orders', id: () => B.order },
  '/api/customs/cancellations/{id}/declare': { id: () => B.order },
  '/api/customs/cancellations/{id}/withdraw': { id: () => B.order },
  '/api/fx/alerts/{id}': { id: () => B.alert },
  '/api/fx/settlements/{id}': { id: () => B.settlement },
  '/api/fx/settlements/{id}/complete': { id: () => B.settlement },
  '/api/fx/settlements/{id}/reject': { id: () => B.settlement },
  '/api/tax-refund/applications/{id}': { id: () => B.refund },
  '/api/tax-refund/applications/{id}/package.zip': { id: () => B.refund },
  '/api/merchants/{id}': { id: () => B.merchant },
  '/api/memberships/{id}': { id: () => B.membership },
  '/api/messages/{id}': { id: () => B.message },
  '/api/messages/{id}/read': { id: () => B.message },
  '/api/private-files/{id}': { id: () => B.file },
  '/api/private-files/{id}/download': { id: () => B.file },
  '/api/products/{id}': { id: () => B.product },
  '/api/invitations/{id}': { id: () => B.invitation },
  '/api/invitations/{id}/accept': { id: () => B.invitation },
  '/api/invitations/{id}/decline': { id: () => B.invitation },
};

/** Path parameters that name no merchant's record (shared reference data, staff-only things, kinds). */
const SHARED: Record<string, Record<string, string>> = {
  '/api/applications/templates/{kind}/{template}': { kind: 'business-registration', template: 'company-application' },
  '/api/customs/configs/{merchant}': { merchant: 'staffonly00000000000000' },
  '/api/customs/configs/{merchant}/verify': { merchant: 'staffonly00000000000000' },
  '/api/customs/hints/{key}': { key: 'fragile-goods' },
  '/api/tax-refund/rates/{id}': { id: 'sharedrate0000000000000' },
  '/api/carriers/{id}': { id: 'sharedcarrier0000000000' },
  '/api/staff-roles/{id}': { id: 'staffonly00000000000000' },
  '/api/outbox-jobs/{id}/retry': { id: 'staffonly00000000000000' },
};

/** Merchant permissions a read-only member lacks. */
const MEMBER_LACKS = new Set(['data.write', 'members.write', 'files.write', 'merchant.write']);

function operations(): Op[] {
  return Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

const fill = (path: string, values: Record<string, string>) => path.replace(/\{([^}]+)\}/g, (_, name) => values[name] ?? 'none000000000000000000');

function call(o: Op, path: string, jwt?: string) {
  let req = (api() as any)[o.method.toLowerCase()](path);
  if (jwt) req = req.set(bearer(jwt));
  const example = o.op.requestBody?.content?.['application/json']?.example;
  if (o.op.requestBody?.content?.['multipart/form-data']) return req.attach('file', Buffer.from('PK\u0003\u0004'), 'f.xlsx');
  return o.method === 'GET' || o.method === 'DELETE' ? req : req.send(example ?? {});
}

/** Status and error code: what a caller learns from an answer. */
const learned = (res: { status: number; body: any }) => `${res.status} ${res.body?.error?.code ?? ''}`;

beforeAll(async () => {
  [aAdmin, aMember, bAdmin] = await Promise.all([login(PHONES.zijingAdmin), login(PHONES.zijingMember), login(PHONES.jinghuaAdmin)]);
  doc = (await api().get('/api/openapi.json').expect(200)).body;
  const first = async (path: string) => {
    const res = await api().get(path).set(bearer(bAdmin)).expect(200);
    const id = res.body.data?.[0]?.documentId ?? res.body.data?.[0]?.id;
    if (!id) throw new Error(`no fixture at ${path}`);
    return id as string;
  };
  B.merchant = (await api().get('/api/me').set(bearer(bAdmin))).body.merchant.documentId;
  B.application = await first('/api/applications');
  B.batch = await first('/api/customs/batches');
  B.order = (await api().get(`/api/customs/batches/${B.batch}/orders`).set(bearer(bAdmin)).expect(200)).body.data[0].id;
  B.import = (
    await api()
      .post(`/api/customs/batches/${B.batch}/orders/import`)
      .set(bearer(bAdmin))
      .attach('file', await orderWorkbook(), 'orders.xlsx')
      .expect(200)
  ).body.data.importId;
  B.alert = (await api().post('/api/fx/alerts').set(bearer(bAdmin)).send({ currency: 'USD', direction: 'above', threshold: '7.3000' }).expect(201)).body.data.id;
  B.settlement = await first('/api/fx/settlements');
  B.refund = await first('/api/tax-refund/applications');
  B.membership = await first('/api/memberships');
  B.message = await first('/api/messages');
  B.file = await first('/api/private-files');
  B.product = await first('/api/products');
  B.invitation = (await api().post('/api/invitations').set(bearer(bAdmin)).send({ phone: '13755550101', role: 'member' }).expect(201)).body.data.documentId;
  for (const id of Object.values(B)) bIds.add(id);
});

describe('tenancy, route by route (from the OpenAPI document)', () => {
  it('places every route with a path parameter', () => {
    const unplaced = [...new Set(operations().map((o) => o.path))].filter((p) => p.includes('{') && !FIXTURES[p] && !SHARED[p]);
    expect(unplaced).toEqual([]);
  });

  it('answers 401/403 to anonymous callers on every route that needs a session', async () => {
    let n = 0;
    for (const o of operations().filter((x) => x.op['x-jmt-audience'] !== 'public')) {
      const res = await call(o, fill(o.path, { ...(SHARED[o.path] ?? {}) }));
      expect([`${o.method} ${o.path}`, [401, 403].includes(res.status)]).toEqual([`${o.method} ${o.path}`, true]);
      n += 1;
    }
    console.log(`[route matrix] anonymous: ${n} routes`);
  });

  it('answers 403 to a read-only member on every write their role does not allow', async () => {
    let n = 0;
    for (const o of operations().filter((x) => x.method !== 'GET' && MEMBER_LACKS.has(x.op['x-jmt-permission']))) {
      const res = await call(o, fill(o.path, { ...(SHARED[o.path] ?? {}) }), aMember);
      expect([`${o.method} ${o.path}`, res.status]).toEqual([`${o.method} ${o.path}`, 403]);
      n += 1;
    }
    expect(n).toBeGreaterThan(20);
    console.log(`[route matrix] member writes refused: ${n} routes`);
  });

  it('lets another merchant learn nothing about a record that is not theirs', async () => {
    let routes = 0;
    let requests = 0;
    for (const o of operations().filter((x) => FIXTURES[x.path] && x.op['x-jmt-audience'] !== 'staff')) {
      const theirs = Object.fromEntries(Object.entries(FIXTURES[o.path]).map(([k, f]) => [k, f()]));
      const nobodys = Object.fromEntries(Object.keys(FIXTURES[o.path]).map((k) => [k, k === 'kind' ? theirs[k] : 'x0nosuchrecord00000000000']));
      const [real, fake] = [await call(o, fill(o.path, theirs), aAdmin), await call(o, fill(o.path, nobodys), aAdmin)];
      const where = `${o.method} ${o.path}`;
      expect([where, learned(real)]).toEqual([where, learned(fake)]);
      if (o.method === 'GET') expect([where, real.status]).toEqual([where, 404]);
      expect([where, real.status < 300]).toEqual([where, false]);
      routes += 1;
      requests += 2;
    }
    expect(routes).toBeGreaterThan(25);
    console.log(`[route matrix] cross-merchant: ${routes} routes, ${requests} requests`);
  });

  it('answers every list with the caller’s own rows only', async () => {
    let n = 0;
    for (const o of operations().filter((x) => x.method === 'GET' && !x.path.includes('{') && x.op['x-jmt-audience'] !== 'staff' && x.op['x-jmt-audience'] !== 'public')) {
      const res = await call(o, o.path, aAdmin);
      if (res.status !== 200 || !res.body || typeof res.body !== 'object') continue;
      const text = JSON.stringify(res.body);
      for (const id of bIds) expect([`${o.path}`, text.includes(id)]).toEqual([`${o.path}`, false]);
      n += 1;
    }
    expect(n).toBeGreaterThan(10);
    console.log(`[route matrix] lists and reads without ids: ${n} routes, none shows another merchant's record`);
  });

  it('refuses merchants on every staff route', async () => {
    let n = 0;
    for (const o of operations().filter((x) => x.op['x-jmt-audience'] === 'staff')) {
      const res = await call(o, fill(o.path, { ...(SHARED[o.path] ?? {}), ...Object.fromEntries(Object.entries(FIXTURES[o.path] ?? {}).map(([k, f]) => [k, f()])) }), aAdmin);
      expect([`${o.method} ${o.path}`, res.status]).toEqual([`${o.method} ${o.path}`, 403]);
      n += 1;
    }
    console.log(`[route matrix] staff routes refused to merchants: ${n}`);
  });
});
