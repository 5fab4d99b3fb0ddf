import { api, bearer, login, PHONES } from './support/api';
import { eventually, signUpWithWechat, upload, VALID, wechatOutbox, type SignedUp } from './support/workflow';

/**
 * 跨境申报 (D1–D6): the five filing kinds end to end — guided order, prerequisites, auto-filled
 * merchant data, uploads, templates, staff processing, notifications with the right page.
 */
const ORDER = ['customs-registration', 'eport-card', 'dxp-id', 'cloud-signature', 'enterprise-filing'];

const EXTRA: Record<string, Record<string, string>> = {
  'customs-registration': { companyNameEn: 'Donghai Jingxin Crystal Co., Ltd.', customsOffice: 'lianyungang', filingType: 'consignor', legalPersonName: '吴晶鑫' },
  'eport-card': { customsCode: '3207968B37', cardType: 'legal', holderName: '吴晶鑫', holderIdNumber: VALID.idNumber },
  'dxp-id': { eportCardNo: '8930000056789', accessMode: 'platform' },
  'cloud-signature': { signerName: '吴晶鑫' },
  'enterprise-filing': { enterpriseRole: 'ecommerce', salesPlatforms: 'TikTok Shop 美区店铺 JingxinCrystal；Amazon 美国站' },
};

let merchant: SignedUp;
let staffJwt: string;
let kinds: any[];

function headerName(res: { headers: Record<string, string> }): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(res.headers['content-disposition'] ?? '');
  return match ? decodeURIComponent(match[1]) : '';
}

