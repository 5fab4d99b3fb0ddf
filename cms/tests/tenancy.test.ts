import fs from 'node:fs';
import path from 'node:path';
import { api, bearer, login, PHONES } from './support/api';
import { joinByInvitation } from './support/workflow';

/**
 * Tenancy matrix (principle 3): merchant A's users against every merchant-owned route of merchant B.
 * Which types are merchant-owned is read from their tenancy declarations (plugin-kit), so a new merchant-owned
 * type without a row here fails this test — and a type of ours that declares no tenancy fails the one below.
 */
const MERCHANT_OWNED_ROUTES: Record<string, { path: string; update: Record<string, unknown> | null } | { path: null; why: string; testedIn?: string }> = {
  merchant: { path: 'merchants', update: { nameCn: '被篡改' } },
  membership: { path: 'memberships', update: { role: 'member' } },
  product: { path: 'products', update: { name: '被篡改' } },
  // Messages are written by the platform: merchants only read and mark them (no update route).
  message: { path: 'messages', update: null },
  // Invitations are read by the inviter's merchant and answered by the invitee's phone: their own test.
  invitation: { path: null, why: 'GET/POST /api/invitations, answered at /api/invitations/:id/accept|decline', testedIn: 'cms/tests/invitations.test.ts' },
  // Private files are immutable: no update route at all.
  'private-file': { path: 'private-files', update: null },
  // plugins/workflow: applications move only through the engine's routes; PUT saves draft data.
  application: { path: 'applications', update: { path: '被篡改' } },
  'application-event': { path: null, why: 'timeline rows have no route; they are read inside GET /api/applications/:id' },
  // plugins/customs: read through /api/customs/* whose owner checks are in cms/tests/customs.test.ts.
  'ddt-config': { path: null, why: 'merchants read their own config at GET /api/customs/config; staff manage it' },
  batch: { path: null, why: 'batches live at /api/customs/batches (another merchant’s batch is 404 there)' },
  'order-import': { path: null, why: 'imports are reached through /api/customs/imports/:id of the owner only' },
  order: { path: null, why: 'e-orders are listed at /api/customs/batches/:id/orders, inside their batch' },
  inventory: { path: null, why: '清单 are listed at /api/customs/batches/:id/inventories, inside their batch' },
  waybill: { path: null, why: 'read through /api/customs/records/waybills/:id' },
  summary: { path: null, why: 'read through /api/customs/records/summaries/:id' },
  cancellation: { path: null, why: 'listed at /api/customs/cancellations, scoped to the caller' },
  'ceb-message': { path: null, why: 'CEB messages are shown inside their record at /api/customs/records/:kind/:id' },
  'customs-event': { path: null, why: 'receipts are shown inside their batch and record' },
  // plugins/fx: read through /api/fx/* whose owner checks are in cms/tests/fx.test.ts.
  alert: { path: null, why: 'rate alerts live at /api/fx/alerts, scoped to the caller (another merchant’s alert is 404)' },
  account: { path: null, why: 'the caller’s own sub-account at GET /api/fx/account' },
  'ledger-entry': { path: null, why: 'the caller’s own ledger at GET /api/fx/ledger' },
  settlement: { path: null, why: 'settlements live at /api/fx/settlements (another merchant’s request is 404 there)' },
  'settlement-event': { path: null, why: 'a settlement’s timeline, inside GET /api/fx/settlements/:id' },
  // plugins/taxrefund
  'return-record': { path: null, why: 'what a return said, inside GET /api/tax-refund/applications/:id' },
};

type Declaration = { tenancy?: string; merchantColumn?: string; unique?: string[][] };
type Schema = { attributes: Record<string, any>; pluginOptions?: { jmt?: Declaration } };

/** Every content type of ours with its schema: the app's api:: types and the local plugins' (compiled by the test set-up). */
function ourTypes(): { name: string; uid: string; schema: Schema }[] {
  const apiDir = path.resolve(__dirname, '..', 'src', 'api');
  const fromApi = fs.readdirSync(apiDir).flatMap((name) => {
    const file = path.join(apiDir, name, 'content-types', name, 'schema.json');
    return fs.existsSync(file) ? [{ name, uid: `api::${name}.${name}`, schema: JSON.parse(fs.readFileSync(file, 'utf8')) as Schema }] : [];
  });
  const pluginsDir = path.resolve(__dirname, '..', '..', 'plugins');
  const fromPlugins = fs.readdirSync(pluginsDir).flatMap((plugin) => {
    const compiled = path.join(pluginsDir, plugin, 'dist', 'content-types', 'index.js');
    if (!fs.existsSync(compiled)) return [];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plugin's compiled output, found at run time
    const types = require(compiled).default as Record<string, { schema: Schema }>;
    return Object.entries(types).map(([name, t]) => ({ name, uid: `plugin::${plugin}.${name}`, schema: t.schema }));
  });
  return [...fromApi, ...fromPlugins];
}

