import {
  abs,
  add,
  canonical,
  compare,
  dec,
  div,
  fixed,
  format,
  fractionDigits,
  fromMinor,
  fromNumber,
  integerDigits,
  isDecimal,
  isDecimalInput,
  Money,
  mul,
  mulFixed,
  parseDecimal,
  round,
  sign,
  sub,
  sum,
  toMinor,
  writtenPlaces,
} from '../src';

/** value × 10^scale as a BigInt, and back: an independent reference for the arithmetic. */
const scaled = (v: string, scale: number): bigint => {
  const [int, frac = ''] = v.replace('-', '').split('.');
  const n = BigInt(int + frac.padEnd(scale, '0'));
  return v.startsWith('-') ? -n : n;
};
const unscaled = (n: bigint, scale: number): string => {
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(scale + 1, '0');
  return canonical(`${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}${scale ? `.${digits.slice(digits.length - scale)}` : ''}`);
};
const places = (v: string) => (v.split('.')[1] ?? '').length;

const VALUES = ['0', '0.1', '0.2', '4680.00', '9360', '-1.5', '-0.05', '999.99', '0.01', '90071992547409.93', '9007199254740993', '-9007199254740993.5', '12.345', '0.00001'];

describe('arithmetic is exact', () => {
  it('0.1 + 0.2 is 0.3, unlike binary floats', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(add('0.1', '0.2')).toBe('0.3');
    expect(dec('0.1').plus('0.2').toFixed()).toBe('0.3');
  });

  it('add, sub and mul agree with BigInt arithmetic on every pair, beyond 2^53', () => {
    for (const a of VALUES) {
      for (const b of VALUES) {
        const scale = Math.max(places(a), places(b));
        expect([a, '+', b, add(a, b)]).toEqual([a, '+', b, unscaled(scaled(a, scale) + scaled(b, scale), scale)]);
        expect([a, '-', b, sub(a, b)]).toEqual([a, '-', b, unscaled(scaled(a, scale) - scaled(b, scale), scale)]);
        expect([a, '×', b, mul(a, b)]).toEqual([a, '×', b, unscaled(scaled(a, places(a)) * scaled(b, places(b)), places(a) + places(b))]);
        const c = scaled(a, scale) - scaled(b, scale);
        expect([a, b, compare(a, b)]).toEqual([a, b, c < 0n ? -1 : c > 0n ? 1 : 0]);
      }
    }
  });

  it('the customs cases: products, differences, canonical text', () => {
    expect(mul('0.1', '3')).toBe('0.3');
    expect(mul('12.5', '20')).toBe('250');
    expect(sub('1', '1.01')).toBe('-0.01');
    expect(compare('125.010', '125.01')).toBe(0);
    expect(canonical('007.100')).toBe('7.1');
    expect(canonical('-0.00')).toBe('0');
    expect(sub('1.50', '1.5')).toBe('0');
    expect(abs('-12.50')).toBe('12.5');
    expect(sign('-0.00')).toBe(0);
    expect(sign('-0.01')).toBe(-1);
    expect(sign('3')).toBe(1);
    expect(fractionDigits('12.50')).toBe(1);
    expect(writtenPlaces('12.50')).toBe(2);
    expect(integerDigits('-0012.5')).toBe(2);
    expect(integerDigits('0.5')).toBe(0);
  });

  it('compares exactly where floats cannot', () => {
    expect(compare('9007199254740993.00', '9007199254740992.99')).toBe(1);
    expect(Number('9007199254740993.00') > Number('9007199254740992.99')).toBe(false);
    expect(compare('0.30', '0.3')).toBe(0);
    expect(compare('-0', '0')).toBe(0);
    expect(compare('-2.5', '-2.45')).toBe(-1);
    expect(compare('7.20000000000000001', '7.2')).toBe(1);
  });

  it('refuses what is not a plain decimal, loudly', () => {
    for (const bad of ['1,000', '', 'abc', '1e3', '+1', '0x10', '12..5', ' ']) {
      expect(() => compare(bad, '1')).toThrow('not a decimal');
    }
    expect(() => add(Number.NaN, '1')).toThrow('not a decimal');
    expect(isDecimal('-0.5')).toBe(true);
    expect(isDecimal(' 7.1234 ')).toBe(true);
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal(null)).toBe(false);
    expect(isDecimal(5)).toBe(false);
  });

  it('a thousand postings of 0.01 sum to 10.00 exactly', () => {
    let float = 0;
    for (let i = 0; i < 1000; i++) float += 0.01;
    expect(float).not.toBe(10);
    expect(
      sum(
        Array.from({ length: 1000 }, () => '0.01'),
        2,
      ),
    ).toBe('10.00');
  });
});

