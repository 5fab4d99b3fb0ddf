/**
 * The day's return messages (T3): staff upload the tax system's replies once a day and they move refunds
 * along. Every row is checked before anything happens (the application exists, the status word is known,
 * the application can get there from where it is); then, in one transaction, each application is moved
 * through the workflow engine — timeline, messages and pushes included — and what the return said is kept.
 */
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
// Exact decimals, never floats: the platform's one money module.
import * as money from '@jmt/money';
import { isIsoDate } from '@jmt/plugin-fx/dist/currencies';
import { access, isUniqueViolation, listResponse, parseListQuery, type ListResponse, type ListSpec, type Row } from '@jmt/plugin-kit';
import type { Engine } from '@jmt/plugin-workflow';
import { host, type ActorScope } from '../host';
import { TAX_REFUND_KIND } from '../kind';
import { beijingToday } from './rates';
import { RECORD_UID, STATUS_LABEL } from './refunds';

export const UPLOAD_UID = 'plugin::taxrefund.return-upload';
/** GET /api/tax-refund/returns: the upload history, newest day first. */
export const RETURN_UPLOAD_LIST: ListSpec = { filters: { date: { ops: ['$eq', '$gte', '$lte'] } }, sort: ['date'], defaultSort: [{ date: 'desc' }] };
const APPLICATION_UID = 'plugin::workflow.application';

/** Status words of the return file → refund states. */
export const STATUS_WORDS: Record<string, string> = {
  审核中: 'reviewing',
  已受理: 'reviewing',
  审核通过: 'treasury',
  退库: 'treasury',
  退库中: 'treasury',
  已退库: 'treasury',
  到账: 'paid',
  已到账: 'paid',
  退回: 'returned',
  退回补正: 'returned',
  不予退税: 'rejected',
};

/** Platform moves of the refund kind, for finding the path a return implies (审核通过 on a 申报 means two steps). */
const PLATFORM_MOVES: Record<string, string[]> = {
  declared: ['reviewing', 'returned', 'rejected'],
  reviewing: ['treasury', 'returned', 'rejected'],
  treasury: ['paid'],
};

export function pathTo(from: string, to: string): string[] | null {
  if (from === to) return [];
  const queue: { at: string; path: string[] }[] = [{ at: from, path: [] }];
  const seen = new Set([from]);
  while (queue.length) {
    const { at, path } = queue.shift()!;
    for (const next of PLATFORM_MOVES[at] ?? []) {
      if (seen.has(next)) continue;
      // 退回 / 不予退税 end a path; they are never a step on the way to something else.
      if ((next === 'returned' || next === 'rejected') && next !== to) continue;
      if (next === to) return [...path, next];
      seen.add(next);
      queue.push({ at: next, path: [...path, next] });
    }
  }
  return null;
}

export interface ReturnRow {
  row: number;
  number: string;
  word: string;
  amount: string | null;
  date: string | null;
  message: string | null;
}

export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
  value: string | null;
}

const HEADERS = { number: '申报编号', status: '状态', amount: '退税金额', date: '日期', message: '说明' } as const;
const EXAMPLE = '（示例，导入时请删除）';

