import type { Core } from '@strapi/strapi';
import { access, isUniqueViolation, system, type Row } from '@jmt/plugin-kit';
import { AppError } from '../../../core/errors';
import { enqueue, kick } from '../../../core/outbox';
import { assertCan, invalidateScopes, type Scope } from '../../../core/scope';
import { writeAudit } from '../../../core/audit';
import { transactionWithRetry } from '../../../core/transactions';
import { normalizeMainlandPhone } from '../../identity/lib/phone';
import { findUserByPhone, issueToken } from '../../identity/lib/accounts';

/**
 * 成员邀请 (M3): a merchant admin invites a phone; the invitee is told by SMS (through the outbox) and sees the
 * invitation when signed in (`GET /api/invitations/mine`, and in `GET /api/me`); only their 接受 makes them a
 * member. Until then the inviter sees the phone masked and nobody's name — adding somebody to a merchant never
 * reveals who they are, and never happens without their yes.
 */
export const INVITATION_UID = 'api::invitation.invitation';
const MEMBERSHIP_UID = 'api::membership.membership';
const MERCHANT_UID = 'api::merchant.merchant';
export const INVITE_SMS_CHANNEL = 'sms.invitation';
const VALID_DAYS = 7;
const ROLES = new Set(['admin', 'member']);

export const maskPhone = (phone: string): string => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** As the inviting merchant sees it. */
export function presentSent(row: Row) {
  return {
    documentId: row.documentId,
    phone: row.phoneMasked,
    role: row.role,
    status: expired(row) ? 'expired' : row.status,
    invitedByName: row.invitedByName ?? null,
    expiresAt: row.expiresAt,
    respondedAt: row.respondedAt ?? null,
    createdAt: row.createdAt,
  };
}

