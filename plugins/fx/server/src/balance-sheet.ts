/**
 * The sub-account balance sheet staff upload (X2): its template and its reader. Reading checks every cell
 * and reports every bad row; nothing here touches the database — the service writes only a clean sheet.
 */
import ExcelJS from 'exceljs';
import { isIsoDate } from './currencies';
import { fixed, parseDecimal, type DecimalProblem } from './money';

export const COLUMNS = [
  { key: 'merchantName', header: '商户名称', width: 34, required: false },
  { key: 'subAccount', header: '外汇子账号', width: 26, required: true },
  { key: 'currency', header: '币种', width: 8, required: true },
  { key: 'balance', header: '账户余额', width: 16, required: true },
  { key: 'date', header: '余额日期', width: 14, required: false },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];

export const MAX_ROWS = 5_000;
export const MAX_BYTES = 5 * 1024 * 1024;

export interface SheetRow {
  row: number;
  merchantName: string | null;
  subAccount: string;
  balance: string;
  date: string | null;
}

export interface CellError {
  row: number;
  column: string;
  code: string;
  message: string;
  value: string | null;
}

/** A file that cannot be read as a balance sheet at all. */
export class SheetRejected extends Error {
  constructor(
    readonly code: 'NOT_XLSX' | 'HEADER_MISMATCH' | 'NO_DATA' | 'TOO_MANY_ROWS' | 'FILE_TOO_LARGE',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const AMOUNT_MESSAGES: Record<DecimalProblem, { code: string; message: string }> = {
  REQUIRED: { code: 'REQUIRED', message: '账户余额不能为空' },
  NOT_A_NUMBER: { code: 'NOT_A_NUMBER', message: '账户余额不是数字' },
  NEGATIVE: { code: 'NEGATIVE', message: '账户余额不能为负数' },
  ZERO: { code: 'NEGATIVE', message: '账户余额不能为负数' },
  TOO_MANY_DECIMALS: { code: 'TOO_MANY_DECIMALS', message: '账户余额最多 2 位小数（美分）' },
  TOO_LARGE: { code: 'TOO_LARGE', message: '账户余额超出范围' },
};

export async function balanceTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('子账户余额');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
  ws.addRow({
    merchantName: '（示例，导入时请删除）东海县某某水晶饰品有限公司',
    subAccount: '32050161623600001234',
    currency: 'USD',
    balance: '12580.00',
    date: '2026-11-20',
  }).font = { color: { argb: 'FF999999' } };
  ws.getColumn('subAccount').numFmt = '@';
  ws.getColumn('balance').numFmt = '0.00';
  const notes = wb.addWorksheet('填写说明');
  [
    '1. 每行一个商户的外汇子账户（建设银行子账号），币种固定为 USD。',
    '2. 「账户余额」填银行对账单上的当前余额（美元，最多 2 位小数），不是变动金额。',
    '3. 「外汇子账号」须与商户在「我的」中填写的外汇子账户一致；请设置为文本格式，避免长数字被 Excel 改写。',
    '4. 任意一行有错时整份文件都不会写入，请按提示修改后重新上传。',
    '5. 余额与上次相同的行不会产生明细，也不会通知商户。',
  ].forEach((line) => notes.addRow([line]));
  notes.getColumn(1).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    // A formula: its cached result, never the formula itself.
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

const asText = (v: string | number | null): string => (v === null ? '' : typeof v === 'number' ? String(v) : v.trim());

/** Excel keeps dates as serial days since 1899-12-30 when the cell is typed as a number. */
function dateOf(v: string | number | null): string | null | 'invalid' {
  if (v === null || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 100_000) return 'invalid';
    return new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
  }
  const t = v
    .trim()
    .replace(/[/.年月]/g, '-')
    .replace(/日$/, '');
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t;
  return isIsoDate(iso) ? iso : 'invalid';
}

/** Reads the first sheet. Throws SheetRejected for unreadable files; returns rows and every cell error. */
export async function readBalanceSheet(buffer: Buffer): Promise<{ rows: SheetRow[]; errors: CellError[] }> {
  if (buffer.length > MAX_BYTES) throw new SheetRejected('FILE_TOO_LARGE', `文件超过 ${MAX_BYTES / 1024 / 1024} MB`);
  if (buffer.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') throw new SheetRejected('NOT_XLSX', '请上传 Excel（.xlsx）文件');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SheetRejected('NOT_XLSX', '文件无法作为 Excel（.xlsx）读取');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new SheetRejected('NO_DATA', '文件中没有工作表');
  const headerRow = ws.getRow(1);
  const positions = new Map<string, number>();
  headerRow.eachCell((cell, col) => {
    const text = asText(cellText(cell.value)).replace(/\s/g, '');
    if (text) positions.set(text, col);
  });
  const missing = COLUMNS.filter((c) => c.required && !positions.has(c.header)).map((c) => c.header);
  if (missing.length) throw new SheetRejected('HEADER_MISMATCH', `表头缺少：${missing.join('、')}（请使用平台提供的模板）`, { missing });
  if (ws.rowCount - 1 > MAX_ROWS) throw new SheetRejected('TOO_MANY_ROWS', `一次最多上传 ${MAX_ROWS} 行`);

  const rows: SheetRow[] = [];
  const errors: CellError[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (key: ColumnKey): string | number | null => {
      const col = positions.get(COLUMNS.find((c) => c.key === key)!.header);
      return col ? cellText(row.getCell(col).value) : null;
    };
    const raw = { merchantName: get('merchantName'), subAccount: get('subAccount'), currency: get('currency'), balance: get('balance'), date: get('date') };
    if (Object.values(raw).every((v) => v === null || asText(v) === '')) continue;
    // The template's grey example row.
    if (asText(raw.merchantName).startsWith('（示例')) continue;
    const bad = (column: string, code: string, message: string, value: string | number | null) =>
      errors.push({ row: r, column, code, message, value: value === null ? null : String(value) });

    // Long account numbers typed as numbers lose digits in Excel: insist on the text the bank printed.
    const subAccount = typeof raw.subAccount === 'number' && !Number.isSafeInteger(raw.subAccount) ? null : asText(raw.subAccount).replace(/\s/g, '');
    if (subAccount === null) bad('外汇子账号', 'NOT_TEXT', '外汇子账号被 Excel 当作数字改写了，请把该列设为文本后重新填写', raw.subAccount);
    else if (!subAccount) bad('外汇子账号', 'REQUIRED', '外汇子账号不能为空', raw.subAccount);
    else if (!/^[0-9A-Za-z-]{6,40}$/.test(subAccount)) bad('外汇子账号', 'INVALID_VALUE', '外汇子账号只能包含数字、字母和短横线（6–40 位）', raw.subAccount);
    else if (seen.has(subAccount)) bad('外汇子账号', 'DUPLICATE_IN_FILE', `与第 ${seen.get(subAccount)} 行的子账号重复`, raw.subAccount);
    else seen.set(subAccount, r);

    const currency = asText(raw.currency).toUpperCase();
    if (!currency) bad('币种', 'REQUIRED', '币种不能为空', raw.currency);
    else if (currency !== 'USD' && currency !== '美元') bad('币种', 'CURRENCY_NOT_USD', '子账户币种只能是 USD（美元）', raw.currency);

    const amount = parseDecimal(raw.balance, 2, { allowZero: true });
    let balance = '';
    if ('value' in amount) balance = fixed(amount.value, 2);
    else bad('账户余额', AMOUNT_MESSAGES[amount.problem].code, AMOUNT_MESSAGES[amount.problem].message, raw.balance);

    const date = dateOf(raw.date);
    if (date === 'invalid') bad('余额日期', 'DATE_INVALID', '余额日期格式应为 2026-11-20', raw.date);

    if (subAccount) rows.push({ row: r, merchantName: asText(raw.merchantName) || null, subAccount, balance, date: date === 'invalid' ? null : date });
  }
  if (!rows.length && !errors.length) throw new SheetRejected('NO_DATA', '文件中没有余额数据');
  return { rows, errors };
}
