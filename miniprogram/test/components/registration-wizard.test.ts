/** @jest-environment jsdom */
import { STORAGE_KEYS } from '../../src/services/session';
import { errorEnvelope, flushPromises, installFakeWx, FakeWx, RecordedRequest } from '../helpers/fake-wx';
import { loadPage, render } from '../helpers/simulate';

type Comp = ReturnType<typeof render>;
const text = (comp: Comp) => (comp.dom as HTMLElement).textContent!.replace(/\s+/g, ' ');
const API = 'http://127.0.0.1:1337';

const completeCompany = {
  path: 'new',
  entityType: 'company',
  nameOptions: ['东海县晶华水晶饰品有限公司'],
  registeredAddress: '江苏省连云港市东海县牛山街道晶都大道 1 号',
  businessScope: '水晶制品销售；货物进出口',
  registeredCapital: '50',
  legalPerson: { name: '赵晶', idNumber: '320722199001011234', phone: '13900000001' },
  shareholders: [
    { name: '赵晶', idNumber: '320722199001011234', ratio: '60' },
    { name: '钱水', idNumber: '32072219910101123X', ratio: '40' },
  ],
  contact: { name: '赵晶', phone: '13900000001' },
  files: { id_card_front: 'pf-1', id_card_back: 'pf-2' },
};

const application = (status: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  documentId: 'a1',
  number: 'BR-20261122-0001',
  kind: 'business-registration',
  status,
  data,
  timeline: [],
  ...extra,
});

let fake: FakeWx;
const query = { current: {} as Record<string, string> };
const puts = () => fake.requests.filter((r) => r.method === 'PUT');
const posts = (suffix: string) => fake.requests.filter((r) => r.method === 'POST' && r.url.endsWith(suffix));

beforeEach(() => {
  fake = installFakeWx();
  fake.storage[STORAGE_KEYS.jwt] = 'jwt-reg';
  query.current = {};
  // PUT echoes the saved draft
  fake.respond(/\/api\/applications\/a1$/, (req: RecordedRequest) =>
    req.method === 'PUT'
      ? { statusCode: 200, data: { data: application('filling', (req.data as { data: Record<string, unknown> }).data) } }
      : { statusCode: 404, data: { data: null, error: { status: 404, code: 'NOT_FOUND', message: 'Not Found', details: {} } } },
  );
});

