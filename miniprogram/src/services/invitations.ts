import { format, messages } from '../locales/index';
import { formatDateTime } from '../utils/format';
import { api, ApiClient, readList } from './api';
import { setRole, setToken } from './session';

/**
 * 成员邀请 as the invitee sees it (packages/contracts/src/invitations.ts, cms api/invitation): the invitations
 * addressed to the signed-in phone come with GET /api/me (`invitations`) and from GET /api/invitations/mine;
 * 接受 (POST /api/invitations/:id/accept) makes the caller a member and answers a token acting for that merchant,
 * 拒绝 (POST /api/invitations/:id/decline) only answers the invitation. Nobody joins without saying yes.
 */
export type InvitationRole = 'admin' | 'member';

/** `receivedInvitation` of the contract. */
export interface ReceivedInvitation {
  documentId: string;
  merchant: { documentId: string | null; nameCn: string | null };
  role: InvitationRole;
  invitedByName: string | null;
  expiresAt: string;
  createdAt: string;
}

/** POST /api/invitations/:id/accept */
export interface AcceptedInvitation {
  data: { merchant: { documentId: string; nameCn: string }; role: InvitationRole };
  jwt: string;
}

/** One invitation card (components/invitation-inbox). */
export interface InvitationCard {
  documentId: string;
  merchantName: string;
  text: string;
  expires: string;
}

/** The 成员管理 page (packageAccount), written out here: main-package code must not require the subpackage. */
export const MEMBERS_PAGE = '/packageAccount/pages/members/index';

const path = (documentId: string, action = '') => `/api/invitations/${encodeURIComponent(documentId)}${action ? `/${action}` : ''}`;

/** GET /api/invitations/mine: pending invitations for the caller's phone (`{ data: [...] }`, newest first). */
export function fetchReceivedInvitations(client: ApiClient = api): Promise<ReceivedInvitation[]> {
  return client.get<{ data?: ReceivedInvitation[] }>('/api/invitations/mine').then((r) => readList(r, 1, 100).data);
}

/**
 * 接受: the caller joins; the answer's token acts for the merchant just joined, so it replaces the stored one
 * (the account switcher lists the merchant from the next GET /api/me on).
 */
export async function acceptInvitation(documentId: string, client: ApiClient = api): Promise<AcceptedInvitation> {
  const result = await client.post<AcceptedInvitation>(path(documentId, 'accept'));
  if (result && result.jwt) setToken(result.jwt);
  if (result && result.data) setRole(result.data.role);
  return result;
}

/** 拒绝 */
export function declineInvitation(documentId: string, client: ApiClient = api): Promise<{ data: { documentId: string; status: 'declined' } }> {
  return client.post(path(documentId, 'decline'));
}

export function roleName(role: string | null | undefined): string {
  const names = messages().members.roleNames;
  return (role && names[role]) || names.member;
}

export function invitationMerchantName(invitation: Pick<ReceivedInvitation, 'merchant'>): string {
  return (invitation.merchant && invitation.merchant.nameCn) || messages().invitations.merchantUnknown;
}

/** 「王晶华 邀请您以「普通成员」身份加入「东海县晶华水晶饰品有限公司」」 + its validity. */
export function invitationCards(list: ReceivedInvitation[] | null | undefined): InvitationCard[] {
  const t = messages().invitations;
  return (list || []).map((invitation) => {
    const values = { inviter: invitation.invitedByName || '', merchant: invitationMerchantName(invitation), role: roleName(invitation.role) };
    const expires = formatDateTime(invitation.expiresAt);
    return {
      documentId: invitation.documentId,
      merchantName: values.merchant,
      text: format(invitation.invitedByName ? t.body : t.bodyNoInviter, values),
      expires: expires ? format(t.expires, { time: expires }) : '',
    };
  });
}
