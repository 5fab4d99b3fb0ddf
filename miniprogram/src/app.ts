import { messages, setLocale } from './locales/index';

App<{ globalData: { homeStale: boolean } }>({
  globalData: {
    /** Set after an account switch so the home page reloads on its next show. */
    homeStale: false,
  },
  onLaunch() {
    setLocale('zh-CN');
    if (wx.canIUse('getUpdateManager')) {
      const updater = wx.getUpdateManager();
      updater.onUpdateReady(() => {
        wx.showModal({
          title: messages().app.updateTitle,
          content: messages().app.updateContent,
          success: (res) => {
            if (res.confirm) updater.applyUpdate();
          },
        });
      });
    }
  },
});