function merchantOwnedTypes(): string[] {
  return ourTypes()
    .filter((t) => ['merchant', 'self'].includes(t.schema.pluginOptions?.jmt?.tenancy ?? ''))
    .map((t) => t.name)
    .sort();
}

describe('tenancy declarations', () => {
  it('every content type of ours says whom its rows belong to, in a way that can be enforced', () => {
    const problems: string[] = [];
    for (const t of ourTypes()) {
      const decl = t.schema.pluginOptions?.jmt;
      if (!decl?.tenancy) problems.push(`${t.uid}: no pluginOptions.jmt.tenancy`);
      else if (!['merchant', 'self', 'platform', 'public-read', 'system'].includes(decl.tenancy)) problems.push(`${t.uid}: unknown tenancy ${decl.tenancy}`);
      else if (decl.tenancy === 'merchant') {
        const owner = decl.merchantColumn ? t.schema.attributes[decl.merchantColumn] : t.schema.attributes.merchant;
        const ok = decl.merchantColumn ? owner?.type === 'integer' : owner?.type === 'relation' && owner.target === 'api::merchant.merchant';
        if (!ok) problems.push(`${t.uid}: merchant-owned without its ${decl.merchantColumn ?? 'merchant'} field`);
      }
    }
    expect(problems).toEqual([]);
    expect(ourTypes().length).toBeGreaterThan(30);
  });
});

let aAdmin: string;
let aMember: string;
let bAdmin: string;
let staff: string;
const bDocs: Record<string, string[]> = {};

beforeAll(async () => {
  [aAdmin, aMember, bAdmin, staff] = await Promise.all([login(PHONES.jinghuaAdmin), login(PHONES.jinghuaMember), login(PHONES.zijingAdmin), login(PHONES.superAdmin)]);
  // Merchant B owns one of everything.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await api().post('/api/private-files').set(bearer(bAdmin)).field('category', 'business_licence').attach('file', pdf, 'licence.pdf').expect(201);
  await api().post('/api/private-files').set(bearer(aAdmin)).field('category', 'business_licence').attach('file', pdf, 'licence-a.pdf').expect(201);
  for (const [type, route] of Object.entries(MERCHANT_OWNED_ROUTES)) {
    if (route.path === null) continue;
    const res = await api().get(`/api/${route.path}`).set(bearer(bAdmin)).expect(200);
    bDocs[type] = res.body.data.map((d: any) => d.documentId);
    expect(bDocs[type].length).toBeGreaterThan(0);
  }
});

