import type { FxAlert, FxAlertDirection, FxRate } from '@jmt/api-types';
import { format, messages } from '../../../locales/index';
import { loadReadOnly } from '../../../services/me';
import { isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage, FieldErrors, fieldErrors } from '../../../utils/errors';
import { confirmModal, toast } from '../../../utils/wx-promise';
import {
  AccountView,
  accountView,
  alertInput,
  alertLabel,
  AlertRow,
  alertRows,
  createAlert,
  deleteAlert,
  fetchAccount,
  fetchLedger,
  fetchRateHistory,
  fetchRates,
  LedgerRow,
  ledgerRows,
  listAlerts,
  listSettlements,
  MAX_ALERTS,
  MINE_PAGE,
  PAGES,
  pickCurrency,
  RateCard,
  rateCards,
  ratesAsOf,
  SettlementRow,
  settlementRows,
  TREND_DAYS,
  TrendBar,
  TrendView,
  trendView,
  updateAlert,
  validateAlert,
} from '../../fx';

/**
 * 收结汇 (X1–X4, subpackage packageFx; `?currency=USD` is what rate-alert pushes open): the USD account
 * (balance, 可用余额, 结汇中金额, update time, 快速结汇 or what 我的 still lacks), the six rates, the trend of the
 * chosen currency (7/30/90 days, bars drawn with views: no chart library, works offline), rate alerts, and the
 * tabs 结汇记录 / 收结汇明细. Members only look.
 */
const MODULE_KEY = 'fx';
const LOGIN = '/pages/login/index';
const PAGE_SIZE = 20;

type Tab = 'settlements' | 'ledger';
type CardState = 'loading' | 'ready' | 'error';

interface AlertFormData {
  currencyIndex: number;
  direction: FxAlertDirection;
  threshold: string;
}

interface ListState<Row> {
  rows: Row[];
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
  state: CardState | 'idle';
  errorText: string;
}

const emptyList = <Row>(): ListState<Row> => ({ rows: [], page: 0, hasMore: false, loadingMore: false, state: 'idle', errorText: '' });

