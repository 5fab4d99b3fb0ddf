/**
 * Streaming import of e-order workbooks (电子订单, CEB303) with per-cell validation.
 *
 * - Reads with ExcelJS's streaming WorkbookReader (plus the UTF-8 fix in reader.ts): the workbook is never
 *   loaded whole. Only compact order objects (strings) are accumulated, so memory stays bounded for 100,000 rows.
 * - Bad input never throws: file-level problems (NOT_XLSX, FILE_TOO_LARGE, TOO_MANY_ROWS, HEADER_MISMATCH,
 *   NO_DATA) come back as one error with `fatal: true`; cell problems as `{row, column, code, message}`.
 * - All or nothing: `orders` is filled only when there is no error at all, so a caller cannot persist part of
 *   a file by accident. Fixes made in the preview are fed back through `options.overrides` and the same file is
 *   imported again.
 * - Amounts are exact decimal strings (see decimal.ts), never floats.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import type { CellValue } from 'exceljs';
import { NamedWorksheetReader, readWorksheets, WorkbookSource } from './reader';
import { COLUMN_BY_KEY, COLUMNS, ColumnDef, EXAMPLE_PREFIX, FieldKey, HINT_SHEET_NAME, TEMPLATE_COLUMNS } from './columns';
import * as D from '../decimal';
import { looksLikeFormula, normaliseNumericText, normaliseText } from './normalise';
import { compactHsCode, isHsFormat, isKnownHsCode } from '../data/hs-codes';
import { findCurrency, findUnit } from '../data/customs-codes';

// ---------------------------------------------------------------------------------------------------------
// Types

export type FileErrorCode = 'NOT_XLSX' | 'FILE_TOO_LARGE' | 'TOO_MANY_ROWS' | 'HEADER_MISMATCH' | 'NO_DATA';

export type CellErrorCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'HS_FORMAT'
  | 'HS_UNKNOWN'
  | 'NOT_A_NUMBER'
  | 'NEGATIVE_OR_ZERO'
  | 'TOO_MANY_DECIMALS'
  | 'TOO_LARGE'
  | 'CURRENCY_UNKNOWN'
  | 'UNIT_UNKNOWN'
  | 'TOTAL_MISMATCH'
  | 'DUPLICATE_IN_FILE'
  | 'DUPLICATE_EXISTING'
  | 'MIXED_CURRENCY'
  | 'FREIGHT_MISMATCH'
  | 'DATE_INVALID'
  | 'INVALID_VALUE';

export type ImportErrorCode = FileErrorCode | CellErrorCode;

export interface ImportError {
  /** Excel row number (1-based, header is usually row 1); 0 for file-level errors. */
  row: number;
  /** Column header as in the template (e.g. "HS编码"); null for file-level errors. */
  column: string | null;
  /** Internal field key, for UIs that bind cells by key. */
  field?: FieldKey;
  code: ImportErrorCode;
  /** Chinese message for the merchant. */
  message: string;
  /** The offending cell content (as text, truncated), for the preview. */
  value?: string;
  /** HEADER_MISMATCH only. */
  missing?: string[];
  unknown?: string[];
  duplicate?: string[];
}

export interface ImportWarning {
  row: number;
  column: string;
  field: FieldKey;
  /** FORMULA_TEXT: the cell starts with = + - @ (or was a formula); stored as literal text, export with safeCell. */
  code: 'FORMULA_TEXT';
  message: string;
  value: string;
}

export interface OrderLine {
  /** Excel row the line came from. */
  row: number;
  /** 1-based line number inside the order (CEB303 gnum), in file order. */
  gnum: number;
  itemNo: string;
  itemName: string;
  itemDescribe: string;
  /** 10-digit HS code. */
  hsCode: string;
  barCode: string;
  /** Customs unit code ("007"). */
  unit: string;
  /** Customs currency code ("502"). */
  currency: string;
  qty: string;
  price: string;
  /** As declared in the sheet, or qty × price rounded to 2 places when the cell was empty. */
  totalPrice: string;
  note: string;
}

export interface ImportedOrder {
  orderNo: string;
  /** Customs currency code ("502"). */
  currency: string;
  /** Sum of the lines' totalPrice (CEB303 goodsValue). */
  goodsValue: string;
  /** "0" when no line gives one (CEB303 freight). */
  freight: string;
  /** yyyy-MM-dd when the optional 下单日期 column is present and filled. */
  orderDate?: string;
  lines: OrderLine[];
}