/** As the invitee sees it. */
function presentReceived(row: Row) {
  return {
    documentId: row.documentId,
    merchant: { documentId: row.merchant?.documentId ?? null, nameCn: row.merchant?.nameCn ?? null },
    role: row.role,
    invitedByName: row.invitedByName ?? null,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

const expired = (row: Row) => row.status === 'pending' && row.expiresAt && new Date(row.expiresAt).getTime() < Date.now();

/** Only a merchant admin invites (members are read-only): asked before the form is judged. */
export function merchantAdmin(scope: Scope): number {
  assertCan(scope, 'members.write');
  if (scope.kind !== 'merchant' || !scope.merchantId) throw new AppError('FORBIDDEN', 403);
  return scope.merchantId;
}

export async function invite(strapi: Core.Strapi, scope: Scope, input: { phone?: unknown; role?: unknown }) {
  const merchantId = merchantAdmin(scope);
  const phone = normalizeMainlandPhone(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID', 400, { field: 'phone' });
  const role = input.role ?? 'member';
  if (typeof role !== 'string' || !ROLES.has(role))
    throw new AppError('VALIDATION_FAILED', 400, { errors: [{ field: 'role', message: '角色应为管理员（admin）或普通成员（member）' }] });
  if (phone === scope.phone) throw new AppError('MEMBER_EXISTS', 409);
  const db = access(strapi, scope);
  const existing = await findUserByPhone(strapi, phone);
  if (existing && (await db.table(MEMBERSHIP_UID).count({ user: { id: existing.id } }))) throw new AppError('MEMBER_EXISTS', 409);
  const merchant = await db.table(MERCHANT_UID).get({ id: merchantId }, { select: ['id', 'nameCn'] });
  const row = await transactionWithRetry(strapi, async () => {
    let created: Row;
    try {
      created = await db.table(INVITATION_UID).create({
        phone,
        phoneMasked: maskPhone(phone),
        role,
        status: 'pending',
        // One pending invitation per merchant and phone: a real unique index, so a double click invites once.
        pendingKey: `${merchantId}:${phone}`,
        invitedById: scope.userId,
        invitedByName: scope.name || maskPhone(scope.phone ?? '00000000000'),
        expiresAt: new Date(Date.now() + VALID_DAYS * 86_400_000),
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('INVITATION_EXISTS', 409);
      throw e;
    }
    await enqueue(strapi, [
      {
        channel: INVITE_SMS_CHANNEL,
        idempotencyKey: `invite:${created.documentId}`,
        payload: { phone, merchantName: merchant.nameCn, inviter: created.invitedByName },
        title: `成员邀请 ${maskPhone(phone)}`,
        recipient: maskPhone(phone),
        merchantId,
      },
    ]);
    await writeAudit(strapi, { module: 'membership', action: 'invite', targetUid: INVITATION_UID, targetId: created.documentId, after: { phone: maskPhone(phone), role } }, scope);
    return created;
  });
  kick();
  return presentSent(row);
}

export async function sent(strapi: Core.Strapi, scope: Scope) {
  assertCan(scope, 'members.read');
  const rows = await access(strapi, scope)
    .table(INVITATION_UID)
    .findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: 200 });
  return rows.map(presentSent);
}

export async function revoke(strapi: Core.Strapi, scope: Scope, documentId: string) {
  merchantAdmin(scope);
  const table = access(strapi, scope).table(INVITATION_UID);
  const row = await table.get({ documentId });
  const count = await table.updateMany({ id: row.id, status: 'pending' }, { status: 'revoked', pendingKey: null, respondedAt: new Date() });
  if (count !== 1) throw new AppError('INVITATION_NOT_PENDING', 409, { status: row.status });
  await writeAudit(
    strapi,
    { module: 'membership', action: 'invite_revoke', targetUid: INVITATION_UID, targetId: documentId, before: { status: 'pending' }, after: { status: 'revoked' } },
    scope,
  );
  return presentSent({ ...row, status: 'revoked' });
}

/** The invitations waiting for the caller's own phone. */
export async function received(strapi: Core.Strapi, scope: Scope) {
  if (scope.kind === 'anonymous' || !scope.phone) throw new AppError('UNAUTHORIZED', 401);
  // Addressed by phone, across merchants: system work answering only what was sent to this caller.
  const rows = await system(strapi)
    .table(INVITATION_UID)
    .findMany({
      where: { phone: scope.phone, status: 'pending', expiresAt: { $gt: new Date() } },
      populate: { merchant: { select: ['documentId', 'nameCn'] } },
      orderBy: [{ createdAt: 'desc' }],
    });
  return rows.map(presentReceived);
}

async function addressedToCaller(strapi: Core.Strapi, scope: Scope, documentId: string): Promise<Row> {
  if (scope.kind === 'anonymous' || !scope.phone || !scope.userId) throw new AppError('UNAUTHORIZED', 401);
  const row = await system(strapi)
    .table(INVITATION_UID)
    .findOne({ where: { documentId, phone: scope.phone }, populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } });
  // Somebody else's invitation does not exist, as far as the caller can tell.
  if (!row || !row.merchant) throw new AppError('NOT_FOUND', 404);
  if (row.status !== 'pending' || expired(row)) throw new AppError('INVITATION_NOT_PENDING', 409, { status: expired(row) ? 'expired' : row.status });
  return row;
}

/** 接受: the caller becomes a member, and gets a session token acting for that merchant. */
export async function accept(strapi: Core.Strapi, scope: Scope, documentId: string) {
  const row = await addressedToCaller(strapi, scope, documentId);
  const userId = scope.userId as number;
  await transactionWithRetry(strapi, async () => {
    const invitations = system(strapi).table(INVITATION_UID);
    // The claim: of two accepts (two devices, a double tap) one goes through.
    const count = await invitations.updateMany({ id: row.id, status: 'pending' }, { status: 'accepted', pendingKey: null, respondedAt: new Date(), inviteeUserId: userId });
    if (count !== 1) throw new AppError('INVITATION_NOT_PENDING', 409);
    const memberships = system(strapi).table(MEMBERSHIP_UID);
    if (!(await memberships.count({ user: { id: userId }, merchant: { id: row.merchant.id } }))) {
      await memberships.create({ role: row.role, merchant: row.merchant.id, user: userId });
    }
    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: userId }, data: { lastMerchantId: row.merchant.id } });
    // In the message centre only: who joins is account news, not a business status worth a WeChat push.
    await system(strapi)
      .table('api::message.message')
      .create({
        merchant: row.merchant.id,
        category: 'business',
        module: 'membership',
        title: '新成员已加入',
        body: `${scope.name || maskPhone(scope.phone as string)} 已接受邀请，以${row.role === 'admin' ? '管理员' : '普通成员'}身份加入本商户。`,
        link: '/me?tab=members',
      });
    await writeAudit(
      strapi,
      {
        module: 'membership',
        action: 'invite_accept',
        targetUid: INVITATION_UID,
        targetId: row.documentId,
        before: { status: 'pending' },
        after: { status: 'accepted', merchant: row.merchant.documentId },
      },
      scope,
    );
  });
  invalidateScopes();
  kick();
  return {
    merchant: { documentId: row.merchant.documentId, nameCn: row.merchant.nameCn },
    role: row.role,
    jwt: issueToken(strapi, userId, row.merchant.id, Boolean(scope.tokenClaims?.rem)),
  };
}

export async function decline(strapi: Core.Strapi, scope: Scope, documentId: string) {
  const row = await addressedToCaller(strapi, scope, documentId);
  const count = await system(strapi)
    .table(INVITATION_UID)
    .updateMany({ id: row.id, status: 'pending' }, { status: 'declined', pendingKey: null, respondedAt: new Date(), inviteeUserId: scope.userId });
  if (count !== 1) throw new AppError('INVITATION_NOT_PENDING', 409);
  await writeAudit(
    strapi,
    { module: 'membership', action: 'invite_decline', targetUid: INVITATION_UID, targetId: row.documentId, before: { status: 'pending' }, after: { status: 'declined' } },
    scope,
  );
  return { documentId: row.documentId, status: 'declined' };
}
