import { messages } from '../../../locales/index';

/** 培训服务 (training) — subpackage packageTraining. */
const MODULE_KEY = 'training';

Page({
  data: { moduleKey: MODULE_KEY },
  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },
});
