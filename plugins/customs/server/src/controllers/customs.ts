/** Thin HTTP layer: resolve the caller's scope, hand over to the services, answer `{ data }`. */
import type { Core } from '@strapi/strapi';
import { host } from '../host';
import { orderTemplate } from '../import/template';
import type { Flow } from '../services/flow';
import type { ConfigService } from '../services/config';

export interface Ctx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: Record<string, unknown> };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
}

type UploadedFile = { filepath?: string; path?: string; originalFilename?: string; name?: string; size: number };

function firstFile(ctx: Ctx): { path: string; name: string; size: number } | null {
  const raw = ctx.request.files?.file as UploadedFile | UploadedFile[] | undefined;
  const f = Array.isArray(raw) ? raw[0] : raw;
  if (!f) return null;
  const p = f.filepath ?? f.path;
  if (!p) return null;
  return { path: p, name: f.originalFilename ?? f.name ?? 'orders.xlsx', size: f.size };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const flow = (): Flow => strapi.plugin('customs').service('flow') as Flow;
  const config = (): ConfigService => strapi.plugin('customs').service('config') as ConfigService;
  const scope = (ctx: Ctx) => host(strapi).scope(ctx);
  const body = (ctx: Ctx): Record<string, unknown> => {
    const b = ctx.request.body as Record<string, unknown> | undefined;
    return (b && typeof b === 'object' && 'data' in b && b.data && typeof b.data === 'object' ? (b.data as Record<string, unknown>) : b) ?? {};
  };

  return {
    async template(ctx: Ctx) {
      await scope(ctx);
      ctx.set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('content-disposition', `attachment; filename="orders.xlsx"; filename*=UTF-8''${encodeURIComponent('电子订单导入模板.xlsx')}`);
      ctx.body = await orderTemplate();
    },
    async myConfig(ctx: Ctx) {
      ctx.body = { data: await config().mine(await scope(ctx)) };
    },
    async listConfigs(ctx: Ctx) {
      ctx.body = { data: await config().list(await scope(ctx)) };
    },
    async getConfig(ctx: Ctx) {
      ctx.body = { data: await config().get(await scope(ctx), ctx.params.merchant) };
    },
    async saveConfig(ctx: Ctx) {
      ctx.body = { data: await config().save(await scope(ctx), ctx.params.merchant, body(ctx)) };
    },
    async verifyConfig(ctx: Ctx) {
      ctx.body = { data: await config().reverify(await scope(ctx), ctx.params.merchant) };
    },
    async createBatch(ctx: Ctx) {
      const batch = await flow().createBatch(await scope(ctx), body(ctx));
      ctx.status = 201;
      ctx.body = { data: batch, id: batch.id, status: batch.status };
    },
    async listBatches(ctx: Ctx) {
      ctx.body = await flow().listBatches(await scope(ctx), ctx.query);
    },
    async findBatch(ctx: Ctx) {
      ctx.body = { data: await flow().findBatch(await scope(ctx), ctx.params.id) };
    },
    async listOrders(ctx: Ctx) {
      ctx.body = await flow().listRecords(await scope(ctx), ctx.params.id, 'order', ctx.query);
    },
    async exportOrders(ctx: Ctx) {
      const { fileName, stream } = await flow().exportOrders(await scope(ctx), ctx.params.id);
      ctx.set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('content-disposition', `attachment; filename="orders.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
      ctx.body = stream;
    },
    async listInventories(ctx: Ctx) {
      ctx.body = await flow().listRecords(await scope(ctx), ctx.params.id, 'inventory', ctx.query);
    },
    async importOrders(ctx: Ctx) {
      const result = await flow().importPreview(await scope(ctx), ctx.params.id, firstFile(ctx));
      ctx.status = result.fatal ? 422 : 200;
      ctx.body = result.fatal
        ? { data: null, error: { status: 422, code: 'IMPORT_FILE_REJECTED', message: result.errors[0]?.message ?? '文件无法导入', details: result } }
        : { ...result, data: result };
    },
    async getImport(ctx: Ctx) {
      const result = await flow().importPreviewAgain(await scope(ctx), ctx.params.importId);
      ctx.body = { ...result, data: result };
    },
    async fixImport(ctx: Ctx) {
      const result = await flow().importFix(await scope(ctx), ctx.params.importId, body(ctx));
      ctx.body = { ...result, data: result };
    },
    async commitImport(ctx: Ctx) {
      const result = await flow().importCommit(await scope(ctx), ctx.params.importId);
      ctx.body = { ...result, data: result };
    },
    async declareOrders(ctx: Ctx) {
      ctx.body = { data: await flow().declareOrders(await scope(ctx), ctx.params.id) };
    },
    async declareInventories(ctx: Ctx) {
      ctx.body = { data: await flow().declareInventories(await scope(ctx), ctx.params.id) };
    },
    async declareWaybill(ctx: Ctx) {
      ctx.body = { data: await flow().declareWaybill(await scope(ctx), ctx.params.id, body(ctx)) };
    },
    async declareSummary(ctx: Ctx) {
      ctx.body = { data: await flow().declareSummary(await scope(ctx), ctx.params.id) };
    },
    async timeline(ctx: Ctx) {
      const kinds = { orders: 'order', inventories: 'inventory', waybills: 'waybill', summaries: 'summary', cancellations: 'cancellation' } as const;
      const kind = kinds[ctx.params.kind as keyof typeof kinds];
      if (!kind) throw host(strapi).error('NOT_FOUND', 404);
      ctx.body = { data: await flow().timeline(await scope(ctx), kind, ctx.params.id) };
    },
    async listCancellations(ctx: Ctx) {
      ctx.body = await flow().listCancellations(await scope(ctx), ctx.query);
    },
    async cancellable(ctx: Ctx) {
      ctx.body = { data: await flow().cancellable(await scope(ctx), ctx.query) };
    },
    async createCancellation(ctx: Ctx) {
      ctx.status = 201;
      ctx.body = { data: await flow().createCancellation(await scope(ctx), body(ctx)) };
    },
    async declareCancellation(ctx: Ctx) {
      ctx.body = { data: await flow().declareCancellation(await scope(ctx), ctx.params.id) };
    },
    async withdrawCancellation(ctx: Ctx) {
      ctx.body = { data: await flow().withdrawCancellation(await scope(ctx), ctx.params.id) };
    },
    async todos(ctx: Ctx) {
      ctx.body = { data: await flow().todos(await scope(ctx)) };
    },
    async board(ctx: Ctx) {
      ctx.body = await flow().board(await scope(ctx), ctx.query);
    },
    async pollNow(ctx: Ctx) {
      const s = await scope(ctx);
      host(strapi).assertCan(s, 'customs.view');
      ctx.body = { data: await (strapi.plugin('customs').service('poller') as { pollNow(): Promise<unknown> }).pollNow() };
    },
    async hints(ctx: Ctx) {
      ctx.body = { data: await flow().hints(await scope(ctx)) };
    },
    async saveHint(ctx: Ctx) {
      ctx.body = { data: await flow().saveHint(await scope(ctx), ctx.params.key, body(ctx)) };
    },
  };
};