/** The return-message workbook staff fill from the tax system's export: the columns, one grey example row, the status words. */
export async function returnsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('退税回执');
  ws.columns = [
    { header: HEADERS.number, width: 24 },
    { header: HEADERS.status, width: 12 },
    { header: HEADERS.amount, width: 14 },
    { header: HEADERS.date, width: 14 },
    { header: HEADERS.message, width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.addRow([`${EXAMPLE}TR-20261122-00001`, '已到账', '9360.00', '2026-11-22', '退税款已退至对公账户']).font = { color: { argb: 'FF999999' } };
  const notes = wb.addWorksheet('填写说明');
  notes.getColumn(1).width = 90;
  [
    '1. 每行一份退税申请的回执：申报编号、状态两列必填；列的顺序不限。',
    `2. 状态可用：${Object.keys(STATUS_WORDS).join('、')}。`,
    '3. 「已到账」须填写退税金额（元，最多 2 位小数）；「退回」「不予退税」须在「说明」中写明原因。',
    '4. 审核通过、已到账等可跳过中间步骤，系统会依次补记；状态不变的行只记录回执。',
    '5. 任意一行有错时整份文件都不会处理；每天只能成功上传一次。',
  ].forEach((line) => notes.addRow([line]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return text(value.result as ExcelJS.CellValue);
  }
  return String(value).trim();
}

/** Reads the return file; throws { code, message } for a file that is not a return file at all. */
export async function readReturns(buffer: Buffer): Promise<{ rows: ReturnRow[]; errors: RowError[] }> {
  const reject = (code: string, message: string) => Object.assign(new Error(message), { code });
  if (buffer.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') throw reject('NOT_XLSX', '请上传 Excel（.xlsx）格式的回执文件');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw reject('NOT_XLSX', '文件无法作为 Excel（.xlsx）读取');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw reject('NO_DATA', '文件中没有工作表');
  const cols = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => cols.set(text(cell.value).replace(/\s/g, ''), col));
  const missing = [HEADERS.number, HEADERS.status].filter((h) => !cols.has(h));
  if (missing.length) throw reject('HEADER_MISMATCH', `表头缺少：${missing.join('、')}`);
  const rows: ReturnRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const get = (h: string) => (cols.has(h) ? text(ws.getRow(r).getCell(cols.get(h)!).value) : '');
    const raw = { number: get(HEADERS.number), word: get(HEADERS.status), amount: get(HEADERS.amount), date: get(HEADERS.date), message: get(HEADERS.message) };
    if (!Object.values(raw).some(Boolean)) continue;
    if (raw.number.startsWith(EXAMPLE)) continue;
    const bad = (column: string, code: string, message: string, value: string) => errors.push({ row: r, column, code, message, value: value || null });
    if (!raw.number) bad(HEADERS.number, 'REQUIRED', '申报编号不能为空', raw.number);
    else if (seen.has(raw.number)) bad(HEADERS.number, 'DUPLICATE_IN_FILE', `与第 ${seen.get(raw.number)} 行的申报编号重复`, raw.number);
    else seen.set(raw.number, r);
    const to = STATUS_WORDS[raw.word];
    if (!raw.word) bad(HEADERS.status, 'REQUIRED', '状态不能为空', raw.word);
    else if (!to) bad(HEADERS.status, 'STATUS_UNKNOWN', `无法识别的状态「${raw.word}」，可用：${Object.keys(STATUS_WORDS).join('、')}`, raw.word);
    let amount: string | null = null;
    if (raw.amount) {
      const parsed = money.parseDecimal(raw.amount, 2);
      if ('value' in parsed) amount = money.fixed(parsed.value, 2);
      else bad(HEADERS.amount, 'AMOUNT_INVALID', '退税金额应为大于 0 的数字，最多 2 位小数', raw.amount);
    } else if (to === 'paid') bad(HEADERS.amount, 'REQUIRED', '已到账的回执须填写退税金额', raw.amount);
    const date = raw.date ? raw.date.replace(/[/.]/g, '-') : null;
    if (date && !isIsoDate(date)) bad(HEADERS.date, 'DATE_INVALID', '日期格式应为 2026-11-20', raw.date);
    if ((to === 'returned' || to === 'rejected') && !raw.message) bad(HEADERS.message, 'NOTE_REQUIRED', '退回或不予退税须在「说明」中写明原因', raw.message);
    rows.push({ row: r, number: raw.number, word: raw.word, amount, date, message: raw.message || null });
  }
  if (!rows.length) throw reject('NO_DATA', '文件中没有回执数据');
  return { rows, errors };
}

export function createReturns(strapi: Core.Strapi) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);
  const engine = () => strapi.plugin('workflow').service('engine') as Engine;

  return {
    async upload(scope: ActorScope, file: { buffer: Buffer; name: string }): Promise<Row> {
      h().assertCan(scope, 'taxrefund.process');
      const db = access(strapi, scope);
      const today = beijingToday();
      const already = await db.table(UPLOAD_UID).findOne({ where: { date: today } });
      if (already) throw fail('RETURN_ALREADY_UPLOADED', 409, { date: today, uploadedAt: already.createdAt, uploadedBy: already.uploadedBy ?? null });
      let parsed: Awaited<ReturnType<typeof readReturns>>;
      try {
        parsed = await readReturns(file.buffer);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code) throw fail('IMPORT_FILE_REJECTED', 422, { errors: [{ row: 0, column: '', code, message: (e as Error).message, value: null }] });
        throw e;
      }
      const errors = [...parsed.errors];
      const apps = await db.table(APPLICATION_UID).findMany({
        where: { kind: TAX_REFUND_KIND, number: { $in: parsed.rows.map((r) => r.number).filter(Boolean) } },
        select: ['id', 'documentId', 'number', 'status'],
        populate: { merchant: { select: ['id'] } },
      });
      const plans: { row: ReturnRow; app: Row; path: string[]; to: string }[] = [];
      for (const r of parsed.rows) {
        if (!r.number || errors.some((e) => e.row === r.row)) continue;
        const app = apps.find((a) => a.number === r.number);
        if (!app) {
          errors.push({ row: r.row, column: HEADERS.number, code: 'APPLICATION_UNKNOWN', message: '没有这个申报编号的退税申请', value: r.number });
          continue;
        }
        const to = STATUS_WORDS[r.word];
        const path = pathTo(app.status, to);
        if (!path) {
          errors.push({
            row: r.row,
            column: HEADERS.status,
            code: 'MOVE_NOT_ALLOWED',
            message: `申请当前为「${STATUS_LABEL[app.status] ?? app.status}」，不能变为「${r.word}」`,
            value: r.word,
          });
          continue;
        }
        plans.push({ row: r, app, path, to });
      }
      if (errors.length) throw fail('RETURN_UPLOAD_INVALID', 422, { errors: errors.sort((a, b) => a.row - b.row) });

      const result = await h().transaction(async () => {
        // The upload's date is a unique index: of two staff uploading at the same moment one gets the 409.
        let upload: Row;
        try {
          upload = await db.table(UPLOAD_UID).create({ date: today, fileName: file.name.slice(0, 255), total: parsed.rows.length, uploadedBy: scope.name || scope.phone || null });
        } catch (e) {
          if (isUniqueViolation(e)) throw fail('RETURN_ALREADY_UPLOADED', 409, { date: today });
          throw e;
        }
        const applied: Row[] = [];
        for (const plan of plans) {
          for (const step of plan.path) {
            const note =
              step === plan.to
                ? [plan.row.message, plan.row.amount ? `退税金额 ¥${plan.row.amount}` : null].filter(Boolean).join('；') || `税务回执：${plan.row.word}`
                : '税务回执（自动补记）';
            await engine().transition(scope, plan.app.documentId, step, note);
          }
          await db
            .within(plan.app.merchant.id)
            .table(RECORD_UID)
            .create({ applicationId: plan.app.id, uploadId: upload.id, date: plan.row.date ?? today, status: plan.to, amount: plan.row.amount, message: plan.row.message });
          if (plan.path.length) applied.push({ row: plan.row.row, id: plan.app.documentId, number: plan.app.number, from: plan.app.status, to: plan.to });
        }
        await db.table(UPLOAD_UID).update({ id: upload.id }, { applied: applied.length, rows: applied });
        await h().audit(
          {
            module: 'tax-refund',
            action: 'returns.upload',
            targetUid: UPLOAD_UID,
            targetId: upload.documentId,
            after: { date: today, fileName: file.name, applied: applied.length },
          },
          scope,
        );
        return { id: upload.documentId as string, date: today, applied, unchanged: plans.length - applied.length };
      });
      h().afterCommit();
      return result;
    },

    async history(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      h().assertCan(scope, 'taxrefund.process');
      const list = parseListQuery(query, RETURN_UPLOAD_LIST);
      const uploads = access(strapi, scope).table(UPLOAD_UID);
      const [rows, total] = await Promise.all([uploads.findMany({ where: list.where, orderBy: list.orderBy, offset: list.offset, limit: list.limit }), uploads.count(list.where)]);
      return listResponse(
        rows.map((r) => ({
          id: r.documentId,
          date: r.date,
          fileName: r.fileName,
          total: r.total ?? 0,
          applied: r.applied ?? 0,
          uploadedBy: r.uploadedBy ?? null,
          createdAt: r.createdAt,
        })),
        list,
        total,
      );
    },
  };
}
