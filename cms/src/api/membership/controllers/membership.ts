import type { Context } from 'koa';
import { factories, type Modules } from '@strapi/strapi';
import { listResponse, parseListQuery, type ListSpec } from '@jmt/plugin-kit';
import { transactionWithRetry } from '../../../core/transactions';
import { AppError } from '../../../core/errors';
import { assertCan, invalidateScopes, resolveScope } from '../../../core/scope';
import { bodyOf, fieldsOf, paramsOf } from '../../../core/request';

/**
 * 商户成员 (M3). Reads and writes go through the Document Service, so the tenancy middleware keeps
 * them inside the caller's merchant; these actions add the membership rules on top. Nobody is added here:
 * people join by accepting an invitation (api/invitation).
 */
const UID = 'api::membership.membership';
const ROLES = new Set(['admin', 'member']);
const isRole = (value: unknown): value is 'admin' | 'member' => typeof value === 'string' && ROLES.has(value);
/** Oldest member first (the one who created the merchant on top). */
export const MEMBERSHIP_LIST: ListSpec = { filters: { role: { ops: ['$eq'], values: ['admin', 'member'] } }, sort: ['createdAt'], defaultSort: [{ createdAt: 'asc' }] };

type MembershipFilters = Modules.Documents.Params.Filters.Any<typeof UID>;

type MembershipDoc = {
  documentId: string;
  role: string;
  createdAt: string;
  merchant?: { id: number } | null;
  user?: { id: number; phone: string; realName: string | null } | null;
};

const present = (m: MembershipDoc) => ({
  documentId: m.documentId,
  role: m.role,
  createdAt: m.createdAt,
  user: m.user ? { id: m.user.id, phone: m.user.phone, realName: m.user.realName ?? null } : null,
});

export default factories.createCoreController(UID, ({ strapi }) => {
  const docs = () => strapi.documents(UID);
  // Counted inside the membership's own merchant (platform staff see every merchant).
  const adminCount = async (merchantId: number) => docs().count({ filters: { role: 'admin', merchant: { id: merchantId } } });

  return {
    async find(ctx: Context) {
      assertCan(await resolveScope(strapi, ctx), 'members.read');
      const list = parseListQuery(ctx.query, MEMBERSHIP_LIST);
      const [rows, total] = await Promise.all([
        docs().findMany({
          filters: list.where as MembershipFilters,
          populate: { user: { fields: ['phone', 'realName'] } },
          sort: list.orderBy,
          start: list.offset,
          limit: list.limit,
        }),
        docs().count({ filters: list.where as MembershipFilters }),
      ]);
      ctx.body = listResponse((rows as unknown as MembershipDoc[]).map(present), list, total);
    },

    async findOne(ctx: Context) {
      assertCan(await resolveScope(strapi, ctx), 'members.read');
      const row = (await docs().findOne({ documentId: paramsOf(ctx).id, populate: { user: { fields: ['phone', 'realName'] } } })) as unknown as MembershipDoc | null;
      if (!row) throw new AppError('NOT_FOUND', 404);
      ctx.body = { data: present(row) };
    },

    async update(ctx: Context) {
      const scope = await resolveScope(strapi, ctx);
      assertCan(scope, 'members.write');
      const role = fieldsOf(bodyOf(ctx).data).role;
      if (!isRole(role)) throw new AppError('VALIDATION_FAILED', 400, { field: 'role' });
      const updated = await transactionWithRetry(strapi, async () => {
        const current = (await docs().findOne({ documentId: paramsOf(ctx).id, populate: { merchant: { fields: ['id'] } } })) as unknown as MembershipDoc | null;
        if (!current) throw new AppError('NOT_FOUND', 404);
        if (current.role === 'admin' && role !== 'admin' && (await adminCount(current.merchant?.id ?? 0)) <= 1) throw new AppError('LAST_ADMIN', 400);
        return docs().update({ documentId: paramsOf(ctx).id, data: { role }, populate: { user: { fields: ['phone', 'realName'] } } });
      });
      invalidateScopes();
      ctx.body = { data: present(updated as unknown as MembershipDoc) };
    },

    async delete(ctx: Context) {
      const scope = await resolveScope(strapi, ctx);
      assertCan(scope, 'members.write');
      await transactionWithRetry(strapi, async () => {
        const current = (await docs().findOne({ documentId: paramsOf(ctx).id, populate: { merchant: { fields: ['id'] } } })) as unknown as MembershipDoc | null;
        if (!current) throw new AppError('NOT_FOUND', 404);
        if (current.role === 'admin' && (await adminCount(current.merchant?.id ?? 0)) <= 1) throw new AppError('LAST_ADMIN', 400);
        await docs().delete({ documentId: paramsOf(ctx).id });
      });
      invalidateScopes();
      ctx.status = 200;
      ctx.body = { data: { documentId: paramsOf(ctx).id } };
    },
  };
});
