import { compare, convert, fixed, fromMinor, parseDecimal, toMinor, dec, bigintOf } from '../server/src/money';

const value = (input: unknown, scale = 2, options = {}) => {
  const r = parseDecimal(input, scale, options);
  return 'value' in r ? r.value : r.problem;
};

describe('exact money', () => {
  test('0.1 + 0.2 is 0.3 exactly, unlike binary floats', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(dec('0.1').plus('0.2').toFixed()).toBe('0.3');
    expect(fromMinor(toMinor('0.1') + toMinor('0.2'))).toBe('0.30');
  });

  test('1234567.89 × 7.1234 is exact before rounding to fen', () => {
    // Floats get products like this wrong in the last places: 1.15 × 100 = 114.99999999999999.
    expect(1.15 * 100).not.toBe(115);
    expect(convert('1.15', '100')).toBe('115.00');
    expect(dec('1234567.89').mul('7.1234').toFixed()).toBe('8794320.907626');
    expect(convert('1234567.89', '7.1234')).toBe('8794320.91');
  });

  test('rounding to fen is half-up, not banker’s and not float-biased', () => {
    expect(convert('1.00', '1.2345')).toBe('1.23');
    expect(convert('0.50', '0.0100')).toBe('0.01'); // 0.005 → 0.01
    expect(convert('1.05', '1.0000')).toBe('1.05');
    expect(fixed('2.675', 2)).toBe('2.68'); // (2.675).toFixed(2) === '2.67' in JS
    expect((2.675).toFixed(2)).toBe('2.67');
  });

  test('a ledger of many small postings sums exactly', () => {
    let cents = 0n;
    let float = 0;
    for (let i = 0; i < 1000; i++) {
      cents += toMinor('0.10');
      float += 0.1;
    }
    expect(fromMinor(cents)).toBe('100.00');
    expect(float).not.toBe(100);
  });

  test('minor units round-trip, including large balances and negative deltas', () => {
    expect(toMinor('9999999999999.99')).toBe(999999999999999n);
    expect(fromMinor(999999999999999n)).toBe('9999999999999.99');
    expect(fromMinor(-270000n)).toBe('-2700.00');
    expect(fromMinor('1258000')).toBe('12580.00');
    expect(bigintOf('1258000')).toBe(1258000n);
    expect(bigintOf(null)).toBe(0n);
    expect(() => toMinor('1.005')).toThrow(/more than 2 decimals/);
  });

  test('reads what people type and what spreadsheets hold', () => {
    expect(value('1,234.50')).toBe('1234.5');
    expect(value(' 12580 ')).toBe('12580');
    expect(value('１２３４．５')).toBe('1234.5');
    expect(value('.5')).toBe('0.5');
    expect(value(12580.5)).toBe('12580.5');
    expect(value('1.230')).toBe('1.23'); // trailing zeros are not extra precision
  });

  test('refuses what is not an amount, with a reason', () => {
    expect(value('')).toBe('REQUIRED');
    expect(value(null)).toBe('REQUIRED');
    expect(value('1e3')).toBe('NOT_A_NUMBER');
    expect(value('0x10')).toBe('NOT_A_NUMBER');
    expect(value('12..5')).toBe('NOT_A_NUMBER');
    expect(value(Number.NaN)).toBe('NOT_A_NUMBER');
    expect(value('1.005')).toBe('TOO_MANY_DECIMALS');
    expect(value('-5')).toBe('NEGATIVE');
    expect(value('0')).toBe('ZERO');
    expect(value('0', 2, { allowZero: true })).toBe('0');
    expect(value('12345678901234')).toBe('TOO_LARGE');
    expect(value('7.12345', 4)).toBe('TOO_MANY_DECIMALS');
  });

  test('compare is exact where floats are not', () => {
    expect(compare('0.3', dec('0.1').plus('0.2'))).toBe(0);
    expect(compare('7.20000000000000001', '7.2')).toBe(1);
  });
});
