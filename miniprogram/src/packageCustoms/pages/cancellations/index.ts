import { format, messages } from '../../../locales/index';
import { isReadOnlyRole, loadReadOnly } from '../../../services/me';
import { getRole, isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';
import {
  Cancellation,
  CancellationRow,
  cancellationRows,
  confirmModal,
  createCancellation,
  CustomsRecord,
  declareCancellation,
  FieldErrors,
  fieldErrors,
  listCancellable,
  listCancellations,
  POLL_MS,
  validateCancellation,
  withdrawCancellation,
} from '../../customs';

/**
 * 撤销申请单 (C6, `?invtNo=` — the page WeChat pushes open): search by 清单编号, status + receipt
 * (returnStatusLabel, returnInfo), 申报 / 不再撤销 for 暂存 and 退单 ones, and a new one from a released 清单
 * (reason, 暂存 or 申报). Members only look. Polls while a declared one waits for customs.
 */
const LOGIN = '/pages/login/index';
const PAGE_SIZE = 20;

interface PickRow {
  invtNo: string;
  orderNo: string;
}

function decode(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch (e) {
    return value;
  }
}

Page({
  data: {
    t: messages().customs,
    c: messages().customs.cancel,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    q: '',
    searched: '',
    emptyText: '',
    list: [] as Cancellation[],
    rows: [] as CancellationRow[],
    page: 1,
    total: 0,
    hasMore: false,
    loadingMore: false,
    readOnly: false,
    /** GET /api/me asked once per page (not on every poll). */
    roleChecked: false,
    rowBusy: '',
    creating: false,
    pickQ: '',
    picks: [] as PickRow[],
    pickLoading: false,
    picked: '',
    reason: '',
    errors: {} as FieldErrors,
    busy: '' as '' | 'save' | 'declare',
  },

  pollTimer: null as ReturnType<typeof setTimeout> | null,
  pageHidden: false,

  onLoad(query: Record<string, string | undefined>) {
    const q = decode(query && query.invtNo);
    // The role last seen decides until GET /api/me answers (no flash of buttons for members).
    this.setData({ q, searched: q, readOnly: isReadOnlyRole(getRole()) });
    wx.setNavigationBarTitle({ title: messages().customs.cancel.title });
  },

  onShow() {
    this.pageHidden = false;
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    this.load();
  },

  onHide() {
    this.pageHidden = true;
    this.stopPolling();
  },

  onUnload() {
    this.pageHidden = true;
    this.stopPolling();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    if (this.data.hasMore && !this.data.loadingMore) this.loadMore();
  },

  /** Open, retry, pull-down refresh, after an action: a failure is shown. */
  load() {
    return this.refresh(false);
  },

  /** `quiet` (polls): a failure stays silent and the next poll tries again. */
  async refresh(quiet: boolean) {
    this.stopPolling();
    if (this.data.mode !== 'ready') this.setData({ mode: 'loading' });
    try {
      const readOnly = this.data.roleChecked ? Promise.resolve(this.data.readOnly) : loadReadOnly();
      const res = await listCancellations(this.data.searched, 1, PAGE_SIZE);
      this.setData({ readOnly: await readOnly, roleChecked: true });
      this.showList(res.data, 1, res.meta.pagination.total);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.mode === 'ready') {
        if (!quiet) toast(errorMessage(err));
        this.schedulePoll();
        return;
      }
      this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  async loadMore() {
    this.setData({ loadingMore: true });
    try {
      const next = this.data.page + 1;
      const res = await listCancellations(this.data.searched, next, PAGE_SIZE);
      this.showList(this.data.list.concat(res.data), next, res.meta.pagination.total, res.data.length === 0);
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      this.setData({ loadingMore: false });
    }
  },

  showList(list: Cancellation[], page: number, total: number, exhausted = false) {
    const rows = cancellationRows(list, this.data.readOnly);
    const c = this.data.c;
    this.setData({
      mode: 'ready',
      list,
      rows,
      page,
      total,
      hasMore: !exhausted && list.length < total,
      emptyText: this.data.searched ? format(c.emptySearch, { q: this.data.searched }) : c.empty,
    });
    this.schedulePoll();
  },

  schedulePoll() {
    this.stopPolling();
    if (this.pageHidden || !this.data.rows.some((r) => r.inFlight)) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.refresh(true);
    }, POLL_MS);
  },

  stopPolling() {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  },

  // ---------------------------------------------------------------- search by 清单编号

  onSearchInput(e: { detail: unknown }) {
    const detail = e.detail as string | { value?: string } | null;
    this.setData({ q: typeof detail === 'string' ? detail : String((detail && detail.value) || '') });
  },

  onSearch() {
    this.setData({ searched: this.data.q.trim() });
    return this.load();
  },

  // ---------------------------------------------------------------- 申报 / 不再撤销

  rowAt(e: WechatMiniprogram.TouchEvent): CancellationRow | null {
    return this.data.rows[Number(e.currentTarget.dataset.index)] || null;
  },

  async onDeclare(e: WechatMiniprogram.TouchEvent) {
    const row = this.rowAt(e);
    if (!row || !row.canDeclare || this.data.readOnly || this.data.rowBusy) return;
    const c = this.data.c;
    if (!(await confirmModal(row.declareLabel, format(c.declareConfirm, { invtNo: row.invtNo })))) return;
    this.setData({ rowBusy: row.id });
    try {
      await declareCancellation(row.id);
      toast(c.declared, 'success');
      this.setData({ rowBusy: '' });
      await this.load();
    } catch (err) {
      this.setData({ rowBusy: '' });
      toast(errorMessage(err));
    }
  },

  async onWithdraw(e: WechatMiniprogram.TouchEvent) {
    const row = this.rowAt(e);
    if (!row || !row.canWithdraw || this.data.readOnly || this.data.rowBusy) return;
    const c = this.data.c;
    if (!(await confirmModal(c.withdraw, format(c.withdrawConfirm, { invtNo: row.invtNo })))) return;
    this.setData({ rowBusy: row.id });
    try {
      await withdrawCancellation(row.id);
      toast(c.withdrawn, 'success');
      this.setData({ rowBusy: '' });
      await this.load();
    } catch (err) {
      this.setData({ rowBusy: '' });
      toast(errorMessage(err));
    }
  },

  // ---------------------------------------------------------------- new 撤销申请单

  onCreateToggle() {
    if (this.data.readOnly) return;
    const creating = !this.data.creating;
    this.setData({ creating, errors: {} });
    if (creating) {
      this.setData({ pickQ: this.data.searched, picked: '', reason: '' });
      this.searchCancellable();
    }
  },

  onPickInput(e: { detail: unknown }) {
    const detail = e.detail as string | { value?: string } | null;
    this.setData({ pickQ: typeof detail === 'string' ? detail : String((detail && detail.value) || '') });
  },

  async searchCancellable() {
    this.setData({ pickLoading: true });
    try {
      const list: CustomsRecord[] = await listCancellable(this.data.pickQ);
      const picks = list.filter((r) => !!r.invtNo).map((r) => ({ invtNo: String(r.invtNo), orderNo: r.orderNo || '' }));
      const picked = picks.some((p) => p.invtNo === this.data.picked) ? this.data.picked : picks.length === 1 ? picks[0].invtNo : '';
      this.setData({ picks, picked, pickLoading: false });
    } catch (err) {
      this.setData({ pickLoading: false });
      toast(errorMessage(err));
    }
  },

  onPick(e: WechatMiniprogram.TouchEvent) {
    const invtNo = String(e.currentTarget.dataset.invtNo || '');
    if (!invtNo) return;
    const errors = { ...this.data.errors };
    delete errors.invtNo;
    this.setData({ picked: invtNo, errors });
  },

  onReasonInput(e: { detail: { value?: string } }) {
    const errors = { ...this.data.errors };
    delete errors.reason;
    this.setData({ reason: (e.detail && e.detail.value) || '', errors });
  },

  onSaveNew() {
    return this.submitNew(false);
  },

  onDeclareNew() {
    return this.submitNew(true);
  },

  /** 暂存 (draft) or 申报 at once (`declare: true`). */
  async submitNew(declare: boolean) {
    if (this.data.readOnly || this.data.busy) return;
    const c = this.data.c;
    const input = { invtNo: this.data.picked, reason: this.data.reason };
    const errors = validateCancellation(input);
    if (Object.keys(errors).length) {
      this.setData({ errors });
      toast(errors.invtNo || errors.reason);
      return;
    }
    if (declare && !(await confirmModal(c.declare, format(c.declareConfirm, { invtNo: input.invtNo })))) return;
    this.setData({ busy: declare ? 'declare' : 'save' });
    try {
      await createCancellation({ ...input, declare });
      toast(declare ? c.declared : c.saved, 'success');
      // show the new one: search for its 清单编号
      this.setData({ busy: '', creating: false, picked: '', reason: '', errors: {}, q: input.invtNo, searched: input.invtNo });
      await this.load();
    } catch (err) {
      const fields = fieldErrors(err);
      this.setData({ busy: '', errors: Object.keys(fields).length ? fields : this.data.errors });
      toast(errorMessage(err));
    }
  },
});
