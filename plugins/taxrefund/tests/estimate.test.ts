import { SEEDED_RATES } from '../server/src/data/refund-rates';
import { estimate, matchRate, type EstimateInput, type RateRow } from '../server/src/services/rates';

const rows: RateRow[] = SEEDED_RATES;
const est = (input: Partial<EstimateInput>) => {
  const r = estimate(rows, { hsCode: undefined, date: '2026-11-20', enterpriseType: 'trading', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value;
};

describe('refund rates from DOMAIN.md §2', () => {
  test.each([
    ['7103100000', '7103100000', '13'], // raw crystal
    ['7103992000', '71039920', '13'], // worked crystal (白水晶球)
    ['7103999000', '71039990', '13'], // other worked stones
    ['7116200000', '7116200000', '13'], // crystal articles (手串、吊坠、摆件)
    ['7116100000', '7116100000', '13'], // pearl articles
    ['7104210000', '71042100', '0'], // synthetic diamonds
    ['7104919000', '71049190', '0'],
    ['7104290000', '71042900', '13'], // other synthetic stones
    ['7104999000', '71049990', '13'],
    ['7018100000', '7018100000', '9'], // glass beads
    ['7013991000', '7013', '13'], // glassware by prefix
    ['7113209090', '7113209090', '13'], // base-metal clad jewellery
  ])('%s matches %s at %s%%', (hsCode, matched, rate) => {
    const value = est({ hsCode, purchaseAmount: '100000.00' });
    expect([value.matchedCode, value.rate]).toEqual([matched, rate]);
    expect(value.estimate).toBe(rate === '0' ? '0.00' : rate === '9' ? '9000.00' : '13000.00');
  });

  test('7117 (imitation jewellery) has no rate: the estimate says so instead of guessing', () => {
    const r = estimate(rows, { hsCode: '7117190000', enterpriseType: 'trading', purchaseAmount: '100', date: '2026-11-20' });
    expect(r).toMatchObject({ ok: false, code: 'REFUND_RATE_NOT_FOUND' });
  });
});

describe('estimate arithmetic', () => {
  test('trading companies: VAT-exclusive purchase amount × rate, half-up to fen, exact', () => {
    expect(est({ hsCode: '7116200000', purchaseAmount: '72000.00' })).toMatchObject({
      basis: 'purchase',
      baseAmount: '72000.00',
      estimate: '9360.00',
      formula: '72000.00 × 13% = 9360.00',
    });
    expect(est({ hsCode: '7116200000', purchaseAmount: '0.05' }).estimate).toBe('0.01'); // 0.0065 → 0.01
    expect(est({ hsCode: '7116200000', purchaseAmount: '1234567.89' }).estimate).toBe('160493.83'); // 160493.8257
    expect(est({ hsCode: '7018100000', purchaseAmount: '0.10' }).estimate).toBe('0.01'); // 0.009 → 0.01
  });

  test('producers: FOB amount × rate (the 免抵退 ceiling)', () => {
    expect(est({ enterpriseType: 'producer', hsCode: '7116200000', orderAmount: '86500.00', purchaseAmount: '1' })).toMatchObject({
      basis: 'fob',
      baseAmount: '86500.00',
      estimate: '11245.00',
    });
  });

  test('bad input is named field by field', () => {
    const r = estimate(rows, { hsCode: '71A', enterpriseType: 'farmer', purchaseAmount: '-1', date: '2026-02-30' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['hsCode', 'enterpriseType', 'purchaseAmount', 'date']);
    const noAmount = estimate(rows, { hsCode: '7116200000', enterpriseType: 'trading', date: '2026-11-20' });
    expect(!noAmount.ok && noAmount.errors[0].field).toBe('purchaseAmount');
  });
});

describe('effective dates', () => {
  const dated: RateRow[] = [
    { hsCode: '7116200000', description: '旧', rate: '9', effectiveFrom: '2020-01-01', effectiveTo: '2026-12-31' },
    { hsCode: '7116200000', description: '新', rate: '13', effectiveFrom: '2027-01-01', effectiveTo: null },
    { hsCode: '7116', description: '前缀', rate: '5', effectiveFrom: '2020-01-01', effectiveTo: null },
  ];
  test('the rate in force on the date applies, the longest prefix first', () => {
    expect(matchRate(dated, '7116200000', '2026-12-31')?.rate).toBe('9');
    expect(matchRate(dated, '7116200000', '2027-01-01')?.rate).toBe('13');
    expect(matchRate(dated, '7116100000', '2027-01-01')?.rate).toBe('5');
    expect(matchRate(dated, '7116200000', '2019-12-31')).toBeNull();
  });
});
