/**
 * Customs code lists used by the e-order import: currencies (海关币制代码) and units (海关计量单位代码).
 *
 * Provenance: DOMAIN.md §1 verifies only 142 = CNY and 502 = USD. The other currency codes and all unit codes
 * are taken from the customs parameter tables as remembered, marked `verified: false`: they are data, keep
 * them editable and check them against the 海关参数库 before production.
 */

export interface CurrencyCode {
  /** Customs currency code as used in CEB messages ("502"). */
  code: string;
  /** ISO 4217 code ("USD"). */
  iso: string;
  /** Chinese name ("美元"). */
  name: string;
  verified: boolean;
}

export const CURRENCIES: readonly CurrencyCode[] = Object.freeze([
  { code: '502', iso: 'USD', name: '美元', verified: true },
  { code: '142', iso: 'CNY', name: '人民币', verified: true },
  { code: '300', iso: 'EUR', name: '欧元', verified: false },
  { code: '110', iso: 'HKD', name: '港币', verified: false },
  { code: '116', iso: 'JPY', name: '日本元', verified: false },
  { code: '303', iso: 'GBP', name: '英镑', verified: false },
]);

export interface UnitCode {
  /** Customs unit code ("007"). */
  code: string;
  /** Chinese name ("个"). */
  name: string;
  verified: boolean;
}

/** Units the crystal trade actually uses (a subset of the customs unit table). */
export const UNITS: readonly UnitCode[] = Object.freeze([
  { code: '007', name: '个', verified: false },
  { code: '011', name: '件', verified: false },
  { code: '015', name: '条', verified: false },
  { code: '006', name: '套', verified: false },
  { code: '008', name: '只', verified: false },
  { code: '026', name: '对', verified: false },
  { code: '025', name: '双', verified: false },
  { code: '134', name: '枚', verified: false },
  { code: '139', name: '粒', verified: false },
  { code: '140', name: '盒', verified: false },
  { code: '035', name: '千克', verified: false },
  { code: '036', name: '克', verified: false },
  { code: '084', name: '克拉', verified: false },
]);

const CURRENCY_BY_KEY = new Map<string, CurrencyCode>();
for (const c of CURRENCIES) {
  CURRENCY_BY_KEY.set(c.code, c);
  CURRENCY_BY_KEY.set(c.iso, c);
  CURRENCY_BY_KEY.set(c.name, c);
}
// common spellings merchants type
CURRENCY_BY_KEY.set('RMB', CURRENCY_BY_KEY.get('142') as CurrencyCode);
CURRENCY_BY_KEY.set('美金', CURRENCY_BY_KEY.get('502') as CurrencyCode);
CURRENCY_BY_KEY.set('日元', CURRENCY_BY_KEY.get('116') as CurrencyCode);
CURRENCY_BY_KEY.set('港元', CURRENCY_BY_KEY.get('110') as CurrencyCode);

const UNIT_BY_KEY = new Map<string, UnitCode>();
for (const u of UNITS) {
  UNIT_BY_KEY.set(u.code, u);
  UNIT_BY_KEY.set(u.name, u);
}
UNIT_BY_KEY.set('公斤', UNIT_BY_KEY.get('035') as UnitCode);
UNIT_BY_KEY.set('kg', UNIT_BY_KEY.get('035') as UnitCode);
UNIT_BY_KEY.set('g', UNIT_BY_KEY.get('036') as UnitCode);
UNIT_BY_KEY.set('ct', UNIT_BY_KEY.get('084') as UnitCode);

/** Accepts a customs code ("502"), ISO code ("usd") or Chinese name ("美元"). */
export function findCurrency(input: string): CurrencyCode | undefined {
  const key = input.trim();
  return CURRENCY_BY_KEY.get(key) ?? CURRENCY_BY_KEY.get(key.toUpperCase());
}

/** Accepts a customs code ("007") or Chinese name ("个"); a bare number like "7" is padded to "007". */
export function findUnit(input: string): UnitCode | undefined {
  const key = input.trim();
  const direct = UNIT_BY_KEY.get(key) ?? UNIT_BY_KEY.get(key.toLowerCase());
  if (direct) return direct;
  if (/^\d{1,2}$/.test(key)) return UNIT_BY_KEY.get(key.padStart(3, '0'));
  return undefined;
}