const binary = (req: any) =>
  req.buffer(true).parse((res: any, cb: any) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

beforeAll(async () => {
  merchant = await signUpWithWechat();
  staffJwt = await login(PHONES.superAdmin);
  kinds = (await api().get('/api/applications/kinds').set(bearer(merchant.jwt)).expect(200)).body.data;
  // Fill in the merchant's master data once; every filing reuses it (G10).
  await api()
    .put(`/api/merchants/${merchant.merchantDocumentId}`)
    .set(bearer(merchant.jwt))
    .send({
      data: {
        nameCn: '东海县晶鑫水晶有限公司',
        nameEn: 'Donghai Jingxin Crystal Co., Ltd.',
        addressCn: '江苏省连云港市东海县牛山街道晶都大道 18 号',
        legalPersonName: '吴晶鑫',
        contactName: '吴晶鑫',
        contactPhone: merchant.phone,
      },
    })
    .expect(200);
});

describe('跨境申报 before business registration is approved', () => {
  it('shows every step locked and refuses to start one', async () => {
    const guide = await api().get('/api/applications/guide').set(bearer(merchant.jwt)).expect(200);
    expect(guide.body.data.steps.map((s: any) => s.kind)).toEqual(ORDER);
    expect(guide.body.data.steps.every((s: any) => s.state === 'locked')).toBe(true);
    const res = await api().post('/api/applications').set(bearer(merchant.jwt)).send({ kind: 'customs-registration', data: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('MODULE_LOCKED');
  });
});

describe('跨境申报 end to end', () => {
  beforeAll(async () => {
    await api()
      .put(`/api/merchants/${merchant.merchantDocumentId}`)
      .set(bearer(staffJwt))
      .send({ data: { registrationStatus: 'approved', creditCode: VALID.creditCode } })
      .expect(200);
  });

  it('recommends the steps in order and refuses to submit one before its prerequisite is done', async () => {
    const guide = await api().get('/api/applications/guide').set(bearer(merchant.jwt)).expect(200);
    expect(guide.body.data).toMatchObject({ next: 'customs-registration', done: 0, total: 5 });
    expect(guide.body.data.steps.map((s: any) => s.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'pending']);
    expect(guide.body.data.steps[0].recommended).toBe(true);

    const early = await api().post('/api/applications').set(bearer(merchant.jwt)).send({ kind: 'eport-card', data: {} }).expect(201);
    const res = await api().post(`/api/applications/${early.body.data.id}/transitions`).set(bearer(merchant.jwt)).send({ to: 'submitted' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PREREQUISITE_NOT_MET');
    expect(res.body.error.details.prerequisites).toEqual([{ kind: 'customs-registration', label: '海关企业注册登记' }]);
    const progress = await api().get('/api/applications/guide').set(bearer(merchant.jwt)).expect(200);
    expect(progress.body.data.steps[1].state).toBe('action_required');
    // An open draft is what the merchant should finish first.
    expect(progress.body.data.next).toBe('eport-card');
  });

  for (const [index, kind] of ORDER.entries()) {
    it(`${kind}: template, prefill, upload, submit, staff processes, done, notified`, async () => {
      const def = kinds.find((k) => k.kind === kind);
      expect(def.templates.length).toBeGreaterThanOrEqual(1);
      for (const template of def.templates) {
        const res = await binary(api().get(`/api/applications/templates/${kind}/${template.key}`).set(bearer(merchant.jwt))).expect(200);
        const body = res.body as Buffer;
        if (template.format === 'pdf') {
          expect(res.headers['content-type']).toBe('application/pdf');
          expect(body.subarray(0, 5).toString()).toBe('%PDF-');
        } else {
          expect(res.headers['content-type']).toContain(template.format === 'docx' ? 'wordprocessingml' : 'spreadsheetml');
          expect(body.subarray(0, 2).toString()).toBe('PK');
        }
        expect(headerName(res)).toBe(`${template.label}.${template.format}`);
      }

      const prefill = await api().get(`/api/applications/prefill?kind=${kind}`).set(bearer(merchant.jwt)).expect(200);
      expect(prefill.body.data).toMatchObject({ companyName: '东海县晶鑫水晶有限公司', creditCode: VALID.creditCode });
      if (kind === 'dxp-id') expect(prefill.body.data.customsCode).toBe('3207968B37'); // entered once, in eport-card

      let id: string;
      const existing = await api().get(`/api/applications?filters[kind][$eq]=${kind}`).set(bearer(merchant.jwt)).expect(200);
      if (existing.body.data.length) id = existing.body.data[0].id;
      else id = (await api().post('/api/applications').set(bearer(merchant.jwt)).send({ kind, data: {} }).expect(201)).body.data.id;

      const files: Record<string, string> = {};
      for (const slot of def.fileSlots) files[slot.key] = await upload(merchant.jwt, slot.key);
      const data = { ...prefill.body.data, ...EXTRA[kind], files };
      await api().put(`/api/applications/${id}`).set(bearer(merchant.jwt)).send({ data }).expect(200);
      const submitted = await api().post(`/api/applications/${id}/transitions`).set(bearer(merchant.jwt)).send({ to: 'submitted' }).expect(200);
      expect(submitted.body.data).toMatchObject({ status: 'submitted', statusLabel: '待受理' });
      // Read-back: what was submitted is what the merchant sees.
      expect(submitted.body.data.data).toMatchObject({ ...EXTRA[kind], files });

      const queue = await api().get(`/api/applications?filters[kind][$eq]=${kind}&filters[status][$eq]=submitted`).set(bearer(staffJwt)).expect(200);
      expect(queue.body.data.map((a: any) => a.id)).toContain(id);
      await api().post(`/api/applications/${id}/transitions`).set(bearer(staffJwt)).send({ to: 'processing' }).expect(200);
      const done = await api().post(`/api/applications/${id}/transitions`).set(bearer(staffJwt)).send({ to: 'completed', note: '已办结' }).expect(200);
      expect(done.body.data).toMatchObject({ status: 'completed', statusLabel: '已办结' });
      expect(done.body.data.timeline.map((e: any) => e.to)).toEqual(['filling', 'submitted', 'processing', 'completed']);

      const guide = await api().get('/api/applications/guide').set(bearer(merchant.jwt)).expect(200);
      expect(guide.body.data.done).toBe(index + 1);
      expect(guide.body.data.next).toBe(ORDER[index + 1] ?? null);

      const messages = await api().get(`/api/messages?filters[module][$eq]=filing&pagination[pageSize]=100`).set(bearer(merchant.jwt)).expect(200);
      const mine = messages.body.data.filter((m: any) => m.title.startsWith(`${def.label}：`));
      expect(mine.map((m: any) => m.title)).toEqual([`${def.label}：已办结`, `${def.label}：办理中`, `${def.label}：待受理`]);
      expect(mine.every((m: any) => m.link === `/filing/${kind}`)).toBe(true);

      const pushes = await eventually(
        async () => (await wechatOutbox(merchant.openid as string)).filter((m) => m.miniprogram?.pagepath === `packageFiling/pages/detail/index?kind=${kind}&id=${id}`),
        (list) => list.length >= 3,
      );
      expect(pushes).toHaveLength(3);
    });
  }

  it('reports my progress (G9) and no filing to-dos once all are done', async () => {
    const res = await api().get('/api/applications/progress').set(bearer(merchant.jwt)).expect(200);
    const filing = res.body.data.find((m: any) => m.module === 'filing');
    expect(filing).toMatchObject({ done: 5, total: 5, next: null });
    const todos = await api().get('/api/applications/todos').set(bearer(merchant.jwt)).expect(200);
    expect(todos.body.data.filter((t: any) => t.module === 'filing')).toEqual([]);
  });

  it('answers an unknown template with 404 TEMPLATE_NOT_FOUND', async () => {
    const res = await api().get('/api/applications/templates/dxp-id/nope').set(bearer(merchant.jwt));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('TEMPLATE_NOT_FOUND');
  });
});
