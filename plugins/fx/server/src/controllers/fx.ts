/** Thin HTTP layer: resolve the caller's scope, hand over to the services, answer `{ data }`. */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { balanceTemplate } from '../balance-sheet';
import { host } from '../host';
import type { Alerts } from '../services/alerts';
import type { Ledger } from '../services/ledger';
import type { Rates } from '../services/rates';
import type { Settlements } from '../services/settlements';

export interface Ctx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: Record<string, unknown> };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
}

type UploadedFile = { filepath?: string; path?: string; originalFilename?: string; name?: string; size: number };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = <T>(name: string): T => strapi.plugin('fx').service(name) as T;
  const rates = () => service<Rates>('rates');
  const alerts = () => service<Alerts>('alerts');
  const ledger = () => service<Ledger>('ledger');
  const settlements = () => service<Settlements>('settlements');
  const scope = (ctx: Ctx) => host(strapi).scope(ctx);
  const body = (ctx: Ctx): Record<string, unknown> => {
    const b = ctx.request.body as Record<string, unknown> | undefined;
    return (b && typeof b === 'object' && 'data' in b && b.data && typeof b.data === 'object' ? (b.data as Record<string, unknown>) : b) ?? {};
  };
  const signedIn = async (ctx: Ctx) => {
    const s = await scope(ctx);
    if (s.kind === 'anonymous') throw host(strapi).error('UNAUTHORIZED', 401);
    return s;
  };

  return {
    async rates(ctx: Ctx) {
      await signedIn(ctx);
      ctx.body = await rates().latest();
    },
    async history(ctx: Ctx) {
      await signedIn(ctx);
      ctx.body = { data: await rates().history(ctx.query.currency, ctx.query.days) };
    },
    async setRate(ctx: Ctx) {
      ctx.body = { data: await rates().setManual(await scope(ctx), body(ctx)) };
    },
    async fetchRates(ctx: Ctx) {
      ctx.body = { data: await rates().fetchNow(await scope(ctx)) };
    },
    async listAlerts(ctx: Ctx) {
      ctx.body = { data: await alerts().list(await scope(ctx)) };
    },
    async createAlert(ctx: Ctx) {
      ctx.body = { data: await alerts().create(await scope(ctx), body(ctx)) };
      ctx.status = 201;
    },
    async updateAlert(ctx: Ctx) {
      ctx.body = { data: await alerts().update(await scope(ctx), ctx.params.id, body(ctx)) };
    },
    async deleteAlert(ctx: Ctx) {
      await alerts().remove(await scope(ctx), ctx.params.id);
      ctx.body = { data: { id: ctx.params.id, deleted: true } };
    },
    async account(ctx: Ctx) {
      ctx.body = { data: await ledger().account(await scope(ctx)) };
    },
    async ledger(ctx: Ctx) {
      ctx.body = await ledger().entries(await scope(ctx), ctx.query);
    },
    async accounts(ctx: Ctx) {
      ctx.body = await ledger().accounts(await scope(ctx), ctx.query);
    },
    async balanceTemplate(ctx: Ctx) {
      host(strapi).assertCan(await scope(ctx), 'fx.balances');
      ctx.set('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      ctx.set('content-disposition', `attachment; filename="balances.xlsx"; filename*=UTF-8''${encodeURIComponent('子账户余额上传模板.xlsx')}`);
      ctx.body = await balanceTemplate();
    },
    async uploadBalances(ctx: Ctx) {
      const s = await scope(ctx);
      host(strapi).assertCan(s, 'fx.balances');
      const raw = ctx.request.files?.file as UploadedFile | UploadedFile[] | undefined;
      const f = Array.isArray(raw) ? raw[0] : raw;
      const filePath = f?.filepath ?? f?.path;
      if (!f || !filePath) throw host(strapi).error('FILE_REQUIRED', 400, { field: 'file' });
      const buffer = await fs.promises.readFile(filePath);
      ctx.body = { data: await ledger().upload(s, { buffer, name: f.originalFilename ?? f.name ?? 'balances.xlsx' }) };
    },
    async listUploads(ctx: Ctx) {
      ctx.body = await ledger().uploads(await scope(ctx), ctx.query);
    },
    async createSettlement(ctx: Ctx) {
      ctx.body = { data: await settlements().create(await scope(ctx), body(ctx)) };
      ctx.status = 201;
    },
    async listSettlements(ctx: Ctx) {
      ctx.body = await settlements().list(await scope(ctx), ctx.query);
    },
    async findSettlement(ctx: Ctx) {
      ctx.body = { data: await settlements().findOne(await scope(ctx), ctx.params.id) };
    },
    async completeSettlement(ctx: Ctx) {
      ctx.body = { data: await settlements().complete(await scope(ctx), ctx.params.id, body(ctx)) };
    },
    async rejectSettlement(ctx: Ctx) {
      ctx.body = { data: await settlements().reject(await scope(ctx), ctx.params.id, body(ctx)) };
    },
  };
};
