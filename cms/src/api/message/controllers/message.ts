import { factories } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import { asSystem, assertCan, resolveScope } from '../../../core/scope';
import { presentMessage as present, type MessageDoc } from '../lib/present';

const UID = 'api::message.message';
const CATEGORIES = new Set(['business', 'todo', 'announcement']);


/**
 * 消息中心 (G4): the caller's merchant's messages, newest first. Reads go through the Document Service
 * (tenancy-scoped). Marking read is allowed to members too (`messages.mark`): ownership is proven by the
 * scoped read, then only `readAt` is written.
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx: any) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, scope.kind === 'platform' ? 'platform.access' : 'messages.read');
    const page = Math.max(1, Number(ctx.query.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(ctx.query.pageSize) || 20));
    const and: Record<string, unknown>[] = [];
    if (typeof ctx.query.category === 'string' && ctx.query.category) {
      if (!CATEGORIES.has(ctx.query.category)) throw new AppError('VALIDATION_FAILED', 400, { field: 'category' });
      and.push({ category: ctx.query.category });
    }
    if (typeof ctx.query.module === 'string' && ctx.query.module) and.push({ module: ctx.query.module });
    if (ctx.query.read === 'true') and.push({ readAt: { $notNull: true } });
    if (ctx.query.read === 'false') and.push({ readAt: { $null: true } });
    const filters: any = and.length ? { $and: and } : {};
    const [rows, total, unread] = await Promise.all([
      strapi.documents(UID).findMany({ filters, sort: [{ createdAt: 'desc' }, { id: 'desc' }] as any, start: (page - 1) * pageSize, limit: pageSize }),
      strapi.documents(UID).count({ filters }),
      strapi.documents(UID).count({ filters: { readAt: { $null: true } } }),
    ]);
    ctx.body = {
      data: (rows as unknown as MessageDoc[]).map(present),
      meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total }, unread },
    };
  },

  async findOne(ctx: any) {
    assertCan(await resolveScope(strapi, ctx), 'messages.read');
    const row = (await strapi.documents(UID).findOne({ documentId: ctx.params.id })) as unknown as MessageDoc | null;
    if (!row) throw new AppError('NOT_FOUND', 404);
    ctx.body = { data: present(row) };
  },

  async markRead(ctx: any) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, 'messages.mark');
    const row = (await strapi.documents(UID).findOne({ documentId: ctx.params.id })) as unknown as MessageDoc | null;
    if (!row) throw new AppError('NOT_FOUND', 404);
    if (!row.readAt) {
      await asSystem(() => strapi.documents(UID).update({ documentId: row.documentId, data: { readAt: new Date().toISOString() } as any }));
    }
    const updated = (await strapi.documents(UID).findOne({ documentId: ctx.params.id })) as unknown as MessageDoc;
    ctx.body = { data: present(updated) };
  },

  async markAllRead(ctx: any) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, 'messages.mark');
    if (scope.kind !== 'merchant') throw new AppError('FORBIDDEN', 403);
    const unread = (await strapi.documents(UID).findMany({ filters: { readAt: { $null: true } }, fields: ['documentId'] as any, limit: 1000 })) as unknown as MessageDoc[];
    const now = new Date().toISOString();
    await asSystem(async () => {
      for (const m of unread) await strapi.documents(UID).update({ documentId: m.documentId, data: { readAt: now } as any });
    });
    ctx.body = { data: { marked: unread.length } };
  },
}));
