import type { Core } from '@strapi/strapi';
import { transactionWithRetry } from '../../../core/transactions';
import { AppError } from '../../../core/errors';
import { asSystem, findMembership, invalidateScopes, type Scope } from '../../../core/scope';
import { writeAudit } from '../../../core/audit';
import { received } from '../../invitation/lib/invitations';

const USER_UID = 'plugin::users-permissions.user';
export const SESSION_SHORT = process.env.SESSION_TTL || '8h';
export const SESSION_REMEMBER = '7d';

export interface AccountUser {
  id: number;
  documentId: string;
  phone: string;
  realName: string | null;
  email: string | null;
  blocked: boolean | null;
  lastMerchantId: number | null;
}

async function authenticatedRoleId(strapi: Core.Strapi): Promise<number> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' }, select: ['id'] });
  return (role as { id: number }).id;
}

export async function findUserByPhone(strapi: Core.Strapi, phone: string): Promise<AccountUser | null> {
  return (await strapi.db.query(USER_UID).findOne({ where: { phone } })) as AccountUser | null;
}

/** Creates a user for a phone (no password: phone users sign in with codes or WeChat). */
export async function createPhoneUser(strapi: Core.Strapi, phone: string, extra: Record<string, unknown> = {}): Promise<AccountUser> {
  return asSystem(async () => {
    const created = await strapi.documents(USER_UID).create({
      data: { username: phone, phone, provider: 'phone', confirmed: true, blocked: false, role: await authenticatedRoleId(strapi), ...extra },
    });
    return (await strapi.db.query(USER_UID).findOne({ where: { id: (created as { id: number }).id } })) as AccountUser;
  });
}

/**
 * The sign-in half shared by SMS and WeChat login: finds or creates the user (a new phone also gets
 * its own merchant, with the user as 商户管理员), logs the sign-in, and issues the session token.
 */
export async function signIn(
  strapi: Core.Strapi,
  phone: string,
  options: { remember: boolean; via: 'sms' | 'wechat'; openid?: string },
): Promise<{ jwt: string; user: { id: number; phone: string; realName: string | null; isPlatformStaff: boolean }; created: boolean }> {
  let user = await findUserByPhone(strapi, phone);
  let created = false;
  if (!user) {
    created = true;
    user = await transactionWithRetry(strapi, async () => {
      const fresh = await createPhoneUser(strapi, phone, options.openid ? { openid: options.openid } : {});
      await asSystem(async () => {
        const merchant = await strapi.documents('api::merchant.merchant').create({
          data: { nameCn: `新商户（尾号${phone.slice(-4)}）`, type: 'individual', registrationStatus: 'not_started', creatorPhone: phone, contactPhone: phone },
        });
        await strapi.documents('api::membership.membership').create({
          data: { role: 'admin', merchant: (merchant as { id: number }).id, user: fresh.id },
        });
      });
      return fresh;
    });
  } else if (options.openid) {
    await strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { openid: options.openid } });
  }
  if (user.blocked) throw new AppError('ACCOUNT_BLOCKED', 403);

  const staffCount = await strapi.db.query('api::staff-role.staff-role').count({ where: { users: { id: user.id } } });
  const membership = (await findMembership(strapi, user.id, user.lastMerchantId ?? null)) ?? (await findMembership(strapi, user.id, null));
  const jwt = issueToken(strapi, user.id, membership?.merchant.id ?? null, options.remember);

  await writeAudit(strapi, {
    module: 'auth',
    action: created ? `register_${options.via}` : `login_${options.via}`,
    targetUid: USER_UID,
    targetId: user.documentId,
    after: created ? { phone, merchantCreated: true } : null,
    actor: { id: user.id, phone: user.phone, name: user.realName, merchantId: membership?.merchant.id ?? null },
  });
  return { jwt, user: { id: user.id, phone: user.phone, realName: user.realName, isPlatformStaff: staffCount > 0 }, created };
}

export function issueToken(strapi: Core.Strapi, userId: number, merchantId: number | null, remember: boolean): string {
  const payload: Record<string, unknown> = { id: userId, rem: remember };
  if (merchantId) payload.mid = merchantId;
  return strapi
    .plugin('users-permissions')
    .service('jwt')
    .issue(payload, { expiresIn: remember ? SESSION_REMEMBER : SESSION_SHORT });
}

/** GET /api/me: who I am, where I am acting, and where else I could act (G11). */
export async function mePayload(strapi: Core.Strapi, scope: Scope) {
  const user = (await strapi.db.query(USER_UID).findOne({ where: { id: scope.userId }, select: ['id', 'phone', 'realName', 'email'] })) as Pick<
    AccountUser,
    'id' | 'phone' | 'realName' | 'email'
  >;
  const memberships = (await strapi.db.query('api::membership.membership').findMany({
    where: { user: { id: scope.userId } },
    populate: { merchant: { select: ['id', 'documentId', 'nameCn', 'nameEn', 'type', 'registrationStatus'] } },
    orderBy: { id: 'asc' },
  })) as { role: string; merchant: { id: number; documentId: string; nameCn: string; nameEn: string | null; type: string; registrationStatus: string } | null }[];
  const current = memberships.find((m) => m.merchant && m.merchant.id === scope.merchantId)?.merchant ?? null;
  return {
    user: { id: user.id, phone: user.phone, realName: user.realName ?? null, email: user.email ?? null },
    isPlatformStaff: scope.kind === 'platform',
    platformRoles: scope.platformRoles,
    merchant: scope.kind === 'merchant' && current ? current : null,
    role: scope.kind === 'merchant' ? scope.role : null,
    permissions: [...scope.permissions].sort(),
    merchants: memberships
      .filter((m) => m.merchant)
      .map((m) => ({ documentId: m.merchant!.documentId, nameCn: m.merchant!.nameCn, role: m.role, current: m.merchant!.id === scope.merchantId })),
    // Invitations waiting for this phone: the front ends offer 接受 / 拒绝.
    invitations: scope.kind === 'anonymous' ? [] : await received(strapi, scope),
  };
}

export async function switchMerchant(strapi: Core.Strapi, scope: Scope, merchantDocumentId: unknown) {
  if (typeof merchantDocumentId !== 'string' || !merchantDocumentId) throw new AppError('VALIDATION_FAILED', 400, { field: 'merchantId' });
  const merchant = (await strapi.db.query('api::merchant.merchant').findOne({ where: { documentId: merchantDocumentId }, select: ['id'] })) as {
    id: number;
  } | null;
  const membership = merchant ? await findMembership(strapi, scope.userId as number, merchant.id) : null;
  if (!membership) throw new AppError('NOT_A_MEMBER', 403);
  await strapi.db.query(USER_UID).update({ where: { id: scope.userId }, data: { lastMerchantId: membership.merchant.id } });
  invalidateScopes();
  await writeAudit(
    strapi,
    {
      module: 'auth',
      action: 'switch_merchant',
      targetUid: 'api::merchant.merchant',
      targetId: merchantDocumentId,
      before: { merchantId: scope.merchantId },
      after: { merchantId: membership.merchant.id },
    },
    scope,
  );
  return issueToken(strapi, scope.userId as number, membership.merchant.id, Boolean(scope.tokenClaims?.rem));
}
