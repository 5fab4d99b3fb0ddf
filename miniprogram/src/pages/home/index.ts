import { format, messages } from '../../locales/index';
import { markMessageRead } from '../../services/messages';
import { ApiError, errorMessage } from '../../utils/errors';
import { fetchTodos } from '../../services/applications';
import { appTodoRows, AppTodoRow, buildHomeView, fetchHome, HomeView } from '../../services/home';
import { openModule } from '../../services/modules';
import { isLoggedIn } from '../../services/session';

const LOGIN = '/pages/login/index';

Page({
  data: {
    t: messages().home,
    common: messages().common,
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    unreadLabel: '',
    view: null as HomeView | null,
    appTodos: [] as AppTodoRow[],
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    const app = getApp<{ globalData: { homeStale: boolean } }>();
    const stale = !!(app && app.globalData && app.globalData.homeStale);
    if (stale) app.globalData.homeStale = false;
    if (stale || !this.data.view) this.reload();
  },

  onPullDownRefresh() {
    this.reload().then(() => wx.stopPullDownRefresh());
  },

  async reload() {
    if (!this.data.view) this.setData({ state: 'loading' });
    try {
      const home = fetchHome();
      // 办理提醒 are an extra: a failure there never blocks the home page.
      const todos = fetchTodos().catch(() => null);
      const view = buildHomeView(await home);
      const appTodos = await todos;
      wx.setNavigationBarTitle({ title: messages().app.name });
      this.setData({
        view,
        appTodos: appTodos ? appTodoRows(appTodos) : this.data.appTodos,
        state: 'ready',
        unreadLabel: format(this.data.t.messagesUnread, { count: view.unread }),
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return; // the api client already went to login
      if (this.data.view) wx.showToast({ title: errorMessage(err), icon: 'none' });
      else this.setData({ state: 'error', errorText: errorMessage(err) });
    }
  },

  onBannerTap() {
    const view = this.data.view;
    if (view) wx.navigateTo({ url: view.banner.page });
  },

  onTodoTap() {
    const view = this.data.view;
    if (!view) return;
    const customs = view.modules.filter((m) => m.key === 'customs')[0];
    if (customs) openModule(customs);
  },

  /** 美元账户 card → the 收结汇 module (its subpackage home). */
  onFxTap() {
    const view = this.data.view;
    if (!view) return;
    const fx = view.modules.filter((m) => m.key === 'fx')[0];
    if (fx) openModule(fx);
  },

  onAppTodoTap(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.appTodos[Number(e.currentTarget.dataset.index)];
    if (row && row.page) wx.navigateTo({ url: row.page });
  },

  onAllMessages() {
    wx.navigateTo({ url: '/pages/messages/index' });
  },

  async onMessageTap(e: WechatMiniprogram.TouchEvent) {
    const view = this.data.view;
    if (!view) return;
    const index = Number(e.currentTarget.dataset.index);
    const message = view.messages[index];
    if (!message) return;
    if (!message.read) {
      try {
        await markMessageRead(message.documentId);
        const unread = Math.max(0, view.unread - 1);
        this.setData({
          [`view.messages[${index}].read`]: true,
          'view.unread': unread,
          unreadLabel: format(this.data.t.messagesUnread, { count: unread }),
        });
      } catch {
        // Reading still works offline; the mark is retried the next time the message is opened.
      }
    }
    if (!message.page) return;
    // A message of a locked module only says why (openModule toasts); otherwise open its page.
    const module = view.modules.filter((m) => m.key === message.module)[0];
    if (module && !module.enabled) {
      openModule(module);
      return;
    }
    wx.navigateTo({ url: message.page });
  },
});
