import { messages } from '../../locales/index';
import { wechatPhoneLogin } from '../../services/auth';
import { getLastPhone, isLoggedIn } from '../../services/session';
import { errorMessage } from '../../utils/errors';
import { toast } from '../../utils/wx-promise';

const HOME = '/pages/home/index';

Page({
  data: {
    app: messages().app,
    t: messages().login,
    mode: 'wechat' as 'wechat' | 'sms',
    agreed: false,
    loggingIn: false,
    lastPhone: '',
  },

  onLoad() {
    if (isLoggedIn()) {
      wx.switchTab({ url: HOME });
      return;
    }
    this.setData({ lastPhone: getLastPhone() });
  },

  onToggleAgreement() {
    this.setData({ agreed: !this.data.agreed });
  },

  onNeedAgreement() {
    toast(this.data.t.agreementRequired);
  },

  onUseSms() {
    if (!this.data.agreed) {
      toast(this.data.t.agreementRequired);
      return;
    }
    this.setData({ mode: 'sms' });
  },

  onUseWechat() {
    this.setData({ mode: 'wechat' });
  },

  /** getPhoneNumber → detail.code is the phoneCode; wx.login() supplies the login code. */
  async onGetPhoneNumber(e: WechatMiniprogram.ButtonGetPhoneNumber) {
    const detail = e.detail || ({} as WechatMiniprogram.ButtonGetPhoneNumber['detail']);
    if (!detail.code) {
      const denied = /deny|cancel/i.test(detail.errMsg || '');
      toast(denied ? this.data.t.wechatDenied : this.data.t.wechatUnsupported);
      this.setData({ mode: 'sms' });
      return;
    }
    this.setData({ loggingIn: true });
    try {
      await wechatPhoneLogin(detail.code);
      this.onLoggedIn();
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      this.setData({ loggingIn: false });
    }
  },

  onLoggedIn() {
    toast(this.data.t.success, 'success');
    wx.reLaunch({ url: HOME });
  },
});
