/**
 * The FX feed simulator (ARCHITECTURE principle 4): serves the CFETS central parity JSON and the ECB daily
 * XML at their real paths, over real HTTP, so the adapters run unchanged against it in demos and tests.
 * Rates continue the bundled history day by day (a deterministic walk, so a day's rate is stable); the
 * control endpoint forces malformed or stale feeds, outages and hangs, sets rates, and sets the date.
 *   GET  /r/cms/www/chinamoney/data/fx/ccpr.json        CFETS 人民币汇率中间价
 *   GET  /stats/eurofxref/eurofxref-daily.xml            ECB euro reference rates
 *   POST /control { malformedNext?, staleNext?, failNext?, hangNext?, rates?: {USD: "7.2500"}, date?: "YYYY-MM-DD", reset? }
 *   GET  /control → counters
 */
import http from 'node:http';
import bundled from '../data/bundled-rates.json';
import { addDays, beijingDate, CURRENCIES, CURRENCY_INFO, type Currency } from '../currencies';
import { dec, fixed } from '../money';

export interface FxSimulator {
  port: number;
  close(): Promise<void>;
}

interface Controls {
  malformedNext: number;
  staleNext: number;
  failNext: number;
  hangNext: number;
  rates: Partial<Record<Currency, string>>;
  date: string | null;
}

const fresh = (): Controls => ({ malformedNext: 0, staleNext: 0, failNext: 0, hangNext: 0, rates: {}, date: null });

/** The last trading day on or before `date` (weekends publish nothing). */
function tradingDay(date: string): string {
  let d = date;
  for (;;) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) return d;
    d = addDays(d, -1);
  }
}

/** A stable pseudo-random walk from the last bundled rate: the same date always gives the same rate. */
function walkedRate(currency: Currency, date: string): string {
  const series = (bundled.series as Record<string, string[]>)[currency];
  const lastDate = bundled.dates[bundled.dates.length - 1];
  let rate = dec(series[series.length - 1]);
  let d = lastDate;
  let seed = currency.charCodeAt(0) * 7919 + currency.charCodeAt(2);
  while (d < date) {
    d = addDays(d, 1);
    seed = (seed * 1103515245 + 12345) % 2147483648;
    rate = rate.mul(dec(1).plus(dec(seed).div(2147483648).minus('0.5').mul('0.004')));
  }
  return fixed(rate, CURRENCY_INFO[currency].scale);
}

export async function startFxSimulator(port = Number(process.env.FX_SIM_PORT ?? 1343)): Promise<FxSimulator> {
  if (process.env.NODE_ENV === 'production') throw new Error('[jmt] the FX simulator never runs in production');
  let controls = fresh();
  const counters = { cfets: 0, ecb: 0 };
  const hanging = new Set<http.ServerResponse>();

  function ratesFor(): { date: string; rates: Record<Currency, string> } {
    const date = tradingDay(controls.date ?? beijingDate());
    const rates = Object.fromEntries(CURRENCIES.map((c) => [c, controls.rates[c] ?? walkedRate(c, date)])) as Record<Currency, string>;
    return { date, rates };
  }

  function cfets(): string {
    const stale = controls.staleNext > 0 && controls.staleNext-- > 0;
    const { date, rates } = ratesFor();
    const day = stale ? addDays(date, -30) : date;
    return JSON.stringify({
      head: { version: '2.0', provider: 'CWAP', req_code: '0', rep_code: '200', rep_message: '', ts: Date.now(), producer: '' },
      data: { lastDate: `${day} 9:15`, searchDate: `${day}` },
      records: [
        ...CURRENCIES.map((c) => ({
          vrtCode: `${CURRENCY_INFO[c].unit === 1 ? '' : CURRENCY_INFO[c].unit}${c}/CNY`,
          vrtName: `${CURRENCY_INFO[c].unit === 1 ? '' : CURRENCY_INFO[c].unit}${CURRENCY_INFO[c].name}/人民币`,
          vrtEName: `${CURRENCY_INFO[c].unit === 1 ? '' : CURRENCY_INFO[c].unit}${c}/CNY`,
          price: rates[c],
          bp: '0',
        })),
        // Pairs quoted the other way round are in the real feed too; the adapter skips them.
        { vrtCode: 'CNY/MYR', vrtName: '人民币/林吉特', vrtEName: 'CNY/MYR', price: '0.5893', bp: '0' },
      ],
    });
  }

  function ecb(): string {
    const stale = controls.staleNext > 0 && controls.staleNext-- > 0;
    const { date, rates } = ratesFor();
    const day = stale ? addDays(date, -30) : date;
    // ECB quotes units per EUR: invert our CNY-per-unit rates through EUR/CNY.
    const eurCny = dec(rates.EUR);
    const perEuro = (c: Currency): string => fixed(eurCny.div(dec(rates[c]).div(CURRENCY_INFO[c].unit)), c === 'JPY' ? 2 : 4);
    const cubes = [...CURRENCIES.filter((c) => c !== 'EUR').map((c) => `<Cube currency='${c}' rate='${perEuro(c)}'/>`), `<Cube currency='CNY' rate='${fixed(eurCny, 4)}'/>`];
    return `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
\t<Cube>
\t\t<Cube time='${day}'>
\t\t\t${cubes.join('\n\t\t\t')}
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>`;
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, type: string, text: string) => {
        res.writeHead(status, { 'content-type': type });
        res.end(text);
      };
      if (url.pathname === '/control') {
        if (req.method === 'POST') {
          let input: Partial<Controls> & { reset?: boolean } = {};
          try {
            input = JSON.parse(body || '{}');
          } catch {
            return send(400, 'application/json', JSON.stringify({ error: 'invalid JSON' }));
          }
          if (input.reset) controls = fresh();
          for (const key of ['malformedNext', 'staleNext', 'failNext', 'hangNext'] as const) if (typeof input[key] === 'number') controls[key] = input[key] as number;
          if (input.rates) controls.rates = { ...controls.rates, ...input.rates };
          if (input.date !== undefined) controls.date = input.date;
        }
        return send(200, 'application/json', JSON.stringify({ ...controls, counters, today: ratesFor() }));
      }
      const isCfets = url.pathname === '/r/cms/www/chinamoney/data/fx/ccpr.json';
      const isEcb = url.pathname === '/stats/eurofxref/eurofxref-daily.xml';
      if (!isCfets && !isEcb) return send(404, 'text/plain', 'not found');
      counters[isCfets ? 'cfets' : 'ecb'] += 1;
      if (controls.hangNext > 0) {
        controls.hangNext -= 1;
        hanging.add(res);
        return;
      }
      if (controls.failNext > 0) {
        controls.failNext -= 1;
        return send(503, 'text/html', '<html><body>503 Service Temporarily Unavailable</body></html>');
      }
      if (controls.malformedNext > 0) {
        controls.malformedNext -= 1;
        // What a maintenance page or a truncated download looks like to the adapter.
        return isCfets ? send(200, 'application/json', '{"head":{"rep_code":"200"},"data":{"lastDate":"') : send(200, 'text/xml', '<html><body>系统维护中</body></html>');
      }
      return isCfets ? send(200, 'application/json; charset=utf-8', cfets()) : send(200, 'text/xml; charset=utf-8', ecb());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
      }),
  };
}