Page({
  data: {
    t: messages().fx,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    readOnly: false,
    /** GET /api/me asked once per page. */
    roleChecked: false,
    account: null as AccountView | null,
    rates: [] as FxRate[],
    rateCards: [] as RateCard[],
    ratesState: 'loading' as CardState,
    ratesStale: false,
    ratesAsOf: '',
    currency: 'USD',
    trendTitle: '',
    currencyPair: '',
    days: 30,
    dayOptions: TREND_DAYS,
    trendState: 'loading' as CardState,
    /** currency-days of the chart on screen. */
    trendKey: '',
    trend: null as TrendView | null,
    pick: -1,
    pickText: '',
    alerts: [] as FxAlert[],
    alertRows: [] as AlertRow[],
    alertsState: 'loading' as CardState,
    alertOpen: false,
    alertCurrencies: [] as Array<{ code: string; label: string }>,
    alertForm: { currencyIndex: 0, direction: 'above', threshold: '' } as AlertFormData,
    alertErrors: {} as FieldErrors,
    alertBusy: false,
    alertRowBusy: '',
    maxAlerts: MAX_ALERTS,
    limitText: format(messages().fx.alerts.limit, { max: MAX_ALERTS }),
    tab: 'settlements' as Tab,
    settlements: emptyList<SettlementRow>(),
    ledger: emptyList<LedgerRow>(),
  },

  onLoad(query: Record<string, string | undefined>) {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
    // `?currency=` (a rate-alert push) picks the trend shown first; the board checks it is one of its currencies.
    const requested = String((query && query.currency) || '').toUpperCase();
    if (/^[A-Z]{3}$/.test(requested)) this.setData({ currency: requested });
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    // Back from 快速结汇 or a detail: balance, records and the ledger may have changed.
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    const list = this.data[this.data.tab];
    if (list.hasMore && !list.loadingMore) this.loadList(this.data.tab, list.page + 1);
  },

  async load() {
    if (this.data.mode !== 'ready') this.setData({ mode: 'loading' });
    try {
      // The account decides the page; rates, alerts and records are cards of their own whose failure stays inside them.
      const readOnly = this.data.roleChecked ? Promise.resolve(this.data.readOnly) : loadReadOnly();
      const rates = fetchRates().catch(() => null);
      const alerts = listAlerts().catch(() => null);
      const account = await fetchAccount();
      this.setData({ readOnly: await readOnly, roleChecked: true, account: accountView(account), mode: 'ready' });
      this.showRates(await rates);
      this.showAlerts(await alerts);
      const reloads: Array<Promise<void>> = [this.loadTrend(), this.loadList('settlements', 1)];
      if (this.data.ledger.state !== 'idle') reloads.push(this.loadList('ledger', 1));
      await Promise.all(reloads);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.mode === 'ready') toast(errorMessage(err));
      else this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  // ---------------------------------------------------------------- rates and trend

  showRates(result: { rates: FxRate[]; meta: { stale: boolean } } | null) {
    if (!result) {
      if (!this.data.rates.length) this.setData({ ratesState: 'error' });
      return;
    }
    const currency = pickCurrency(this.data.currency, result.rates);
    this.setData({
      rates: result.rates,
      ratesState: 'ready',
      ratesStale: !!result.meta.stale || result.rates.some((r) => r.stale),
      ratesAsOf: ratesAsOf(result.rates),
      alertCurrencies: result.rates.map((r) => ({ code: r.currency, label: `${r.name} ${r.currency}` })),
    });
    this.selectCurrency(currency);
  },

  selectCurrency(currency: string) {
    const rate = this.data.rates.filter((r) => r.currency === currency)[0];
    this.setData({
      currency,
      trendTitle: format(this.data.t.trend.title, { name: rate ? rate.name : currency }),
      currencyPair: rate ? rate.pair : '',
      rateCards: rateCards(this.data.rates, currency),
    });
  },

  async loadTrend() {
    const currency = this.data.currency;
    const days = this.data.days;
    const key = `${currency}-${days}`;
    // A reload of the chart already shown keeps it on screen; a new currency or range shows the skeleton.
    if (key !== this.data.trendKey || this.data.trendState !== 'ready') this.setData({ trendState: 'loading', pick: -1, pickText: '', trendKey: key });
    try {
      const history = await fetchRateHistory(currency, days);
      // A newer choice was made while this one loaded.
      if (currency !== this.data.currency || days !== this.data.days) return;
      const trend = trendView(history);
      this.setData({ trend, trendState: 'ready' });
      if (trend) this.pickBar(trend.bars.length - 1);
    } catch (err) {
      if (currency === this.data.currency && days === this.data.days) this.setData({ trend: null, trendState: 'error' });
    }
  },

  pickBar(index: number) {
    const bar: TrendBar | undefined = this.data.trend ? this.data.trend.bars[index] : undefined;
    if (!bar) return;
    this.setData({ pick: index, pickText: format(this.data.t.trend.point, { date: bar.date, rate: bar.rate }) });
  },

  onRateTap(e: WechatMiniprogram.TouchEvent) {
    const currency = String(e.currentTarget.dataset.currency || '');
    if (!currency || currency === this.data.currency) return;
    this.selectCurrency(currency);
    return this.loadTrend();
  },

  onDaysTap(e: WechatMiniprogram.TouchEvent) {
    const days = Number(e.currentTarget.dataset.days);
    if (!days || days === this.data.days) return;
    this.setData({ days });
    return this.loadTrend();
  },

  onBarTap(e: WechatMiniprogram.TouchEvent) {
    this.pickBar(Number(e.currentTarget.dataset.index));
  },

  // ---------------------------------------------------------------- account

  onSettle() {
    const account = this.data.account;
    if (this.data.readOnly || !account || !account.profileComplete) return;
    wx.navigateTo({ url: PAGES.settle });
  },

  onGoMine() {
    wx.switchTab({ url: MINE_PAGE });
  },

  // ---------------------------------------------------------------- alerts

  showAlerts(alerts: FxAlert[] | null) {
    if (!alerts) {
      if (!this.data.alerts.length) this.setData({ alertsState: 'error' });
      return;
    }
    this.setData({ alerts, alertRows: alertRows(alerts, this.data.rates), alertsState: 'ready' });
  },

  async reloadAlerts() {
    this.setData({ alertsState: this.data.alerts.length ? 'ready' : 'loading' });
    this.showAlerts(await listAlerts().catch(() => null));
  },

  /** The form starts on the currency being looked at, with its current rate as the threshold. */
  onAlertToggleForm() {
    if (this.data.readOnly) return;
    const open = !this.data.alertOpen;
    const index = Math.max(0, this.data.alertCurrencies.map((c) => c.code).indexOf(this.data.currency));
    this.setData({ alertOpen: open, alertErrors: {}, alertForm: { currencyIndex: index, direction: 'above', threshold: this.rateOf(index) } });
  },

  rateOf(currencyIndex: number): string {
    const c = this.data.alertCurrencies[currencyIndex];
    const rate = c ? this.data.rates.filter((r) => r.currency === c.code)[0] : undefined;
    return rate ? rate.rate : '';
  },

  onAlertCurrency(e: { detail: { value?: unknown } }) {
    const index = Number(e.detail && e.detail.value) || 0;
    this.setData({ 'alertForm.currencyIndex': index, 'alertForm.threshold': this.rateOf(index), alertErrors: {} });
  },

  onAlertDirection(e: WechatMiniprogram.TouchEvent) {
    const direction = String(e.currentTarget.dataset.direction || '');
    if (direction === 'above' || direction === 'below') this.setData({ 'alertForm.direction': direction });
  },

  onAlertThreshold(e: { detail: unknown }) {
    const detail = e.detail as string | { value?: string } | null;
    const value = typeof detail === 'string' ? detail : String((detail && detail.value) || '');
    this.setData({ 'alertForm.threshold': value, alertErrors: {} });
  },

  async onAlertSave() {
    if (this.data.readOnly || this.data.alertBusy) return;
    const f = this.data.alertForm;
    const c = this.data.alertCurrencies[f.currencyIndex];
    const form = { currency: c ? c.code : this.data.currency, direction: f.direction, threshold: f.threshold };
    const errors = validateAlert(form);
    if (Object.keys(errors).length) {
      this.setData({ alertErrors: errors });
      // The form shows the threshold's problem under it; a currency or direction the contract refuses, as a toast.
      if (!errors.threshold) toast(errors[Object.keys(errors)[0]]);
      return;
    }
    this.setData({ alertBusy: true });
    try {
      await createAlert(alertInput(form));
      toast(this.data.t.alerts.saved, 'success');
      this.setData({ alertBusy: false, alertOpen: false, alertErrors: {} });
      await this.reloadAlerts();
    } catch (err) {
      const fields = fieldErrors(err);
      this.setData({ alertBusy: false, alertErrors: fields.threshold ? { threshold: fields.threshold } : {} });
      toast(errorMessage(err));
    }
  },

  async onAlertSwitch(e: { currentTarget: { dataset: Record<string, unknown> }; detail: { value?: boolean } }) {
    const alert = this.data.alerts[Number(e.currentTarget.dataset.index)];
    if (!alert || this.data.readOnly || this.data.alertRowBusy) return;
    const active = !!(e.detail && e.detail.value);
    this.setData({ alertRowBusy: alert.id });
    try {
      await updateAlert(alert.id, { active });
      toast(active ? this.data.t.alerts.enabled : this.data.t.alerts.disabled);
    } catch (err) {
      toast(errorMessage(err));
    }
    this.setData({ alertRowBusy: '' });
    // Re-read: the switch shows what the server kept (also after a failure).
    await this.reloadAlerts();
  },

  async onAlertDelete(e: WechatMiniprogram.TouchEvent) {
    const alert = this.data.alerts[Number(e.currentTarget.dataset.index)];
    if (!alert || this.data.readOnly || this.data.alertRowBusy) return;
    const t = this.data.t.alerts;
    if (!(await confirmModal(t.delete, format(t.deleteConfirm, { label: alertLabel(alert, this.data.rates) })))) return;
    this.setData({ alertRowBusy: alert.id });
    try {
      await deleteAlert(alert.id);
      toast(t.deleted, 'success');
    } catch (err) {
      toast(errorMessage(err));
    }
    this.setData({ alertRowBusy: '' });
    await this.reloadAlerts();
  },

  // ---------------------------------------------------------------- 结汇记录 / 收结汇明细

  onTabTap(e: WechatMiniprogram.TouchEvent) {
    const tab = String(e.currentTarget.dataset.tab || '') as Tab;
    if (tab !== 'settlements' && tab !== 'ledger') return;
    this.setData({ tab });
    if (this.data[tab].state === 'idle' || this.data[tab].state === 'error') return this.loadList(tab, 1);
    return undefined;
  },

  /** Page 1 replaces the list (open, refresh, retry); later pages append (scrolling to the bottom). */
  async loadList(tab: Tab, page: number) {
    const first = page === 1;
    if (first) {
      if (this.data[tab].state !== 'ready') this.setData({ [`${tab}.state`]: 'loading' });
    } else this.setData({ [`${tab}.loadingMore`]: true });
    try {
      const result = tab === 'settlements' ? await listSettlements(page, PAGE_SIZE) : await fetchLedger(page, PAGE_SIZE);
      const rows = tab === 'settlements' ? settlementRows(result.data as Parameters<typeof settlementRows>[0]) : ledgerRows(result.data as Parameters<typeof ledgerRows>[0]);
      const all = (first ? [] : (this.data[tab].rows as unknown[])).concat(rows);
      this.setData({
        [tab]: {
          rows: all,
          page,
          hasMore: rows.length > 0 && all.length < result.meta.pagination.total,
          loadingMore: false,
          state: 'ready',
          errorText: '',
        },
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (first && this.data[tab].state !== 'ready') this.setData({ [`${tab}.state`]: 'error', [`${tab}.errorText`]: errorMessage(err) });
      else {
        this.setData({ [`${tab}.loadingMore`]: false });
        toast(errorMessage(err));
      }
    }
  },

  onListRetry() {
    return this.loadList(this.data.tab, 1);
  },

  onSettlementTap(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.settlements.rows[Number(e.currentTarget.dataset.index)];
    if (row) wx.navigateTo({ url: row.page });
  },

  onLedgerTap(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.ledger.rows[Number(e.currentTarget.dataset.index)];
    if (row && row.page) wx.navigateTo({ url: row.page });
  },

  onRatesRetry() {
    return this.load();
  },
});
