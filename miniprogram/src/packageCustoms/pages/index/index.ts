import { messages } from '../../../locales/index';

/** 出口报关 (customs) — subpackage packageCustoms. */
const MODULE_KEY = 'customs';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
