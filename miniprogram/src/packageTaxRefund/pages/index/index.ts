import { messages } from '../../../locales/index';
import { isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';
import {
  FilterTab,
  filterRows,
  filterTabs,
  LIST_MAX_PAGES,
  LIST_PAGE_SIZE,
  listAllRefunds,
  loadCanWrite,
  PAGES,
  RefundFilter,
  RefundRow,
  refundRows,
  RefundSummary,
  refundSummary,
} from '../../taxrefund';

/**
 * 出口退税 (T1/T2, subpackage packageTaxRefund; message links `/tax-refund` open it): the summary (累计到账 summed
 * exactly, 办理中 with its estimate, 待处理), the merchant's refunds with status, estimate and refunded amount,
 * filtered by tabs; 新建退税申请 for merchant admins. Drafts open the form, the others their detail.
 */
const MODULE_KEY = 'tax-refund';
const LOGIN = '/pages/login/index';

Page({
  data: {
    t: messages().taxRefund,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    canWrite: false,
    /** GET /api/me asked once per page. */
    roleChecked: false,
    summary: null as RefundSummary | null,
    allRows: [] as RefundRow[],
    rows: [] as RefundRow[],
    tabs: [] as FilterTab[],
    filter: 'all' as RefundFilter,
  },

  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    // Back from the form or a detail: statuses and amounts may have changed.
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    if (this.data.mode !== 'ready') this.setData({ mode: 'loading' });
    try {
      const canWrite = this.data.roleChecked ? Promise.resolve(this.data.canWrite) : loadCanWrite();
      const result = await listAllRefunds();
      const allRows = refundRows(result.items);
      this.setData({
        mode: 'ready',
        canWrite: await canWrite,
        roleChecked: true,
        summary: refundSummary(result.items, result.truncated ? LIST_PAGE_SIZE * LIST_MAX_PAGES : 0),
        allRows,
        rows: filterRows(allRows, this.data.filter),
        tabs: filterTabs(allRows),
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.mode === 'ready') toast(errorMessage(err));
      else this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  onFilterTap(e: WechatMiniprogram.TouchEvent) {
    const filter = String(e.currentTarget.dataset.filter || '') as RefundFilter;
    if (!this.data.tabs.some((tab) => tab.key === filter)) return;
    this.setData({ filter, rows: filterRows(this.data.allRows, filter) });
  },

  onRowTap(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.rows[Number(e.currentTarget.dataset.index)];
    if (row) wx.navigateTo({ url: row.page });
  },

  onCreate() {
    if (!this.data.canWrite) return;
    wx.navigateTo({ url: PAGES.apply() });
  },
});
