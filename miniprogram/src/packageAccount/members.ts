import { checkForm, invitations } from '@jmt/contracts/forms';
import { format, messages } from '../locales/index';
import { api, ApiClient, ListPage, listQuery, readList } from '../services/api';
import { InvitationRole, roleName } from '../services/invitations';
import { FieldErrors, formErrors } from '../utils/errors';
import { formatDateTime } from '../utils/format';
import { maskPhone, normalizeMainlandPhone } from '../utils/phone';

/**
 * 成员管理 (M3), kept in the packageAccount subpackage: the merchant's members (GET /api/memberships, Strapi's list
 * format) and, for its admin, 成员邀请 (packages/contracts/src/invitations.ts, cms api/invitation):
 * POST /api/invitations `{ phone, role }` sends the invitee an SMS and an invitation they accept or decline;
 * GET /api/invitations lists what this merchant sent, each phone masked (`139****0003`) until accepted;
 * DELETE /api/invitations/:id revokes a pending one. Nobody is added to the merchant without their yes.
 */
export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';

/** `sentInvitation` of the contract: the phone comes masked. */
export interface SentInvitation {
  documentId: string;
  phone: string;
  role: InvitationRole;
  status: InvitationStatus;
  invitedByName: string | null;
  expiresAt: string;
  respondedAt: string | null;
  createdAt: string;
}

/** `membership` of the contract. */
export interface MembershipRecord {
  documentId: string;
  role: InvitationRole;
  createdAt: string;
  user: { id: number; phone: string; realName: string | null } | null;
}

export interface InviteForm {
  phone: string;
  role: InvitationRole;
}

export interface SentRow {
  documentId: string;
  phone: string;
  roleName: string;
  status: InvitationStatus;
  statusLabel: string;
  /** antd-mini Tag colour; `muted` (declined, revoked) greys it. */
  tagColor: string;
  muted: boolean;
  invitedAt: string;
  /** 有效期 while pending, else when it was answered. */
  note: string;
  pending: boolean;
}

export interface MemberRow {
  documentId: string;
  name: string;
  named: boolean;
  initial: string;
  phone: string;
  roleName: string;
  admin: boolean;
  joinedAt: string;
  self: boolean;
}

export const INVITE_ROLES: InvitationRole[] = ['member', 'admin'];
const TAG_COLORS: Record<InvitationStatus, string> = { pending: 'primary', accepted: 'success', expired: 'warning', declined: 'primary', revoked: 'primary' };
/** The cms answers at most this many sent invitations (newest first). */
const SENT_LIMIT = 200;
const MEMBERS_PAGE_SIZE = 100;

// ---------------------------------------------------------------- API

/** GET /api/invitations: `{ data: SentInvitation[] }`, newest first. */
export function fetchSentInvitations(client: ApiClient = api): Promise<SentInvitation[]> {
  return client.get<{ data?: SentInvitation[] }>('/api/invitations').then((r) => readList(r, 1, SENT_LIMIT).data);
}

/** The body of POST /api/invitations: the phone as the cms keeps it (11 digits; spaces, dashes and +86 dropped). */
function inviteBody(form: InviteForm): { phone: string; role: InvitationRole } {
  return { phone: normalizeMainlandPhone(form.phone) || String(form.phone || '').trim(), role: form.role };
}

/** POST /api/invitations → the invitation, its phone masked. */
export function inviteMember(form: InviteForm, client: ApiClient = api): Promise<SentInvitation> {
  return client.post<{ data: SentInvitation }>('/api/invitations', inviteBody(form)).then((r) => r.data);
}

/** DELETE /api/invitations/:id → the invitation, now `revoked`. */
export function revokeInvitation(documentId: string, client: ApiClient = api): Promise<SentInvitation> {
  return client.del<{ data: SentInvitation }>(`/api/invitations/${encodeURIComponent(documentId)}`).then((r) => r.data);
}

/** GET /api/memberships (oldest first: the one who created the merchant on top). */
export function fetchMembers(page = 1, pageSize = MEMBERS_PAGE_SIZE, client: ApiClient = api): Promise<ListPage<MembershipRecord>> {
  return client.get<ListPage<MembershipRecord>>('/api/memberships', { query: listQuery(page, pageSize) }).then((r) => readList(r, page, pageSize));
}

// ---------------------------------------------------------------- rules and views

/** The body as it will be sent, checked by the contract the cms parses it with (`inviteInput`), in its words. */
export function validateInvite(form: InviteForm): FieldErrors {
  return formErrors(checkForm(invitations.inviteInput, inviteBody(form)));
}

export function roleOptions(): Array<{ text: string; value: InvitationRole }> {
  return INVITE_ROLES.map((value) => ({ text: roleName(value), value }));
}

export function roleHint(role: InvitationRole): string {
  return messages().members.roleHints[role] || '';
}

export function sentRows(list: SentInvitation[] | null | undefined): SentRow[] {
  const t = messages().members;
  return (list || []).map((i) => {
    const pending = i.status === 'pending';
    const answered = formatDateTime(i.respondedAt);
    const expires = formatDateTime(i.expiresAt);
    return {
      documentId: i.documentId,
      // Masked by the cms; masked again in case a full number ever comes back.
      phone: maskPhone(i.phone),
      roleName: roleName(i.role),
      status: i.status,
      statusLabel: t.statuses[i.status] || i.status,
      tagColor: TAG_COLORS[i.status] || 'primary',
      muted: i.status === 'declined' || i.status === 'revoked',
      invitedAt: format(t.invitedAt, { time: formatDateTime(i.createdAt) }),
      note: pending ? (expires ? format(t.expiresAt, { time: expires }) : '') : answered ? format(t.respondedAt, { time: answered }) : '',
      pending,
    };
  });
}

export function pendingCount(list: Array<Pick<SentInvitation, 'status'>> | null | undefined): number {
  return (list || []).filter((i) => i.status === 'pending').length;
}

/** A revoked invitation as the list shows it until the next load. */
export function withStatus(list: SentInvitation[], updated: SentInvitation): SentInvitation[] {
  return list.map((i) => (i.documentId === updated.documentId ? { ...i, ...updated } : i));
}

export function memberRows(list: MembershipRecord[] | null | undefined, currentUserId?: number): MemberRow[] {
  const t = messages().members;
  return (list || []).map((m) => {
    const realName = (m.user && m.user.realName) || '';
    return {
      documentId: m.documentId,
      name: realName || t.unnamed,
      named: !!realName,
      initial: (realName || messages().app.name).slice(0, 1),
      phone: maskPhone(m.user && m.user.phone),
      roleName: roleName(m.role),
      admin: m.role === 'admin',
      // The day is enough here (it keeps the row on one line).
      joinedAt: format(t.joinedAt, { time: formatDateTime(m.createdAt).slice(0, 10) }),
      self: !!m.user && currentUserId !== undefined && m.user.id === currentUserId,
    };
  });
}
