import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importOrders } from '../server/src/import/parse';
import { generateWorkbook } from '../server/src/import/bench';
import { importInWorker, workerPath } from '../server/src/import/run-in-worker';

/** The import run in a child process (what the cms uses) gives exactly what the in-process import gives. */
describe('import in a child process', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    expect(fs.existsSync(workerPath())).toBe(true); // compiled by the test script's tsc
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-worker-'));
    file = path.join(dir, 'orders.xlsx');
    await generateWorkbook(file, 2500, { orderPrefix: 'WK' });
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns the same summary, then the same orders chunk by chunk', async () => {
    const direct = await importOrders(file);
    const run = await importInWorker(file, { chunk: 300 });
    try {
      expect(run.summary).toEqual({ ...direct, orders: [] });
      expect(run.orderNos).toEqual(direct.orders.map((o) => o.orderNo));
      const chunks: number[] = [];
      const all = [];
      for await (const c of run.chunks()) {
        chunks.push(c.length);
        all.push(...c);
      }
      expect(all).toEqual(direct.orders);
      expect(Math.max(...chunks)).toBe(300);
    } finally {
      run.stop();
    }
  });

  it('asks the parent which order numbers exist already', async () => {
    const asked: string[] = [];
    const run = await importInWorker(file, {
      isKnownOrderNo: async (nos) => {
        asked.push(...nos);
        return new Set(nos.filter((n) => n === 'WK00000001' || n === 'WK00000002'));
      },
    });
    run.stop();
    expect(asked.length).toBeGreaterThan(0);
    expect(run.summary.errors.filter((e) => e.code === 'DUPLICATE_EXISTING')).toHaveLength(2);
    expect(run.orderNos).toEqual([]); // not clean: no orders are handed over
  });

  it('reports bad files like the in-process import and fails loudly when the file is gone', async () => {
    const csv = path.join(dir, 'fake.xlsx');
    fs.writeFileSync(csv, '订单编号,商品名称\n1,手串\n');
    const run = await importInWorker(csv);
    run.stop();
    expect(run.summary.errors.map((e) => e.code)).toEqual(['NOT_XLSX']);
    await expect(importInWorker(path.join(dir, 'missing.xlsx'))).rejects.toThrow(/ENOENT|no such file/);
  });
});
