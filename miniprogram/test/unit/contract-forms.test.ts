/**
 * The forms say what the server says: each page's check is compared, input by input, with the contract the cms
 * parses the same body with — read here from its source (packages/contracts/src), while the app runs the bundle it
 * ships (jest maps @jmt/contracts/forms to dist/). Only what the contract cannot see stays the page's own: the
 * available amount, the date picker's window, a file not uploaded yet.
 */
import { cancellationInput, waybillInput } from '../../../packages/contracts/src/customs';
import { checkForm } from '../../../packages/contracts/src/form';
import { alertInput as alertContract, checkFields, merchantFxFields, settlementInput } from '../../../packages/contracts/src/fx';
import { inviteInput } from '../../../packages/contracts/src/invitations';
import { estimateQuery as estimateContract } from '../../../packages/contracts/src/taxrefund';
import { validateInvite } from '../../src/packageAccount/members';
import { validateCancellation, validateWaybill } from '../../src/packageCustoms/customs';
import { alertInput, SettleForm, validateAlert, validateSettlement } from '../../src/packageFx/fx';
import { estimateQuery, formFromData, RefundForm, validateRefund } from '../../src/packageTaxRefund/taxrefund';
import { validateSettlementProfile } from '../../src/services/merchant';
import { isMainlandMobile } from '../../src/utils/phone';
import { FieldErrors } from '../../src/utils/errors';

/** The contract's answer as a form shows it: each field's first message. */
function contract(schema: Parameters<typeof checkForm>[0], values: unknown): FieldErrors {
  const checked = checkForm(schema, values);
  const out: FieldErrors = {};
  if (!checked.ok) for (const e of checked.errors) if (!(e.field in out)) out[e.field] = e.message;
  return out;
}

const NOW = new Date(2026, 10, 22, 10, 0, 0); // 22 Nov 2026, local time

describe('成员邀请: validateInvite is inviteInput', () => {
  it.each([
    ['', 'member'],
    ['  ', 'member'],
    ['12345678901', 'member'],
    ['1391234567', 'admin'],
    ['139123456789', 'admin'],
    ['13912345678', 'member'],
    ['+86 139-1234-5678', 'admin'],
    ['13912345678', 'owner'],
  ])('%j as %s', (phone, role) => {
    // The phone as it is sent (spaces, dashes and +86 dropped, as the cms's own normalisation does).
    const sent = phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    expect(validateInvite({ phone, role: role as never })).toEqual(contract(inviteInput, { phone: sent || phone.trim(), role }));
  });

  it('the phone pattern is the contract’s', () => {
    for (const phone of ['13912345678', '19999999999', '12345678901', '1391234567', '139123456789', '23912345678']) {
      expect([phone, isMainlandMobile(phone)]).toEqual([phone, contract(inviteInput, { phone, role: 'member' }).phone === undefined]);
    }
  });
});

describe('收结汇: validateAlert is alertInput, validateSettlement is settlementInput plus what only the page knows', () => {
  it.each([
    ['USD', ''],
    ['USD', '0'],
    ['USD', '-1'],
    ['USD', 'abc'],
    ['USD', '7.12345'],
    ['USD', ' 7.2 '],
    ['HKD', '0.91234'],
    ['HKD', '0.912345'],
    ['JPY', '0.0481'],
  ])('alert %s %j', (currency, threshold) => {
    const form = { currency, direction: 'above' as const, threshold };
    expect(validateAlert(form)).toEqual(contract(alertContract, alertInput(form)));
  });

  it('HKD thresholds have 5 decimals, as the server judges them (the form used to refuse them)', () => {
    expect(validateAlert({ currency: 'HKD', direction: 'below', threshold: '0.91234' })).toEqual({});
    expect(validateAlert({ currency: 'USD', direction: 'below', threshold: '7.12345' })).toEqual({ threshold: '预警汇率最多 4 位小数' });
  });

  const settle = (extra: Partial<SettleForm>): SettleForm => ({
    amount: '1000.00',
    date: '2026-11-20',
    rate: '7.1234',
    note: '',
    evidence: { fx_withdrawal: 'pf-w', fx_statement: 'pf-s', fx_logistics: 'pf-l' },
    ...extra,
  });
  it.each<[string, Partial<SettleForm>]>([
    ['no amount', { amount: '' }],
    ['amount 0', { amount: '0' }],
    ['amount 1.234', { amount: '1.234' }],
    ['amount 1,000.5', { amount: '1,000.5' }],
    ['amount of 14 digits', { amount: '99999999999999' }],
    ['no rate', { rate: '' }],
    ['rate 7.12345', { rate: '7.12345' }],
    ['rate abc', { rate: 'abc' }],
    ['no date', { date: '' }],
    ['date 2026-02-30', { date: '2026-02-30' }],
    ['note of 501 characters', { note: 'x'.repeat(501) }],
    ['note of 500 characters between spaces', { note: ` ${'x'.repeat(500)} ` }],
  ])('settlement: %s', (_, extra) => {
    const form = settle(extra);
    const server = checkFields(settlementInput, { amount: form.amount, rate: form.rate, date: form.date, note: form.note });
    const expected: FieldErrors = {};
    for (const e of server.errors) if (!(e.field in expected)) expected[e.field] = e.message;
    // No account answer (available null): nothing of the page's own to add for these.
    expect(validateSettlement(form, null, NOW)).toEqual(expected);
  });
});

