import { checkForm, customs, errorsOf, fieldRule, firstProblem, formFieldRule, fx, invitations, taxrefund, toFormFields } from '../src';

describe('form checks from the contracts', () => {
  it('a field rule rejects with the message the server answers, and passes what it accepts', async () => {
    const phone = fieldRule(invitations.inviteInput.shape.phone);
    await expect(phone.validator(null, '1391234567')).rejects.toThrow('请输入正确的中国大陆手机号（11 位，以 1 开头）');
    await expect(phone.validator(null, '')).rejects.toThrow('请填写手机号');
    await expect(phone.validator(null, ' 13912345678 ')).resolves.toBeUndefined();
  });

  it('a transform cleans what the form holds before the check', async () => {
    const rule = fieldRule(invitations.inviteInput.shape.phone, (v) => String(v).replace(/\s/g, ''));
    await expect(rule.validator(null, '139 1234 5678')).resolves.toBeUndefined();
  });

  it('a whole form names every field that is wrong, in the schema order, as antd fields', () => {
    const r = checkForm(customs.batchInput, { name: '', logisticsCode: 'yt-1', parcelWeight: '0.1234' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'logisticsCode', 'parcelWeight']));
    expect(errorsOf(r.errors, 'name')).toEqual(['请填写批次名称']);
    const set = toFormFields([...r.errors, { field: 'evidence.0.fileId', message: '请上传水单' }]);
    expect(set.find((f) => f.name[0] === 'name')).toEqual({ name: ['name'], errors: ['请填写批次名称'] });
    expect(set.at(-1)).toEqual({ name: ['evidence', 0, 'fileId'], errors: ['请上传水单'] });
  });

  it('cross-field rules of a body reach the form too (an alert threshold at its currency scale)', () => {
    const r = checkForm(fx.alertInput, { currency: 'USD', direction: 'above', threshold: '7.123456' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain('threshold');
    expect(checkForm(fx.alertInput, { currency: 'USD', direction: 'above', threshold: '7.1234' })).toMatchObject({ ok: true });
    expect(firstProblem(invitations.inviteInput.shape.role, 'owner')).toBe('角色应为管理员（admin）或普通成员（member）');
    expect(firstProblem(invitations.inviteInput.shape.role, 'member')).toBeNull();
  });
});

describe('a surface words the message, the server keeps the rule', () => {
  it('fieldRule with a message shows that wording whenever the schema refuses', async () => {
    const rule = fieldRule(fx.settlementInput.shape.rate, { message: '请输入大于 0、最多 4 位小数的汇率' });
    await expect(rule.validator(null, 'abc')).rejects.toThrow('请输入大于 0、最多 4 位小数的汇率');
    await expect(rule.validator(null, '7.12345')).rejects.toThrow('请输入大于 0、最多 4 位小数的汇率');
    await expect(rule.validator(null, '7.1234')).resolves.toBeUndefined();
  });

  it('formFieldRule checks one field with the rest of the form (the scale of the chosen currency)', async () => {
    let values: Record<string, unknown> = { currency: 'HKD', direction: 'above', threshold: '0.91234' };
    const rule = formFieldRule(fx.alertInput, 'threshold', () => values);
    await expect(rule.validator()).resolves.toBeUndefined(); // HKD rates have 5 decimals
    values = { ...values, currency: 'USD' };
    await expect(rule.validator()).rejects.toThrow('预警汇率最多 4 位小数');
    values = { ...values, threshold: '7.1' };
    await expect(rule.validator()).resolves.toBeUndefined();
  });
});

describe('a refund estimate query', () => {
  it('names a missing or unreadable amount instead of throwing', () => {
    for (const query of [{ hsCode: '7116200000' }, { hsCode: '7116200000', purchaseAmount: 'abc' }, { hsCode: '7018100000', enterpriseType: 'producer', orderAmount: '' }]) {
      const r = checkForm(taxrefund.estimateQuery, query);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual([query.enterpriseType === 'producer' ? 'orderAmount' : 'purchaseAmount']);
    }
    expect(checkForm(taxrefund.estimateQuery, { hsCode: '7116.20', purchaseAmount: '72000' })).toMatchObject({ ok: true, value: { hsCode: '711620', purchaseAmount: '72000.00' } });
  });
});
