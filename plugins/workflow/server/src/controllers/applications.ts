import type { Core } from '@strapi/strapi';
import { host } from '../host';
import { renderTemplate, templatesFor } from '../templates';
import type { Engine } from '../services/engine';

export interface Ctx {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: Record<string, unknown> };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** RFC 5987 file name, so Chinese template names survive every browser. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** HTTP glue only: the rules live in services/engine.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = (): Engine => strapi.plugin('workflow').service('engine') as Engine;
  const scope = (ctx: Ctx) => host(strapi).scope(ctx);
  const body = (ctx: Ctx) => (ctx.request.body ?? {}) as Record<string, unknown>;

  return {
    async kinds(ctx: Ctx) {
      const s = await scope(ctx);
      if (s.kind === 'anonymous') throw host(strapi).error('UNAUTHORIZED', 401);
      ctx.body = { data: engine().kinds().map((k) => ({ ...k, templates: templatesFor(k.kind).map(({ key, label, format }) => ({ key, label, format })) })) };
    },
    async find(ctx: Ctx) {
      const q = ctx.query;
      ctx.body = await engine().list(await scope(ctx), {
        kind: str(q.kind),
        status: str(q.status),
        merchant: str(q.merchant),
        q: str(q.q),
        owner: str(q.owner),
        stuckDays: Number(q.stuckDays) || undefined,
        page: Number(q.page) || undefined,
        pageSize: Number(q.pageSize) || undefined,
      });
    },
    async findOne(ctx: Ctx) {
      ctx.body = { data: await engine().findOne(await scope(ctx), ctx.params.id) };
    },
    async create(ctx: Ctx) {
      const { kind, data } = body(ctx);
      ctx.status = 201;
      ctx.body = { data: await engine().create(await scope(ctx), kind, data) };
    },
    async update(ctx: Ctx) {
      ctx.body = { data: await engine().saveData(await scope(ctx), ctx.params.id, body(ctx).data) };
    },
    async transition(ctx: Ctx) {
      const { to, note } = body(ctx);
      ctx.body = { data: await engine().transition(await scope(ctx), ctx.params.id, to, note) };
    },
    async prefill(ctx: Ctx) {
      ctx.body = await engine().prefill(await scope(ctx), ctx.query.kind);
    },
    async guide(ctx: Ctx) {
      ctx.body = { data: await engine().guide(await scope(ctx), 'filing') };
    },
    async progress(ctx: Ctx) {
      ctx.body = { data: await engine().progress(await scope(ctx)) };
    },
    async todos(ctx: Ctx) {
      ctx.body = { data: await engine().todos(await scope(ctx)) };
    },
    async template(ctx: Ctx) {
      const s = await scope(ctx);
      const fill = await engine().templateFill(s);
      try {
        const file = await renderTemplate(ctx.params.kind, ctx.params.template, fill);
        ctx.set('Content-Type', file.contentType);
        ctx.set('Content-Disposition', contentDisposition(file.filename));
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = file.buffer;
      } catch (error) {
        if ((error as { code?: string }).code === 'TEMPLATE_NOT_FOUND') throw host(strapi).error('TEMPLATE_NOT_FOUND', 404);
        throw error;
      }
    },
  };
};
