/**
 * Export batches (C2) and what they hold: create, list (Strapi's list format), one batch with its progress,
 * imports and receipt timeline, its e-orders and 清单, one record's receipt history, and the orders workbook.
 */
import crypto from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import { listResponse, parseListQuery, type ActorScope, type ListResponse, type ListSpec, type Row } from '@jmt/plugin-kit';
import { formatIeDate, returnStatusLabel } from '../ceb';
import * as D from '../decimal';
import { TEMPLATE_COLUMNS } from '../import/columns';
import { safeCell } from '../import/normalise';
import type { customs } from '@jmt/contracts';
import { presentBatch, presentSubject } from '../lib/present';
import { STATUS_LABELS, statusFromReturn, type SubjectType } from '../lib/status';

type BatchInput = customs.BatchInput;
import type { CustomsContext } from './context';
import { SUBJECT_UID, UID } from './store';

const RECORD_STATUSES = Object.keys(STATUS_LABELS);

/** GET /api/customs/batches (and the staff board). */
export const BATCH_LIST: ListSpec = {
  filters: {
    q: { ops: ['$containsi'], search: ['number', 'name'] },
    merchant: { ops: ['$eq'], path: 'merchant.documentId' },
    status: { ops: ['$eq'], values: ['open', 'closed'] },
  },
  sort: ['createdAt', 'number'],
  defaultSort: [{ id: 'desc' }],
};

/** GET /api/customs/batches/:id/orders and …/inventories. */
export const ORDER_LIST: ListSpec = {
  filters: { status: { ops: ['$eq', '$in'], values: RECORD_STATUSES }, q: { ops: ['$containsi'], search: ['orderNo'] } },
  sort: ['orderNo', 'createdAt'],
  defaultSort: [{ id: 'asc' }],
  maxPageSize: 200,
};
export const INVENTORY_LIST: ListSpec = {
  ...ORDER_LIST,
  filters: { ...ORDER_LIST.filters, q: { ops: ['$containsi'], search: ['orderNo', 'invtNo', 'logisticsNo'] } },
  sort: ['orderNo', 'invtNo', 'createdAt'],
};

