import { messages } from '../../../locales/index';

/** 跨境物流 (logistics) — subpackage packageLogistics. */
const MODULE_KEY = 'logistics';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
