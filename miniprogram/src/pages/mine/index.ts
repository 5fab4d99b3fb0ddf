import { format, messages } from '../../locales/index';
import { fetchProgress, progressCard, ProgressCardModule } from '../../services/applications';
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
    /** 我的进度 (G9): merchants only; hidden for platform staff and users without a merchant. */
    progressState: 'loading' as 'loading' | 'ready' | 'error',
    progressError: '',
    progress: [] as ProgressCardModule[],
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
    // 我的进度 loads alongside; its failure stays inside its card.
    const progress = fetchProgress().then(
      (items) => ({ items, error: '' }),
      (err: unknown) => ({ items: null, error: err instanceof ApiError && err.status === 401 ? '' : errorMessage(err) }),
    );
    try {
      this.setData({ view: buildMeView(await fetchMe()), state: 'ready' });
      this.showProgress(await progress);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.view) toast(errorMessage(err));
      else this.setData({ state: 'error', errorText: errorMessage(err) });
    }
  },

  showProgress(result: { items: Parameters<typeof progressCard>[0]; error: string }) {
    if (result.items) this.setData({ progress: progressCard(result.items), progressState: 'ready', progressError: '' });
    else if (!this.data.progress.length || this.data.progressState !== 'ready') this.setData({ progressState: 'error', progressError: result.error });
    else toast(result.error);
  },

  async onProgressRetry() {
    this.setData({ progressState: 'loading' });
    try {
      this.showProgress({ items: await fetchProgress(), error: '' });
    } catch (err) {
      this.showProgress({ items: null, error: errorMessage(err) });
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
      this.onProgressRetry();
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