describe('rounding is half-up (away from zero)', () => {
  it('fixed prints exactly the places asked for', () => {
    expect(fixed('2.675', 2)).toBe('2.68'); // (2.675).toFixed(2) === '2.67' in JS
    expect((2.675).toFixed(2)).toBe('2.67');
    expect(fixed('3', 2)).toBe('3.00');
    expect(fixed('-2.345', 2)).toBe('-2.35');
    expect(fixed('-0.004', 2)).toBe('0.00');
    expect(fixed('9.995', 2)).toBe('10.00');
  });

  it('round gives canonical text', () => {
    expect(round('0.9999', 2)).toBe('1');
    expect(round('2.345', 2)).toBe('2.35');
    expect(round('-2.345', 2)).toBe('-2.35');
    expect(round('1.2000', 2)).toBe('1.2');
    expect(round('1.2', 4)).toBe('1.2');
  });

  it('mulFixed: exact product, then half-up (the mini-program estimates)', () => {
    expect(mulFixed('1000.00', '7.1234')).toBe('7123.40');
    expect(mulFixed('12580', '7.1234')).toBe('89612.37'); // 89612.372
    expect(mulFixed('0.01', '0.5')).toBe('0.01'); // 0.005 → half up
    expect(mulFixed('0.01', '0.4')).toBe('0.00');
    expect(mulFixed('999.99', '1.00005')).toBe('1000.04'); // 1000.0399995
    expect(mulFixed('3', '7', 0)).toBe('21');
    expect(mulFixed('1.5', '2', 4)).toBe('3.0000');
    expect(mulFixed('-2', '1.25')).toBe('-2.50');
    expect(mulFixed('0', '7.1234')).toBe('0.00');
    expect(mulFixed('1.45', '3')).toBe('4.35');
    expect(mulFixed('90071992547409.93', '7.1234')).toBe('641618831712219.90'); // exact: ...219.895362
    expect(mulFixed('1234567.89', '7.1234')).toBe('8794320.91');
    expect(mulFixed('1.15', '100')).toBe('115.00');
    expect(1.15 * 100).not.toBe(115);
  });

  it('div rounds to the places asked for and refuses zero', () => {
    expect(div('1', '3', 4)).toBe('0.3333');
    expect(div('2', '3', 4)).toBe('0.6667');
    expect(div('7.1234', '100', 6)).toBe('0.071234');
    expect(() => div('1', '0', 2)).toThrow('division by zero');
  });
});

describe('sum', () => {
  it('skips what is not a decimal and pads to the places asked for', () => {
    expect(sum(['4680.00', null, '9360', undefined, '', 'abc'], 2)).toBe('14040.00');
    expect(sum([], 2)).toBe('0.00');
    expect(sum(['0.1', '0.2'], 2)).toBe('0.30');
    expect(sum(['1.005', '2'], 2)).toBe('3.005');
    expect(sum(['-5'], 2)).toBe('-5.00');
    expect(sum(['7'])).toBe('7');
    expect(sum(['4680.00', '0.5'], 2)).toBe('4680.50');
  });
});

