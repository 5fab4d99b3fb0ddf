/** Thin HTTP layer: resolve the caller's scope, hand over to the services, answer `{ data }`. */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { host } from '../host';
import type { Rates } from '../services/rates';
import type { Refunds } from '../services/refunds';
import { returnsTemplate, type createReturns } from '../services/returns';

export interface Ctx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: Record<string, unknown> };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
}

type UploadedFile = { filepath?: string; path?: string; originalFilename?: string; name?: string };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string): T => strapi.plugin('taxrefund').service(name) as T;
  const rates = () => service<Rates>('rates');
  const refunds = () => service<Refunds>('refunds');
  const returns = () => service<ReturnType<typeof createReturns>>('returns');
  const scope = (ctx: Ctx) => host(strapi).scope(ctx);
  const body = (ctx: Ctx): Record<string, unknown> => {
    const b = ctx.request.body as Record<string, unknown> | undefined;
    return (b && typeof b === 'object' && 'data' in b && b.data && typeof b.data === 'object' ? (b.data as Record<string, unknown>) : b) ?? {};
  };

  return {
    async estimate(ctx: Ctx) {
      const q = ctx.query;
      ctx.body = { data: await rates().estimate(await scope(ctx), { hsCode: q.hsCode, enterpriseType: q.enterpriseType, purchaseAmount: q.purchaseAmount, orderAmount: q.orderAmount, date: q.date }) };
    },
    async listApplications(ctx: Ctx) {
      ctx.body = await refunds().list(await scope(ctx), ctx.query);
    },
    async findApplication(ctx: Ctx) {
      ctx.body = { data: await refunds().findOne(await scope(ctx), ctx.params.id) };
    },
    async declarations(ctx: Ctx) {
      ctx.body = { data: await refunds().declarations(await scope(ctx)) };
    },
    async package(ctx: Ctx) {
      const pkg = await refunds().package(await scope(ctx), ctx.params.id);
      ctx.set('content-type', 'application/zip');
      ctx.set('content-disposition', `attachment; filename="tax-refund.zip"; filename*=UTF-8''${encodeURIComponent(pkg.fileName)}`);
      ctx.body = pkg.body;
    },
    async uploadReturns(ctx: Ctx) {
      const s = await scope(ctx);
      host(strapi).assertCan(s, 'taxrefund.process');
      const raw = ctx.request.files?.file as UploadedFile | UploadedFile[] | undefined;
      const f = Array.isArray(raw) ? raw[0] : raw;
      const filePath = f?.filepath ?? f?.path;
      if (!f || !filePath) throw host(strapi).error('FILE_REQUIRED', 400, { field: 'file' });
      ctx.body = { data: await returns().upload(s, { buffer: await fs.promises.readFile(filePath), name: f.originalFilename ?? f.name ?? 'returns.xlsx' }) };
    },
    async returnsTemplate(ctx: Ctx) {
      host(strapi).assertCan(await scope(ctx), 'taxrefund.process');
      ctx.set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('content-disposition', `attachment; filename="returns.xlsx"; filename*=UTF-8''${encodeURIComponent('退税回执上传模板.xlsx')}`);
      ctx.body = await returnsTemplate();
    },
    async listReturns(ctx: Ctx) {
      ctx.body = await returns().history(await scope(ctx), ctx.query);
    },
    async listRates(ctx: Ctx) {
      ctx.body = { data: await rates().list(await scope(ctx), ctx.query.q) };
    },
    async createRate(ctx: Ctx) {
      ctx.body = { data: await rates().create(await scope(ctx), body(ctx)) };
      ctx.status = 201;
    },
    async updateRate(ctx: Ctx) {
      ctx.body = { data: await rates().update(await scope(ctx), ctx.params.id, body(ctx)) };
    },
    async deleteRate(ctx: Ctx) {
      await rates().remove(await scope(ctx), ctx.params.id);
      ctx.body = { data: { id: ctx.params.id, deleted: true } };
    },
  };
};
