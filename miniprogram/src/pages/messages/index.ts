import { format, messages } from '../../locales/index';
import { fetchReceivedInvitations, ReceivedInvitation } from '../../services/invitations';
import { markMessageRead } from '../../services/messages';
import { fetchMessages, markAllRead, MESSAGE_FILTERS, MessageFilter, MessageRow, messageRows } from '../../services/message-center';
import { isLoggedIn } from '../../services/session';
import { ApiError, errorMessage } from '../../utils/errors';
import { toast } from '../../utils/wx-promise';

const LOGIN = '/pages/login/index';
const PAGE_SIZE = 20;

/** 消息中心 (G4): filters, unread badge, mark all read, tap → the message's page. */
Page({
  data: {
    t: messages().messageCenter,
    common: messages().common,
    filters: MESSAGE_FILTERS.map((key) => ({ key, label: messages().messageCenter.filters[key] })),
    filter: 'all' as MessageFilter,
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    rows: [] as MessageRow[],
    page: 1,
    hasMore: false,
    loadingMore: false,
    unread: 0,
    unreadText: '',
    badgeText: '',
    /** 成员邀请 waiting for this phone: answered right here (components/invitation-inbox). */
    invitations: [] as ReceivedInvitation[],
  },

  onLoad() {
    wx.setNavigationBarTitle({ title: messages().messageCenter.title });
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    this.reload();
    this.loadInvitations();
  },

  onPullDownRefresh() {
    Promise.all([this.reload(), this.loadInvitations()]).then(() => wx.stopPullDownRefresh());
  },

  /** GET /api/invitations/mine; a failure only leaves the cards out (the messages are what this page is for). */
  async loadInvitations() {
    try {
      this.setData({ invitations: await fetchReceivedInvitations() });
    } catch (err) {
      // shown again on the next visit
    }
  },

  /** Joined: the token now acts for that merchant, so its messages are the ones to show. */
  onInvitationAccepted() {
    const app = getApp<{ globalData: { homeStale: boolean } }>();
    if (app && app.globalData) app.globalData.homeStale = true;
    this.setData({ rows: [], state: 'loading' });
    return Promise.all([this.reload(), this.loadInvitations()]);
  },

  onInvitationDeclined(e: WechatMiniprogram.CustomEvent<{ documentId: string }>) {
    const documentId = e.detail && e.detail.documentId;
    this.setData({ invitations: this.data.invitations.filter((i) => i.documentId !== documentId) });
  },

  onReachBottom() {
    if (this.data.hasMore && !this.data.loadingMore) this.loadMore();
  },

  setUnread(unread: number) {
    const n = Math.max(0, unread);
    this.setData({
      unread: n,
      unreadText: n > 0 ? format(this.data.t.unread, { count: n }) : this.data.t.allRead,
      badgeText: n > 99 ? '99+' : n > 0 ? String(n) : '',
    });
  },

  async reload() {
    if (!this.data.rows.length) this.setData({ state: 'loading' });
    try {
      const res = await fetchMessages(this.data.filter, 1, PAGE_SIZE);
      const pagination = (res.meta && res.meta.pagination) || { page: 1, pageCount: 1 };
      this.setData({ rows: messageRows(res.data), page: 1, hasMore: pagination.page < pagination.pageCount, state: 'ready' });
      this.setUnread(Number(res.meta && res.meta.unread) || 0);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.state === 'ready') toast(errorMessage(err));
      else this.setData({ state: 'error', errorText: errorMessage(err) });
    }
  },

  async loadMore() {
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const res = await fetchMessages(this.data.filter, next, PAGE_SIZE);
      const pagination = (res.meta && res.meta.pagination) || { page: next, pageCount: next };
      this.setData({ rows: this.data.rows.concat(messageRows(res.data)), page: next, hasMore: pagination.page < pagination.pageCount });
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  onFilterTap(e: WechatMiniprogram.TouchEvent) {
    const key = e.currentTarget.dataset.key as MessageFilter;
    if (!key || key === this.data.filter) return;
    this.setData({ filter: key, rows: [], state: 'loading' });
    this.reload();
  },

  async onMarkAll() {
    if (!this.data.unread) return;
    try {
      await markAllRead();
      const rows = this.data.filter === 'unread' ? [] : this.data.rows.map((r) => ({ ...r, read: true }));
      this.setData({ rows });
      this.setUnread(0);
      const app = getApp<{ globalData: { homeStale: boolean } }>();
      if (app && app.globalData) app.globalData.homeStale = true;
      toast(this.data.t.markedAll, 'success');
    } catch (err) {
      toast(errorMessage(err));
    }
  },

  async onMessageTap(e: WechatMiniprogram.TouchEvent) {
    const index = Number(e.currentTarget.dataset.index);
    const row = this.data.rows[index];
    if (!row) return;
    if (!row.read) {
      try {
        await markMessageRead(row.documentId);
        this.setData({ [`rows[${index}].read`]: true });
        this.setUnread(this.data.unread - 1);
        const app = getApp<{ globalData: { homeStale: boolean } }>();
        if (app && app.globalData) app.globalData.homeStale = true;
      } catch (err) {
        // opening still works; the mark is retried next time
      }
    }
    if (row.page) wx.navigateTo({ url: row.page });
  },
});
