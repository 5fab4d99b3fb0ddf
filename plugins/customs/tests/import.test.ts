import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import ExcelJS from 'exceljs';
import { importOrders, ImportError, ImportOptions, ImportResult, excelSerialToDate } from '../server/src/import/parse';
import { orderTemplate, EXAMPLE_ROWS } from '../server/src/import/template';
import { TEMPLATE_COLUMNS } from '../server/src/import/columns';
import { generateWorkbook } from '../server/src/import/bench';
import { decodeUtf8 } from '../server/src/import/reader';
import { safeCell, safeCsvLine, normaliseText, looksLikeFormula } from '../server/src/import/normalise';
import * as D from '../server/src/decimal';
import { findHsCode, HS_CODES, hsCodesUnder, isKnownHsCode, refundRateOf } from '../server/src/data/hs-codes';
import { findCurrency, findUnit } from '../server/src/data/customs-codes';

const HEADERS = TEMPLATE_COLUMNS.map((c) => c.header);
type Cell = ExcelJS.CellValue;

/** ExcelJS types load() with its own Buffer interface, which newer @types/node Buffers do not match. */
function asExcelBuffer(b: Buffer): ExcelJS.Buffer {
  return b as unknown as ExcelJS.Buffer;
}

/** A valid line; override cells by header name. */
function line(over: Partial<Record<string, Cell>> = {}): Cell[] {
  const base: Record<string, Cell> = {
    订单编号: 'DH001',
    商品货号: 'AM-01',
    商品名称: '紫水晶手串',
    商品描述: '天然紫水晶 8mm',
    HS编码: '7116200000',
    条码: '6901234567892',
    计量单位: '条',
    币制: 'USD',
    数量: 10,
    单价: 12.5,
    总价: 125,
    运费: 8,
    备注: '',
  };
  const merged = { ...base, ...over };
  return HEADERS.map((h) => merged[h] ?? null);
}