describe('tenancy matrix', () => {
  it('covers every merchant-owned content type', () => {
    expect(Object.keys(MERCHANT_OWNED_ROUTES).sort()).toEqual(merchantOwnedTypes());
  });

  for (const [type, route] of Object.entries(MERCHANT_OWNED_ROUTES)) {
    if (route.path === null && route.testedIn) continue;
    if (route.path === null) {
      it(`${type} has no route of its own (${route.why})`, async () => {
        const res = await api().get(`/api/${type}s`).set(bearer(aAdmin));
        expect(res.status).toBe(404);
      });
      continue;
    }
    describe(type, () => {
      it('lists only the caller’s own rows', async () => {
        const res = await api().get(`/api/${route.path}`).set(bearer(aAdmin)).expect(200);
        const ids = res.body.data.map((d: any) => d.documentId);
        expect(ids.length).toBeGreaterThan(0);
        for (const id of bDocs[type]) expect(ids).not.toContain(id);
      });

      it('cannot filter its way into another merchant', async () => {
        const res = await api().get(`/api/${route.path}?filters[documentId][$eq]=${bDocs[type][0]}`).set(bearer(aAdmin)).expect(200);
        expect(res.body.data.map((d: any) => d.documentId)).not.toContain(bDocs[type][0]);
      });

      it('cannot read, update or delete another merchant’s row', async () => {
        const target = bDocs[type][0];
        const read = await api().get(`/api/${route.path}/${target}`).set(bearer(aAdmin));
        expect(read.status).toBe(404);
        const update = await api()
          .put(`/api/${route.path}/${target}`)
          .set(bearer(aAdmin))
          .send({ data: route.update ?? {} });
        expect(update.status).toBe(route.update ? 404 : 405);
        const del = await api().delete(`/api/${route.path}/${target}`).set(bearer(aAdmin));
        expect([403, 404, 405]).toContain(del.status);
        // Still there, unchanged, for its owner.
        const owner = await api().get(`/api/${route.path}/${target}`).set(bearer(bAdmin));
        expect(owner.status).toBe(200);
        expect(JSON.stringify(owner.body)).not.toContain('被篡改');
      });
    });
  }

  it('forces created rows onto the caller’s merchant whatever merchant the client names', async () => {
    const bMerchant = (await api().get('/api/me').set(bearer(bAdmin))).body.merchant;
    const res = await api()
      .post('/api/products')
      .set(bearer(aAdmin))
      .send({ data: { name: '越权商品', price: '2.00', merchant: bMerchant.id } });
    expect(res.status).toBe(201);
    const mine = await api().get('/api/products').set(bearer(aAdmin));
    expect(mine.body.data.map((p: any) => p.name)).toContain('越权商品');
    const theirs = await api().get('/api/products').set(bearer(bAdmin));
    expect(theirs.body.data.map((p: any) => p.name)).not.toContain('越权商品');
  });

  it('cannot reach another merchant through nested populate (users link the two demo merchants)', async () => {
    const deep =
      '/api/products?populate[merchant][populate][memberships][populate][user][populate][memberships][populate]=merchant' +
      '&populate[merchant][populate][memberships][populate][user][populate]=staffRoles';
    const res = await api().get(deep).set(bearer(aAdmin));
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toContain('紫晶坊');
    const viaMerchant = await api().get('/api/merchants?populate[memberships][populate][user][populate][memberships][populate]=merchant').set(bearer(aAdmin));
    expect(JSON.stringify(viaMerchant.body)).not.toContain('紫晶坊');
  });

  it('keeps merchant users away from platform-only data', async () => {
    for (const pathName of ['audit-logs', 'staff-roles']) {
      const res = await api().get(`/api/${pathName}`).set(bearer(aAdmin));
      expect(res.status).toBe(403);
    }
    // Strapi's /api/users is closed altogether (cms/src/core/closed-routes.ts): nobody lists accounts through it.
    const users = await api().get('/api/users').set(bearer(aAdmin));
    expect([users.status, users.body.error?.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('lets a merchant admin edit its merchant but never create or delete one', async () => {
    const own = (await api().get('/api/me').set(bearer(aAdmin))).body.merchant.documentId;
    const removed = await api().delete(`/api/merchants/${own}`).set(bearer(aAdmin));
    expect([removed.status, removed.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    await api().get(`/api/merchants/${own}`).set(bearer(aAdmin)).expect(200);
    const created = await api()
      .post('/api/merchants')
      .set(bearer(aAdmin))
      .send({ data: { nameCn: '东海县另一家水晶有限公司' } });
    expect([created.status, created.body.error?.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('lets merchant users read shared carriers but not change them', async () => {
    const list = await api().get('/api/carriers').set(bearer(aAdmin)).expect(200);
    expect(list.body.data.length).toBeGreaterThanOrEqual(9);
    const res = await api()
      .put(`/api/carriers/${list.body.data[0].documentId}`)
      .set(bearer(aAdmin))
      .send({ data: { name: 'x' } });
    expect(res.status).toBe(403);
  });

  it('lets platform staff see every merchant', async () => {
    const res = await api().get('/api/merchants').set(bearer(staff)).expect(200);
    const names = res.body.data.map((m: any) => m.nameCn);
    expect(names).toEqual(expect.arrayContaining(['东海县晶华水晶饰品有限公司', '东海县紫晶坊水晶工艺品店']));
  });
});

describe('merchant members are read-only', () => {
  it('refuses every write with MEMBER_READ_ONLY', async () => {
    const me = (await api().get('/api/me').set(bearer(aMember))).body;
    expect(me.role).toBe('member');
    const attempts = [
      api()
        .put(`/api/merchants/${me.merchant.documentId}`)
        .set(bearer(aMember))
        .send({ data: { nameCn: '成员改名' } }),
      api()
        .post('/api/products')
        .set(bearer(aMember))
        .send({ data: { name: '成员商品' } }),
      // Members join by invitation now (POST /api/invitations); inviting is an admin's write too.
      api()
        .post('/api/invitations')
        .set(bearer(aMember))
        .send({ data: { phone: '13700001234', role: 'admin' } }),
      api().post('/api/private-files').set(bearer(aMember)).field('category', 'invoice').attach('file', Buffer.from('%PDF-1.4\n%%EOF'), 'a.pdf'),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('MEMBER_READ_ONLY');
      expect(res.body.error.message).toContain('仅可查看');
    }
    const products = await api().get('/api/products').set(bearer(aMember));
    expect(products.body.data.map((p: any) => p.name)).not.toContain('成员商品');
  });

  it('still lets members read', async () => {
    const me = (await api().get('/api/me').set(bearer(aMember))).body;
    await api().get(`/api/merchants/${me.merchant.documentId}`).set(bearer(aMember)).expect(200);
    await api().get('/api/memberships').set(bearer(aMember)).expect(200);
    await api().get('/api/home').set(bearer(aMember)).expect(200);
  });
});

describe('merchant info and members (M2, M3)', () => {
  it('lets the admin edit merchant info but not platform-managed fields', async () => {
    const me = (await api().get('/api/me').set(bearer(bAdmin))).body;
    const res = await api()
      .put(`/api/merchants/${me.merchant.documentId}`)
      .set(bearer(bAdmin))
      .send({ data: { nameEn: 'Donghai Zijingfang Crystal Crafts Studio', registrationStatus: 'approved' } });
    expect(res.status).toBe(200);
    expect(res.body.data.nameEn).toBe('Donghai Zijingfang Crystal Crafts Studio');
    expect(res.body.data.registrationStatus).not.toBe('approved');
  });

  it('takes effect at once: a removed member loses access on the next request', async () => {
    const phone = '13722223333';
    const { jwt: memberJwt } = await joinByInvitation(bAdmin, phone, 'member');
    const added = { body: { data: (await api().get('/api/memberships').set(bearer(bAdmin))).body.data.find((m: any) => m.user?.phone === phone) } };
    expect(added.body.data).toBeDefined();
    const home = await api().get('/api/home').set(bearer(memberJwt));
    expect(home.status).toBe(200);
    expect(home.body.merchant.nameCn).toBe('东海县紫晶坊水晶工艺品店');
    await api().delete(`/api/memberships/${added.body.data.documentId}`).set(bearer(bAdmin)).expect(200);
    const after = await api().get('/api/home').set(bearer(memberJwt));
    expect(after.status).toBe(403);
    expect(after.body.error.code).toBe('NO_MERCHANT');
    const products = await api().get('/api/products').set(bearer(memberJwt));
    expect(products.status).toBe(403);
  });

  it('adds, re-roles and removes members, and never removes the last admin', async () => {
    // Added by invitation: the admin sees the phone masked until it is accepted, then the member in the list.
    const { invitation } = await joinByInvitation(bAdmin, '13711112222', 'member');
    expect(invitation.phone).toBe('137****2222');
    const added = { body: { data: (await api().get('/api/memberships').set(bearer(bAdmin))).body.data.find((m: any) => m.user?.phone === '13711112222') } };
    expect(added.body.data.user.phone).toBe('13711112222');
    const duplicate = await api()
      .post('/api/invitations')
      .set(bearer(bAdmin))
      .send({ data: { phone: '13711112222', role: 'member' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('MEMBER_EXISTS');

    const promoted = await api()
      .put(`/api/memberships/${added.body.data.documentId}`)
      .set(bearer(bAdmin))
      .send({ data: { role: 'admin' } });
    expect(promoted.body.data.role).toBe('admin');
    await api().delete(`/api/memberships/${added.body.data.documentId}`).set(bearer(bAdmin)).expect(200);

    const list = await api().get('/api/memberships').set(bearer(bAdmin));
    const admins = list.body.data.filter((m: any) => m.role === 'admin');
    // 李秀梅 and 赵婷 are both admins of 紫晶坊: demote one, then the last must stay.
    expect(admins.length).toBe(2);
    await api()
      .put(`/api/memberships/${admins[1].documentId}`)
      .set(bearer(bAdmin))
      .send({ data: { role: 'member' } })
      .expect(200);
    const last = await api()
      .put(`/api/memberships/${admins[0].documentId}`)
      .set(bearer(bAdmin))
      .send({ data: { role: 'member' } });
    expect(last.status).toBe(400);
    expect(last.body.error.code).toBe('LAST_ADMIN');
    const lastDelete = await api().delete(`/api/memberships/${admins[0].documentId}`).set(bearer(bAdmin));
    expect(lastDelete.body.error.code).toBe('LAST_ADMIN');
    await api()
      .put(`/api/memberships/${admins[1].documentId}`)
      .set(bearer(bAdmin))
      .send({ data: { role: 'admin' } })
      .expect(200);
  });
});
