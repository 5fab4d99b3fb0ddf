import { factories } from '@strapi/strapi';
import { transactionWithRetry } from '../../../core/transactions';
import { AppError } from '../../../core/errors';
import { assertCan, invalidateScopes, resolveScope } from '../../../core/scope';
import { normalizeMainlandPhone } from '../../identity/lib/phone';
import { createPhoneUser, findUserByPhone } from '../../identity/lib/accounts';

/**
 * 商户成员 (M3). Reads and writes go through the Document Service, so the tenancy middleware keeps
 * them inside the caller's merchant; these actions add the membership rules on top.
 */
const UID = 'api::membership.membership';
const ROLES = new Set(['admin', 'member']);

type MembershipDoc = { documentId: string; role: string; createdAt: string; merchant?: { id: number } | null; user?: { id: number; phone: string; realName: string | null } | null };

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
    async find(ctx: any) {
      assertCan(await resolveScope(strapi, ctx), 'members.read');
      const rows = (await docs().findMany({ populate: { user: { fields: ['phone', 'realName'] } }, sort: 'createdAt:asc', limit: 500 })) as unknown as MembershipDoc[];
      ctx.body = { data: rows.map(present), meta: { total: rows.length } };
    },

    async findOne(ctx: any) {
      assertCan(await resolveScope(strapi, ctx), 'members.read');
      const row = (await docs().findOne({ documentId: ctx.params.id, populate: { user: { fields: ['phone', 'realName'] } } })) as unknown as MembershipDoc | null;
      if (!row) throw new AppError('NOT_FOUND', 404);
      ctx.body = { data: present(row) };
    },

    async create(ctx: any) {
      const scope = await resolveScope(strapi, ctx);
      assertCan(scope, 'members.write');
      // Members are added inside the caller's own merchant; staff tooling for this comes with A1.
      if (scope.kind !== 'merchant' || !scope.merchantId) throw new AppError('FORBIDDEN', 403);
      const input = ctx.request.body?.data ?? {};
      const phone = normalizeMainlandPhone(input.phone);
      if (!phone) throw new AppError('PHONE_INVALID', 400, { field: 'phone' });
      const role = input.role ?? 'member';
      if (!ROLES.has(role)) throw new AppError('VALIDATION_FAILED', 400, { field: 'role' });
      const created = await transactionWithRetry(strapi, async () => {
        const user = (await findUserByPhone(strapi, phone)) ?? (await createPhoneUser(strapi, phone));
        const existing = await docs().count({ filters: { user: { id: user.id } } });
        if (existing > 0) throw new AppError('MEMBER_EXISTS', 409);
        return docs().create({ data: { role, user: user.id } as any, populate: { user: { fields: ['phone', 'realName'] } } });
      });
      invalidateScopes();
      ctx.status = 201;
      ctx.body = { data: present(created as unknown as MembershipDoc) };
    },

    async update(ctx: any) {
      const scope = await resolveScope(strapi, ctx);
      assertCan(scope, 'members.write');
      const role = ctx.request.body?.data?.role;
      if (!ROLES.has(role)) throw new AppError('VALIDATION_FAILED', 400, { field: 'role' });
      const updated = await transactionWithRetry(strapi, async () => {
        const current = (await docs().findOne({ documentId: ctx.params.id, populate: { merchant: { fields: ['id'] } } })) as unknown as MembershipDoc | null;
        if (!current) throw new AppError('NOT_FOUND', 404);
        if (current.role === 'admin' && role !== 'admin' && (await adminCount(current.merchant?.id ?? 0)) <= 1) throw new AppError('LAST_ADMIN', 400);
        return docs().update({ documentId: ctx.params.id, data: { role } as any, populate: { user: { fields: ['phone', 'realName'] } } });
      });
      invalidateScopes();
      ctx.body = { data: present(updated as unknown as MembershipDoc) };
    },

    async delete(ctx: any) {
      const scope = await resolveScope(strapi, ctx);
      assertCan(scope, 'members.write');
      await transactionWithRetry(strapi, async () => {
        const current = (await docs().findOne({ documentId: ctx.params.id, populate: { merchant: { fields: ['id'] } } })) as unknown as MembershipDoc | null;
        if (!current) throw new AppError('NOT_FOUND', 404);
        if (current.role === 'admin' && (await adminCount(current.merchant?.id ?? 0)) <= 1) throw new AppError('LAST_ADMIN', 400);
        await docs().delete({ documentId: ctx.params.id });
      });
      invalidateScopes();
      ctx.status = 200;
      ctx.body = { data: { documentId: ctx.params.id } };
    },
  };
});
