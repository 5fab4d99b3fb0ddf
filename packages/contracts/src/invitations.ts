/** 成员邀请 (M3): `/api/invitations/*` — nobody joins a merchant without saying yes. */
import * as z from 'zod/mini';
import { dataOf, maybe, timestamp } from './common';
import { documentId, idParams, oneOf, text } from './fields';
import { routes } from './route';

export const MAINLAND_PHONE = /^1[3-9]\d{9}$/;

export const inviteInput = z.object({
  phone: text('手机号', 11, { required: true, pattern: MAINLAND_PHONE, patternMessage: '请输入正确的中国大陆手机号（11 位，以 1 开头）' }),
  role: oneOf('角色', ['admin', 'member'] as const, '角色应为管理员（admin）或普通成员（member）'),
});
export type InviteInput = z.output<typeof inviteInput>;

/** As the inviting merchant sees it: the phone masked until the invitee accepts. */
export const sentInvitation = z.object({
  documentId: z.string(),
  phone: z.string(),
  role: z.enum(['admin', 'member']),
  status: z.enum(['pending', 'accepted', 'declined', 'revoked', 'expired']),
  invitedByName: maybe(z.string()),
  expiresAt: timestamp,
  respondedAt: maybe(timestamp),
  createdAt: timestamp,
});

export const receivedInvitation = z.object({
  documentId: z.string(),
  merchant: z.object({ documentId: maybe(z.string()), nameCn: maybe(z.string()) }),
  role: z.enum(['admin', 'member']),
  invitedByName: maybe(z.string()),
  expiresAt: timestamp,
  createdAt: timestamp,
});

const MEMBER_WRITE = ['MEMBER_READ_ONLY', 'FORBIDDEN'];

export const invitationRoutes = routes('账号与商户', [
  {
    method: 'GET',
    path: '/invitations',
    handler: 'sent',
    audience: 'merchant',
    permission: 'members.read',
    summary: '本商户发出的成员邀请（手机号脱敏）',
    response: dataOf(z.array(sentInvitation)),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'POST',
    path: '/invitations',
    handler: 'invite',
    audience: 'merchant',
    permission: 'members.write',
    summary: '邀请手机号加入本商户（短信通知，对方接受后才成为成员）',
    body: inviteInput,
    status: 201,
    response: dataOf(sentInvitation),
    errors: ['PHONE_INVALID', 'VALIDATION_FAILED', 'MEMBER_EXISTS', 'INVITATION_EXISTS', ...MEMBER_WRITE],
    example: { body: { phone: '13912345678', role: 'member' } },
  },
  {
    method: 'DELETE',
    path: '/invitations/:id',
    handler: 'revoke',
    audience: 'merchant',
    permission: 'members.write',
    summary: '撤回尚未接受的邀请',
    params: idParams,
    response: dataOf(sentInvitation),
    errors: ['NOT_FOUND', 'INVITATION_NOT_PENDING', ...MEMBER_WRITE],
  },
  {
    method: 'GET',
    path: '/invitations/mine',
    handler: 'received',
    audience: 'user',
    summary: '发给我的手机号、待我接受的邀请',
    response: dataOf(z.array(receivedInvitation)),
    errors: [],
  },
  {
    method: 'POST',
    path: '/invitations/:id/accept',
    handler: 'accept',
    audience: 'user',
    summary: '接受邀请：成为该商户成员，并得到在该商户下办理业务的新令牌',
    params: idParams,
    response: z.object({ data: z.object({ merchant: z.object({ documentId: z.string(), nameCn: z.string() }), role: z.enum(['admin', 'member']) }), jwt: z.string() }),
    errors: ['NOT_FOUND', 'INVITATION_NOT_PENDING'],
  },
  {
    method: 'POST',
    path: '/invitations/:id/decline',
    handler: 'decline',
    audience: 'user',
    summary: '拒绝邀请',
    params: idParams,
    response: dataOf(z.object({ documentId: z.string(), status: z.literal('declined') })),
    errors: ['NOT_FOUND', 'INVITATION_NOT_PENDING'],
  },
]);

export { documentId };
