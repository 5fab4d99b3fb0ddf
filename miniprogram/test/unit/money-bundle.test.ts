/**
 * The mini-program ships @jmt/money as one bundle (tools/build.mjs → dist/miniprogram_npm/@jmt/money/index.js).
 * Older iOS WeChat engines have no BigInt, so the bundle is run here in a context without it, the way such an
 * engine would run it; the app's other tests also load this bundle (jest moduleNameMapper).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { createContext, runInContext } from 'vm';

const BUNDLE = join(__dirname, '../../dist/miniprogram_npm/@jmt/money/index.js');

interface MoneyModule {
  compare(a: string, b: string): number;
  mulFixed(a: string, b: string, places?: number): string;
  sum(values: ReadonlyArray<string | null>, minPlaces?: number): string;
  format(value: string | null, places?: number): string;
  isDecimalInput(value: string, maxPlaces: number): boolean;
}

function loadWithoutBigInt(): MoneyModule {
  const module = { exports: {} as MoneyModule };
  // A fresh realm: only the ES2017 built-ins, with BigInt removed, and no require() to reach anything else.
  const context = createContext({ module, exports: module.exports });
  runInContext('delete globalThis.BigInt; delete globalThis.BigInt64Array; delete globalThis.BigUint64Array;', context);
  runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });
  return module.exports;
}

describe('@jmt/money as the mini-program ships it', () => {
  it('runs without BigInt and without require()', () => {
    const money = loadWithoutBigInt();
    expect(money.mulFixed('12580', '7.1234')).toBe('89612.37');
    expect(money.compare('9007199254740993.00', '9007199254740992.99')).toBe(1);
    expect(money.sum(['4680.00', null, '9360'], 2)).toBe('14040.00');
    expect(money.format('1234567.8')).toBe('1,234,567.80');
    expect(money.isDecimalInput('1000.555', 2)).toBe(false);
  });

  it('is what the app imports', () => {
    // WeChat's typings declare their own require() without resolve; jest's has it and applies moduleNameMapper.
    expect((require as unknown as NodeJS.Require).resolve('@jmt/money')).toBe(BUNDLE);
  });
});