export function createBatches(_strapi: Core.Strapi, c: CustomsContext) {
  const { h, fail, db } = c;

  const batches = {
    /** A merchant admin whose module is open (the controller asks before judging a body). */
    assertWriter: (scope: ActorScope) => c.assertWriter(scope),

    /** `input` is parsed by the route's contract (customs.batchInput): every field already checked. */
    async create(scope: ActorScope, input: BatchInput): Promise<Row> {
      const merchantId = await c.assertWriter(scope);
      const cfg = await c.requireConfig(merchantId);
      const { name, logisticsCode, logisticsName, country, note } = input;
      const tradeMode = input.tradeMode ?? '9610';
      const statisticsFlag = input.statisticsFlag ?? 'B';
      const trafMode = input.trafMode ?? '5';
      const wrapType = input.wrapType ?? '22';
      const parcelWeight = input.parcelWeight ?? '0.5';
      const row = await h().transaction(async () => {
        const created = await db(scope)
          .table(UID.batch)
          .create({
            number: `PC${formatIeDate(new Date())}${crypto.randomInt(0, 1e6).toString().padStart(6, '0')}`,
            name,
            tradeMode,
            statisticsFlag,
            logisticsCode,
            logisticsName,
            country,
            trafMode,
            wrapType,
            parcelWeight: D.canonical(parcelWeight),
            status: 'open',
            note: note ?? null,
          });
        await h().audit(
          { module: 'customs', action: 'batch.create', targetUid: UID.batch, targetId: created.documentId, after: { number: created.number, name, dxpId: cfg.dxpId } },
          scope,
        );
        return created;
      });
      h().afterCommit();
      return presentBatch(row);
    },

    async list(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      c.assertReader(scope);
      const list = parseListQuery(query, BATCH_LIST);
      if (scope.kind === 'merchant' && list.filters.merchant) throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'filters.merchant', message: '商户用户不能按商户筛选' }] });
      const table = db(scope).table(UID.batch);
      const [rows, total] = await Promise.all([
        table.findMany({ where: list.where, orderBy: list.orderBy, offset: list.offset, limit: list.limit, populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } }),
        table.count(list.where),
      ]);
      const progress = await c.progressMany(db(scope), rows);
      return listResponse(
        rows.map((r, i) => ({ ...presentBatch(r), progress: progress[i] })),
        list,
        total,
      );
    },

    async findOne(scope: ActorScope, documentId: string): Promise<Row> {
      c.assertReader(scope);
      const batch = await c.loadBatch(scope, documentId);
      const data = db(scope);
      const imports = await data.table(UID.import).findMany({ where: { batchId: batch.id }, orderBy: { id: 'desc' }, limit: 5 });
      const events = await data.table(UID.event).findMany({ where: { batchId: batch.id }, orderBy: [{ returnAt: 'desc' }, { id: 'desc' }], limit: 30 });
      return {
        ...presentBatch(batch),
        progress: (await c.progressMany(data, [batch]))[0],
        imports: imports.map((i) => ({
          importId: i.documentId,
          status: i.status,
          fileName: i.fileName,
          total: i.total,
          valid: i.valid,
          errorCount: i.errorCount,
          committedCount: i.committedCount,
          createdAt: i.createdAt,
        })),
        timeline: await c.withRefs(data, events),
        canWrite: scope.kind === 'merchant' && h().can(scope, 'data.write'),
      };
    },

    async records(scope: ActorScope, documentId: string, subject: 'order' | 'inventory', query: Row): Promise<ListResponse<Row>> {
      c.assertReader(scope);
      const batch = await c.loadBatch(scope, documentId);
      const list = parseListQuery(query, subject === 'order' ? ORDER_LIST : INVENTORY_LIST);
      const where = { $and: [{ batchId: batch.id }, list.where] };
      const table = db(scope).table(SUBJECT_UID[subject]);
      const [rows, total] = await Promise.all([table.findMany({ where, orderBy: list.orderBy, offset: list.offset, limit: list.limit }), table.count(where)]);
      return listResponse(
        rows.map((r) => presentSubject(subject, r)),
        list,
        total,
      );
    },

    /** A record's receipt history (timeline), for orders, inventories, 总分单, 汇总 and 撤销. */
    async timeline(scope: ActorScope, subject: SubjectType, documentId: string): Promise<Row> {
      c.assertReader(scope);
      const data = db(scope);
      const row = await data.table(SUBJECT_UID[subject]).get({ documentId });
      const events = await data.table(UID.event).findMany({ where: { subjectType: subject, subjectId: row.id }, orderBy: [{ returnAt: 'asc' }, { id: 'asc' }] });
      const messages = await data.table(UID.message).findMany({
        where: { subjectType: subject, subjectId: row.id },
        orderBy: { id: 'asc' },
        select: ['guid', 'messageType', 'status', 'createdAt', 'acceptedAt', 'lastError'],
      });
      return {
        ...presentSubject(subject, row),
        messages,
        timeline: events.map((e) => ({
          guid: e.guid,
          returnStatus: e.returnStatus,
          returnStatusLabel: returnStatusLabel(e.returnStatus),
          status: statusFromReturn(subject, e.returnStatus),
          returnInfo: e.returnInfo,
          at: e.returnAt,
        })),
      };
    },

    /**
     * The batch's orders as a workbook, one row per line, in the template's columns plus status. Every text
     * goes through safeCell, so a cell that was imported as "=HYPERLINK(…)" comes out as inert text.
     */
    async exportOrders(scope: ActorScope, documentId: string): Promise<{ fileName: string; stream: Readable }> {
      c.assertReader(scope);
      const batch = await c.loadBatch(scope, documentId);
      const orders = db(scope).table(UID.order);
      const out = new PassThrough();
      const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      const sheet = book.addWorksheet('电子订单');
      const columns = TEMPLATE_COLUMNS.map((col) => ({ header: col.header, key: col.key, width: col.width }));
      sheet.columns = [...columns, { header: '申报状态', key: 'status', width: 12 }, { header: '回执', key: 'returnInfo', width: 30 }];
      void (async () => {
        try {
          let lastId = 0;
          for (;;) {
            const rows = await orders.findMany({ where: { batchId: batch.id, id: { $gt: lastId } }, orderBy: { id: 'asc' }, limit: 500 });
            if (!rows.length) break;
            for (const o of rows) {
              for (const l of (o.lines ?? []) as Row[]) {
                const line: Record<string, string> = {
                  orderNo: safeCell(o.orderNo, 'xlsx'),
                  freight: safeCell(o.freight, 'xlsx'),
                  status: STATUS_LABELS[o.status] ?? o.status,
                  returnInfo: safeCell(o.returnInfo ?? '', 'xlsx'),
                };
                for (const col of TEMPLATE_COLUMNS) if (col.key !== 'orderNo' && col.key !== 'freight') line[col.key] = safeCell(l[col.key] ?? '', 'xlsx');
                sheet.addRow(line).commit();
              }
            }
            lastId = rows[rows.length - 1].id as number;
          }
          sheet.commit();
          await book.commit();
        } catch (e) {
          out.destroy(e as Error);
        }
      })();
      return { fileName: `${batch.number}-电子订单.xlsx`, stream: out };
    },
  };
  return batches;
}

export type Batches = ReturnType<typeof createBatches>;