async function book(rows: Cell[][], header: Cell[] = HEADERS, tweak?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('电子订单');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  tweak?.(ws);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function run(rows: Cell[][], opts: ImportOptions = {}, header?: Cell[]): Promise<ImportResult> {
  return importOrders(await book(rows, header), opts);
}

function codes(r: ImportResult): string[] {
  return r.errors.map((e) => e.code);
}

function only(r: ImportResult, code: string): ImportError {
  const found = r.errors.filter((e) => e.code === code);
  expect(found).toHaveLength(1);
  return found[0];
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'customs-import-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('template', () => {
  it('has the Chinese header row, frozen, widths, drop-downs and a hint sheet', async () => {
    const buf = await orderTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(asExcelBuffer(buf));
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('电子订单');
    const header = (ws.getRow(1).values as Cell[]).slice(1);
    expect(header).toEqual(['订单编号', '商品货号', '商品名称', '商品描述', 'HS编码', '条码', '计量单位', '币制', '数量', '单价', '总价', '运费', '备注']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBeGreaterThan(10);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(dv.H2).toMatchObject({ type: 'list' });
    expect(dv.H2.formulae[0]).toContain('USD');
    expect(dv.G2.formulae[0]).toContain('千克');
    const hints = wb.getWorksheet('填写说明');
    expect(hints).toBeDefined();
    const text: string[] = [];
    hints?.eachRow((r) => text.push((r.values as Cell[]).filter((x) => typeof x === 'string').join(' ')));
    expect(text.join('\n')).toContain('紫水晶手串、粉晶吊坠、水晶项链等天然水晶饰品 填 7116200000');
  });

  it('round-trips through the importer with zero errors (example rows imported on request)', async () => {
    const r = await importOrders(await orderTemplate(), { includeExamples: true });
    expect(r.errors).toEqual([]);
    expect(r.total).toBe(EXAMPLE_ROWS.length);
    expect(r.valid).toBe(EXAMPLE_ROWS.length);
    expect(r.orders).toHaveLength(1);
    const o = r.orders[0];
    expect(o).toMatchObject({ orderNo: '示例-DH20240501001', currency: '502', goodsValue: '326', freight: '15' });
    expect(o.lines.map((l) => [l.gnum, l.itemNo, l.unit, l.hsCode, l.qty, l.price, l.totalPrice])).toEqual([
      [1, 'AM-BR-8MM', '015', '7116200000', '20', '12.5', '250'],
      [2, 'CQ-BALL-60', '007', '7103992000', '2', '38', '76'],
    ]);
  });

  it('skips the example rows by default; a template with only examples is NO_DATA', async () => {
    const r = await importOrders(await orderTemplate());
    expect(r.fatal).toBe(true);
    expect(codes(r)).toEqual(['NO_DATA']);
    expect(r.skippedExamples).toBe(2);
  });

  it('imports rows typed below the example rows of the real template', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(asExcelBuffer(await orderTemplate()));
    wb.worksheets[0].addRow(line());
    const r = await importOrders(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(r.errors).toEqual([]);
    expect(r.skippedExamples).toBe(2);
    expect(r.total).toBe(1);
    expect(r.orders[0].lines[0].row).toBe(4);
  });
});

describe('headers', () => {
  it('wrong header names → HEADER_MISMATCH naming missing and unknown columns', async () => {
    const header = HEADERS.map((h) => (h === 'HS编码' ? '海关商品码' : h === '币制' ? '货币种类' : h));
    const r = await run([line()], {}, header);
    expect(r.fatal).toBe(true);
    const e = only(r, 'HEADER_MISMATCH');
    expect(e.missing).toEqual(['HS编码', '币制']);
    expect(e.unknown).toEqual(['海关商品码', '货币种类']);
    expect(e.message).toContain('缺少列:HS编码、币制');
    expect(r.orders).toEqual([]);
  });

  it('missing columns → HEADER_MISMATCH with the missing ones', async () => {
    const header = HEADERS.filter((h) => h !== '数量' && h !== '单价');
    const r = await run([], {}, header);
    expect(only(r, 'HEADER_MISMATCH').missing).toEqual(['数量', '单价']);
  });

  it('duplicated columns are rejected', async () => {
    const r = await run([], {}, [...HEADERS, '备注']);
    expect(only(r, 'HEADER_MISMATCH').duplicate).toEqual(['备注']);
  });

  it('accepts reordered columns, required markers, full-width letters and CEB field names', async () => {
    const header = ['*订单编号', '商品货号(必填)', 'itemName', '商品描述', 'ＨＳ编码', '条码', '计量单位', '币制', '数量', '单价', '总价', '运费', '备注'].reverse();
    const row = line().reverse();
    const r = await run([row], {}, header);
    expect(r.errors).toEqual([]);
    expect(r.orders[0].lines[0]).toMatchObject({ itemName: '紫水晶手串', hsCode: '7116200000' });
  });

  it('skips blank rows above the header', async () => {
    const buf = await book([], [null], (ws) => {
      ws.addRow(HEADERS);
      ws.addRow(line());
    });
    const r = await importOrders(buf);
    expect(r.errors).toEqual([]);
    expect(r.orders[0].lines[0].row).toBe(3);
  });
});

describe('cell normalisation', () => {
  it('full-width digits and letters become half-width', async () => {
    const r = await run([line({ 订单编号: 'ＤＨ００１', HS编码: '７１１６２０００００', 数量: '２０', 单价: '１２．５', 总价: '２５０', 币制: 'ｕｓｄ' })]);
    expect(r.errors).toEqual([]);
    expect(r.orders[0]).toMatchObject({ orderNo: 'DH001', currency: '502', goodsValue: '250' });
    expect(r.orders[0].lines[0]).toMatchObject({ hsCode: '7116200000', qty: '20', price: '12.5' });
  });

  it('numbers stored as text are accepted and kept exact', async () => {
    const r = await run([line({ 数量: ' 3 ', 单价: '0.10', 总价: '0.30', 运费: '1,250.00' })]);
    expect(r.errors).toEqual([]);
    expect(r.orders[0].lines[0]).toMatchObject({ qty: '3', price: '0.1', totalPrice: '0.3' });
    expect(r.orders[0].freight).toBe('1250');
  });

  it('numeric cells carry no float noise (0.1 × 3 stays 0.3)', async () => {
    const r = await run([line({ 数量: 3, 单价: 0.1, 总价: 0.1 * 3 })]);
    expect(r.errors).toEqual([]);
    expect(r.orders[0].lines[0].totalPrice).toBe('0.3');
  });

  it('HS codes typed as numbers or with dots are accepted', async () => {
    const r = await run([line({ HS编码: 7116200000 }), line({ 商品货号: 'B', HS编码: '7116.20.0000' })]);
    expect(r.errors).toEqual([]);
    expect(r.orders[0].lines.map((l) => l.hsCode)).toEqual(['7116200000', '7116200000']);
  });

  it('units and currencies accept names, ISO codes and customs codes', async () => {
    const r = await run([
      line({ 商品货号: 'A', 计量单位: '007', 币制: '502' }),
      line({ 商品货号: 'B', 计量单位: '个', 币制: '美元' }),
      line({ 商品货号: 'C', 计量单位: 'kg', 币制: 'usd' }),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.orders[0].lines.map((l) => `${l.unit}/${l.currency}`)).toEqual(['007/502', '007/502', '035/502']);
  });

  it('an empty 总价 is computed as qty × price rounded to cents', async () => {
    const r = await run([line({ 数量: 3, 单价: 0.3333, 总价: null })]);
    expect(r.errors).toEqual([]);
    expect(r.orders[0].lines[0].totalPrice).toBe('1');
  });

  it('empty and whitespace-only rows are skipped; row numbers stay Excel row numbers', async () => {
    const r = await run([line(), [], HEADERS.map(() => '  '), [null, null, '\u3000'], line({ 商品货号: 'X', HS编码: '123' })]);
    expect(r.total).toBe(2);
    expect(r.skippedEmpty).toBe(2); // the [] row has no cells, so the file has no <row> for it at all
    const e = only(r, 'HS_FORMAT');
    expect(e).toMatchObject({ row: 6, column: 'HS编码' });
  });

  it('dates: Excel serials, date-formatted cells and text in the optional 下单日期 column', async () => {
    const header = [...HEADERS, '下单日期'];
    const buf = await book(
      [
        [...line({ 订单编号: 'A', 商品货号: '1' }), 45413],
        [...line({ 订单编号: 'B', 商品货号: '1' }), new Date(Date.UTC(2024, 4, 2))],
        [...line({ 订单编号: 'C', 商品货号: '1' }), '2024/5/3'],
        [...line({ 订单编号: 'D', 商品货号: '1' }), '２０２４年５月４日'],
      ],
      header,
    );
    const r = await importOrders(buf);
    expect(r.errors).toEqual([]);
    expect(r.orders.map((o) => o.orderDate)).toEqual(['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04']);
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(60)).toBeNull(); // Excel's fictitious 1900-02-29
    expect(excelSerialToDate(61)).toBe('1900-03-01');

    const bad = await importOrders(await book([[...line(), '2024-13-01']], header));
    expect(only(bad, 'DATE_INVALID')).toMatchObject({ row: 2, column: '下单日期' });
  });

  it('a date where a number or text belongs is reported, not silently converted', async () => {
    const buf = await book([line({ 数量: new Date(Date.UTC(2024, 0, 20)) }), line({ 商品货号: 'B', 订单编号: new Date(Date.UTC(2024, 0, 5)) })]);
    const r = await importOrders(buf);
    expect(codes(r).sort()).toEqual(['INVALID_VALUE', 'NOT_A_NUMBER']);
    expect(r.errors.find((e) => e.code === 'NOT_A_NUMBER')).toMatchObject({ row: 2, column: '数量' });
    expect(r.errors.find((e) => e.code === 'INVALID_VALUE')).toMatchObject({ row: 3, column: '订单编号' });
  });
});

describe('validation errors carry row and column', () => {
  it('wrong types → NOT_A_NUMBER per cell', async () => {
    const r = await run([line({ 数量: 'abc', 单价: '12元', 总价: true, 运费: '$5' })]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '数量', 'NOT_A_NUMBER'],
      [2, '单价', 'NOT_A_NUMBER'],
      [2, '总价', 'NOT_A_NUMBER'],
      [2, '运费', 'NOT_A_NUMBER'],
    ]);
    expect(r.errors[0].message).toMatch(/数量 必须是数字/);
    expect(r.errors[1].value).toBe('12元');
    expect(r.valid).toBe(0);
    expect(r.orders).toEqual([]);
  });

  it('required cells', async () => {
    const r = await run([line({ 商品名称: null, HS编码: ' ', 币制: null })]);
    expect(r.errors.map((e) => `${e.column}:${e.code}`)).toEqual(['商品名称:REQUIRED', 'HS编码:REQUIRED', '币制:REQUIRED']);
    expect(r.errors[0].message).toBe('商品名称 必填');
  });

  it('HS format and HS table membership', async () => {
    const r = await run([line({ HS编码: '71162000' }), line({ 商品货号: 'B', HS编码: '9999999999' }), line({ 商品货号: 'C', HS编码: '71162000AB' })]);
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'HS_FORMAT'],
      [3, 'HS_UNKNOWN'],
      [4, 'HS_FORMAT'],
    ]);
    const custom = await run([line({ HS编码: '9999999999' })], { isKnownHsCode: (c) => c === '9999999999' });
    expect(custom.errors).toEqual([]);
  });

  it('currency, unit, sign, decimals, length', async () => {
    const r = await run([
      line({ 商品货号: 'A', 币制: 'XYZ' }),
      line({ 商品货号: 'B', 计量单位: '串串' }),
      line({ 商品货号: 'C', 数量: 0, 总价: null }),
      line({ 商品货号: 'D', 单价: -1, 总价: null }),
      line({ 商品货号: 'E', 数量: '1.23456', 总价: null }),
      line({ 商品货号: 'F', 数量: 1, 单价: 2, 总价: '2.001' }),
      line({ 商品货号: 'G', 运费: -3 }),
      line({ 商品货号: 'H', 订单编号: 'X'.repeat(61) }),
      line({ 商品货号: 'I', 数量: '1', 单价: '123456789012345', 总价: null }),
    ]);
    expect(r.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '2:币制:CURRENCY_UNKNOWN',
      '3:计量单位:UNIT_UNKNOWN',
      '4:数量:NEGATIVE_OR_ZERO',
      '5:单价:NEGATIVE_OR_ZERO',
      '6:数量:TOO_MANY_DECIMALS',
      '7:总价:TOO_MANY_DECIMALS',
      '8:运费:NEGATIVE_OR_ZERO',
      '9:订单编号:TOO_LONG',
      '10:单价:TOO_LARGE',
    ]);
  });

  it('TOTAL_MISMATCH beyond 0.01, accepted within it', async () => {
    const r = await run([
      line({ 商品货号: 'A', 数量: 3, 单价: 0.3333, 总价: 1 }), // 0.9999 → diff 0.0001 ok
      line({ 商品货号: 'B', 数量: 10, 单价: 12.5, 总价: 125.01 }), // diff 0.01 ok
      line({ 商品货号: 'C', 数量: 10, 单价: 12.5, 总价: 125.02 }),
    ]);
    const e = only(r, 'TOTAL_MISMATCH');
    expect(e).toMatchObject({ row: 4, column: '总价', value: '125.02' });
    expect(e.message).toContain('125');
    expect(r.total).toBe(3);
    expect(r.valid).toBe(2);
  });

  it('DUPLICATE_IN_FILE for the same 订单编号 + 商品货号, naming the first row', async () => {
    const r = await run([line(), line({ 商品货号: 'OTHER' }), line({ 订单编号: 'DH002' }), line()]);
    const e = only(r, 'DUPLICATE_IN_FILE');
    expect(e).toMatchObject({ row: 5, column: '商品货号' });
    expect(e.message).toContain('第 2 行');
  });

  it('MIXED_CURRENCY and FREIGHT_MISMATCH inside one order', async () => {
    const r = await run([line({ 商品货号: 'A' }), line({ 商品货号: 'B', 币制: 'CNY' }), line({ 商品货号: 'C', 运费: 9 }), line({ 商品货号: 'D', 运费: null })]);
    expect(r.errors.map((e) => `${e.row}:${e.code}`)).toEqual(['3:MIXED_CURRENCY', '4:FREIGHT_MISMATCH']);
  });

  it('DUPLICATE_EXISTING through the isKnownOrderNo hook, called in batches', async () => {
    const calls: string[][] = [];
    const r = await run([line({ 订单编号: 'OLD1' }), line({ 订单编号: 'NEW1' }), line({ 订单编号: 'NEW1', 商品货号: 'B' }), line({ 订单编号: 'OLD2' })], {
      knownOrderNoBatch: 2,
      isKnownOrderNo: async (nos) => {
        calls.push(nos);
        return new Set(nos.filter((n) => n.startsWith('OLD')));
      },
    });
    expect(calls).toEqual([['OLD1', 'NEW1'], ['OLD2']]);
    expect(r.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(['2:订单编号:DUPLICATE_EXISTING', '5:订单编号:DUPLICATE_EXISTING']);
    expect(r.valid).toBe(2);
    expect(r.orders).toEqual([]);
  });

  it('groups lines into orders with exact goodsValue and gnum in file order', async () => {
    const r = await run([
      line({ 订单编号: 'A', 商品货号: '1', 数量: 3, 单价: 0.1, 总价: 0.3, 运费: 2.5 }),
      line({ 订单编号: 'B', 商品货号: '1', 币制: 'CNY', 运费: null }),
      line({ 订单编号: 'A', 商品货号: '2', 数量: 1, 单价: 0.2, 总价: 0.2, 运费: null }),
    ]);
    expect(r.errors).toEqual([]);
    expect(r.orderCount).toBe(2);
    expect(r.orders.map((o) => [o.orderNo, o.currency, o.goodsValue, o.freight, o.lines.map((l) => `${l.gnum}@${l.row}`).join(',')])).toEqual([
      ['A', '502', '0.5', '2.5', '1@2,2@4'],
      ['B', '142', '125', '0', '1@3'],
    ]);
  });

  it('keeps at most maxErrors errors but counts them all; nothing half-imported', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => line({ 商品货号: `I${i}`, 数量: 'x', 单价: 'y' }));
    rows.push(line({ 商品货号: 'OK' }));
    const r = await run(rows, { maxErrors: 10 });
    expect(r.errors).toHaveLength(10);
    expect(r.errorCount).toBe(60);
    expect(r.errorsTruncated).toBe(true);
    expect(r.total).toBe(31);
    expect(r.valid).toBe(1);
    expect(r.orders).toEqual([]);
  });

  it('corrections from the preview (overrides) make the same file import cleanly', async () => {
    const buf = await book([line({ HS编码: '123' }), line({ 商品货号: 'B', 数量: 'x' })]);
    const first = await importOrders(buf);
    expect(first.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:hsCode', '3:qty']);
    const fixed = await importOrders(buf, { overrides: { 2: { hsCode: '7116200000' }, 3: { qty: '10' } } });
    expect(fixed.errors).toEqual([]);
    expect(fixed.orders[0].lines).toHaveLength(2);
  });
});

