/**
 * Rate provider adapters (ARCHITECTURE principle 4): the CFETS central parity JSON and the ECB daily XML
 * (DOMAIN.md §3). Each parses a feed into one dated set of CNY rates, or refuses the whole feed with a
 * stable code; a refused feed stores nothing, so the last good rates stay (and are flagged stale).
 */
import { CURRENCIES, CURRENCY_INFO, isIsoDate, type Currency } from '../currencies';
import { dec, fixed, parseDecimal } from '../money';

export type ProviderName = 'cfets' | 'ecb';

export interface FeedRates {
  provider: ProviderName;
  /** The date the feed says its rates are for (Beijing date for CFETS, the ECB's `time`). */
  date: string;
  /** CNY per the currency's unit (100 for JPY), RATE_SCALE decimals. */
  rates: Partial<Record<Currency, string>>;
}

export type FeedErrorCode = 'FX_FEED_UNREACHABLE' | 'FX_FEED_MALFORMED' | 'FX_FEED_STALE';

export class FeedError extends Error {
  constructor(
    readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const malformed = (provider: ProviderName, why: string): FeedError =>
  new FeedError('FX_FEED_MALFORMED', `${provider === 'cfets' ? '中国外汇交易中心' : '欧洲央行'}汇率数据格式错误：${why}`);

function positiveRate(provider: ProviderName, text: unknown, what: string): ReturnType<typeof dec> {
  // Feeds quote up to 6 decimals (ECB JPY, cross rates); rounding happens once, after conversion.
  const parsed = parseDecimal(typeof text === 'number' ? String(text) : text, 8);
  if (!('value' in parsed)) throw malformed(provider, `${what} 的汇率「${String(text)}」不是正数`);
  return dec(parsed.value);
}

/**
 * CFETS 人民币汇率中间价: `{ data: { lastDate: "2026-11-20 9:15" }, records: [{ vrtEName: "USD/CNY" |
 * "100JPY/CNY", price: "7.1085" }] }`. Pairs quoted the other way round (CNY/MYR …) are not ours.
 */
export function parseCfets(body: string): FeedRates {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw malformed('cfets', '不是有效的 JSON');
  }
  const root = json as { data?: { lastDate?: unknown }; records?: unknown };
  const lastDate = typeof root?.data?.lastDate === 'string' ? root.data.lastDate.trim().slice(0, 10) : null;
  if (!isIsoDate(lastDate)) throw malformed('cfets', '缺少发布日期（data.lastDate）');
  if (!Array.isArray(root.records)) throw malformed('cfets', '缺少汇率列表（records）');
  const rates: Partial<Record<Currency, string>> = {};
  for (const record of root.records as { vrtEName?: unknown; price?: unknown }[]) {
    const m = typeof record?.vrtEName === 'string' ? /^(\d+)?([A-Z]{3})\/CNY$/.exec(record.vrtEName.trim()) : null;
    if (!m) continue;
    const currency = m[2] as Currency;
    if (!(CURRENCIES as readonly string[]).includes(currency)) continue;
    const quotedPer = Number(m[1] ?? 1);
    const price = positiveRate('cfets', record.price, record.vrtEName as string);
    // Normalise to our unit (CFETS already quotes JPY per 100, but a feed quoting per 1 would convert here).
    rates[currency] = fixed(price.div(quotedPer).mul(CURRENCY_INFO[currency].unit), CURRENCY_INFO[currency].scale);
  }
  if (!Object.keys(rates).length) throw malformed('cfets', '没有可用的币种');
  return { provider: 'cfets', date: lastDate, rates };
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\b${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag);
  return m ? m[2] : null;
};

/**
 * ECB euro reference rates: `gesmes:Envelope › Cube › Cube time › Cube currency rate` (1 EUR = rate units).
 * CNY per X is the cross rate EUR→CNY ÷ EUR→X; without CNY in the feed nothing can be converted.
 */
export function parseEcb(body: string): FeedRates {
  if (!/<(?:gesmes:)?Envelope\b/.test(body) || !/<\/(?:gesmes:)?Envelope>\s*$/.test(body.trim())) throw malformed('ecb', '不是欧洲央行的 XML 文档');
  const dayTag = /<Cube\b[^>]*\btime\s*=\s*["'][^"']*["'][^>]*>/.exec(body);
  const date = dayTag ? attr(dayTag[0], 'time') : null;
  if (!isIsoDate(date)) throw malformed('ecb', '缺少日期（Cube time）');
  const perEuro = new Map<string, ReturnType<typeof dec>>();
  for (const m of body.matchAll(/<Cube\b[^>]*\bcurrency\s*=[^>]*>/g)) {
    const currency = attr(m[0], 'currency');
    if (!currency) continue;
    perEuro.set(currency, positiveRate('ecb', attr(m[0], 'rate'), currency));
  }
  const cny = perEuro.get('CNY');
  if (!cny) throw malformed('ecb', '缺少人民币（CNY）汇率，无法折算');
  const rates: Partial<Record<Currency, string>> = {};
  for (const currency of CURRENCIES) {
    const x = currency === 'EUR' ? dec(1) : perEuro.get(currency);
    if (!x) continue;
    rates[currency] = fixed(cny.div(x).mul(CURRENCY_INFO[currency].unit), CURRENCY_INFO[currency].scale);
  }
  return { provider: 'ecb', date, rates };
}

export interface Provider {
  name: ProviderName;
  url: string;
  parse(body: string): FeedRates;
}

export function providersFromEnv(): Provider[] {
  const sim = `http://127.0.0.1:${process.env.FX_SIM_PORT ?? 1343}`;
  return [
    { name: 'cfets', url: process.env.FX_CFETS_URL || `${sim}/r/cms/www/chinamoney/data/fx/ccpr.json`, parse: parseCfets },
    { name: 'ecb', url: process.env.FX_ECB_URL || `${sim}/stats/eurofxref/eurofxref-daily.xml`, parse: parseEcb },
  ];
}

/** Fetches and parses one feed; network trouble and non-200 answers become FX_FEED_UNREACHABLE. */
export async function fetchFeed(provider: Provider, timeoutMs = Number(process.env.FX_FETCH_TIMEOUT_MS ?? 10_000)): Promise<FeedRates> {
  let body: string;
  try {
    const res = await fetch(provider.url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json, application/xml, text/xml' } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.text();
  } catch (e) {
    throw new FeedError('FX_FEED_UNREACHABLE', `无法获取${provider.name === 'cfets' ? '中国外汇交易中心' : '欧洲央行'}汇率：${(e as Error).message}`);
  }
  return provider.parse(body);
}

/** A feed older than what is stored, or than `staleDays` before today, is refused rather than stored. */
export function checkFresh(feed: FeedRates, latestStored: string | null, today: string, staleDays: number): void {
  const who = feed.provider === 'cfets' ? '中国外汇交易中心' : '欧洲央行';
  if (latestStored && feed.date < latestStored) throw new FeedError('FX_FEED_STALE', `${who}汇率日期 ${feed.date} 早于已保存的 ${latestStored}，已忽略`);
  const age = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${feed.date}T00:00:00Z`)) / 86_400_000;
  if (age > staleDays) throw new FeedError('FX_FEED_STALE', `${who}汇率日期 ${feed.date} 已超过 ${staleDays} 天未更新，已忽略`);
  if (age < -1) throw malformed(feed.provider, `日期 ${feed.date} 在未来`);
}
