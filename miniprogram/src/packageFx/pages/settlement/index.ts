import { messages } from '../../../locales/index';
import { openPrivateFile } from '../../../services/applications';
import { isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';
import { getSettlement, settlementSteps, SettlementView, settlementView } from '../../fx';

/**
 * 结汇详情 (`?id=<settlementId>`, the page WeChat pushes open): status steps (提交申请 → 银行处理中 → 结汇完成;
 * rejected marks the bank step red with the reason), the submitted data, the evidence (tap to open), the 我的
 * fields as submitted, and once completed 实际结算汇率 / 人民币到账金额 / 剩余美元.
 */
const LOGIN = '/pages/login/index';

Page({
  data: {
    t: messages().fx.detail,
    fx: messages().fx,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    id: '',
    steps: settlementSteps(),
    view: null as SettlementView | null,
    opening: '',
  },

  onLoad(query: Record<string, string | undefined>) {
    wx.setNavigationBarTitle({ title: messages().fx.detail.title });
    this.setData({ id: (query && query.id) || '' });
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    // Opening an evidence file hides and shows the page: no reload once shown.
    if (this.data.mode !== 'ready') this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    if (!this.data.id) {
      this.setData({ mode: 'error', errorText: messages().errors.notFound });
      return;
    }
    if (this.data.mode !== 'ready') this.setData({ mode: 'loading' });
    try {
      const view = settlementView(await getSettlement(this.data.id));
      this.setData({ mode: 'ready', view });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.mode === 'ready') toast(errorMessage(err));
      else this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  async onEvidenceTap(e: WechatMiniprogram.TouchEvent) {
    const view = this.data.view;
    const item = view ? view.evidence[Number(e.currentTarget.dataset.index)] : undefined;
    if (!item || this.data.opening) return;
    this.setData({ opening: item.id });
    wx.showLoading({ title: this.data.t.opening, mask: true });
    try {
      await openPrivateFile(item.id, item.mime);
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      wx.hideLoading();
      this.setData({ opening: '' });
    }
  },
});
