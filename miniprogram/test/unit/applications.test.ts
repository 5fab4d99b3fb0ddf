import { ApiError } from '../../src/utils/errors';
import { applicationPage, getPath, lastReason, progressCard, whenHolds, missingFields, progressModel, setPath, stepsOf, toPageUrl } from '../../src/services/applications';
import { messagePage, messageRows } from '../../src/services/message-center';
import { fileSlots, firstInvalidStep, isCompanyNew, normalizeForm, stepOfField, summaryRows, toApplicationData, validateStep } from '../../src/packageRegistration/wizard';

describe('services/applications', () => {
  it('whenHolds: null, one condition, or all of several (the server rule)', () => {
    const data = { path: 'new', entityType: 'company', legalPerson: { name: '赵晶' } };
    expect(whenHolds(null, data)).toBe(true);
    expect(whenHolds(undefined, data)).toBe(true);
    expect(whenHolds({ path: 'path', in: ['new'] }, data)).toBe(true);
    expect(whenHolds({ path: 'path', in: ['existing'] }, data)).toBe(false);
    expect(
      whenHolds(
        [
          { path: 'path', in: ['new'] },
          { path: 'entityType', in: ['company'] },
        ],
        data,
      ),
    ).toBe(true);
    expect(
      whenHolds(
        [
          { path: 'path', in: ['new'] },
          { path: 'entityType', in: ['individual'] },
        ],
        data,
      ),
    ).toBe(false);
    expect(whenHolds({ path: 'legalPerson.name', in: ['赵晶'] }, data)).toBe(true);
    expect(whenHolds({ path: 'missing', in: [''] }, data)).toBe(true);
    expect(whenHolds({ path: 'missing', in: ['x'] }, {})).toBe(false);
    expect(whenHolds([], data)).toBe(true);
  });

  it('progressCard: done/total, percent, next page with a leading slash, lock', () => {
    const rows = progressCard([
      {
        module: 'registration',
        label: '工商注册',
        done: 1,
        total: 4,
        steps: [{ key: 'filling', label: '材料填报', done: true }],
        next: { label: '等待平台审核', mpPath: 'packageRegistration/pages/index/index?id=a1' },
      },
      { module: 'filing', label: '跨境申报', done: 0, total: 5, steps: [], next: null, locked: true },
    ]);
    expect(rows[0]).toMatchObject({
      doneText: '已完成 1/4',
      percent: 25,
      complete: false,
      nextLabel: '等待平台审核',
      nextPage: '/packageRegistration/pages/index/index?id=a1',
      locked: false,
    });
    expect(rows[1]).toMatchObject({ doneText: '已完成 0/5', percent: 0, nextLabel: '', nextPage: '', locked: true });
    expect(progressCard(null)).toEqual([]);
  });

  it('progressModel follows the contract states', () => {
    const steps = stepsOf('business-registration');
    expect(progressModel(steps, 'filling')).toMatchObject({ current: 0, status: 'process' });
    expect(progressModel(steps, 'approved')).toMatchObject({ current: 3, status: 'finish', tone: 'success' });
    expect(progressModel(steps, 'returned', { errorFrom: 'onsite_check' })).toMatchObject({ current: 2, status: 'error', errorKind: 'returned' });
    expect(progressModel(steps, 'rejected')).toMatchObject({ current: 1, status: 'error', errorKind: 'rejected', statusLabel: '未通过' });
  });

  it('lastReason takes the latest note into the status', () => {
    const timeline = [
      { from: 'initial_review', to: 'returned', note: '旧原因', createdAt: '2026-01-01' },
      { from: 'returned', to: 'initial_review', createdAt: '2026-01-02' },
      { from: 'onsite_check', to: 'returned', note: ' 新原因 ', createdAt: '2026-01-03' },
    ];
    expect(lastReason(timeline, 'returned')).toEqual({ reason: '新原因', from: 'onsite_check' });
    expect(lastReason([], 'returned')).toEqual({ reason: '', from: null });
  });

  it('missingFields reads APPLICATION_INCOMPLETE details only', () => {
    const err = new ApiError(400, 'APPLICATION_INCOMPLETE', '不完整', { missing: [{ field: 'contact.phone', label: '联系人手机号' }] });
    expect(missingFields(err)).toEqual([{ field: 'contact.phone', label: '联系人手机号' }]);
    expect(missingFields(new ApiError(409, 'PREREQUISITE_NOT_MET', 'x'))).toEqual([]);
    expect(missingFields(new Error('x'))).toEqual([]);
  });

  it('links and paths', () => {
    expect(applicationPage('business-registration', 'a1')).toBe('/packageRegistration/pages/index/index?id=a1');
    expect(applicationPage('dxp-id', 'd1')).toBe('/packageFiling/pages/detail/index?kind=dxp-id&id=d1');
    expect(toPageUrl('packageFiling/pages/detail/index?kind=dxp-id&id=d1')).toBe('/packageFiling/pages/detail/index?kind=dxp-id&id=d1');
    expect(toPageUrl('')).toBe('');
    const data = setPath({ a: { b: 1 }, list: [{ x: '1' }] } as Record<string, unknown>, 'list.0.x', '2');
    expect(getPath(data, 'list.0.x')).toBe('2');
    expect(getPath(setPath({}, 'legalPerson.name', '赵'), 'legalPerson.name')).toBe('赵');
  });
});

