import { messages } from '../../../locales/index';

/** 跨境申报 (filing) — subpackage packageFiling. */
const MODULE_KEY = 'filing';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