describe('formula injection', () => {
  it('formula-looking text and real formulas stay literal text, flagged, and export safely', async () => {
    const buf = await book([
      line({
        商品名称: { formula: 'HYPERLINK("http://evil.example","点我")', result: '点我' },
        商品描述: '@SUM(A1:A2)',
        备注: '=1+1',
        总价: { formula: 'I2*J2', result: 125 },
      }),
    ]);
    const r = await importOrders(buf);
    expect(r.errors).toEqual([]);
    const l = r.orders[0].lines[0];
    expect(l.itemName).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(l.itemDescribe).toBe('@SUM(A1:A2)');
    expect(l.note).toBe('=1+1');
    expect(l.totalPrice).toBe('125'); // a formula in a number column: its cached result
    expect(r.warnings.map((w) => `${w.column}:${w.code}`)).toEqual(['商品名称:FORMULA_TEXT', '商品描述:FORMULA_TEXT', '备注:FORMULA_TEXT']);

    expect(safeCell(l.note)).toBe("'=1+1");
    expect(safeCell(l.itemName)).toBe(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(safeCell(l.itemDescribe, 'xlsx')).toBe("'@SUM(A1:A2)");
    expect(safeCell('-2+3')).toBe("'-2+3");
    expect(safeCell(-5)).toBe('-5');
    expect(safeCell('紫水晶手串')).toBe('紫水晶手串');
    expect(safeCsvLine(['a,b', '+1', null, 3])).toBe(`"a,b",'+1,,3`);
  });

  it('the formula text survives an XLSX export/import cycle as a string, not a formula', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow([safeCell('=1+1', 'xlsx')]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(back.worksheets[0].getCell('A1').value).toBe("'=1+1");
  });

  it('a formula without a cached result in a number column is NOT_A_NUMBER', async () => {
    const r = await run([line({ 总价: { formula: 'I2*J2' } as ExcelJS.CellFormulaValue })]);
    expect(only(r, 'NOT_A_NUMBER')).toMatchObject({ column: '总价' });
  });
});

describe('Chinese text survives streaming (ExcelJS chunk-boundary bug)', () => {
  it('decodeUtf8 keeps a character split across chunks whole', async () => {
    const bytes = Buffer.from('紫水晶手串');
    async function* split(): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, 4);
      yield bytes.subarray(4, 5);
      yield bytes.subarray(5);
    }
    let s = '';
    for await (const part of decodeUtf8(split())) s += part;
    expect(s).toBe('紫水晶手串');
  });

  it('inline strings (streamed writer) and shared strings (normal writer) come back without U+FFFD', async () => {
    const p = path.join(tmp, 'cjk.xlsx');
    await generateWorkbook(p, 6000);
    const streamed = await importOrders(p);
    expect(streamed.errors).toEqual([]);
    const names = new Set(streamed.orders.flatMap((o) => o.lines.map((l) => l.itemName + l.itemDescribe)));
    expect([...names].some((n) => n.includes('\uFFFD'))).toBe(false);

    const rows = Array.from({ length: 3000 }, (_, i) => line({ 商品货号: `I${i}`, 商品描述: `天然紫水晶手串第${i}款,东海水晶城发货` }));
    const shared = await run(rows);
    expect(shared.errors).toEqual([]);
    const desc = shared.orders[0].lines.map((l) => l.itemDescribe);
    expect(desc.filter((d, i) => d !== `天然紫水晶手串第${i}款,东海水晶城发货`)).toEqual([]);
  });
});

