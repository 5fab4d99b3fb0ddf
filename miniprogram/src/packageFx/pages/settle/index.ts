import type { FxAccount, FxRate } from '@jmt/api-types';
import { format, messages } from '../../../locales/index';
import { loadReadOnly } from '../../../services/me';
import { isLoggedIn } from '../../../services/session';
import { compare, isDecimal } from '@jmt/money';
import { ApiError, errorMessage, FieldErrors } from '../../../utils/errors';
import { confirmModal, toast } from '../../../utils/wx-promise';
import {
  createSettlement,
  estimateText,
  EvidenceSlot,
  evidenceSlots,
  fetchAccount,
  fetchRates,
  MINE_PAGE,
  missingProfileLabels,
  PAGES,
  ProfileRow,
  profileRows,
  SettleForm,
  settleDateRange,
  settleError,
  settlementInput,
  usd,
  validateSettlement,
} from '../../fx';

/**
 * 快速结汇 (X3): amount in USD (balance and available shown; not above the available amount), date (last month
 * to today), rate prefilled from the latest USD rate (editable), the three evidence uploads (private files
 * fx_withdrawal / fx_statement / fx_logistics), note, and the 我的 fields quoted read-only with a link to edit
 * them. Submit → POST /api/fx/settlements → 结汇详情. Merchant admins only; members see why not.
 */
const LOGIN = '/pages/login/index';

const EMPTY_FORM = (): SettleForm => ({ amount: '', date: '', rate: '', note: '', evidence: {} });

function inputValue(detail: unknown): string {
  const d = detail as string | { value?: string } | null;
  return typeof d === 'string' ? d : String((d && d.value) || '');
}

Page({
  data: {
    t: messages().fx,
    s: messages().fx.settle,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    readOnly: false,
    /** The account's available amount, for the client check (the server re-checks). */
    available: null as string | null,
    balanceText: '',
    availableText: '',
    frozenText: '',
    hasFrozen: false,
    profile: [] as ProfileRow[],
    profileComplete: false,
    profileNotice: '',
    referenceText: '',
    estimate: '',
    range: settleDateRange(),
    slots: evidenceSlots() as EvidenceSlot[],
    form: EMPTY_FORM(),
    errors: {} as FieldErrors,
    busy: false,
  },

  onLoad() {
    wx.setNavigationBarTitle({ title: messages().fx.settle.title });
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    // Loaded once: picking a photo hides and shows the page, which must not reset the form.
    this.load();
  },

  async load() {
    if (this.data.mode !== 'ready') this.setData({ mode: 'loading' });
    try {
      const readOnly = loadReadOnly();
      const rates = fetchRates().catch(() => null);
      const account = await fetchAccount();
      this.showAccount(account);
      const range = settleDateRange();
      const usdRate = ((await rates) || { rates: [] as FxRate[] }).rates.filter((r) => r.currency === 'USD')[0];
      const s = this.data.s;
      this.setData({
        mode: 'ready',
        readOnly: await readOnly,
        range,
        'form.date': this.data.form.date || range.end,
        'form.rate': this.data.form.rate || (usdRate ? usdRate.rate : ''),
        referenceText: usdRate ? format(s.rateReference, { rate: usdRate.rate, source: usdRate.sourceLabel || usdRate.source, date: usdRate.date }) : s.rateNoReference,
      });
      this.updateEstimate();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.mode === 'ready') toast(errorMessage(err));
      else this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  showAccount(account: FxAccount) {
    const missing = missingProfileLabels(account);
    const complete = !!(account.profile && account.profile.complete) && missing.length === 0;
    const s = this.data.s;
    this.setData({
      available: account.available,
      balanceText: format(s.balance, { amount: usd(account.balance) }),
      availableText: format(s.available, { amount: usd(account.available) }),
      frozenText: format(s.frozen, { amount: usd(account.frozen) }),
      hasFrozen: isDecimal(account.frozen) && compare(account.frozen, '0') > 0,
      profile: profileRows(account.profile),
      profileComplete: complete,
      profileNotice: complete ? '' : format(s.profileIncomplete, { fields: missing.join('、') }),
    });
  },

  updateEstimate() {
    this.setData({ estimate: estimateText(this.data.form.amount, this.data.form.rate) });
  },

  clearError(key: string) {
    if (!this.data.errors[key]) return;
    const errors = { ...this.data.errors };
    delete errors[key];
    this.setData({ errors });
  },

  onAmount(e: { detail: unknown }) {
    this.setData({ 'form.amount': inputValue(e.detail).trim() });
    this.clearError('amount');
    this.updateEstimate();
  },

  /** 全部: settle the whole available amount. */
  onAll() {
    if (!this.data.available) return;
    this.setData({ 'form.amount': this.data.available });
    this.clearError('amount');
    this.updateEstimate();
  },

  onDate(e: { detail: { value?: string } }) {
    this.setData({ 'form.date': (e.detail && e.detail.value) || '' });
    this.clearError('date');
  },

  onRate(e: { detail: unknown }) {
    this.setData({ 'form.rate': inputValue(e.detail).trim() });
    this.clearError('rate');
    this.updateEstimate();
  },

  onNote(e: { detail: { value?: string } }) {
    this.setData({ 'form.note': (e.detail && e.detail.value) || '' });
    this.clearError('note');
  },

  /** file-slot `change`: { slot (the category), documentId }. */
  onFileChange(e: WechatMiniprogram.CustomEvent<{ slot: string; documentId: string }>) {
    const { slot, documentId } = e.detail || ({} as { slot: string; documentId: string });
    if (!slot || !documentId) return;
    this.setData({ [`form.evidence.${slot}`]: documentId });
    this.clearError(`evidence.${slot}`);
  },

  /** 我的 is a tab: going there closes this page, so ask before dropping what was typed. */
  async onGoMine() {
    const f = this.data.form;
    const dirty = !!(f.amount || f.note.trim() || Object.keys(f.evidence).length);
    if (dirty && !(await confirmModal(this.data.s.editInMine, this.data.s.leaveConfirm))) return;
    wx.switchTab({ url: MINE_PAGE });
  },

  async onSubmit() {
    if (this.data.readOnly || this.data.busy || !this.data.profileComplete) return;
    const s = this.data.s;
    const form = this.data.form;
    const errors = validateSettlement(form, this.data.available);
    if (Object.keys(errors).length) {
      this.setData({ errors });
      toast(s.fixErrors);
      return;
    }
    const content = format(s.confirmContent, { amount: usd(form.amount), rate: form.rate });
    if (!(await confirmModal(s.confirmTitle, content))) return;
    this.setData({ busy: true });
    try {
      const created = await createSettlement(settlementInput(form));
      this.setData({ busy: false });
      toast(s.submitted, 'success');
      // Replace the form: back from the detail returns to the FX home, which reloads.
      wx.redirectTo({ url: PAGES.settlement(created.id) });
    } catch (err) {
      const failure = settleError(err, form);
      this.setData({ busy: false, errors: { ...this.data.errors, ...failure.errors } });
      if (failure.available !== null) {
        this.setData({ available: failure.available, availableText: format(s.available, { amount: usd(failure.available) }) });
      }
      // The 我的 fields were emptied meanwhile: show what is missing now.
      if (err instanceof ApiError && err.code === 'FX_PROFILE_INCOMPLETE')
        fetchAccount().then(
          (a) => this.showAccount(a),
          () => undefined,
        );
      toast(failure.message);
    }
  },
});
