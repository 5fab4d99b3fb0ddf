import fs from 'node:fs';
import path from 'node:path';
import { checkFresh, FeedError, fetchFeed, parseCfets, parseEcb, type Provider } from '../server/src/providers';
import { startFxSimulator } from '../server/src/simulator/fx-simulator';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

function refused(run: () => unknown): FeedError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(FeedError);
    return e as FeedError;
  }
  throw new Error('expected the feed to be refused');
}

describe('CFETS central parity adapter (recorded fixtures)', () => {
  test('reads the six currencies, per 100 for JPY, five decimals for HKD, skipping reversed pairs', () => {
    const feed = parseCfets(fixture('ccpr.json'));
    expect(feed).toEqual({
      provider: 'cfets',
      date: '2025-11-20',
      rates: { USD: '7.0872', EUR: '8.2015', JPY: '4.5311', HKD: '0.91082', GBP: '9.3012', AUD: '4.6028' },
    });
  });

  test.each([
    ['ccpr-truncated.json', /不是有效的 JSON/],
    ['ccpr-no-date.json', /缺少发布日期/],
    ['ccpr-error-page.json', /缺少发布日期/],
    ['ccpr-bad-price.json', /EUR\/CNY 的汇率「--」不是正数/],
  ])('%s is refused as malformed with a Chinese reason', (name, reason) => {
    const e = refused(() => parseCfets(fixture(name)));
    expect(e.code).toBe('FX_FEED_MALFORMED');
    expect(e.message).toMatch(/^中国外汇交易中心汇率数据格式错误/);
    expect(e.message).toMatch(reason);
  });

  test('a feed without any of our currencies is refused', () => {
    const e = refused(() => parseCfets(JSON.stringify({ data: { lastDate: '2025-11-20 9:15' }, records: [{ vrtEName: 'CNY/MYR', price: '0.58' }] })));
    expect(e.message).toMatch(/没有可用的币种/);
  });
});

describe('ECB daily reference rates adapter (recorded fixtures)', () => {
  test('converts euro rates to CNY cross rates exactly', () => {
    const feed = parseEcb(fixture('eurofxref-daily.xml'));
    expect(feed).toEqual({
      provider: 'ecb',
      date: '2025-11-20',
      // 8.2055 ÷ 1.1535 = 7.11357…, 8.2055 ÷ 181.05 × 100 = 4.53217…, computed with decimals
      rates: { USD: '7.1136', EUR: '8.2055', JPY: '4.5322', GBP: '9.3133', HKD: '0.91396', AUD: '4.6060' },
    });
  });

  test.each([
    ['eurofxref-no-cny.xml', /缺少人民币（CNY）汇率/],
    ['eurofxref-truncated.xml', /不是欧洲央行的 XML 文档/],
    ['eurofxref-html.xml', /不是欧洲央行的 XML 文档/],
    ['eurofxref-bad-rate.xml', /USD 的汇率「N\/A」不是正数/],
  ])('%s is refused as malformed', (name, reason) => {
    const e = refused(() => parseEcb(fixture(name)));
    expect(e.code).toBe('FX_FEED_MALFORMED');
    expect(e.message).toMatch(reason);
  });
});

describe('freshness', () => {
  const feed = parseCfets(fixture('ccpr.json'));
  test('a feed as new as what is stored, within the window, is fresh', () => {
    expect(() => checkFresh(feed, '2025-11-20', '2025-11-22', 4)).not.toThrow();
    expect(() => checkFresh(feed, null, '2025-11-24', 4)).not.toThrow();
  });
  test('a feed older than what is stored is stale', () => {
    const e = refused(() => checkFresh(feed, '2025-11-21', '2025-11-21', 4));
    expect(e.code).toBe('FX_FEED_STALE');
    expect(e.message).toMatch(/早于已保存的 2025-11-21/);
  });
  test('a feed older than the window is stale', () => {
    const e = refused(() => checkFresh(feed, null, '2025-12-01', 4));
    expect(e.code).toBe('FX_FEED_STALE');
    expect(e.message).toMatch(/已超过 4 天未更新/);
  });
});

describe('adapters over real HTTP against the simulator', () => {
  let sim: Awaited<ReturnType<typeof startFxSimulator>>;
  let base: string;
  const control = (body: Record<string, unknown>) => fetch(`${base}/control`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
  const cfets = (): Provider => ({ name: 'cfets', url: `${base}/r/cms/www/chinamoney/data/fx/ccpr.json`, parse: parseCfets });
  const ecb = (): Provider => ({ name: 'ecb', url: `${base}/stats/eurofxref/eurofxref-daily.xml`, parse: parseEcb });
  beforeAll(async () => {
    sim = await startFxSimulator(0);
    base = `http://127.0.0.1:${sim.port}`;
  });
  afterAll(() => sim.close());
  beforeEach(() => control({ reset: true }));

  test('both feeds parse, for the last trading day, and agree with each other', async () => {
    await control({ date: '2026-11-22' }); // a Sunday: Friday's rates
    const [a, b] = await Promise.all([fetchFeed(cfets()), fetchFeed(ecb())]);
    expect(a.date).toBe('2026-11-20');
    expect(b.date).toBe('2026-11-20');
    expect(Object.keys(a.rates).sort()).toEqual(['AUD', 'EUR', 'GBP', 'HKD', 'JPY', 'USD']);
    // ECB cross rates are derived from rounded euro rates: within a few basis points of CFETS.
    for (const c of ['USD', 'GBP', 'AUD'] as const) expect(Math.abs(Number(a.rates[c]) - Number(b.rates[c]))).toBeLessThan(0.01);
  });

  test('a day’s rate is stable, and set rates come through', async () => {
    await control({ date: '2026-11-24' });
    const first = await fetchFeed(cfets());
    expect((await fetchFeed(cfets())).rates).toEqual(first.rates);
    await control({ rates: { USD: '7.2500' } });
    expect((await fetchFeed(cfets())).rates.USD).toBe('7.2500');
  });

  test('outages, maintenance pages, stale and hanging feeds become clear errors', async () => {
    await control({ failNext: 1 });
    await expect(fetchFeed(cfets())).rejects.toMatchObject({ code: 'FX_FEED_UNREACHABLE', message: expect.stringContaining('HTTP 503') });
    await control({ malformedNext: 2 });
    await expect(fetchFeed(cfets())).rejects.toMatchObject({ code: 'FX_FEED_MALFORMED' });
    await expect(fetchFeed(ecb())).rejects.toMatchObject({ code: 'FX_FEED_MALFORMED' });
    await control({ staleNext: 1, date: '2026-11-24' });
    const stale = await fetchFeed(cfets());
    expect(stale.date).toBe('2026-10-25');
    expect(() => checkFresh(stale, null, '2026-11-24', 4)).toThrow(/已超过 4 天未更新/);
    await control({ hangNext: 1 });
    await expect(fetchFeed(ecb(), 300)).rejects.toMatchObject({ code: 'FX_FEED_UNREACHABLE' });
  });

  test('refuses to run in production', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(startFxSimulator(0)).rejects.toThrow(/never runs in production/);
    } finally {
      process.env.NODE_ENV = before;
    }
  });
});
