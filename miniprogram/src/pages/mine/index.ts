import { format, messages } from '../../locales/index';
import { logout } from '../../services/auth';
import { buildMeView, fetchMe, MeView, switchMerchant } from '../../services/me';
import { isLoggedIn } from '../../services/session';
import { ApiError, errorMessage } from '../../utils/errors';
import { toast } from '../../utils/wx-promise';

const LOGIN = '/pages/login/index';

Page({
  data: {
    t: messages().mine,
    common: messages().common,
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    switchVisible: false,
    switching: false,
    view: null as MeView | null,
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

  async reload() {
    if (!this.data.view) this.setData({ state: 'loading' });
    try {
      this.setData({ view: buildMeView(await fetchMe()), state: 'ready' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.view) toast(errorMessage(err));
      else this.setData({ state: 'error', errorText: errorMessage(err) });
    }
  },

  onSwitchTap() {
    const view = this.data.view;
    if (!view || !view.canSwitch) return;
    this.setData({ switchVisible: true });
  },

  onSwitchClose() {
    this.setData({ switchVisible: false });
  },

  /** ActionSheet `action` → detail is [item, index]. */
  async onSwitchAction(e: WechatMiniprogram.CustomEvent<[{ documentId: string; text: string; disabled: boolean }, number]>) {
    const [item] = e.detail || [];
    this.setData({ switchVisible: false });
    if (!item || item.disabled || this.data.switching) return;
    this.setData({ switching: true });
    wx.showLoading({ title: messages().common.loading, mask: true });
    try {
      const me = await switchMerchant(item.documentId);
      this.setData({ view: buildMeView(me) });
      const app = getApp<{ globalData: { homeStale: boolean } }>();
      if (app && app.globalData) app.globalData.homeStale = true;
      wx.hideLoading();
      toast(format(this.data.t.switchDone, { name: item.text }), 'success');
    } catch (err) {
      wx.hideLoading();
      toast(errorMessage(err));
    } finally {
      this.setData({ switching: false });
    }
  },

  onLogout() {
    wx.showModal({
      title: this.data.t.logout,
      content: this.data.t.logoutConfirm,
      confirmColor: '#ff3141',
      success: (res) => {
        if (!res.confirm) return;
        logout();
        toast(this.data.t.loggedOut);
        wx.reLaunch({ url: LOGIN });
      },
    });
  },
});
