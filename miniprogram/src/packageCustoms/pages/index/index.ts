import { messages } from '../../../locales/index';
import { isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';
import {
  BatchRow,
  batchRows,
  ConfigView,
  configView,
  CustomsConfig,
  CustomsHint,
  CustomsTodos,
  fetchConfig,
  fetchHints,
  fetchCustomsTodos,
  listBatches,
  PAGES,
  TodoRow,
  todoRows,
} from '../../customs';

/**
 * 出口报关 (C1–C8, subpackage packageCustoms): 点点通 config status (read only), customs to-dos (tap → mpPath),
 * the merchant's batches with stage and counts (tap → batch progress), and the entry to 撤销申请单.
 * Creating batches and importing Excel orders stay on the PC.
 */
const MODULE_KEY = 'customs';
const LOGIN = '/pages/login/index';
const PAGE_SIZE = 20;

Page({
  data: {
    moduleKey: MODULE_KEY,
    t: messages().customs,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    config: null as ConfigView | null,
    todos: [] as TodoRow[],
    batches: [] as BatchRow[],
    hints: [] as CustomsHint[],
    page: 1,
    total: 0,
    hasMore: false,
    loadingMore: false,
  },

  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    if (this.data.hasMore && !this.data.loadingMore) this.loadMore();
  },

  async load() {
    if (this.data.mode !== 'ready') this.setData({ mode: 'loading' });
    try {
      // The config card and the to-dos are extras: their failure never blocks the batches.
      const config = fetchConfig().catch(() => null as CustomsConfig | null);
      const todos = fetchCustomsTodos().catch(() => null as CustomsTodos | null);
      const hints = fetchHints().catch(() => [] as CustomsHint[]);
      const list = await listBatches(1, PAGE_SIZE);
      const [c, td, h] = await Promise.all([config, todos, hints]);
      this.setData({
        mode: 'ready',
        config: c ? configView(c) : this.data.config,
        todos: td ? todoRows(td.items) : this.data.todos,
        hints: h,
        batches: batchRows(list.data),
        page: 1,
        total: list.meta.pagination.total,
        hasMore: list.data.length < list.meta.pagination.total,
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.mode === 'ready') toast(errorMessage(err));
      else this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  async loadMore() {
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const list = await listBatches(next, PAGE_SIZE);
      const batches = this.data.batches.concat(batchRows(list.data));
      this.setData({ batches, page: next, total: list.meta.pagination.total, hasMore: list.data.length > 0 && batches.length < list.meta.pagination.total });
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  onTodoTap(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.todos[Number(e.currentTarget.dataset.index)];
    if (row && row.page) wx.navigateTo({ url: row.page });
  },

  onBatchTap(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.batches[Number(e.currentTarget.dataset.index)];
    if (row) wx.navigateTo({ url: row.page });
  },

  onCancellations() {
    wx.navigateTo({ url: PAGES.cancellations() });
  },
});