describe('services/message-center', () => {
  it('maps web links to mini-program pages', () => {
    expect(messagePage({ link: '/registration', module: 'registration' })).toBe('/packageRegistration/pages/index/index');
    expect(messagePage({ link: '/filing/eport-card', module: 'filing' })).toBe('/packageFiling/pages/detail/index?kind=eport-card');
    expect(messagePage({ link: '/filing', module: 'filing' })).toBe('/packageFiling/pages/index/index');
    expect(messagePage({ link: null, module: 'customs' })).toBe('/packageCustoms/pages/index/index');
    expect(messagePage({ link: null, module: null })).toBe('');
    expect(
      messageRows([{ documentId: 'x', category: 'todo', module: null, title: 't', body: 'b', link: null, read: false, createdAt: '2026-01-01T00:00:00Z' }])[0].categoryLabel,
    ).toBe('待办提醒');
  });
});

describe('packageRegistration/wizard', () => {
  it('normalizes partial data and serializes per path', () => {
    const form = normalizeForm({ path: 'existing', entityType: 'company', companyName: 'A', creditCode: '91320722ma1xxxxx0x', nameOptions: ['x'] });
    expect(form.legalPerson).toEqual({ name: '', idNumber: '', phone: '' });
    const data = toApplicationData(form);
    expect(data).toMatchObject({ path: 'existing', companyName: 'A', creditCode: '91320722MA1XXXXX0X' });
    expect(data).not.toHaveProperty('nameOptions');
    expect(data).not.toHaveProperty('shareholders');
    const individual = toApplicationData(normalizeForm({ entityType: 'individual', nameOptions: ['a', ' '] }, 'new'));
    expect(individual.nameOptions).toEqual(['a']);
    expect(individual).not.toHaveProperty('registeredCapital');
  });

  it("file slots and company-only fields follow the kind's `when` conditions", () => {
    expect(fileSlots('new').map((s) => s.key)).toEqual(['id_card_front', 'id_card_back', 'lease_contract']);
    expect(fileSlots('existing').map((s) => s.key)).toEqual(['business_licence', 'id_card_front', 'id_card_back', 'bank_permit']);
    expect(isCompanyNew({ path: 'new', entityType: 'company' })).toBe(true);
    expect(isCompanyNew({ path: 'existing', entityType: 'company' })).toBe(false);
    expect(isCompanyNew({ path: 'new', entityType: 'individual' })).toBe(false);
  });

  it('validates steps', () => {
    const form = normalizeForm({ path: 'existing', entityType: 'company', companyName: 'A', creditCode: 'bad', registeredAddress: 'x' });
    expect(validateStep('name', form)).toEqual({ creditCode: '统一社会信用代码应为 18 位数字或大写字母' });
    expect(Object.keys(validateStep('files', form))).toEqual(['files.business_licence', 'files.id_card_front', 'files.id_card_back', 'files.bank_permit']);
    expect(firstInvalidStep(form).index).toBe(1);
    const capital = normalizeForm({ entityType: 'company', businessScope: 'x', registeredCapital: '0' }, 'new');
    expect(validateStep('scope', capital)).toEqual({ registeredCapital: '请输入大于 0 的金额（万元）' });
  });

  it('maps server fields to steps and summarises', () => {
    expect(stepOfField('files.id_card_front', 'new')).toBe('files');
    expect(stepOfField('shareholders.0.ratio', 'new')).toBe('people');
    expect(stepOfField('businessScope', 'new')).toBe('scope');
    expect(stepOfField('unknown', 'new')).toBe('confirm');
    const rows = summaryRows(normalizeForm({ entityType: 'individual', nameOptions: ['晶店'] }, 'new'));
    expect(rows[0]).toEqual({ label: '主体类型', value: '个体工商户' });
    expect(rows.map((r) => r.label)).toContain('经营者');
  });
});
