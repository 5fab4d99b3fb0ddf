import { messages } from '../../../locales/index';

/** 收结汇 (fx) — subpackage packageFx. */
const MODULE_KEY = 'fx';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
