import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateWorkbook, rawParse, trackPeakRss } from '../server/src/import/bench';
import { importOrders } from '../server/src/import/parse';

/** Counts only — timings and RSS are printed for information, never asserted. */
jest.setTimeout(300_000);

const ROWS = 100_000;
let dir: string;
let file: string;
let orders: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'customs-100k-'));
  file = path.join(dir, 'orders-100k.xlsx');
  const t0 = Date.now();
  const g = await generateWorkbook(file, ROWS);
  orders = g.orders;
  console.log(`generated ${g.rows} rows / ${g.orders} orders, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB in ${Date.now() - t0} ms`);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('raw streaming parse sees every row', async () => {
  const rss = trackPeakRss();
  const r = await rawParse(file);
  const peak = rss.stop();
  expect(r.rows).toBe(ROWS + 1);
  console.log(`raw_parse rows=${r.rows} ms=${r.ms.toFixed(0)} rows_per_s=${Math.round((r.rows / r.ms) * 1000)} peak_rss_mb=${peak}`);
});

it('imports 100,000 generated rows with the right counts', async () => {
  const rss = trackPeakRss();
  const t0 = process.hrtime.bigint();
  let hookCalls = 0;
  const r = await importOrders(file, {
    isKnownOrderNo: async () => {
      hookCalls++;
      return new Set<string>();
    },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const peak = rss.stop();
  expect(r.errors).toEqual([]);
  expect(r.fatal).toBe(false);
  expect(r.total).toBe(ROWS);
  expect(r.valid).toBe(ROWS);
  expect(r.orderCount).toBe(orders);
  expect(r.orders).toHaveLength(orders);
  expect(r.orders.reduce((n, o) => n + o.lines.length, 0)).toBe(ROWS);
  expect(hookCalls).toBe(Math.ceil(orders / 1000));
  console.log(`import rows=${r.total} orders=${r.orderCount} ms=${ms.toFixed(0)} rows_per_s=${Math.round((r.total / ms) * 1000)} peak_rss_mb=${peak}`);
});
