/**
 * Building blocks for `npm run bench:import`: a streaming generator of a realistic e-order workbook and the
 * raw ExcelJS streaming parse it is compared with. No timing logic lives in tests.
 */
import ExcelJS from 'exceljs';
import { DATA_SHEET_NAME, TEMPLATE_COLUMNS } from './columns';
import { mul, round } from '../decimal';

interface Product {
  itemNo: string;
  name: string;
  describe: string;
  hsCode: string;
  unit: string;
  /** price in cents (USD) */
  cents: number;
}

const PRODUCTS: readonly Product[] = [
  { itemNo: 'AM-BR-8MM', name: '紫水晶手串', describe: '天然紫水晶 8mm 圆珠手串', hsCode: '7116200000', unit: '条', cents: 1250 },
  { itemNo: 'RQ-PD-20', name: '粉晶吊坠', describe: '天然粉水晶心形吊坠 20mm', hsCode: '7116200000', unit: '个', cents: 680 },
  { itemNo: 'CT-NK-6MM', name: '黄水晶项链', describe: '天然黄水晶 6mm 项链 45cm', hsCode: '7116200000', unit: '条', cents: 2190 },
  { itemNo: 'CQ-BALL-60', name: '白水晶球', describe: '天然白水晶球 直径 60mm', hsCode: '7103992000', unit: '个', cents: 3800 },
  { itemNo: 'CQ-PT-80', name: '白水晶柱', describe: '六棱白水晶柱 高 80mm', hsCode: '7103992000', unit: '个', cents: 1575 },
  { itemNo: 'RAW-AM-KG', name: '紫水晶原石', describe: '巴西紫水晶原石 毛料', hsCode: '7103100000', unit: '千克', cents: 2400 },
  { itemNo: 'GB-6MM-500', name: '玻璃珠', describe: '6mm 仿水晶玻璃珠 500粒/包', hsCode: '7018100000', unit: '千克', cents: 890 },
  { itemNo: 'PL-BR-7', name: '珍珠手链', describe: '淡水养殖珍珠手链 7mm', hsCode: '7116100000', unit: '条', cents: 2650 },
  { itemNo: 'SYN-CQ-40', name: '合成水晶球', describe: '合成水晶球 直径 40mm', hsCode: '7104999000', unit: '个', cents: 420 },
  { itemNo: 'GP-RG-AM', name: '镀金紫晶戒指', describe: '包金底托镶紫水晶戒指', hsCode: '7113209090', unit: '个', cents: 1999 },
];

/** Deterministic PRNG (mulberry32) so every run generates the same workbook. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function centsToString(c: number): string {
  return round(mul(String(c), '0.01'), 2);
}

export interface GenerateOptions {
  /** Order number prefix, to make runs distinct (default "BENCH"). */
  orderPrefix?: string;
  seed?: number;
}

export interface GenerateResult {
  rows: number;
  orders: number;
}

/**
 * Writes a valid e-order workbook with `rows` data rows (1–4 lines per order) using the streaming writer.
 * Numbers are written as numeric cells, codes as text — the way a merchant's Excel file looks.
 */
export async function generateWorkbook(path: string, rows: number, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const rnd = prng(opts.seed ?? 20240501);
  const prefix = opts.orderPrefix ?? 'BENCH';
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet(DATA_SHEET_NAME);
  ws.addRow(TEMPLATE_COLUMNS.map((c) => c.header)).commit();
  let written = 0;
  let orders = 0;
  while (written < rows) {
    orders++;
    const orderNo = `${prefix}${String(orders).padStart(8, '0')}`;
    const lines = Math.min(rows - written, 1 + Math.floor(rnd() * 4));
    const freight = centsToString(500 + Math.floor(rnd() * 3000));
    const start = Math.floor(rnd() * PRODUCTS.length);
    const currency = rnd() < 0.85 ? 'USD' : 'CNY';
    for (let i = 0; i < lines; i++) {
      const p = PRODUCTS[(start + i) % PRODUCTS.length];
      const qty = 1 + Math.floor(rnd() * 50);
      const price = centsToString(p.cents);
      const total = round(mul(String(qty), price), 2);
      ws.addRow([
        orderNo,
        p.itemNo,
        p.name,
        p.describe,
        p.hsCode,
        `690${String(Math.floor(rnd() * 1e10)).padStart(10, '0')}`,
        p.unit,
        currency,
        qty,
        Number(price),
        Number(total),
        i === 0 ? Number(freight) : null,
        i === 0 && rnd() < 0.1 ? '东海县 水晶城 发货' : null,
      ]).commit();
      written++;
    }
  }
  ws.commit();
  await wb.commit();
  return { rows: written, orders };
}

export interface RawParseResult {
  /** All rows seen in all sheets, header included. */
  rows: number;
  ms: number;
}

/** The baseline: ExcelJS streaming read that only counts rows (same reader options as the importer). */
export async function rawParse(path: string): Promise<RawParseResult> {
  const t0 = process.hrtime.bigint();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row) rows++;
    }
  }
  return { rows, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** Samples RSS every `intervalMs` until stop() is called; returns the peak in MB. */
export function trackPeakRss(intervalMs = 50): { stop: () => number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    const r = process.memoryUsage.rss();
    if (r > peak) peak = r;
  }, intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      const r = process.memoryUsage.rss();
      if (r > peak) peak = r;
      return Math.round((peak / 1024 / 1024) * 10) / 10;
    },
  };
}
