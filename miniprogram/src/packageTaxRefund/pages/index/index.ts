import { messages } from '../../../locales/index';

/** 出口退税 (tax-refund) — subpackage packageTaxRefund. */
const MODULE_KEY = 'tax-refund';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