describe('packageRegistration/pages/index (工商注册 R1–R3)', () => {
  let id: string;
  beforeAll(() => {
    id = loadPage('packageRegistration/pages/index/index', query);
  });

  it('without an application: choose new vs existing → prefilled application created → wizard', async () => {
    fake.respond(/\/api\/applications\?.*filters%5Bkind%5D%5B%24eq%5D=business-registration/, {
      statusCode: 200,
      data: { data: [], meta: { pagination: { page: 1, pageSize: 20, pageCount: 0, total: 0 } } },
    });
    fake.respond(/\/api\/applications\/prefill\?kind=business-registration/, {
      statusCode: 200,
      data: {
        data: { entityType: 'company', legalPerson: { name: '赵晶', phone: '13900000001' }, contact: { name: '赵晶', phone: '13900000001' } },
        meta: { sources: { 'legalPerson.name': 'merchant' } },
      },
    });
    fake.respond(/\/api\/applications$/, (req) => ({ statusCode: 201, data: { data: application('filling', (req.data as { data: Record<string, unknown> }).data) } }));
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.mode).toBe('choose');
    expect(text(comp)).toContain('新办营业执照');
    expect(text(comp)).toContain('已有营业执照');
    comp.querySelectorAll('.reg-choice')[0].dispatchEvent('tap');
    await flushPromises(30);
    const create = posts('/api/applications')[0];
    expect(create.data).toMatchObject({ kind: 'business-registration', data: { path: 'new', entityType: 'company', legalPerson: { name: '赵晶', phone: '13900000001' } } });
    expect(comp.data.mode).toBe('wizard');
    expect(comp.data.stepKey).toBe('entity');
    expect(comp.data.form.legalPerson.name).toBe('赵晶');
    // the six steps of the new path in antd-mini Steps
    const titles = comp.querySelectorAll('.reg >>> .ant-steps-item-title').map((n: { dom: HTMLElement }) => n.dom.textContent);
    expect(titles).toEqual(['主体类型', '名称与地址', '经营范围与资本', '法人与股东/联系人', '上传材料', '确认提交']);
  });

  it('an already open application (APPLICATION_EXISTS) is resumed instead', async () => {
    fake.respond(/\/api\/applications\?.*filters%5Bkind%5D/, { statusCode: 200, data: { data: [] } });
    fake.respond(/\/api\/applications\/prefill/, { statusCode: 200, data: { data: {} } });
    fake.respond(/\/api\/applications$/, errorEnvelope(409, 'APPLICATION_EXISTS', '已有进行中的申请', { id: 'a1' }));
    fake.respond(/\/api\/applications\/a1$/, { statusCode: 200, data: { data: application('filling', { path: 'existing', entityType: 'individual' }) } });
    const comp = render(id);
    await flushPromises(30);
    await comp.instance.onChoosePath({ currentTarget: { dataset: { path: 'existing' } } });
    await flushPromises(30);
    expect(comp.data.mode).toBe('wizard');
    expect(comp.data.form.path).toBe('existing');
    expect(comp.data.steps.map((s: { title: string }) => s.title)).toEqual(['主体类型', '名称与地址', '法人与股东/联系人', '上传材料', '确认提交']);
  });

  it('deep link ?id=: step navigation, validation errors, and a PUT of the draft at every step', async () => {
    query.current = { id: 'a1' };
    fake.respond(/\/api\/applications\/a1$/, (req) =>
      req.method === 'PUT'
        ? { statusCode: 200, data: { data: application('filling', (req.data as { data: Record<string, unknown> }).data) } }
        : { statusCode: 200, data: { data: application('filling', { path: 'new' }) } },
    );
    const comp = render(id);
    await flushPromises(30);
    expect(fake.requests[0]).toMatchObject({ url: `${API}/api/applications/a1`, method: 'GET' });
    expect(fake.requests[0].header.Authorization).toBe('Bearer jwt-reg');
    expect(comp.data.mode).toBe('wizard');
    expect(comp.data.stepIndex).toBe(0);

    // 下一步 without a choice → the error under the selector, no request
    await comp.instance.onNext();
    await flushPromises();
    expect(puts()).toHaveLength(0);
    expect(text(comp)).toContain('请填写主体类型');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先完善本步信息' }));

    // choose 有限公司 in the rendered antd-mini Selector
    const options = comp.querySelectorAll('.reg >>> .ant-selector-item');
    expect(options).toHaveLength(2);
    options[1].dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.form.entityType).toBe('company');
    expect(text(comp)).not.toContain('请填写主体类型');

    // 下一步 (antd-mini Button: the tap bubbles to the page's bindtap)
    comp.querySelector('.reg >>> .reg-next').dispatchEvent('tap');
    await flushPromises(30);
    expect(puts().length).toBeGreaterThanOrEqual(1);
    const put = puts()[0];
    expect(put.url).toBe(`${API}/api/applications/a1`);
    expect(put.data).toMatchObject({ data: { path: 'new', entityType: 'company' } });
    expect(comp.data.stepKey).toBe('name');
    expect(fake.storage['jmt.regStep.a1']).toBe(1);

    // step 2: empty names and address → both errors
    await comp.instance.onNext();
    await flushPromises();
    expect(comp.data.stepKey).toBe('name');
    expect(text(comp)).toContain('请至少填写一个拟定名称');
    expect(text(comp)).toContain('请填写注册地址');
    comp.instance.onField({ currentTarget: { dataset: { field: 'nameOptions.0' } }, detail: '东海县晶华水晶饰品有限公司' });
    comp.instance.onField({ currentTarget: { dataset: { field: 'registeredAddress' } }, detail: '东海县牛山街道晶都大道 1 号' });
    await comp.instance.onNext();
    await flushPromises(30);
    expect(comp.data.stepKey).toBe('scope');
    expect(puts().pop()!.data).toMatchObject({ data: { nameOptions: ['东海县晶华水晶饰品有限公司'], registeredAddress: '东海县牛山街道晶都大道 1 号' } });

    // 上一步 goes back without losing data
    comp.instance.onPrev();
    await flushPromises();
    expect(comp.data.stepKey).toBe('name');
    expect(comp.data.form.registeredAddress).toBe('东海县牛山街道晶都大道 1 号');

    // 保存草稿 → PUT with the current data
    const before = puts().length;
    comp.querySelector('.reg >>> .reg-btn').dispatchEvent('tap'); // 上一步 is first on step 2
    await flushPromises(30);
    expect(comp.data.stepKey).toBe('entity');
    comp.querySelector('.reg >>> .reg-btn').dispatchEvent('tap'); // on step 1 the first one is 保存草稿
    await flushPromises(30);
    expect(puts().length).toBeGreaterThan(before);
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '草稿已保存' }));
  });

  it('people step: ID number, phone and shareholder ratios are checked', async () => {
    query.current = { id: 'a1' };
    fake.storage['jmt.regStep.a1'] = 3;
    const data = {
      ...completeCompany,
      legalPerson: { name: '赵晶', idNumber: '1234', phone: '12345' },
      shareholders: [{ name: '赵晶', idNumber: '320722199001011234', ratio: '60' }],
    };
    fake.respond(/\/api\/applications\/a1$/, { statusCode: 200, data: { data: application('filling', data) } });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.stepKey).toBe('people');
    await comp.instance.onNext();
    await flushPromises();
    const t = text(comp);
    expect(t).toContain('请输入正确的 18 位身份证号');
    expect(t).toContain('请输入正确的手机号');
    expect(t).toContain('股东出资比例合计须为 100%');
    expect(puts()).toHaveLength(0);
  });

  it('submit: saves, transitions to initial_review and lists APPLICATION_INCOMPLETE fields', async () => {
    query.current = { id: 'a1' };
    fake.storage['jmt.regStep.a1'] = 5;
    fake.respond(/\/api\/applications\/a1$/, (req) =>
      req.method === 'PUT'
        ? { statusCode: 200, data: { data: application('filling', (req.data as { data: Record<string, unknown> }).data) } }
        : { statusCode: 200, data: { data: application('filling', completeCompany) } },
    );
    fake.respond(
      /\/api\/applications\/a1\/transitions$/,
      errorEnvelope(400, 'APPLICATION_INCOMPLETE', '申请材料不完整', {
        missing: [
          { field: 'files.lease_contract', label: '场地租赁合同' },
          { field: 'businessScope', label: '经营范围' },
        ],
      }),
    );
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.stepKey).toBe('confirm');
    const t = text(comp);
    expect(t).toContain('东海县晶华水晶饰品有限公司');
    expect(t).toContain('赵晶 60%，钱水 40%');
    expect(t).toContain('已上传 2/3 份');

    comp.querySelector('.reg >>> .reg-submit').dispatchEvent('tap');
    await flushPromises(40);
    const order = fake.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url.replace(API, '')}`);
    expect(order).toEqual(['PUT /api/applications/a1', 'POST /api/applications/a1/transitions']);
    expect(posts('/transitions')[0].data).toEqual({ to: 'initial_review' });
    expect(comp.data.mode).toBe('wizard');
    const items = comp.querySelectorAll('.reg-missing-item');
    expect(items).toHaveLength(2);
    expect(text(comp)).toContain('以下材料还需补充');
    expect(text(comp)).toContain('场地租赁合同');
    expect(text(comp)).toContain('经营范围');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '申请材料不完整' }));

    // tapping a missing field jumps to its step
    items[1].dispatchEvent('tap');
    await flushPromises();
    expect(comp.data.stepKey).toBe('scope');
    expect(text(comp)).toContain('经营范围');
  });

  it('a successful submission shows the progress board and the timeline', async () => {
    query.current = { id: 'a1' };
    fake.storage['jmt.regStep.a1'] = 5;
    let submitted = false;
    const timeline = [
      { from: null, to: 'filling', toLabel: '材料填报', actorName: '赵晶', actorKind: 'merchant', createdAt: '2026-11-20T02:00:00.000Z' },
      { from: 'filling', to: 'initial_review', fromLabel: '材料填报', toLabel: '材料初审', actorName: '赵晶', actorKind: 'merchant', createdAt: '2026-11-21T02:00:00.000Z' },
    ];
    fake.respond(/\/api\/applications\/a1$/, (req) => {
      if (req.method === 'PUT') return { statusCode: 200, data: { data: application('filling', completeCompany) } };
      return {
        statusCode: 200,
        data: { data: submitted ? application('initial_review', completeCompany, { statusLabel: '材料初审', timeline }) : application('filling', completeCompany) },
      };
    });
    fake.respond(/\/transitions$/, () => {
      submitted = true;
      return { statusCode: 200, data: { data: application('initial_review', completeCompany) } };
    });
    const comp = render(id);
    await flushPromises(30);
    await comp.instance.onSubmit();
    await flushPromises(40);
    expect(comp.data.mode).toBe('progress');
    expect(fake.api.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，请等待平台审核' }));
    expect(fake.storage['jmt.regStep.a1']).toBeUndefined();
    const t = text(comp);
    expect(t).toContain('办理进度');
    expect(t).toContain('申请编号 BR-20261122-0001');
    expect(t).toContain('材料填报 → 材料初审');
    expect(comp.querySelectorAll('.reg >>> .ant-steps-item-title-finish')).toHaveLength(1);
  });

  it('returned: the wizard opens with the reason on the progress board and 重新提交', async () => {
    query.current = { id: 'a1' };
    fake.storage['jmt.regStep.a1'] = 5;
    const timeline = [{ from: 'initial_review', to: 'returned', note: '身份证国徽面不清晰，请重新上传', actorKind: 'platform', createdAt: '2026-11-22T02:00:00.000Z' }];
    fake.respond(/\/api\/applications\/a1$/, { statusCode: 200, data: { data: application('returned', completeCompany, { timeline }) } });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.mode).toBe('wizard');
    const t = text(comp);
    expect(t).toContain('身份证国徽面不清晰，请重新上传');
    expect(t).toContain('平台已退回，请根据说明修改后重新提交');
    expect(t).toContain('重新提交');
  });

  it('rejected: read-only progress with the reason', async () => {
    query.current = { id: 'a1' };
    const timeline = [{ from: 'onsite_check', to: 'rejected', note: '现场核验未通过', actorKind: 'platform', createdAt: '2026-11-22T02:00:00.000Z' }];
    fake.respond(/\/api\/applications\/a1$/, { statusCode: 200, data: { data: application('rejected', completeCompany, { timeline }) } });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.mode).toBe('progress');
    expect(text(comp)).toContain('现场核验未通过');
    expect((comp.dom as HTMLElement).querySelector('wx-button[class~="ant-button--reg-submit"]')).toBeNull();
  });

  it('a member sees the registration read-only: notice, summary, no wizard or submit button', async () => {
    query.current = { id: 'a1' };
    fake.respond('/api/me', { statusCode: 200, data: { role: 'member', merchant: null, user: { id: 2, phone: '13900000002' } } });
    fake.respond(/\/api\/applications\/a1$/, { statusCode: 200, data: { data: application('filling', completeCompany) } });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.readOnly).toBe(true);
    expect(comp.data.mode).toBe('progress');
    expect(text(comp)).toContain('您是普通成员，仅可查看');
    expect(text(comp)).toContain('东海县晶华水晶饰品有限公司');
    const dom = comp.dom as HTMLElement;
    expect(dom.querySelector('wx-button[class~="ant-button--reg-submit"]')).toBeNull();
    expect(dom.querySelector('wx-button[class~="ant-button--reg-next"]')).toBeNull();
    expect(dom.querySelector('wx-button[class~="ant-button--reg-btn"]')).toBeNull();
    await comp.instance.onSubmit();
    await comp.instance.onSaveDraft();
    await flushPromises(20);
    expect(fake.requests.some((r) => r.method !== 'GET')).toBe(false);

    // nothing started yet: no 新办/已有 choice for a member
    query.current = {};
    fake.respond(/\/api\/applications\?.*filters%5Bkind%5D%5B%24eq%5D=business-registration/, { statusCode: 200, data: { data: [] } });
    const fresh = render(id);
    await flushPromises(30);
    expect(fresh.data.mode).toBe('choose');
    expect(fresh.querySelectorAll('.reg-choice')).toHaveLength(0);
    expect(text(fresh)).toContain('尚未开始办理，请联系商户管理员办理');
  });

  it('an admin on the confirm step gets the submit button', async () => {
    query.current = { id: 'a1' };
    fake.storage['jmt.regStep.a1'] = 5;
    fake.respond('/api/me', { statusCode: 200, data: { role: 'admin', merchant: null, user: { id: 1, phone: '13900000001' } } });
    fake.respond(/\/api\/applications\/a1$/, { statusCode: 200, data: { data: application('filling', completeCompany) } });
    const comp = render(id);
    await flushPromises(30);
    expect(comp.data.mode).toBe('wizard');
    expect(comp.data.stepKey).toBe('confirm');
    expect((comp.dom as HTMLElement).querySelector('wx-button[class~="ant-button--reg-submit"]')!.textContent).toContain('确认提交');
    expect(text(comp)).not.toContain('您是普通成员');
  });

  it('a load error is shown with a retry', async () => {
    query.current = { id: 'a1' };
    fake.respond(/\/api\/applications\/a1$/, errorEnvelope(500, 'INTERNAL', 'Internal Server Error'));
    const comp = render(id);
    await flushPromises(30);
    expect(text(comp)).toContain('申请加载失败：服务暂时不可用，请稍后再试');
  });
});