export interface ImportResult {
  /** Data rows read (empty rows and template example rows not counted). */
  total: number;
  /** Rows without any error. */
  valid: number;
  /** The first `maxErrors` errors, in row order (order-level checks come after the rows). */
  errors: ImportError[];
  /** All errors found, including those not kept. */
  errorCount: number;
  errorsTruncated: boolean;
  warnings: ImportWarning[];
  warningCount: number;
  /** A file-level error stopped the import (errors[0] says why). */
  fatal: boolean;
  skippedExamples: number;
  skippedEmpty: number;
  /** Distinct 订单编号 seen. */
  orderCount: number;
  /** Filled only when errorCount === 0 — nothing is half-imported. */
  orders: ImportedOrder[];
}

export type RowOverrides = ReadonlyMap<number, Partial<Record<FieldKey, string>>> | Readonly<Record<number, Partial<Record<FieldKey, string>>>>;

export interface ImportOptions {
  /** Upload size limit in bytes (default 30 MB — a 100,000-row sheet is ~6–10 MB). */
  maxBytes?: number;
  /** Data row limit (default 200,000). */
  maxRows?: number;
  /** Errors kept in memory (default 1,000); errorCount keeps counting. */
  maxErrors?: number;
  /** Warnings kept in memory (default 1,000). */
  maxWarnings?: number;
  /** Which of these order numbers exist already (earlier imports/orders) → DUPLICATE_EXISTING. */
  isKnownOrderNo?: (orderNos: string[]) => Promise<Set<string>>;
  /** Order numbers per isKnownOrderNo call (default 1,000). */
  knownOrderNoBatch?: number;
  /** HS table lookup (default: the seed table in data/hs-codes.ts; the cms passes its admin-edited table). */
  isKnownHsCode?: (code: string) => boolean;
  /** Import the template's example rows (订单编号 starting with 示例) instead of skipping them. */
  includeExamples?: boolean;
  /** Corrections from the preview: row number → field → new cell text, applied before validation. */
  overrides?: RowOverrides;
  /** Allowed |qty × price − 总价| (default "0.01"). */
  totalTolerance?: string;
}

export type ImportSource = Readable | string | Buffer;

// ---------------------------------------------------------------------------------------------------------
// File guard: magic bytes and size, checked on the bytes as they stream in

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

class FileRejected extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function magicError(head: Buffer): FileRejected | null {
  if (head.length >= 4 && head.subarray(0, 4).equals(ZIP_MAGIC)) return null;
  if (head.length >= 4 && head.subarray(0, 4).equals(OLE_MAGIC)) {
    return new FileRejected('NOT_XLSX', '这是旧版 Excel 97-2003 (.xls) 文件,请在 Excel 中“另存为” .xlsx 后再导入');
  }
  return new FileRejected('NOT_XLSX', '文件不是 Excel .xlsx 格式(可能是改了扩展名的 CSV 或其他文件),请下载模板填写后再导入');
}

function tooLarge(maxBytes: number): FileRejected {
  const mb = (maxBytes / 1024 / 1024).toFixed(maxBytes % (1024 * 1024) === 0 ? 0 : 1);
  return new FileRejected('FILE_TOO_LARGE', `文件超过 ${mb} MB 上限,请拆分成多个文件导入`);
}

