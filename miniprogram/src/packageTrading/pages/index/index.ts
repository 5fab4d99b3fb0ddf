import { messages } from '../../../locales/index';

/** 交易平台 (trading) — subpackage packageTrading. */
const MODULE_KEY = 'trading';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
