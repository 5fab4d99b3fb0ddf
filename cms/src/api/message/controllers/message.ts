import type { Context } from 'koa';
import { factories, type Modules } from '@strapi/strapi';
import { filterValues, listResponse, parseListQuery, type ListSpec } from '@jmt/plugin-kit';
import { AppError } from '../../../core/errors';
import { asSystem, assertCan, resolveScope } from '../../../core/scope';
import { presentMessage as present, type MessageDoc } from '../lib/present';
import { paramsOf } from '../../../core/request';

const UID = 'api::message.message';
/** `filters[category][$eq]`, `filters[module][$eq]`, `filters[read][$eq]=true|false`; newest first. */
export const MESSAGE_LIST: ListSpec = {
  filters: {
    category: { ops: ['$eq', '$in'], values: ['business', 'todo', 'announcement'] },
    module: { ops: ['$eq'] },
    read: { ops: ['$eq'], values: ['true', 'false'], custom: true },
  },
  sort: ['createdAt'],
  defaultSort: [{ createdAt: 'desc' }],
};

/**
 * 消息中心 (G4): the caller's merchant's messages, newest first. Reads go through the Document Service
 * (tenancy-scoped). Marking read is allowed to members too (`messages.mark`): ownership is proven by the
 * scoped read, then only `readAt` is written.
 */
export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, scope.kind === 'platform' ? 'platform.access' : 'messages.read');
    const list = parseListQuery(ctx.query, MESSAGE_LIST);
    const read = filterValues(list, 'read');
    const readFilter = read?.length === 1 ? [{ readAt: read[0] === 'true' ? { $notNull: true } : { $null: true } }] : [];
    const and = [list.where, ...readFilter].filter((w) => Object.keys(w).length > 0);
    // The list helper builds plain where clauses from MESSAGE_LIST, whose fields are the schema's.
    const filters = (and.length ? { $and: and } : {}) as Modules.Documents.Params.Filters.Any<typeof UID>;
    const [rows, total, unread] = await Promise.all([
      strapi.documents(UID).findMany({ filters, sort: list.orderBy, start: list.offset, limit: list.limit }),
      strapi.documents(UID).count({ filters }),
      strapi.documents(UID).count({ filters: { readAt: { $null: true } } }),
    ]);
    ctx.body = listResponse((rows as unknown as MessageDoc[]).map(present), list, total, { unread });
  },

  async findOne(ctx: Context) {
    assertCan(await resolveScope(strapi, ctx), 'messages.read');
    const row = (await strapi.documents(UID).findOne({ documentId: paramsOf(ctx).id })) as unknown as MessageDoc | null;
    if (!row) throw new AppError('NOT_FOUND', 404);
    ctx.body = { data: present(row) };
  },

  async markRead(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, 'messages.mark');
    const row = (await strapi.documents(UID).findOne({ documentId: paramsOf(ctx).id })) as unknown as MessageDoc | null;
    if (!row) throw new AppError('NOT_FOUND', 404);
    if (!row.readAt) {
      await asSystem(() => strapi.documents(UID).update({ documentId: row.documentId, data: { readAt: new Date().toISOString() } }));
    }
    const updated = (await strapi.documents(UID).findOne({ documentId: paramsOf(ctx).id })) as unknown as MessageDoc;
    ctx.body = { data: present(updated) };
  },

  async markAllRead(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    assertCan(scope, 'messages.mark');
    if (scope.kind !== 'merchant') throw new AppError('FORBIDDEN', 403);
    const unread = (await strapi.documents(UID).findMany({ filters: { readAt: { $null: true } }, fields: ['documentId'], limit: 1000 })) as unknown as MessageDoc[];
    const now = new Date().toISOString();
    await asSystem(async () => {
      for (const m of unread) await strapi.documents(UID).update({ documentId: m.documentId, data: { readAt: now } });
    });
    ctx.body = { data: { marked: unread.length } };
  },
}));