/** Copies an upload stream to a temp file, refusing it once it passes maxBytes or when it is not a zip. */
async function spool(input: Readable, maxBytes: number): Promise<{ file: string } | { rejected: FileRejected }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'jmt-import-'));
  const file = path.join(dir, 'upload.xlsx');
  const out = fs.createWriteStream(file);
  let seen = 0;
  let head = Buffer.alloc(0);
  try {
    for await (const chunk of input) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      seen += buf.length;
      if (seen > maxBytes) return { rejected: tooLarge(maxBytes) };
      if (head.length < 4) {
        head = Buffer.concat([head, buf]);
        if (head.length >= 4) {
          const err = magicError(head);
          if (err) return { rejected: err };
        }
      }
      if (!out.write(buf)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    const err = magicError(head);
    if (err) return { rejected: err };
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return { file };
  } catch (e) {
    out.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw e;
  } finally {
    if (!out.writableFinished) {
      out.destroy();
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }
}

async function precheckPath(path: string, maxBytes: number): Promise<FileRejected | null> {
  const st = await fs.promises.stat(path);
  if (st.size > maxBytes) return tooLarge(maxBytes);
  const fh = await fs.promises.open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return magicError(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Cell reading

type Raw =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; n: number }
  | { kind: 'date'; d: Date }
  | { kind: 'formula'; formula: string; result: Raw }
  | { kind: 'other'; text: string };

const EMPTY: Raw = { kind: 'empty' };

/** CEB amounts are N19,5: at most 14 integer digits. */
const MAX_INTEGER_DIGITS = 14;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function toRaw(v: CellValue | unknown): Raw {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return v === '' ? EMPTY : { kind: 'text', text: v };
  if (typeof v === 'number') return { kind: 'number', n: v };
  if (typeof v === 'boolean') return { kind: 'other', text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { kind: 'date', d: v };
  if (isObject(v)) {
    if (Array.isArray(v.richText)) {
      const text = (v.richText as Array<{ text?: unknown }>).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
      return text === '' ? EMPTY : { kind: 'text', text };
    }
    if ('formula' in v || 'sharedFormula' in v) {
      const formula = typeof v.formula === 'string' ? v.formula : '';
      return { kind: 'formula', formula, result: toRaw(v.result) };
    }
    if (typeof v.error === 'string') return { kind: 'other', text: v.error };
    if (typeof v.text === 'string') return v.text === '' ? EMPTY : { kind: 'text', text: v.text }; // hyperlink
  }
  return { kind: 'other', text: String(v) };
}

function rawDisplay(r: Raw): string {
  switch (r.kind) {
    case 'empty':
      return '';
    case 'text':
    case 'other':
      return r.text;
    case 'number':
      return D.fromNumber(r.n) ?? String(r.n);
    case 'date':
      return formatDate(r.d);
    case 'formula':
      return r.formula ? `=${r.formula}` : rawDisplay(r.result);
  }
}

function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ExcelJS builds dates at UTC midnight from serials; read them back in UTC. */
function formatDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel 1900-system serial → yyyy-MM-dd (time of day dropped); null outside 1900-01-01 … 9999-12-31.
 * Excel counts a fictitious 1900-02-29 (serial 60, the Lotus bug): serials below it are shifted by a day.
 */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const day = Math.floor(serial);
  if (day === 60) return null;
  return formatDate(new Date(EXCEL_EPOCH_MS + (day < 60 ? day + 1 : day) * 86400000));
}

function parseDateText(s: string): string | null {
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s.*)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d) return formatDate(dt);
    return null;
  }
  m = /^(\d{1,7})(?:\.\d+)?$/.exec(s); // a serial number stored as text
  return m ? excelSerialToDate(Number(s)) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Header

function headerKey(s: string): string {
  return normaliseText(s)
    .replace(/[*＊\s]/g, '')
    .replace(/[(（][^)）]*[)）]$/, '')
    .toLowerCase();
}

const HEADER_LOOKUP: ReadonlyMap<string, ColumnDef> = (() => {
  const m = new Map<string, ColumnDef>();
  for (const c of COLUMNS) {
    m.set(headerKey(c.header), c);
    for (const a of c.aliases) m.set(headerKey(a), c);
  }
  return m;
})();

interface ColumnSlot {
  col: number;
  def: ColumnDef;
}

type HeaderCheck = { ok: true; slots: ColumnSlot[] } | { ok: false; error: ImportError };