describe('spreadsheet numbers', () => {
  it('fromNumber keeps the 15 significant digits Excel keeps', () => {
    expect(fromNumber(0.1 + 0.2)).toBe('0.3');
    expect(fromNumber(1e-7)).toBe('0.0000001');
    expect(fromNumber(1.5e20)).toBe('150000000000000000000');
    expect(fromNumber(6901234567892)).toBe('6901234567892');
    expect(fromNumber(-12.5)).toBe('-12.5');
    expect(fromNumber(NaN)).toBeNull();
    expect(fromNumber(Infinity)).toBeNull();
  });
});

describe('parseDecimal: what people type', () => {
  const value = (input: unknown, scale = 2, options = {}) => {
    const r = parseDecimal(input, scale, options);
    return 'value' in r ? r.value : r.problem;
  };

  it('reads separators, spaces, full-width digits and numeric cells', () => {
    expect(value('1,234.50')).toBe('1234.5');
    expect(value(' 12580 ')).toBe('12580');
    expect(value('１２３４．５')).toBe('1234.5');
    expect(value('.5')).toBe('0.5');
    expect(value('12.')).toBe('12');
    expect(value(12580.5)).toBe('12580.5');
    expect(value(0.1 + 0.2)).toBe('0.3');
    expect(value('1.230')).toBe('1.23'); // trailing zeros are not extra precision
    expect(value('-5', 2, { allowNegative: true })).toBe('-5');
  });

  it('refuses what is not an amount, with a reason', () => {
    expect(value('')).toBe('REQUIRED');
    expect(value(null)).toBe('REQUIRED');
    expect(value('1e3')).toBe('NOT_A_NUMBER');
    expect(value('0x10')).toBe('NOT_A_NUMBER');
    expect(value('12..5')).toBe('NOT_A_NUMBER');
    expect(value('.')).toBe('NOT_A_NUMBER');
    expect(value({})).toBe('NOT_A_NUMBER');
    expect(value(Number.NaN)).toBe('NOT_A_NUMBER');
    expect(value('1.005')).toBe('TOO_MANY_DECIMALS');
    expect(value('-5')).toBe('NEGATIVE');
    expect(value('0')).toBe('ZERO');
    expect(value('-0')).toBe('ZERO');
    expect(value('0', 2, { allowZero: true })).toBe('0');
    expect(value('1234567890123')).toBe('1234567890123');
    expect(value('12345678901234')).toBe('TOO_LARGE');
    expect(value('12345678901234', 2, { maxIntegerDigits: 14 })).toBe('12345678901234');
    expect(value('7.12345', 4)).toBe('TOO_MANY_DECIMALS');
  });

  it('isDecimalInput: what a form field accepts', () => {
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
});

describe('display and minor units', () => {
  it('format groups thousands and keeps significant places', () => {
    expect(format('1234567.8')).toBe('1,234,567.80');
    expect(format('12580')).toBe('12,580.00');
    expect(format('7.1234')).toBe('7.1234');
    expect(format('7.1234', 4)).toBe('7.1234');
    expect(format('1000.123')).toBe('1,000.123');
    expect(format('-1234.5')).toBe('-1,234.50');
    expect(format('100', 0)).toBe('100');
    expect(format(null)).toBe('—');
    expect(format('')).toBe('—');
    expect(format('abc')).toBe('abc');
  });

  it('minor units round-trip, including large balances and negative deltas', () => {
    expect(toMinor('9999999999999.99')).toBe('999999999999999');
    expect(fromMinor('999999999999999')).toBe('9999999999999.99');
    expect(fromMinor(-270000)).toBe('-2700.00');
    expect(fromMinor('1258000')).toBe('12580.00');
    expect(fromMinor(null)).toBe('0.00');
    expect(toMinor('7.1234', 4)).toBe('71234');
    expect(() => toMinor('1.005')).toThrow(/more than 2 decimals/);
  });

  it('Money is the same API as one object', () => {
    expect(Money.add('0.1', '0.2')).toBe('0.3');
    expect(Object.keys(Money).length).toBeGreaterThan(20);
  });
});
