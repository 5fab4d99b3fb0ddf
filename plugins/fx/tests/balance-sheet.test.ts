import ExcelJS from 'exceljs';
import { balanceTemplate, readBalanceSheet, SheetRejected } from '../server/src/balance-sheet';

const HEADER = ['商户名称', '外汇子账号', '币种', '账户余额', '余额日期'];

async function sheet(rows: unknown[][], header: string[] = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('余额');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function rejected(buffer: Buffer): Promise<SheetRejected> {
  try {
    await readBalanceSheet(buffer);
  } catch (e) {
    expect(e).toBeInstanceOf(SheetRejected);
    return e as SheetRejected;
  }
  throw new Error('expected the sheet to be rejected');
}

describe('balance sheet reader', () => {
  test('reads a clean sheet: text and number balances, dates as text, Date or serial', async () => {
    const { rows, errors } = await readBalanceSheet(
      await sheet([
        ['东海县晶华水晶饰品有限公司', '32050161623600004587', 'USD', '15,280.00', '2026-11-20'],
        ['东海县晶莹水晶制品厂', ' 3205 0161 6236 0000 7316 ', 'usd', 8000.5, new Date(Date.UTC(2026, 10, 20))],
        [null, '32050161623600009999', '美元', 0, 46346],
      ]),
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { row: 2, merchantName: '东海县晶华水晶饰品有限公司', subAccount: '32050161623600004587', balance: '15280.00', date: '2026-11-20' },
      { row: 3, merchantName: '东海县晶莹水晶制品厂', subAccount: '32050161623600007316', balance: '8000.50', date: '2026-11-20' },
      { row: 4, merchantName: null, subAccount: '32050161623600009999', balance: '0.00', date: '2026-11-20' },
    ]);
  });

  test('reports every bad cell of every bad row, with the Excel row number', async () => {
    const { errors } = await readBalanceSheet(
      await sheet([
        ['好的一行', '32050161623600004587', 'USD', '100.00', ''],
        ['负数', '32050161623600000001', 'USD', '-5', ''],
        ['小数太多', '32050161623600000002', 'USD', '1.005', ''],
        ['不是数字', '32050161623600000003', 'USD', '一万', ''],
        ['币种', '32050161623600000004', 'EUR', '1', ''],
        ['重复', '32050161623600004587', 'USD', '1', ''],
        ['空账号', '', 'USD', '1', ''],
        ['科学计数', 32050161623600000000, 'USD', '1', ''],
        ['日期', '32050161623600000005', 'USD', '1', '2026-13-45'],
        ['空余额', '32050161623600000006', '', null, ''],
      ]),
    );
    const byRow = (row: number) => errors.filter((e) => e.row === row).map((e) => e.code);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(['NEGATIVE']);
    expect(byRow(4)).toEqual(['TOO_MANY_DECIMALS']);
    expect(byRow(5)).toEqual(['NOT_A_NUMBER']);
    expect(byRow(6)).toEqual(['CURRENCY_NOT_USD']);
    expect(byRow(7)).toEqual(['DUPLICATE_IN_FILE']);
    expect(byRow(8)).toEqual(['REQUIRED']);
    expect(byRow(9)).toEqual(['NOT_TEXT']);
    expect(byRow(10)).toEqual(['DATE_INVALID']);
    expect(byRow(11)).toEqual(['REQUIRED', 'REQUIRED']);
    expect(errors.find((e) => e.row === 7)?.message).toBe('与第 2 行的子账号重复');
    expect(errors.every((e) => e.message && e.column)).toBe(true);
  });

  test('a formula cell counts by its value, never as a formula', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('余额');
    ws.addRow(HEADER);
    ws.addRow(['晶华', '32050161623600004587', 'USD', { formula: '1000+280', result: 1280 }, '']);
    const { rows, errors } = await readBalanceSheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(errors).toEqual([]);
    expect(rows[0].balance).toBe('1280.00');
  });

  test('unreadable files are rejected as a whole', async () => {
    expect((await rejected(Buffer.from('商户名称,外汇子账号\n'))).code).toBe('NOT_XLSX');
    expect((await rejected(Buffer.from('PK\u0003\u0004 not really a zip'))).code).toBe('NOT_XLSX');
    const header = await rejected(await sheet([['x', '1', 'USD', '1', '']], ['商户', '账号', '币种', '金额']));
    expect(header.code).toBe('HEADER_MISMATCH');
    expect(header.details.missing).toEqual(['外汇子账号', '账户余额']);
    expect((await rejected(await sheet([]))).code).toBe('NO_DATA');
  });

  test('the template has the headers the reader expects and only a skipped example row', async () => {
    const template = await balanceTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(wb.worksheets[1].name).toBe('填写说明');
    expect((await rejected(template)).code).toBe('NO_DATA');
  });
});
