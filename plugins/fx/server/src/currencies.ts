/**
 * The six currencies of the rate board (X1), quoted as CFETS quotes them: CNY per `unit` units, to `scale`
 * decimals (CFETS gives HKD five).
 */
export const CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP', 'HKD', 'AUD'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const CURRENCY_INFO: Record<Currency, { name: string; unit: number; scale: number }> = {
  USD: { name: '美元', unit: 1, scale: 4 },
  EUR: { name: '欧元', unit: 1, scale: 4 },
  JPY: { name: '日元', unit: 100, scale: 4 },
  GBP: { name: '英镑', unit: 1, scale: 4 },
  HKD: { name: '港元', unit: 1, scale: 5 },
  AUD: { name: '澳元', unit: 1, scale: 4 },
};

export const isCurrency = (value: unknown): value is Currency => typeof value === 'string' && (CURRENCIES as readonly string[]).includes(value);

export const pairOf = (c: Currency): string => `${CURRENCY_INFO[c].unit === 1 ? '' : CURRENCY_INFO[c].unit}${c}/CNY`;

export type RateSource = 'manual' | 'cfets' | 'ecb' | 'bundled';
/** For one date, the first source present wins. */
export const SOURCE_PRIORITY: RateSource[] = ['manual', 'cfets', 'ecb', 'bundled'];
export const SOURCE_LABEL: Record<RateSource, string> = {
  manual: '平台录入',
  cfets: '中国外汇交易中心中间价',
  ecb: '欧洲央行参考汇率（折算）',
  bundled: '内置历史数据',
};

/** "YYYY-MM-DD" of an instant in Beijing time (rates are dated as CFETS dates them). */
export function beijingDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
