/**
 * The e-order import (C3): an uploaded workbook is checked cell by cell in a child process (preview), fixed in
 * place, and committed all or nothing — the orders arriving from the import process a chunk at a time and
 * written with the kit's bulk insert, inside one transaction that re-checks every order number.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { ActorScope, DataAccess, Row, Upload } from '@jmt/plugin-kit';
import type { ImportResult, RowOverrides } from '../import/parse';
import { importInWorker, type WorkerImport } from '../import/run-in-worker';
import { presentImport } from '../lib/present';
import type { CustomsContext } from './context';
import { UID } from './store';

export function createImports(_strapi: Core.Strapi, c: CustomsContext) {
  const { h, fail, db } = c;
  const importDir = () => path.join(h().privateDir(), 'customs-imports');

  /** Order numbers the merchant already has (not rejected): an order is declared once. */
  async function knownOrderNos(data: DataAccess, nos: string[]): Promise<Set<string>> {
    const rows = await data.table(UID.order).findMany({ where: { orderNo: { $in: nos }, status: { $ne: 'rejected' } }, select: ['orderNo'] });
    return new Set(rows.map((r) => r.orderNo as string));
  }

  /** Fixes typed over earlier ones; the shape is checked by the route's contract (customs.importFixInput). */
  function mergeOverrides(current: unknown, input: Record<string, Record<string, string>>): RowOverrides {
    const out: Record<string, Record<string, string>> = { ...((current as Record<string, Record<string, string>>) ?? {}) };
    for (const [row, fields] of Object.entries(input)) out[row] = { ...(out[row] ?? {}), ...fields };
    return out as unknown as RowOverrides;
  }

  async function loadImport(scope: ActorScope, importId: string): Promise<{ imp: Row; batch: Row }> {
    const data = db(scope);
    const imp = await data.table(UID.import).get({ documentId: importId }, { populate: { merchant: { select: ['id'] } } });
    const batch = await data.table(UID.batch).get({ id: imp.batchId }, { populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } });
    return { imp, batch };
  }

  /** Parses and checks the stored upload in a child process; the caller must stop() what it gets back. */
  async function startImport(data: DataAccess, imp: Row, overrides?: RowOverrides, checkKnown = true): Promise<WorkerImport> {
    const file = path.join(importDir(), imp.fileKey);
    if (!fs.existsSync(file)) throw fail('IMPORT_EXPIRED', 410);
    const maxBytes = Number(process.env.CUSTOMS_IMPORT_MAX_BYTES ?? 30 * 1024 * 1024);
    return importInWorker(file, { overrides, maxBytes, ...(checkKnown ? { isKnownOrderNo: (nos: string[]) => knownOrderNos(data, nos) } : {}) });
  }

  async function runImport(data: DataAccess, imp: Row, overrides?: RowOverrides): Promise<ImportResult> {
    const run = await startImport(data, imp, overrides);
    run.stop();
    return run.summary;
  }

  return {
    async preview(scope: ActorScope, documentId: string, upload: Upload | null): Promise<Row> {
      await c.assertWriter(scope);
      const batch = await c.loadBatch(scope, documentId);
      if (batch.status !== 'open') throw fail('BATCH_CLOSED', 409);
      if (!upload) throw fail('IMPORT_FILE_REQUIRED', 400);
      await fs.promises.mkdir(importDir(), { recursive: true });
      const fileKey = `${crypto.randomBytes(16).toString('hex')}.xlsx`;
      await fs.promises.copyFile(upload.path, path.join(importDir(), fileKey));
      const data = db(scope);
      const imp = await data.table(UID.import).create({ batchId: batch.id, fileKey, fileName: upload.name.slice(0, 255), status: 'preview', overrides: {} });
      const result = await runImport(data, imp);
      await data.table(UID.import).update({ id: imp.id }, { total: result.total, valid: result.valid, errorCount: result.errorCount });
      if (result.fatal) await fs.promises.rm(path.join(importDir(), fileKey), { force: true });
      return presentImport({ ...imp, status: result.fatal ? 'rejected' : 'preview' }, result);
    },

    /** Fix cells in the preview: overrides {excelRow: {field: text}} are kept and the file is checked again. */
    async fix(scope: ActorScope, importId: string, body: { overrides: Record<string, Record<string, string>> }): Promise<Row> {
      await c.assertWriter(scope);
      const { imp } = await loadImport(scope, importId);
      if (imp.status !== 'preview') throw fail('IMPORT_ALREADY_COMMITTED', 409);
      const overrides = mergeOverrides(imp.overrides, body.overrides);
      const data = db(scope);
      const result = await runImport(data, imp, overrides);
      await data.table(UID.import).update({ id: imp.id }, { overrides, total: result.total, valid: result.valid, errorCount: result.errorCount });
      return presentImport(imp, result);
    },

    async previewAgain(scope: ActorScope, importId: string): Promise<Row> {
      c.assertReader(scope);
      const { imp } = await loadImport(scope, importId);
      // Order numbers are checked against the import's merchant (staff may look at any import).
      const result = await runImport(db(scope).within(imp.merchant.id), imp, imp.overrides ?? undefined);
      return presentImport(imp, result);
    },

    /** Persists a clean import, all or nothing; 409 with the errors otherwise. */
    async commit(scope: ActorScope, importId: string): Promise<Row> {
      await c.assertWriter(scope);
      const { imp, batch } = await loadImport(scope, importId);
      if (imp.status !== 'preview') throw fail('IMPORT_ALREADY_COMMITTED', 409);
      if (batch.status !== 'open') throw fail('BATCH_CLOSED', 409);
      const data = db(scope);
      // Earlier orders are checked once, inside the transaction below, rather than also while parsing.
      const run = await startImport(data, imp, imp.overrides ?? undefined, false);
      const result = run.summary;
      let committed: number;
      try {
        if (result.errorCount > 0 || result.fatal) throw fail('IMPORT_HAS_ERRORS', 409, { errors: presentImport(imp, result).errors, errorCount: result.errorCount });
        committed = await h().transaction(async () => {
          const claimed = await data.table(UID.import).updateMany({ id: imp.id, status: 'preview' }, { status: 'committed', committedCount: run.orderNos.length });
          if (claimed !== 1) throw fail('IMPORT_ALREADY_COMMITTED', 409);
          // Re-checked inside the transaction: another import may have committed the same order numbers meanwhile.
          const nos = run.orderNos;
          const clash: string[] = [];
          for (let i = 0; i < nos.length; i += 500) clash.push(...(await knownOrderNos(data, nos.slice(i, i + 500))));
          if (clash.length)
            throw fail('IMPORT_HAS_ERRORS', 409, {
              errors: clash
                .slice(0, 100)
                .map((no) => ({ row: 0, column: '订单编号', field: 'orderNo', code: 'DUPLICATE_EXISTING', message: `订单编号 ${no} 已经导入过，不能重复申报` })),
              errorCount: clash.length,
            });
          // Orders arrive from the import process one chunk at a time: the cms never holds the whole file.
          const orders = data.table(UID.order);
          for await (const chunk of run.chunks()) {
            await orders.bulkInsert(
              chunk.map((o) => ({
                batchId: batch.id,
                importId: imp.documentId,
                orderNo: o.orderNo,
                currency: o.currency,
                goodsValue: o.goodsValue,
                freight: o.freight,
                orderDate: o.orderDate ?? null,
                lines: o.lines,
                status: 'draft',
              })),
            );
          }
          await h().audit(
            {
              module: 'customs',
              action: 'orders.import',
              targetUid: UID.batch,
              targetId: batch.documentId,
              after: { importId: imp.documentId, orders: nos.length, rows: result.total, file: imp.fileName },
            },
            scope,
          );
          return nos.length;
        });
      } finally {
        run.stop();
      }
      await fs.promises.rm(path.join(importDir(), imp.fileKey), { force: true });
      h().afterCommit();
      return { importId: imp.documentId, status: 'committed', orders: committed, rows: result.total };
    },
  };
}

export type Imports = ReturnType<typeof createImports>;
