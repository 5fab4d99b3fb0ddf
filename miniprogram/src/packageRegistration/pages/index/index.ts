import { messages } from '../../../locales/index';

/** 工商注册 (registration) — subpackage packageRegistration. */
const MODULE_KEY = 'registration';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
