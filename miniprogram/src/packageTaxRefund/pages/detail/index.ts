import type { TimelineEntry } from '@jmt/api-types';
import { messages } from '../../../locales/index';
import { openPrivateFile } from '../../../services/applications';
import { isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';
import { getRefund, loadCanWrite, PAGES, RefundDetailView, refundDetailView, refundSteps } from '../../taxrefund';

/**
 * 退税详情 (`?id=<applicationId>`, the page WeChat pushes open: packageTaxRefund/pages/detail/index?id=): the
 * estimate or the refunded amount, progress 申报 → 审核 → 退库 → 到账 on app-progress (退回补正 / 不予退税 in red
 * with the staff's note, 修改 for a returned one), the estimate, 到账与回执 (return messages), what was
 * submitted, linked customs batches, the three PDFs (opened through the authorised download) and 办理记录.
 */
const LOGIN = '/pages/login/index';

Page({
  data: {
    t: messages().taxRefund,
    d: messages().taxRefund.detail,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    id: '',
    steps: refundSteps(),
    view: null as RefundDetailView | null,
    timeline: [] as TimelineEntry[],
    canWrite: false,
    roleChecked: false,
    opening: '',
    /** Set when leaving for the form: back here, the refund is read again. */
    stale: false,
  },

  onLoad(query: Record<string, string | undefined>) {
    wx.setNavigationBarTitle({ title: messages().taxRefund.detail.title });
    this.setData({ id: (query && query.id) || '' });
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    // Opening a PDF hides and shows the page: no reload for that, only after the form or a failed load.
    if (this.data.mode !== 'ready' || this.data.stale) this.load();
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
      const canWrite = this.data.roleChecked ? Promise.resolve(this.data.canWrite) : loadCanWrite();
      const refund = await getRefund(this.data.id);
      this.setData({
        mode: 'ready',
        stale: false,
        view: refundDetailView(refund),
        timeline: refund.timeline || [],
        canWrite: await canWrite,
        roleChecked: true,
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.mode === 'ready') toast(errorMessage(err));
      else this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  /** 修改 (returned) / 继续填写 (draft): the form, for merchant admins. */
  onEdit() {
    const view = this.data.view;
    if (!view || !view.editable || !this.data.canWrite) return;
    this.setData({ stale: true });
    wx.navigateTo({ url: PAGES.apply(view.id) });
  },

  async onFileTap(e: WechatMiniprogram.TouchEvent) {
    const view = this.data.view;
    const file = view ? view.files[Number(e.currentTarget.dataset.index)] : undefined;
    if (!file || !file.documentId || this.data.opening) return;
    this.setData({ opening: file.documentId });
    wx.showLoading({ title: this.data.d.opening, mask: true });
    try {
      await openPrivateFile(file.documentId, 'application/pdf');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      wx.hideLoading();
      this.setData({ opening: '' });
    }
  },
});