function checkHeader(values: readonly unknown[]): HeaderCheck {
  const slots: ColumnSlot[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const seen = new Set<FieldKey>();
  for (let col = 1; col < values.length; col++) {
    const raw = toRaw(values[col]);
    const text = rawDisplay(raw).trim();
    if (!text) continue;
    const def = HEADER_LOOKUP.get(headerKey(text));
    if (!def) unknown.push(text);
    else if (seen.has(def.key)) duplicate.push(def.header);
    else {
      seen.add(def.key);
      slots.push({ col, def });
    }
  }
  const missing = TEMPLATE_COLUMNS.filter((c) => !seen.has(c.key)).map((c) => c.header);
  if (missing.length === 0 && unknown.length === 0 && duplicate.length === 0) return { ok: true, slots };
  const parts: string[] = [];
  if (missing.length) parts.push(`缺少列:${missing.join('、')}`);
  if (unknown.length) parts.push(`无法识别的列:${unknown.join('、')}`);
  if (duplicate.length) parts.push(`重复的列:${duplicate.join('、')}`);
  return {
    ok: false,
    error: {
      row: 0,
      column: null,
      code: 'HEADER_MISMATCH',
      message: `表头与模板不一致 —— ${parts.join(';')}。请下载最新模板,不要修改第一行表头`,
      missing,
      unknown,
      duplicate,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Import state

interface OrderAcc {
  orderNo: string;
  currency: string | null;
  goodsValue: string;
  freight: string | null;
  freightRow: number;
  orderDate?: string;
  firstRow: number;
  lines: OrderLine[];
  nextGnum: number;
}

class Collector {
  readonly errors: ImportError[] = [];
  errorCount = 0;
  readonly warnings: ImportWarning[] = [];
  warningCount = 0;
  readonly invalidRows = new Set<number>();

  constructor(
    private readonly maxErrors: number,
    private readonly maxWarnings: number,
  ) {}

  error(e: ImportError): void {
    this.errorCount++;
    if (e.row > 0) this.invalidRows.add(e.row);
    if (this.errors.length < this.maxErrors) this.errors.push(e);
  }

  warn(w: ImportWarning): void {
    this.warningCount++;
    if (this.warnings.length < this.maxWarnings) this.warnings.push(w);
  }
}

function lookupOverride(overrides: RowOverrides | undefined, row: number): Partial<Record<FieldKey, string>> | undefined {
  if (!overrides) return undefined;
  if (overrides instanceof Map) return overrides.get(row);
  return (overrides as Readonly<Record<number, Partial<Record<FieldKey, string>>>>)[row];
}

type Values = Partial<Record<FieldKey, string>>;

/**
 * Reads one cell into normalised text for its column; reports type problems. Returns '' for empty and
 * null when the cell cannot be used (an error was recorded).
 */
function readCell(raw: Raw, def: ColumnDef, row: number, out: Collector): string | null {
  const err = (code: CellErrorCode, message: string): null => {
    out.error({ row, column: def.header, field: def.key, code, message, value: clip(rawDisplay(raw)) });
    return null;
  };
  if (raw.kind === 'empty') return '';

  if (def.kind === 'text') {
    switch (raw.kind) {
      case 'text': {
        const t = def.key === 'hsCode' || def.key === 'unit' || def.key === 'currency' ? normaliseNumericText(raw.text) : normaliseText(raw.text);
        if (t && looksLikeFormula(t)) {
          out.warn({
            row,
            column: def.header,
            field: def.key,
            code: 'FORMULA_TEXT',
            message: `${def.header} 以 = + - @ 开头,已按文本保存,导出时会加前缀防止公式执行`,
            value: clip(t),
          });
        }
        return t;
      }
      case 'number':
        return D.fromNumber(raw.n) ?? err('INVALID_VALUE', `${def.header} 不是有效内容`);
      case 'formula': {
        const literal = raw.formula ? `=${raw.formula}` : rawDisplay(raw.result);
        if (raw.formula) {
          out.warn({
            row,
            column: def.header,
            field: def.key,
            code: 'FORMULA_TEXT',
            message: `${def.header} 是公式,已按原文保存为文本(不计算),导出时会加前缀防止公式执行`,
            value: clip(literal),
          });
        }
        return normaliseText(literal);
      }
      case 'date':
        return err('INVALID_VALUE', `${def.header} 被 Excel 识别成了日期,请把该列设置为“文本”格式后重新输入`);
      case 'other':
        return err('INVALID_VALUE', `${def.header} 不是有效内容(${raw.text})`);
    }
  }

  if (def.kind === 'number') {
    let source: Raw = raw;
    if (source.kind === 'formula') {
      source = source.result;
      if (source.kind === 'empty') return err('NOT_A_NUMBER', `${def.header} 是没有计算结果的公式,请粘贴为数值`);
    }
    switch (source.kind) {
      case 'number':
        return D.fromNumber(source.n) ?? err('NOT_A_NUMBER', `${def.header} 必须是数字`);
      case 'text': {
        let t = normaliseNumericText(source.text).replace(/\s+/g, '');
        if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
        if (t.startsWith('+')) t = t.slice(1);
        if (/^-?\.\d+$/.test(t)) t = t.replace('.', '0.');
        if (/^-?\d+\.$/.test(t)) t = t.slice(0, -1);
        if (!D.isPlainDecimal(t)) return err('NOT_A_NUMBER', `${def.header} 必须是数字(不要带单位、币种符号或文字)`);
        return D.canonical(t);
      }
      case 'date':
        return err('NOT_A_NUMBER', `${def.header} 被设置成了日期格式,请改为“数值”格式`);
      default:
        return err('NOT_A_NUMBER', `${def.header} 必须是数字`);
    }
  }

  // date column
  switch (raw.kind) {
    case 'date':
      return formatDate(raw.d);
    case 'number':
      return excelSerialToDate(raw.n) ?? err('DATE_INVALID', `${def.header} 不是有效日期`);
    case 'text':
      return parseDateText(normaliseNumericText(raw.text)) ?? err('DATE_INVALID', `${def.header} 不是有效日期,请按 2024-05-01 格式填写`);
    case 'formula':
      if (raw.result.kind === 'date') return formatDate(raw.result.d);
      if (raw.result.kind === 'number') return excelSerialToDate(raw.result.n) ?? err('DATE_INVALID', `${def.header} 不是有效日期`);
      return err('DATE_INVALID', `${def.header} 不是有效日期`);
    default:
      return err('DATE_INVALID', `${def.header} 不是有效日期`);
  }
}

interface Settings {
  includeExamples: boolean;
  isKnownHs: (code: string) => boolean;
  tolerance: string;
  overrides?: RowOverrides;
}

/**
 * Strings kept in the result are detached from the XML chunk strings the parser sliced them from (a V8
 * sliced string keeps its whole parent chunk alive) and, for columns whose values repeat (names, codes,
 * prices), shared through a bounded pool — this is what keeps 100,000 retained lines small.
 */
class StringKeeper {
  private readonly pool = new Map<string, string>();

  constructor(private readonly maxPooled = 50_000) {}

  own(s: string | undefined): string {
    if (!s) return '';
    return (' ' + s).slice(1);
  }

  pooled(s: string | undefined): string {
    if (!s) return '';
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    const copy = this.own(s);
    if (this.pool.size < this.maxPooled && s.length <= 512) this.pool.set(copy, copy);
    return copy;
  }
}

class RowValidator {
  readonly orders = new Map<string, OrderAcc>();
  private readonly keep = new StringKeeper();
  private readonly lineKeys = new Map<string, number>();
  total = 0;
  skippedExamples = 0;
  skippedEmpty = 0;

  constructor(
    private readonly slots: ColumnSlot[],
    private readonly s: Settings,
    private readonly out: Collector,
  ) {}

  /** Returns false when the row was empty or an example (not counted). */
  handle(rowNo: number, values: readonly unknown[]): boolean {
    const out = this.out;
    const override = lookupOverride(this.s.overrides, rowNo);
    const v: Values = {};
    const bad = new Set<FieldKey>();
    let anything = false;
    const errorsBefore = out.errorCount;

    // pass 1: read every cell (type problems are reported per cell)
    const readings: Array<[ColumnSlot, Raw]> = [];
    for (const slot of this.slots) {
      const o = override?.[slot.def.key];
      const raw: Raw = o !== undefined ? (o === '' ? EMPTY : { kind: 'text', text: o }) : toRaw(values[slot.col]);
      if (raw.kind !== 'empty' && !(raw.kind === 'text' && normaliseText(raw.text) === '')) anything = true;
      readings.push([slot, raw]);
    }
    if (!anything) {
      this.skippedEmpty++;
      return false;
    }
    // example rows are recognised before validation so their errors (if edited) never show up
    const orderSlot = readings.find(([s]) => s.def.key === 'orderNo');
    if (!this.s.includeExamples && orderSlot && orderSlot[1].kind === 'text' && normaliseText(orderSlot[1].text).startsWith(EXAMPLE_PREFIX)) {
      this.skippedExamples++;
      return false;
    }
    this.total++;

    for (const [slot, raw] of readings) {
      const t = readCell(raw, slot.def, rowNo, out);
      if (t === null) bad.add(slot.def.key);
      else v[slot.def.key] = t;
    }

    const err = (key: FieldKey, code: CellErrorCode, message: string, value?: string): void => {
      bad.add(key);
      const def = COLUMN_BY_KEY[key];
      out.error({ row: rowNo, column: def.header, field: key, code, message, value: value === undefined ? clip(v[key] ?? '') : clip(value) });
    };

    // pass 2: required, lengths, codes, numbers
    for (const { def } of this.slots) {
      if (bad.has(def.key)) continue;
      const t = v[def.key] ?? '';
      if (def.required && t === '') err(def.key, 'REQUIRED', `${def.header} 必填`);
      else if (def.maxLength && t.length > def.maxLength) err(def.key, 'TOO_LONG', `${def.header} 最多 ${def.maxLength} 个字符(现在 ${t.length} 个)`);
    }

    if (!bad.has('hsCode') && v.hsCode) {
      const hs = compactHsCode(v.hsCode);
      if (!isHsFormat(hs)) err('hsCode', 'HS_FORMAT', `HS编码 应为 10 位数字(现在是“${clip(v.hsCode)}”)`);
      else if (!this.s.isKnownHs(hs)) err('hsCode', 'HS_UNKNOWN', `HS编码 ${hs} 不在商品编码表中,请核对(水晶饰品常用 7116200000)`);
      else v.hsCode = hs;
    }
    if (!bad.has('unit') && v.unit) {
      const u = findUnit(v.unit);
      if (!u) err('unit', 'UNIT_UNKNOWN', `计量单位“${clip(v.unit)}”无法识别,请从下拉列表中选择`);
      else v.unit = u.code;
    }
    if (!bad.has('currency') && v.currency) {
      const c = findCurrency(v.currency);
      if (!c) err('currency', 'CURRENCY_UNKNOWN', `币制“${clip(v.currency)}”无法识别,请从下拉列表中选择(如 USD、CNY)`);
      else v.currency = c.code;
    }
    for (const key of ['qty', 'price', 'totalPrice', 'freight'] as const) {
      const t = v[key];
      if (bad.has(key) || !t) continue;
      const def = COLUMN_BY_KEY[key];
      const sg = D.sign(t);
      if (key === 'freight' ? sg < 0 : sg <= 0) {
        err(key, 'NEGATIVE_OR_ZERO', key === 'freight' ? '运费 不能为负数' : `${def.header} 必须大于 0`);
      } else if (def.maxDecimals !== undefined && D.fractionDigits(t) > def.maxDecimals) {
        err(key, 'TOO_MANY_DECIMALS', `${def.header} 最多 ${def.maxDecimals} 位小数`);
      } else if (D.integerDigits(t) > MAX_INTEGER_DIGITS) {
        err(key, 'TOO_LARGE', `${def.header} 太大(整数部分最多 ${MAX_INTEGER_DIGITS} 位)`);
      }
    }

    // pass 3: total
    if (!bad.has('qty') && !bad.has('price') && v.qty && v.price && !bad.has('totalPrice')) {
      const product = D.mul(v.qty, v.price);
      if (v.totalPrice) {
        if (D.cmp(D.abs(D.sub(product, v.totalPrice)), this.s.tolerance) > 0) {
          err('totalPrice', 'TOTAL_MISMATCH', `总价 ${v.totalPrice} 与 数量×单价 = ${D.round(product, 2)} 不一致(允许误差 ${this.s.tolerance})`);
        }
      } else {
        v.totalPrice = D.round(product, 2);
        if (D.sign(v.totalPrice) <= 0) err('totalPrice', 'NEGATIVE_OR_ZERO', '数量×单价 太小,总价按两位小数为 0,请填写总价');
      }
    }

    // pass 4: duplicates and order consistency
    const orderNo = v.orderNo;
    if (!bad.has('orderNo') && orderNo && !bad.has('itemNo') && v.itemNo) {
      const key = `${orderNo}\u0000${v.itemNo}`;
      const first = this.lineKeys.get(key);
      if (first !== undefined) err('itemNo', 'DUPLICATE_IN_FILE', `订单 ${orderNo} 的商品货号 ${v.itemNo} 与第 ${first} 行重复`);
      else this.lineKeys.set(this.keep.own(key), rowNo); // a detached copy: the key must not pin the XML chunk
    }
    let order: OrderAcc | undefined;
    if (!bad.has('orderNo') && orderNo) {
      order = this.orders.get(orderNo);
      if (!order) {
        order = { orderNo: this.keep.own(orderNo), currency: null, goodsValue: '0', freight: null, freightRow: 0, firstRow: rowNo, lines: [], nextGnum: 1 };
        this.orders.set(order.orderNo, order); // keyed by the detached copy, not the chunk slice
      }
      if (!bad.has('currency') && v.currency) {
        if (order.currency === null) order.currency = v.currency;
        else if (order.currency !== v.currency) err('currency', 'MIXED_CURRENCY', `同一订单 ${orderNo} 的币制必须一致(第 ${order.firstRow} 行起为 ${order.currency})`);
      }
      if (!bad.has('freight') && v.freight) {
        if (order.freight === null) {
          order.freight = v.freight;
          order.freightRow = rowNo;
        } else if (D.cmp(order.freight, v.freight) !== 0) {
          err('freight', 'FREIGHT_MISMATCH', `订单 ${orderNo} 的运费与第 ${order.freightRow} 行(${order.freight})不一致;运费按订单填写,只填一次或每行相同`);
        }
      }
      if (v.orderDate && !order.orderDate) order.orderDate = v.orderDate;
    }

    if (out.errorCount === errorsBefore && order) {
      const k = this.keep;
      order.lines.push({
        row: rowNo,
        gnum: order.nextGnum++,
        itemNo: k.pooled(v.itemNo),
        itemName: k.pooled(v.itemName),
        itemDescribe: k.pooled(v.itemDescribe),
        hsCode: k.pooled(v.hsCode),
        barCode: k.own(v.barCode),
        unit: k.pooled(v.unit),
        currency: k.pooled(v.currency),
        qty: k.pooled(v.qty),
        price: k.pooled(v.price),
        totalPrice: k.pooled(v.totalPrice),
        note: k.pooled(v.note),
      });
      order.goodsValue = D.add(order.goodsValue, v.totalPrice ?? '0');
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Entry point

function isIoError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && code !== 'ERR_INVALID_ARG_TYPE';
}

function fatalResult(error: ImportError, partial?: Partial<ImportResult>): ImportResult {
  return {
    total: 0,
    valid: 0,
    errors: [error],
    errorCount: 1,
    errorsTruncated: false,
    warnings: [],
    warningCount: 0,
    fatal: true,
    skippedExamples: 0,
    skippedEmpty: 0,
    orderCount: 0,
    orders: [],
    ...partial,
  };
}

function fileError(e: FileRejected): ImportResult {
  return fatalResult({ row: 0, column: null, code: e.code, message: e.message });
}

/**
 * Imports an e-order workbook (path, Buffer or Readable). Never throws for bad input; throws only when the
 * isKnownOrderNo hook throws, the file cannot be opened (ENOENT …) or the input stream itself fails.
 */
export async function importOrders(source: ImportSource, options: ImportOptions = {}): Promise<ImportResult> {
  const maxBytes = options.maxBytes ?? 30 * 1024 * 1024;
  const maxRows = options.maxRows ?? 200_000;

  let workbook: WorkbookSource;
  let spooled: string | null = null;
  if (typeof source === 'string') {
    const rejected = await precheckPath(source, maxBytes);
    if (rejected) return fileError(rejected);
    workbook = { path: source };
  } else if (Buffer.isBuffer(source)) {
    if (source.length > maxBytes) return fileError(tooLarge(maxBytes));
    const rejected = magicError(source.subarray(0, 4));
    if (rejected) return fileError(rejected);
    workbook = { buffer: source };
  } else {
    const s = await spool(source, maxBytes); // I/O errors of the upload itself propagate
    if ('rejected' in s) return fileError(s.rejected);
    spooled = s.file;
    workbook = { path: s.file };
  }

  const out = new Collector(options.maxErrors ?? 1000, options.maxWarnings ?? 1000);
  const settings: Settings = {
    includeExamples: options.includeExamples ?? false,
    isKnownHs: options.isKnownHsCode ?? isKnownHsCode,
    tolerance: options.totalTolerance ?? '0.01',
    overrides: options.overrides,
  };

  type Outcome = { kind: 'done'; validator: RowValidator } | { kind: 'fatal'; result: ImportResult };

  const work = async (): Promise<Outcome> => {
    const sheets = readWorksheets(workbook, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell date-formatted cells (Excel serials) from plain numbers
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    let sawSheet = false;
    for await (const sheet of sheets as AsyncIterable<NamedWorksheetReader>) {
      if (sheet.name === HINT_SHEET_NAME) continue; // a sheet not iterated is never inflated
      sawSheet = true;
      let validator: RowValidator | null = null;
      for await (const row of sheet) {
        const values = row.values;
        const arr: readonly unknown[] = Array.isArray(values) ? values : [];
        if (!validator) {
          if (!arr.some((x) => rawDisplay(toRaw(x)).trim() !== '')) continue; // blank rows above the header
          const h = checkHeader(arr);
          if (!h.ok) return { kind: 'fatal', result: fatalResult(h.error) };
          validator = new RowValidator(h.slots, settings, out);
          continue;
        }
        validator.handle(row.number, arr);
        if (validator.total > maxRows) {
          return {
            kind: 'fatal',
            result: fatalResult({ row: row.number, column: null, code: 'TOO_MANY_ROWS', message: `数据超过 ${maxRows} 行上限,请拆分成多个文件导入` }),
          };
        }
      }
      if (!validator) {
        return { kind: 'fatal', result: fatalResult({ row: 0, column: null, code: 'NO_DATA', message: '第一个工作表是空的,请使用模板填写' }) };
      }
      return { kind: 'done', validator }; // only the first data sheet is imported
    }
    if (!sawSheet) {
      throw new FileRejected('NOT_XLSX', '文件里没有可读取的工作表,不是有效的 Excel .xlsx 文件');
    }
    return { kind: 'fatal', result: fatalResult({ row: 0, column: null, code: 'NO_DATA', message: '没有找到电子订单工作表' }) };
  };

  let outcome: Outcome;
  try {
    outcome = await work();
  } catch (e) {
    if (e instanceof FileRejected) return fileError(e);
    if (isIoError(e)) throw e; // a missing or unreadable file, not bad input
    // zip / XML errors after the magic bytes passed: a damaged or fake .xlsx
    return fileError(new FileRejected('NOT_XLSX', `文件已损坏或不是有效的 Excel .xlsx 文件(${e instanceof Error ? e.message : String(e)})`));
  } finally {
    if (spooled) await fs.promises.rm(path.dirname(spooled), { recursive: true, force: true });
  }
  if (outcome.kind === 'fatal') return outcome.result;

  const v = outcome.validator;
  if (v.total === 0) {
    return fatalResult(
      {
        row: 0,
        column: null,
        code: 'NO_DATA',
        message: v.skippedExamples > 0 ? '只有模板示例行,没有要导入的订单;请在示例行下方填写(示例行会被忽略)' : '没有数据行,请在表头下方填写订单',
      },
      { skippedExamples: v.skippedExamples, skippedEmpty: v.skippedEmpty },
    );
  }

  // duplicates against earlier orders, in batches
  if (options.isKnownOrderNo && v.orders.size > 0) {
    const batch = Math.max(1, options.knownOrderNoBatch ?? 1000);
    let chunk: string[] = [];
    const flush = async (): Promise<void> => {
      const known = await (options.isKnownOrderNo as (n: string[]) => Promise<Set<string>>)(chunk);
      for (const no of chunk) {
        if (!known.has(no)) continue;
        const order = v.orders.get(no) as OrderAcc;
        out.error({ row: order.firstRow, column: '订单编号', field: 'orderNo', code: 'DUPLICATE_EXISTING', message: `订单编号 ${no} 已经导入过,不能重复申报`, value: clip(no) });
        for (const line of order.lines) out.invalidRows.add(line.row);
      }
      chunk = [];
    };
    for (const no of v.orders.keys()) {
      chunk.push(no);
      if (chunk.length >= batch) await flush();
    }
    if (chunk.length) await flush();
  }

  const clean = out.errorCount === 0;
  const orders: ImportedOrder[] = [];
  if (clean) {
    for (const o of v.orders.values()) {
      const order: ImportedOrder = {
        orderNo: o.orderNo,
        currency: o.currency ?? '',
        goodsValue: o.goodsValue,
        freight: o.freight ?? '0',
        lines: o.lines,
      };
      if (o.orderDate) order.orderDate = o.orderDate;
      orders.push(order);
    }
  }
  return {
    total: v.total,
    valid: v.total - out.invalidRows.size,
    errors: out.errors,
    errorCount: out.errorCount,
    errorsTruncated: out.errorCount > out.errors.length,
    warnings: out.warnings,
    warningCount: out.warningCount,
    fatal: false,
    skippedExamples: v.skippedExamples,
    skippedEmpty: v.skippedEmpty,
    orderCount: v.orders.size,
    orders,
  };
}
