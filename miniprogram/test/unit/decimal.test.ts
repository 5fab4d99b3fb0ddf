import { decimalCompare as sharedCompare, formatAmount as sharedFormat } from '@jmt/api-types';
import { addDecimal, compareDecimal, formatAmount, isDecimal, isDecimalInput, multiplyDecimal, sumDecimals } from '../../src/utils/decimal';

/** Pairs where floats go wrong or digits line up oddly. */
const PAIRS: Array<[string, string]> = [
  ['0.1', '0.10'],
  ['0.3', '0.30000001'],
  ['12580.00', '12580'],
  ['12580.01', '12580.1'],
  ['9', '10'],
  ['100', '99.99'],
  ['007.5', '7.50'],
  ['-1', '0'],
  ['-0', '0'],
  ['-0.00', '0.0'],
  ['-2.5', '-2.45'],
  ['-10', '-9.99999999'],
  ['90071992547409.93', '90071992547409.92'],
  ['9007199254740993.00', '9007199254740992.99'],
  ['12080.00', '12080.00'],
  ['0', '0.00000001'],
  ['1.5', '-1.5'],
];

describe('utils/decimal: exact decimal strings (the mini-program copy of @jmt/api-types)', () => {
  it('compareDecimal agrees with the shared decimalCompare, both ways round', () => {
    for (const [a, b] of PAIRS) {
      expect([a, b, compareDecimal(a, b)]).toEqual([a, b, sharedCompare(a, b)]);
      expect([b, a, compareDecimal(b, a)]).toEqual([b, a, sharedCompare(b, a)]);
    }
  });

  it('compares exactly where floats cannot', () => {
    expect(compareDecimal('9007199254740993.00', '9007199254740992.99')).toBe(1);
    expect(Number('9007199254740993.00') > Number('9007199254740992.99')).toBe(false);
    expect(compareDecimal('0.30', '0.3')).toBe(0);
    expect(() => compareDecimal('1,000', '1')).toThrow('not a decimal');
    expect(() => compareDecimal('', '1')).toThrow();
  });

  it('formatAmount agrees with the shared one', () => {
    const values = ['1234567.8', '12580', '12580.00', '0.5', '-1234.5', '7.1234', '100', '1000.123', ''];
    for (const v of values) {
      expect([v, formatAmount(v)]).toEqual([v, sharedFormat(v)]);
      expect([v, formatAmount(v, 4)]).toEqual([v, sharedFormat(v, 4)]);
    }
    expect(formatAmount(null)).toBe('—');
    expect(formatAmount(undefined)).toBe(sharedFormat(undefined));
    expect(formatAmount('abc')).toBe('abc');
    expect(formatAmount('12580')).toBe('12,580.00');
  });

  it('isDecimal / isDecimalInput', () => {
    expect(isDecimal('-0.5')).toBe(true);
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal(null)).toBe(false);
    expect(isDecimalInput('1000', 2)).toBe(true);
    expect(isDecimalInput('1000.55', 2)).toBe(true);
    expect(isDecimalInput('1000.555', 2)).toBe(false);
    expect(isDecimalInput('1000.', 2)).toBe(false);
    expect(isDecimalInput('-5', 2)).toBe(false);
    expect(isDecimalInput('1,000', 2)).toBe(false);
    expect(isDecimalInput('7.1234', 4)).toBe(true);
    expect(isDecimalInput('7', 0)).toBe(true);
    expect(isDecimalInput('7.1', 0)).toBe(false);
  });

  it('multiplyDecimal: exact product, half-up to the given places', () => {
    expect(multiplyDecimal('1000.00', '7.1234')).toBe('7123.40');
    expect(multiplyDecimal('12580', '7.1234')).toBe('89612.37'); // 89612.372
    expect(multiplyDecimal('0.01', '0.5')).toBe('0.01'); // 0.005 → half up
    expect(multiplyDecimal('0.01', '0.4')).toBe('0.00');
    expect(multiplyDecimal('999.99', '1.00005')).toBe('1000.04'); // 1000.0399995
    expect(multiplyDecimal('9.995', '1')).toBe('10.00'); // carry through the integer part
    expect(multiplyDecimal('3', '7', 0)).toBe('21');
    expect(multiplyDecimal('1.5', '2', 4)).toBe('3.0000');
    expect(multiplyDecimal('-2', '1.25')).toBe('-2.50');
    expect(multiplyDecimal('0', '7.1234')).toBe('0.00');
    // the float product would be 4.3500000000000005 or 4.35 depending on luck; the string one is exact
    expect(multiplyDecimal('1.45', '3')).toBe('4.35');
    expect(multiplyDecimal('90071992547409.93', '7.1234')).toBe('641618831712219.90'); // exact: ...219.895362
  });

  it('addDecimal: exact sums and differences, checked against BigInt arithmetic (the tests may use it; the app may not)', () => {
    /** value × 10^scale as a BigInt, and back: the reference. */
    const scaled = (v: string, scale: number) => {
      const [int, frac = ''] = v.replace('-', '').split('.');
      const n = BigInt(int + frac.padEnd(scale, '0'));
      return v.startsWith('-') ? -n : n;
    };
    const unscale = (n: bigint, scale: number) => {
      const negative = n < BigInt(0);
      const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
      return `${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale ? `.${digits.slice(digits.length - scale)}` : ''}`;
    };
    const values = ['0', '0.1', '0.2', '4680.00', '9360', '-1.5', '-0.05', '999.99', '0.01', '90071992547409.93', '9007199254740993', '-9007199254740993.5', '12.345'];
    for (const a of values) {
      for (const b of values) {
        const scale = Math.max((a.split('.')[1] || '').length, (b.split('.')[1] || '').length);
        expect([a, b, addDecimal(a, b)]).toEqual([a, b, unscale(scaled(a, scale) + scaled(b, scale), scale)]);
      }
    }
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addDecimal('999.99', '0.01')).toBe('1000.00');
    expect(addDecimal('1.50', '-1.5')).toBe('0.00');
    expect(addDecimal('-0.05', '0.01')).toBe('-0.04');
    expect(() => addDecimal('1,000', '1')).toThrow('not a decimal');
  });

  it('sumDecimals: skips what is not a decimal, at least two places', () => {
    expect(sumDecimals(['4680.00', null, '9360', undefined, '', 'abc'])).toBe('14040.00');
    expect(sumDecimals([])).toBe('0.00');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.30');
    expect(sumDecimals(['1.005', '2'])).toBe('3.005');
    expect(sumDecimals(['-5'])).toBe('-5.00');
    expect(sumDecimals(['7'], 0)).toBe('7');
    expect(sumDecimals(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
  });
});