describe('file checks', () => {
  it('a CSV renamed to .xlsx → NOT_XLSX (path, Buffer and stream)', async () => {
    const p = path.join(tmp, 'orders.xlsx');
    fs.writeFileSync(p, `${HEADERS.join(',')}\nDH001,AM-01,紫水晶手串\n`);
    for (const r of [await importOrders(p), await importOrders(fs.readFileSync(p)), await importOrders(fs.createReadStream(p))]) {
      expect(r.fatal).toBe(true);
      expect(codes(r)).toEqual(['NOT_XLSX']);
      expect(r.errors[0].message).toContain('.xlsx');
    }
  });

  it('an .exe renamed to .xlsx, an old .xls, a tiny file and a fake zip → NOT_XLSX', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00', 'binary'), Buffer.alloc(200)]);
    expect(codes(await importOrders(exe))).toEqual(['NOT_XLSX']);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const r = await importOrders(Readable.from([xls]));
    expect(codes(r)).toEqual(['NOT_XLSX']);
    expect(r.errors[0].message).toContain('.xls');
    expect(codes(await importOrders(Readable.from([Buffer.from('P')])))).toEqual(['NOT_XLSX']);
    const fakeZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('this is not really a zip archive'.repeat(20))]);
    expect(codes(await importOrders(fakeZip))).toEqual(['NOT_XLSX']);
  });

  it('oversize files → FILE_TOO_LARGE before parsing (path, Buffer and stream)', async () => {
    const buf = await book(Array.from({ length: 200 }, (_, i) => line({ 商品货号: `I${i}` })));
    const p = path.join(tmp, 'big.xlsx');
    fs.writeFileSync(p, buf);
    const maxBytes = Math.floor(buf.length / 2);
    const fromStream = await importOrders(Readable.from(chunks(buf, 1024)), { maxBytes });
    for (const r of [await importOrders(p, { maxBytes }), await importOrders(buf, { maxBytes }), fromStream]) {
      expect(codes(r)).toEqual(['FILE_TOO_LARGE']);
      expect(r.fatal).toBe(true);
      expect(r.orders).toEqual([]);
    }
    expect((await importOrders(p)).errors).toEqual([]);
  });

  it('an I/O failure of the input stream is thrown, not reported as bad input', async () => {
    const buf = await book([line()]);
    const broken = new Readable({
      read() {
        this.push(buf.subarray(0, 100));
        this.destroy(new Error('upload aborted'));
      },
    });
    await expect(importOrders(broken)).rejects.toThrow('upload aborted');
  });

  it('too many rows → TOO_MANY_ROWS', async () => {
    const r = await run(
      Array.from({ length: 6 }, (_, i) => line({ 商品货号: `I${i}` })),
      { maxRows: 5 },
    );
    expect(codes(r)).toEqual(['TOO_MANY_ROWS']);
    expect(r.orders).toEqual([]);
  });

  it('an empty workbook and a header-only sheet → NO_DATA', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('电子订单');
    const empty = await importOrders(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(codes(empty)).toEqual(['NO_DATA']);
    expect(codes(await run([]))).toEqual(['NO_DATA']);
  });
});

