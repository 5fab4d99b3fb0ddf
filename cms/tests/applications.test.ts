import { api, bearer, freshPhone, login, PHONES } from './support/api';
import { eventually, joinByInvitation, signUpWithWechat, upload, VALID, wechatControl, wechatOutbox, type SignedUp } from './support/workflow';

/**
 * 工商注册 through the workflow engine (R1–R4, G4, G8): a merchant signed up in the mini-program
 * drives a registration from draft to 核准通过 with staff, including a 补正 round trip, while the
 * WeChat simulator fails and drops replies. Every transition must leave exactly one timeline row,
 * one audit row, one in-app message and one WeChat template message.
 */
const KIND = 'business-registration';

let merchant: SignedUp;
let memberJwt: string;
let otherJwt: string;
let staffJwt: string;
let appId: string;
let files: Record<string, string>;
let secondAppId: string;

const home = async (jwt: string) => (await api().get('/api/home').set(bearer(jwt)).expect(200)).body;
const getApp = async (jwt: string, id = appId) => api().get(`/api/applications/${id}`).set(bearer(jwt));
const move = (jwt: string, to: string, note?: string) => api().post(`/api/applications/${appId}/transitions`).set(bearer(jwt)).send({ to, note });

function completeData(): Record<string, unknown> {
  return {
    path: 'existing',
    entityType: 'company',
    companyName: '东海县晶澜水晶饰品有限公司',
    creditCode: VALID.creditCode,
    registeredAddress: '江苏省连云港市东海县牛山街道晶都大道 66 号',
    legalPerson: { name: '周晶澜', idNumber: VALID.idNumber, phone: merchant.phone },
    contact: { name: '周晶澜', phone: merchant.phone },
    files,
  };
}

beforeAll(async () => {
  merchant = await signUpWithWechat();
  [otherJwt, staffJwt] = await Promise.all([login(PHONES.zijingAdmin), login(PHONES.superAdmin)]);
  // A read-only member of the new merchant.
  const memberPhone = freshPhone();
  memberJwt = (await joinByInvitation(merchant.jwt, memberPhone, 'member')).jwt;
  files = {
    business_licence: await upload(merchant.jwt, 'business_licence'),
    id_card_front: await upload(merchant.jwt, 'id_card_front'),
    id_card_back: await upload(merchant.jwt, 'id_card_back'),
    bank_permit: await upload(merchant.jwt, 'bank_permit'),
  };
});

afterAll(async () => {
  await wechatControl({ failNext: 0, dropReplies: 0 });
});

