import { format, messages } from '../../../locales/index';
import { fetchMe } from '../../../services/me';
import { isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage, FieldErrors, fieldErrors } from '../../../utils/errors';
import { confirmModal, toast } from '../../../utils/wx-promise';
import {
  fetchMembers,
  fetchSentInvitations,
  InviteForm,
  inviteMember,
  MemberRow,
  memberRows,
  pendingCount,
  revokeInvitation,
  roleHint,
  roleOptions,
  SentInvitation,
  SentRow,
  sentRows,
  validateInvite,
  withStatus,
} from '../../members';

const LOGIN = '/pages/login/index';
/** Declined and revoked invitations: antd-mini's Tag has no grey, so its colour variables are set on the tag. */
const MUTED_TAG = '--tag-primary-color: #8f959e; --tag-primary-light-color: #f2f3f5;';
/** Errors about the phone itself: shown under the field as well. */
const PHONE_CODES = ['PHONE_INVALID', 'MEMBER_EXISTS', 'INVITATION_EXISTS'];

type LoadState = 'loading' | 'ready' | 'error';

/**
 * 成员管理 (M3): the merchant's members; its admin invites by phone (validated as the cms does), sees the invitations
 * sent — phones masked, with their status — and revokes a pending one. Members only look.
 */
Page({
  data: {
    t: messages().members,
    common: messages().common,
    state: 'loading' as LoadState | 'none',
    errorText: '',
    isAdmin: false,
    userId: 0,
    form: { phone: '', role: 'member' } as InviteForm,
    errors: {} as FieldErrors,
    sending: false,
    roleOptions: roleOptions(),
    mutedTag: MUTED_TAG,
    roleHint: roleHint('member'),
    sent: [] as SentInvitation[],
    sentRows: [] as SentRow[],
    sentState: 'loading' as LoadState,
    sentError: '',
    pendingText: '',
    members: [] as MemberRow[],
    membersTotal: 0,
    membersState: 'loading' as LoadState,
    membersError: '',
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    this.reload();
  },

  onPullDownRefresh() {
    this.reload().then(() => wx.stopPullDownRefresh());
  },

  /** GET /api/me (who may invite), then the members and — for an admin — the invitations sent. */
  async reload() {
    if (this.data.state !== 'ready') this.setData({ state: 'loading' });
    try {
      const me = await fetchMe();
      if (!me.merchant || me.isPlatformStaff) {
        this.setData({ state: 'none' });
        return;
      }
      const isAdmin = me.role === 'admin';
      this.setData({ state: 'ready', isAdmin, userId: (me.user && me.user.id) || 0 });
      await Promise.all([this.loadMembers(), isAdmin ? this.loadSent() : Promise.resolve()]);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.state === 'ready') toast(errorMessage(err));
      else this.setData({ state: 'error', errorText: errorMessage(err) });
    }
  },

  async loadMembers() {
    if (this.data.membersState !== 'ready') this.setData({ membersState: 'loading' });
    try {
      const page = await fetchMembers();
      this.setData({ members: memberRows(page.data, this.data.userId), membersTotal: page.meta.pagination.total, membersState: 'ready', membersError: '' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.membersState === 'ready') toast(errorMessage(err));
      else this.setData({ membersState: 'error', membersError: errorMessage(err) });
    }
  },

  async loadSent() {
    if (this.data.sentState !== 'ready') this.setData({ sentState: 'loading' });
    try {
      this.showSent(await fetchSentInvitations());
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.sentState === 'ready') toast(errorMessage(err));
      else this.setData({ sentState: 'error', sentError: errorMessage(err) });
    }
  },

  showSent(list: SentInvitation[]) {
    const pending = pendingCount(list);
    this.setData({
      sent: list,
      sentRows: sentRows(list),
      sentState: 'ready',
      sentError: '',
      pendingText: pending ? format(this.data.t.sentPending, { count: pending }) : '',
    });
  },

  onMembersRetry() {
    this.setData({ membersState: 'loading' });
    return this.loadMembers();
  },

  onSentRetry() {
    this.setData({ sentState: 'loading' });
    return this.loadSent();
  },

  // ---------------------------------------------------------------- 邀请成员

  onPhoneInput(e: { detail: unknown }) {
    const detail = e.detail as string | { value?: string } | null;
    const value = typeof detail === 'string' ? detail : String((detail && detail.value) || '');
    const errors = { ...this.data.errors };
    delete errors.phone;
    this.setData({ 'form.phone': value, errors });
  },

  /** antd-mini Selector `change` → detail is [value, option]. */
  onRoleChange(e: { detail: unknown }) {
    const value = Array.isArray(e.detail) ? (e.detail[0] as InviteForm['role'] | undefined) : undefined;
    if (value !== 'admin' && value !== 'member') return;
    this.setData({ 'form.role': value, roleHint: roleHint(value) });
  },

  async onInvite() {
    if (!this.data.isAdmin || this.data.sending) return;
    const errors = validateInvite(this.data.form);
    if (Object.keys(errors).length) {
      this.setData({ errors });
      return;
    }
    this.setData({ sending: true, errors: {} });
    try {
      const invitation = await inviteMember(this.data.form);
      const list = [invitation].concat(this.data.sent.filter((i) => i.documentId !== invitation.documentId));
      this.showSent(list);
      this.setData({ sending: false, 'form.phone': '' });
      toast(this.data.t.invited, 'success');
    } catch (err) {
      const fields = fieldErrors(err);
      if (err instanceof ApiError && PHONE_CODES.indexOf(err.code) >= 0) fields.phone = err.message;
      this.setData({ sending: false, errors: fields });
      toast(errorMessage(err));
    }
  },

  // ---------------------------------------------------------------- 撤回

  async onRevoke(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.sentRows[Number(e.currentTarget.dataset.index)];
    if (!row || !row.pending || !this.data.isAdmin) return;
    const t = this.data.t;
    if (!(await confirmModal(t.revokeTitle, format(t.revokeConfirm, { phone: row.phone })))) return;
    try {
      const revoked = await revokeInvitation(row.documentId);
      this.showSent(withStatus(this.data.sent, { ...revoked, status: 'revoked' }));
      toast(t.revoked, 'success');
    } catch (err) {
      toast(errorMessage(err));
      // Answered meanwhile (accepted, declined, expired): show what it is now.
      if (err instanceof ApiError && err.code === 'INVITATION_NOT_PENDING') this.loadSent();
    }
  },
});
