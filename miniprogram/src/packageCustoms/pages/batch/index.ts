import { format, messages } from '../../../locales/index';
import { isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';
import {
  BatchDetail,
  confirmModal,
  CountRow,
  countRows,
  FieldErrors,
  fieldErrors,
  getBatch,
  nextView,
  NextView,
  POLL_MS,
  receiptRows,
  ReceiptRow,
  recordView,
  RecordView,
  runNextAction,
  stageView,
  StageView,
  validateWaybill,
  WaybillForm,
} from '../../customs';

/**
 * One export batch (`?id=<batchDocumentId>`, the page WeChat pushes open): stage steps (app-progress), counts by
 * status, the next guided step (申报电子订单 / 申报出口清单 / 清单总分单 form / 提交汇总申请单; Excel import is
 * PC-only), 总分单/汇总 records and the receipt timeline. Polls while anything waits for customs. Members
 * (`canWrite` false) only look.
 */
const LOGIN = '/pages/login/index';
const EMPTY_FORM: WaybillForm = { billNo: '', trafName: '', voyageNo: '' };

interface Header {
  name: string;
  number: string;
  tradeMode: string;
  flag: string;
  logistics: string;
}

Page({
  data: {
    t: messages().customs,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    id: '',
    header: null as Header | null,
    stage: null as StageView | null,
    orderTotal: 0,
    inventoryTotal: 0,
    orderCounts: [] as CountRow[],
    inventoryCounts: [] as CountRow[],
    waybill: null as RecordView | null,
    summary: null as RecordView | null,
    next: null as NextView | null,
    rejectedHint: '',
    receipts: [] as ReceiptRow[],
    canWrite: false,
    form: { ...EMPTY_FORM } as WaybillForm,
    errors: {} as FieldErrors,
    busy: false,
  },

  /** The pending poll (setTimeout handle) while records are in flight. */
  pollTimer: null as ReturnType<typeof setTimeout> | null,
  /** Page hidden (another page on top, app in background): no polling. */
  pageHidden: false,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: (query && query.id) || '' });
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

  /** Open, retry, pull-down refresh, after an action: a failure is shown. */
  load() {
    return this.refresh(false);
  },

  /** `quiet` (polls): a failure stays silent and the next poll tries again. */
  async refresh(quiet: boolean) {
    this.stopPolling();
    if (!this.data.id) {
      this.setData({ mode: 'error', errorText: messages().errors.notFound });
      return;
    }
    if (this.data.mode !== 'ready') this.setData({ mode: 'loading' });
    try {
      this.show(await getBatch(this.data.id));
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

  show(batch: BatchDetail) {
    const t = this.data.t;
    const p = batch.progress;
    const stage = stageView(p);
    const canWrite = !!batch.canWrite;
    const rejected = Number(p.orders && p.orders.byStatus && p.orders.byStatus.rejected) || 0;
    wx.setNavigationBarTitle({ title: batch.name || t.batchNumber });
    this.setData({
      mode: 'ready',
      header: {
        name: batch.name,
        number: batch.number,
        tradeMode: batch.tradeMode || '',
        flag: (batch.statisticsFlag && t.flags[batch.statisticsFlag]) || batch.statisticsFlag || '',
        logistics: batch.logisticsName || '',
      },
      stage,
      orderTotal: (p.orders && p.orders.total) || 0,
      inventoryTotal: (p.inventories && p.inventories.total) || 0,
      orderCounts: countRows('order', p.orders),
      inventoryCounts: countRows('inventory', p.inventories),
      waybill: recordView('waybill', p.waybill),
      summary: recordView('summary', p.summary),
      next: nextView(p, canWrite),
      rejectedHint: rejected > 0 ? format(t.rejectedOrders, { count: rejected }) : '',
      receipts: receiptRows(batch.timeline),
      canWrite,
    });
    this.schedulePoll();
  },

  schedulePoll() {
    this.stopPolling();
    if (this.pageHidden || !this.data.stage || !this.data.stage.inFlight) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.refresh(true);
    }, POLL_MS);
  },

  stopPolling() {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
  },

  onFormInput(e: { currentTarget: { dataset: Record<string, unknown> }; detail: unknown }) {
    const field = String(e.currentTarget.dataset.field || '') as keyof WaybillForm;
    if (!(field in EMPTY_FORM)) return;
    const detail = e.detail as string | { value?: string } | null;
    const value = typeof detail === 'string' ? detail : String((detail && detail.value) || '');
    const errors = { ...this.data.errors };
    delete errors[field];
    this.setData({ [`form.${field}`]: value, errors });
  },

  /** The one guided step: confirm, POST, reload (and poll while customs answers). */
  async onNext() {
    const next = this.data.next;
    if (!next || !next.canAct || !next.action || this.data.busy || !this.data.canWrite) return;
    if (next.mode === 'waybill') {
      const errors = validateWaybill(this.data.form);
      if (Object.keys(errors).length) {
        this.setData({ errors });
        toast(messages().apply.fixErrors);
        return;
      }
    }
    const ok = await confirmModal(format(this.data.t.confirmTitle, { label: next.label }), next.hint || next.label);
    if (!ok) return;
    this.setData({ busy: true });
    try {
      await runNextAction(this.data.id, next.action, next.mode === 'waybill' ? this.data.form : undefined);
      this.setData({ busy: false, errors: {}, form: { ...EMPTY_FORM } });
      toast(this.data.t.declared, 'success');
      await this.load();
    } catch (err) {
      const errors = fieldErrors(err);
      this.setData({ busy: false, errors: Object.keys(errors).length ? errors : this.data.errors });
      toast(errorMessage(err));
    }
  },
});