function* chunks(buf: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

describe('helpers', () => {
  it('decimal helper is exact', () => {
    expect(D.mul('0.1', '3')).toBe('0.3');
    expect(D.mul('12.5', '20')).toBe('250');
    expect(D.add('0.1', '0.2')).toBe('0.3');
    expect(D.sub('1', '1.01')).toBe('-0.01');
    expect(D.cmp('125.010', '125.01')).toBe(0);
    expect(D.round('0.9999', 2)).toBe('1');
    expect(D.round('2.345', 2)).toBe('2.35');
    expect(D.round('-2.345', 2)).toBe('-2.35');
    expect(D.fractionDigits('12.50')).toBe(1);
    expect(D.integerDigits('-0012.5')).toBe(2);
    expect(D.sign('-0.00')).toBe(0);
    expect(D.sign('-0.01')).toBe(-1);
    expect(D.canonical('007.100')).toBe('7.1');
    expect(D.fromNumber(0.1 + 0.2)).toBe('0.3');
    expect(D.fromNumber(1e-7)).toBe('0.0000001');
    expect(D.fromNumber(1.5e20)).toBe('150000000000000000000');
    expect(D.fromNumber(6901234567892)).toBe('6901234567892');
    expect(D.fromNumber(NaN)).toBeNull();
  });

  it('normalisation helpers', () => {
    expect(normaliseText('\u3000ＡＢｃ１２３\u200B ')).toBe('ABc123');
    expect(normaliseText('水晶，手串')).toBe('水晶，手串');
    expect(looksLikeFormula('=A1')).toBe(true);
    expect(looksLikeFormula('水晶')).toBe(false);
  });

  it('HS table: codes, refund rates as exact strings, demo entries marked', () => {
    expect(findHsCode('7116200000')).toMatchObject({ refundRate: '0.13', source: 'domain' });
    expect(refundRateOf('7018100000')).toBe('0.09');
    expect(refundRateOf('7104210000')).toBe('0');
    expect(refundRateOf('7117190000')).toBeNull();
    expect(isKnownHsCode('7116.20.0000')).toBe(true);
    expect(isKnownHsCode('7116200001')).toBe(false);
    expect(hsCodesUnder('7013').every((e) => e.source === 'demo' && e.refundRate === '0.13')).toBe(true);
    for (const e of HS_CODES) {
      expect(e.code).toMatch(/^\d{10}$/);
      if (e.refundRate !== null) expect(e.refundRate).toMatch(/^0(\.\d+)?$/);
    }
    expect(new Set(HS_CODES.map((e) => e.code)).size).toBe(HS_CODES.length);
  });

  it('currency and unit lookups', () => {
    expect(findCurrency('USD')?.code).toBe('502');
    expect(findCurrency('人民币')?.code).toBe('142');
    expect(findCurrency('XYZ')).toBeUndefined();
    expect(findUnit('7')?.name).toBe('个');
    expect(findUnit('克拉')?.code).toBe('084');
  });
});

describe('zip entry order', () => {
  // ExcelJS's writer sometimes stores a worksheet before xl/workbook.xml (so do other producers); the
  // reader must not depend on the order. Re-zip a valid file with every worksheet first.
  it('imports a workbook whose worksheets come before xl/workbook.xml', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- jszip loaded only by the tests that re-zip a workbook
    const JSZip = require('jszip') as typeof import('jszip');
    const source = await JSZip.loadAsync(await orderTemplate());
    const names = Object.keys(source.files).filter((n) => !source.files[n].dir);
    // Relationships and shared strings first, then the sheets, then the rest (xl/workbook.xml last of all):
    // the order in which ExcelJS would parse a sheet before knowing the workbook.
    const early = ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml'].filter((n) => names.includes(n));
    const sheets = names.filter((n) => n.startsWith('xl/worksheets/sheet'));
    const sheetsFirst = [...early, ...sheets, ...names.filter((n) => !early.includes(n) && !sheets.includes(n))];
    expect(early).toHaveLength(2);
    expect(sheetsFirst.indexOf('xl/workbook.xml')).toBeGreaterThan(sheetsFirst.indexOf('xl/worksheets/sheet1.xml'));
    const reordered = new JSZip();
    for (const name of sheetsFirst) reordered.file(name, await source.files[name].async('nodebuffer'));
    const buffer = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const result = await importOrders(buffer, { includeExamples: true });
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(EXAMPLE_ROWS.length);
  });

  // Excel itself writes xl/sharedStrings.xml after the worksheets. ExcelJS's front-to-back reader parked such
  // sheets in temp files and now and then came back with unresolved {sharedString: n} cells; reading by the
  // zip's central directory makes every order the same. Each permutation is read many times.
  it.each([
    [
      'sheets, then shared strings, then the workbook',
      (names: string[]) => [
        ...names.filter((n) => n.startsWith('xl/worksheets/')),
        'xl/sharedStrings.xml',
        ...names.filter((n) => !n.startsWith('xl/worksheets/') && n !== 'xl/sharedStrings.xml'),
      ],
    ],
    ['shared strings last of all', (names: string[]) => [...names.filter((n) => n !== 'xl/sharedStrings.xml'), 'xl/sharedStrings.xml']],
    ['reversed', (names: string[]) => [...names].reverse()],
  ])('reads the same rows whatever the part order: %s', async (_label, order) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- jszip loaded only by the tests that re-zip a workbook
    const JSZip = require('jszip') as typeof import('jszip');
    const source = await JSZip.loadAsync(await orderTemplate());
    const names = Object.keys(source.files).filter((n) => !source.files[n].dir);
    expect(names).toContain('xl/sharedStrings.xml');
    const reordered = new JSZip();
    for (const name of order(names)) reordered.file(name, await source.files[name].async('nodebuffer'));
    const buffer = await reordered.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    for (let i = 0; i < 40; i++) {
      const result = await importOrders(buffer, { includeExamples: true });
      expect(result.errors).toEqual([]);
      expect(result.total).toBe(EXAMPLE_ROWS.length);
    }
  });
});