describe('business registration, draft to 核准通过', () => {
  it('publishes the kinds with states, steps, fields, file slots and templates', async () => {
    const res = await api().get('/api/applications/kinds').set(bearer(merchant.jwt)).expect(200);
    const kinds = res.body.data.map((k: any) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining([KIND, 'customs-registration', 'eport-card', 'dxp-id', 'cloud-signature', 'enterprise-filing']));
    const br = res.body.data.find((k: any) => k.kind === KIND);
    expect(br.steps.map((s: any) => s.label)).toEqual(['材料填报', '材料初审', '现场核验', '核准通过']);
    expect(br.states.map((s: any) => s.key).sort()).toEqual(['approved', 'filling', 'initial_review', 'onsite_check', 'rejected', 'returned']);
    expect(br.fileSlots.map((s: any) => s.key)).toEqual(expect.arrayContaining(['business_licence', 'id_card_front', 'id_card_back', 'bank_permit']));
  });

  it('creates a draft for the caller’s merchant, prefilled from what it already knows (G10)', async () => {
    const prefill = await api().get(`/api/applications/prefill?kind=${KIND}`).set(bearer(merchant.jwt)).expect(200);
    // The uploads above are offered again instead of asking for new photos.
    expect(prefill.body.data.files).toMatchObject(files);
    expect(prefill.body.meta.sources['files.id_card_front']).toBe('file');

    const res = await api()
      .post('/api/applications')
      .set(bearer(merchant.jwt))
      .send({ kind: KIND, data: { path: 'existing', entityType: 'company' } })
      .expect(201);
    expect(res.body.data).toMatchObject({ kind: KIND, status: 'filling', statusLabel: '材料填报' });
    expect(res.body.data.id).toEqual(expect.any(String));
    expect(res.body.data.number).toMatch(/^BR-\d{8}-\d{5}$/);
    expect(res.body.data.data.files).toMatchObject(files);
    appId = res.body.data.id;
    expect((await home(merchant.jwt)).merchant.registrationStatus).toBe('filling');

    const again = await api().post('/api/applications').set(bearer(merchant.jwt)).send({ kind: KIND, data: {} });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'APPLICATION_EXISTS', details: { id: appId } });
  });

  it('refuses an incomplete submission with the list of what is missing, and changes nothing', async () => {
    const res = await move(merchant.jwt, 'initial_review');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('APPLICATION_INCOMPLETE');
    expect(res.body.error.message).toMatch(/不完整/);
    const fields = res.body.error.details.missing.map((m: any) => m.field);
    expect(fields).toEqual(expect.arrayContaining(['creditCode', 'registeredAddress', 'legalPerson.idNumber', 'legalPerson.phone']));
    // Only what this path asks for: no capital or business scope for an already registered company.
    expect(fields).not.toContain('registeredCapital');
    expect(fields).not.toContain('businessScope');
    const after = await getApp(merchant.jwt);
    expect(after.body.data.status).toBe('filling');
    expect(after.body.data.timeline).toHaveLength(1);
  });

  it('rejects wrong identifiers and files that are not the merchant’s own uploads', async () => {
    const foreignFile = await upload(otherJwt, 'bank_permit');
    const bad = {
      ...completeData(),
      creditCode: '91320722MA1XJH8Q3A',
      legalPerson: { name: '周晶澜', idNumber: '320722198506123410', phone: merchant.phone },
      files: { ...files, bank_permit: foreignFile },
    };
    await api().put(`/api/applications/${appId}`).set(bearer(merchant.jwt)).send({ data: bad }).expect(200);
    const res = await move(merchant.jwt, 'initial_review');
    expect(res.status).toBe(400);
    const invalid = res.body.error.details.missing
      .filter((m: any) => m.reason === 'invalid')
      .map((m: any) => m.field)
      .sort();
    expect(invalid).toEqual(['creditCode', 'files.bank_permit', 'legalPerson.idNumber']);
  });

  it('refuses members, other merchants and staff-only moves without changing anything', async () => {
    const memberSave = await api().put(`/api/applications/${appId}`).set(bearer(memberJwt)).send({ data: completeData() });
    expect(memberSave.status).toBe(403);
    expect(memberSave.body.error.code).toBe('MEMBER_READ_ONLY');
    const memberMove = await move(memberJwt, 'initial_review');
    expect(memberMove.status).toBe(403);
    expect(memberMove.body.error.code).toBe('MEMBER_READ_ONLY');
    // Members may look.
    expect((await getApp(memberJwt)).status).toBe(200);

    for (const res of [await getApp(otherJwt), await move(otherJwt, 'initial_review'), await api().put(`/api/applications/${appId}`).set(bearer(otherJwt)).send({ data: {} })]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    const list = await api().get(`/api/applications?filters[kind][$eq]=${KIND}`).set(bearer(otherJwt)).expect(200);
    expect(list.body.data.map((a: any) => a.id)).not.toContain(appId);

    // Illegal from this state, for anybody.
    const skip = await move(staffJwt, 'approved');
    expect(skip.status).toBe(409);
    expect(skip.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    const unknown = await move(merchant.jwt, 'teleported');
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.details.allowed).toEqual(['initial_review']);

    const after = await getApp(merchant.jwt);
    expect(after.body.data.status).toBe('filling');
    expect(after.body.data.timeline).toHaveLength(1);
    // Still the draft the merchant saved last, not what the refused callers sent.
    expect(after.body.data.data.creditCode).toBe('91320722MA1XJH8Q3A');
  });

  it('goes draft → 材料初审 → 补正 → 材料初审 → 现场核验 → 核准通过, each step once, with WeChat failing', async () => {
    await api().put(`/api/applications/${appId}`).set(bearer(merchant.jwt)).send({ data: completeData() }).expect(200);
    expect((await home(merchant.jwt)).modules.find((m: any) => m.key === 'filing').enabled).toBe(false);

    // The first two sends fail outright, the third is delivered but its reply is lost.
    await wechatControl({ failNext: 2, dropReplies: 1 });
    const submitted = await move(merchant.jwt, 'initial_review');
    expect(submitted.body.error ?? null).toBeNull();
    expect(submitted.body.data).toMatchObject({ status: 'initial_review', statusLabel: '材料初审', owner: 'platform' });
    expect(submitted.body.data.allowedTransitions).toEqual([]);

    // Only staff take the review steps.
    const selfApprove = await move(merchant.jwt, 'onsite_check');
    expect(selfApprove.status).toBe(403);
    expect(selfApprove.body.error.code).toBe('TRANSITION_FORBIDDEN');

    const staffView = await getApp(staffJwt);
    expect(staffView.body.data.allowedTransitions.map((t: any) => t.to).sort()).toEqual(['onsite_check', 'rejected', 'returned']);
    const noReason = await move(staffJwt, 'returned');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('NOTE_REQUIRED');

    const returned = await move(staffJwt, 'returned', '营业执照照片不清晰，请重新拍摄上传').expect(200);
    expect(returned.body.data).toMatchObject({ status: 'returned', lastNote: '营业执照照片不清晰，请重新拍摄上传' });
    const todos = await api().get('/api/applications/todos').set(bearer(merchant.jwt)).expect(200);
    expect(todos.body.data).toEqual([expect.objectContaining({ applicationId: appId, status: 'returned', link: '/registration', note: '营业执照照片不清晰，请重新拍摄上传' })]);
    expect((await home(merchant.jwt)).modules.find((m: any) => m.key === 'registration').todo).toBe(1);

    const newLicence = await upload(merchant.jwt, 'business_licence');
    await api()
      .put(`/api/applications/${appId}`)
      .set(bearer(merchant.jwt))
      .send({ data: { ...completeData(), files: { ...files, business_licence: newLicence } } })
      .expect(200);
    await move(merchant.jwt, 'initial_review').expect(200);
    await move(staffJwt, 'onsite_check', '已预约周三上午现场核验').expect(200);

    const before = await home(merchant.jwt);
    expect(before.modules.filter((m: any) => m.enabled).map((m: any) => m.key)).toEqual(['registration', 'training']);
    const approved = await move(staffJwt, 'approved').expect(200);
    expect(approved.body.data).toMatchObject({ status: 'approved', statusLabel: '核准通过', owner: 'none' });
    expect(approved.body.data.completedAt).toEqual(expect.any(String));

    const after = await home(merchant.jwt);
    expect(after.modules.every((m: any) => m.enabled)).toBe(true);
    expect(after.merchant).toMatchObject({ registrationStatus: 'approved', nameCn: '东海县晶澜水晶饰品有限公司' });
    expect(after.modules.find((m: any) => m.key === 'registration').todo).toBe(0);

    // Terminal: nothing moves it any more, and the merchant can no longer edit it.
    expect((await move(staffJwt, 'returned', 'x')).status).toBe(409);
    const locked = await api().put(`/api/applications/${appId}`).set(bearer(merchant.jwt)).send({ data: {} });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('APPLICATION_LOCKED');
  });

  it('records the timeline: from, to, actor, note, time', async () => {
    const res = await getApp(merchant.jwt);
    const timeline = res.body.data.timeline;
    expect(timeline.map((e: any) => [e.from, e.to])).toEqual([
      [null, 'filling'],
      ['filling', 'initial_review'],
      ['initial_review', 'returned'],
      ['returned', 'initial_review'],
      ['initial_review', 'onsite_check'],
      ['onsite_check', 'approved'],
    ]);
    expect(timeline[2]).toMatchObject({ actorKind: 'platform', actorName: '晶贸通平台', note: '营业执照照片不清晰，请重新拍摄上传', toLabel: '退回补正' });
    expect(timeline[1]).toMatchObject({ actorKind: 'merchant' });
    for (const e of timeline) expect(Date.parse(e.createdAt)).not.toBeNaN();
    // Staff see who did it.
    const staffView = await getApp(staffJwt);
    expect(staffView.body.data.timeline[2].actorName).not.toBe('晶贸通平台');
  });

  it('writes one audit row per transition', async () => {
    const res = await api().get(`/api/audit-logs?filters[module][$eq]=application&pagination[pageSize]=100`).set(bearer(staffJwt)).expect(200);
    const rows = res.body.data.filter((r: any) => r.targetId === appId && r.action === 'transition');
    expect(rows.map((r: any) => r.after.status)).toEqual(['approved', 'onsite_check', 'initial_review', 'returned', 'initial_review']);
    expect(rows[0]).toMatchObject({ moduleLabel: '业务申请', actionLabel: '状态流转', before: { status: 'onsite_check' } });
    expect(rows.find((r: any) => r.after.status === 'returned').actorPhone).toBe(PHONES.superAdmin);
  });

  it('leaves exactly one in-app message per transition, linking to the registration page', async () => {
    const res = await api().get('/api/messages?filters[module][$eq]=registration&pagination[pageSize]=50').set(bearer(merchant.jwt)).expect(200);
    const titles = res.body.data.map((m: any) => m.title);
    expect(titles).toEqual(['工商注册：核准通过', '工商注册：现场核验', '工商注册：材料初审', '工商注册：退回补正', '工商注册：材料初审']);
    expect(res.body.data.every((m: any) => m.link === '/registration')).toBe(true);
    const returned = res.body.data.find((m: any) => m.title === '工商注册：退回补正');
    expect(returned).toMatchObject({ category: 'todo', read: false });
    expect(returned.body).toContain('营业执照照片不清晰');
  });

  it('pushes exactly one WeChat template message per transition, opening the registration page', async () => {
    await eventually(
      () => wechatOutbox(merchant.openid as string),
      (list) => list.length >= 5,
    );
    // Give a duplicate the chance to show up before asserting there is none.
    await new Promise((r) => setTimeout(r, 1500));
    const final = await wechatOutbox(merchant.openid as string);
    expect(final).toHaveLength(5);
    expect(new Set(final.map((m) => m.client_msg_id)).size).toBe(5);
    for (const m of final) {
      expect(m.miniprogram?.pagepath).toBe(`packageRegistration/pages/index/index?id=${appId}`);
      expect(m.template_id).toEqual(expect.any(String));
    }
    // Retries may reorder deliveries; each transition is there exactly once.
    expect(final.map((m) => m.data.phrase2.value).sort()).toEqual(['核准通过', '现场核验', '材料初审', '退回补正', '材料初审'].sort());

    // The retries are visible to staff: every job ended sent, the first after several attempts.
    const jobs = await api().get('/api/outbox-jobs?filters[status][$eq]=sent&pagination[pageSize]=100').set(bearer(staffJwt)).expect(200);
    const mine = jobs.body.data.filter((j: any) => j.recipient === merchant.openid);
    expect(mine).toHaveLength(5);
    // Two failed sends and one lost reply: exactly three extra attempts, on whichever jobs met them
    // (which ones depends on how deliveries interleave with the transitions).
    expect(mine.reduce((n: number, j: any) => n + j.attempts, 0)).toBe(5 + 3);
    expect(Math.max(...mine.map((j: any) => j.attempts))).toBeGreaterThanOrEqual(2);
  });

  it('lets staff correct approved data, which flows to the merchant record, while the merchant cannot', async () => {
    const own = await api()
      .put(`/api/merchants/${merchant.merchantDocumentId}`)
      .set(bearer(merchant.jwt))
      .send({ data: { nameCn: '改个名字' } });
    expect(own.status).toBe(409);
    expect(own.body.error.code).toBe('APPROVED_DATA_LOCKED');
    // Fields outside the registration stay editable.
    await api()
      .put(`/api/merchants/${merchant.merchantDocumentId}`)
      .set(bearer(merchant.jwt))
      .send({ data: { contactEmail: 'jinglan@example.cn' } })
      .expect(200);

    const broken = await api()
      .put(`/api/applications/${appId}`)
      .set(bearer(staffJwt))
      .send({ data: { ...completeData(), creditCode: '91320722MA1XJH8Q3A' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.missing).toEqual([expect.objectContaining({ field: 'creditCode', reason: 'invalid' })]);
    const data = { ...completeData(), registeredAddress: '江苏省连云港市东海县牛山街道晶都大道 68 号' };
    await api().put(`/api/applications/${appId}`).set(bearer(staffJwt)).send({ data }).expect(200);
    expect((await home(merchant.jwt)).merchant.registrationStatus).toBe('approved');
    const m = await api().get(`/api/merchants/${merchant.merchantDocumentId}`).set(bearer(merchant.jwt)).expect(200);
    expect(m.body.data).toMatchObject({ addressCn: '江苏省连云港市东海县牛山街道晶都大道 68 号', creditCode: VALID.creditCode });
    const audit = await api().get(`/api/audit-logs?filters[module][$eq]=application&pagination[pageSize]=100`).set(bearer(staffJwt)).expect(200);
    expect(audit.body.data.find((r: any) => r.targetId === appId && r.action === 'correct_data')).toBeTruthy();
  });
});

describe('review queues and outbox failures (staff)', () => {
  it('lists everyone’s applications for staff with filters, and only their own for merchants', async () => {
    const all = await api().get(`/api/applications?filters[kind][$eq]=${KIND}&pagination[pageSize]=100`).set(bearer(staffJwt)).expect(200);
    const merchants = new Set(all.body.data.map((a: any) => a.merchant.nameCn));
    expect(merchants.size).toBeGreaterThanOrEqual(3);
    const waiting = await api().get(`/api/applications?filters[owner][$eq]=platform&pagination[pageSize]=100`).set(bearer(staffJwt)).expect(200);
    expect(waiting.body.data.length).toBeGreaterThan(0);
    expect(waiting.body.data.every((a: any) => a.owner === 'platform')).toBe(true);
    const stuck = await api().get(`/api/applications?filters[stuckDays][$gte]=3`).set(bearer(staffJwt)).expect(200);
    expect(stuck.body.data.map((a: any) => a.merchant.nameCn)).toContain('东海县晶莹水晶制品厂');
    const q = await api().get(`/api/applications?filters[q][$containsi]=晶澜`).set(bearer(staffJwt)).expect(200);
    expect(q.body.data.map((a: any) => a.id)).toEqual([appId]);

    const todos = await api().get('/api/applications/todos').set(bearer(staffJwt)).expect(200);
    const initial = todos.body.data.find((t: any) => t.kind === KIND && t.status === 'initial_review');
    expect(initial.count).toBeGreaterThanOrEqual(1);
  });

  it('shows staff a push that keeps failing, and delivers it once on retry', async () => {
    const other = await signUpWithWechat();
    const created = await api().post('/api/applications').set(bearer(other.jwt)).send({ kind: KIND, data: {} }).expect(201);
    secondAppId = created.body.data.id;
    await wechatControl({ failNext: 50 });
    await api().post(`/api/applications/${created.body.data.id}/transitions`).set(bearer(staffJwt)).send({ to: 'initial_review' }).expect(403);
    // A staff move on another merchant's returned application notifies that merchant: use a full submission.
    const docs = { id_card_front: await upload(other.jwt, 'id_card_front'), id_card_back: await upload(other.jwt, 'id_card_back') };
    await api()
      .put(`/api/applications/${created.body.data.id}`)
      .set(bearer(other.jwt))
      .send({
        data: {
          path: 'new',
          entityType: 'individual',
          nameOptions: ['东海县晶韵水晶饰品店'],
          registeredAddress: '江苏省连云港市东海县石榴街道 9 号',
          businessScope: '水晶饰品零售；互联网销售',
          legalPerson: { name: '孙晶韵', idNumber: VALID.idNumber2, phone: other.phone },
          contact: { name: '孙晶韵', phone: other.phone },
          files: docs,
        },
      })
      .expect(200);
    await api().post(`/api/applications/${created.body.data.id}/transitions`).set(bearer(other.jwt)).send({ to: 'initial_review' }).expect(200);

    const failed = await eventually(
      async () =>
        (await api().get('/api/outbox-jobs?filters[status][$eq]=failed&pagination[pageSize]=100').set(bearer(staffJwt)).expect(200)).body.data.filter(
          (j: any) => j.recipient === other.openid,
        ),
      (list: any[]) => list.length === 1,
    );
    expect(failed[0]).toMatchObject({ status: 'failed', attempts: 4, pagepath: `packageRegistration/pages/index/index?id=${created.body.data.id}` });
    expect(failed[0].lastError).toMatch(/500|system error/);
    expect(await wechatOutbox(other.openid as string)).toHaveLength(0);

    const operator = await login(PHONES.operator);
    await wechatControl({ failNext: 0 });
    await api().post(`/api/outbox-jobs/${failed[0].id}/retry`).set(bearer(operator)).expect(200);
    await eventually(
      () => wechatOutbox(other.openid as string),
      (list) => list.length === 1,
    );
    const again = await api().post(`/api/outbox-jobs/${failed[0].id}/retry`).set(bearer(operator));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('OUTBOX_NOT_RETRYABLE');
    // Merchants never see the outbox.
    expect((await api().get('/api/outbox-jobs').set(bearer(other.jwt))).status).toBe(403);
  });

  it('lets only one of two simultaneous moves through, leaving one timeline row', async () => {
    const operator = await login(PHONES.operator);
    const results = await Promise.all([
      api().post(`/api/applications/${secondAppId}/transitions`).set(bearer(staffJwt)).send({ to: 'onsite_check' }),
      api().post(`/api/applications/${secondAppId}/transitions`).set(bearer(operator)).send({ to: 'onsite_check' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe('TRANSITION_NOT_ALLOWED');
    const app = await api().get(`/api/applications/${secondAppId}`).set(bearer(staffJwt)).expect(200);
    expect(app.body.data.timeline.filter((e: any) => e.to === 'onsite_check')).toHaveLength(1);
  });

  it('rejects with a reason and ends the application', async () => {
    const byNumber = await api().get(`/api/applications/${secondAppId}`).set(bearer(staffJwt)).expect(200);
    const found = await api().get(`/api/applications?filters[q][$containsi]=${byNumber.body.data.number}`).set(bearer(staffJwt)).expect(200);
    expect(found.body.data.map((a: any) => a.id)).toEqual([secondAppId]);
    const id = secondAppId;
    const res = await api().post(`/api/applications/${id}/transitions`).set(bearer(staffJwt)).send({ to: 'rejected', note: '经营场所不符合登记要求' }).expect(200);
    expect(res.body.data).toMatchObject({ status: 'rejected', statusLabel: '已驳回' });
    expect((await api().post(`/api/applications/${id}/transitions`).set(bearer(staffJwt)).send({ to: 'onsite_check' })).status).toBe(409);
  });

  it('answers unknown kinds with a stable code', async () => {
    const res = await api().post('/api/applications').set(bearer(merchant.jwt)).send({ kind: 'moon-landing', data: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('KIND_UNKNOWN');
  });
});