describe('我的 → 结汇账户: the two numbers are fx.merchantFxFields (the fx plugin’s write guard)', () => {
  it.each([
    ['AB-123', '6217 0012 3456'],
    ['子账号123456', '6217-0012-3456'],
    ['12345', '62170012345'],
    ['1'.repeat(41), '6'.repeat(31)],
    ['3205 0161 0000 0000 1234', '6217\u300000123456789'],
  ])('%j / %j', (fxSubAccount, settlementCardNo) => {
    const expected: FieldErrors = {};
    for (const [key, value] of [
      ['fxSubAccount', fxSubAccount],
      ['settlementCardNo', settlementCardNo],
    ] as const) {
      // As the plugin's guard reads them: spaces (full-width ones too) dropped first.
      const first = checkForm(merchantFxFields[key], value.replace(/[\s\u3000]/g, ''));
      if (!first.ok) expected[key] = first.errors[0]!.message;
    }
    expect(validateSettlementProfile({ fxSubAccount, settlementCardNo, settlementBankName: '' })).toEqual(expected);
  });
});

describe('出口报关: validateWaybill is waybillInput, validateCancellation is cancellationInput', () => {
  it.each([
    ['empty', { billNo: '', trafName: '', voyageNo: '' }],
    ['spaces and Chinese in the numbers', { billNo: '784 1', trafName: '中国国际航空', voyageNo: 'CA一二' }],
    ['a bill number of 38', { billNo: 'x'.repeat(38), trafName: 'ok', voyageNo: 'CA1' }],
    ['everything too long', { billNo: '中'.repeat(38), trafName: 'x'.repeat(101), voyageNo: 'C'.repeat(33) }],
    ['a good one, with spaces around', { billNo: ' 784-20261122-01 ', trafName: '中国国际航空', voyageNo: 'CA1234' }],
  ])('waybill: %s', (_, form) => {
    expect(validateWaybill(form)).toEqual(contract(waybillInput, form));
  });

  it.each([
    ['nothing picked, no reason', { invtNo: '', reason: '' }],
    ['a blank reason', { invtNo: '32052026E000000106', reason: '  ' }],
    ['a reason of 501', { invtNo: '32052026E000000106', reason: 'x'.repeat(501) }],
    ['a 清单编号 of 19', { invtNo: 'X'.repeat(19), reason: '买家取消订单' }],
    ['a good one', { invtNo: '32052026E000000106', reason: '买家取消订单，货物未出境' }],
  ])('cancellation: %s', (_, input) => {
    const expected = contract(cancellationInput, input);
    // The 清单 is picked from a list on the page, not typed: nothing picked reads 请选择, the rest is the contract's.
    if (!input.invtNo) expected.invtNo = '请选择要撤销的清单';
    expect(validateCancellation(input)).toEqual(expected);
  });
});

describe('出口退税: the estimate is asked for exactly when its contract (estimateQuery) takes the query', () => {
  const refund = (extra: Partial<RefundForm>): RefundForm => ({
    ...formFromData({ enterpriseType: 'trading', orderAmount: '86500.00', purchaseAmount: '72000.00', hsCode: '7116200000', exportDate: '2026-11-10' }),
    ...extra,
  });
  it.each([
    {},
    { purchaseAmount: '' },
    { purchaseAmount: 'abc' },
    { purchaseAmount: '0' },
    { purchaseAmount: '1.234' },
    { purchaseAmount: '72,000' },
    { hsCode: '71' },
    { hsCode: '7116.20.0000' },
    { hsCode: '71162000001' },
    { enterpriseType: 'producer' as const, orderAmount: '' },
    { enterpriseType: 'producer' as const, orderAmount: '86500', purchaseAmount: '' },
    { exportDate: '' },
  ])('%j', (extra) => {
    const form = refund(extra);
    const query = estimateQuery(form);
    expect(query !== null).toBe(estimateContract.safeParse({ ...form, date: form.exportDate }).success);
  });

  it('a draft’s HS code is judged by the same rule and words', () => {
    const hsProblem = (hsCode: string) => contract(estimateContract, { hsCode, enterpriseType: 'trading', purchaseAmount: '1' }).hsCode;
    for (const hsCode of ['711', '7116200000x', '71162000001']) {
      expect(validateRefund(refund({ hsCode }), undefined, NOW).hsCode).toBe(hsProblem(hsCode));
    }
    expect(validateRefund(refund({ hsCode: '7116 20 00.00' }), undefined, NOW).hsCode).toBeUndefined();
  });
});
