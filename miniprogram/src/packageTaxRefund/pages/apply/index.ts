import type { EnterpriseType } from '@jmt/api-types';
import { format, messages } from '../../../locales/index';
import { fetchKinds, KindDefinition } from '../../../services/applications';
import { isReadOnlyRole } from '../../../services/me';
import { getRole, isLoggedIn } from '../../../services/session';
import { ApiError, errorMessage, FieldErrors } from '../../../utils/errors';
import { confirmModal, toast } from '../../../utils/wx-promise';
import {
  BatchOption,
  batchOptions,
  createRefund,
  emptyForm,
  ESTIMATE_DELAY_MS,
  estimateError,
  estimateKey,
  estimateQuery,
  EstimateView,
  estimateView,
  exportDateRange,
  fetchDeclarations,
  fetchEstimate,
  fileSlots,
  formFromData,
  getRefund,
  loadCanWrite,
  PAGES,
  RefundForm,
  RefundSlot,
  saveRefund,
  submitFailure,
  submitRefund,
  TAX_REFUND_KIND,
  validateRefund,
} from '../../taxrefund';

/**
 * 新建/修改退税申请 (T1, T4; `?id=` edits a draft or a returned refund): 企业类型, 退税订单金额, 进项发票金额 (外贸企业
 * only), HS 编码, 出口日期, 发票号码, a live estimate from GET /api/tax-refund/estimate (debounced as the user
 * types), the three PDFs (file-slot, PDF from a chat only), optional customs batches and a note. 保存草稿 creates
 * the application on first save (PUT afterwards); 提交申报 saves and moves it to `declared`, and an
 * APPLICATION_INCOMPLETE answer is shown on its fields. A refund that is no longer editable opens its detail.
 */
const LOGIN = '/pages/login/index';
type EstimateState = 'idle' | 'loading' | 'ready' | 'error';

function inputValue(detail: unknown): string {
  const d = detail as string | { value?: string } | null;
  return typeof d === 'string' ? d : String((d && d.value) || '');
}

Page({
  data: {
    t: messages().taxRefund,
    a: messages().taxRefund.apply,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    /** The application once it exists (`?id=`, or created by the first save). */
    id: '',
    status: '',
    returnedNote: '',
    readOnly: false,
    form: emptyForm(),
    typeKeys: ['trading', 'producer'] as EnterpriseType[],
    slots: fileSlots() as RefundSlot[],
    batches: [] as BatchOption[],
    range: exportDateRange(),
    estimateState: 'idle' as EstimateState,
    estimate: null as EstimateView | null,
    estimateErrorText: '',
    /** The query of the estimate on screen (or being fetched). */
    estimateKey: '',
    errors: {} as FieldErrors,
    missing: [] as Array<{ field: string; text: string }>,
    busy: '' as '' | 'saving' | 'submitting',
    dirty: false,
  },

  estimateTimer: null as ReturnType<typeof setTimeout> | null,
  /** Answers to older estimate requests are dropped. */
  estimateSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.estimateTimer = null;
    this.estimateSeq = 0;
    const id = (query && query.id) || '';
    // The role last seen decides until GET /api/me answers (no flash of buttons for members).
    this.setData({ id, readOnly: isReadOnlyRole(getRole()) });
    wx.setNavigationBarTitle({ title: id ? messages().taxRefund.apply.titleEdit : messages().taxRefund.apply.titleNew });
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    // Loaded once: choosing a PDF from a chat hides and shows the page, which must not reset the form.
    this.load();
  },

  onUnload() {
    if (this.estimateTimer) clearTimeout(this.estimateTimer);
    this.estimateTimer = null;
  },

  async load() {
    this.setData({ mode: 'loading' });
    try {
      const canWrite = loadCanWrite();
      const kinds = fetchKinds().catch(() => [] as KindDefinition[]);
      const declarations = fetchDeclarations();
      let form = emptyForm();
      let status = 'draft';
      let returnedNote = '';
      const id = this.data.id;
      if (id) {
        const refund = await getRefund(id);
        if (!refund.editable) {
          // 申报 onwards the merchant only follows it.
          wx.redirectTo({ url: PAGES.detail(refund.documentId) });
          return;
        }
        form = formFromData(refund.data);
        status = refund.status;
        returnedNote = refund.status === 'returned' ? (refund.lastNote || '').trim() : '';
        const view = estimateView(refund.estimate);
        if (view) this.setData({ estimate: view, estimateState: 'ready', estimateKey: estimateKey(estimateQuery(form)) });
      }
      const def = (await kinds).filter((k) => k.kind === TAX_REFUND_KIND)[0] || null;
      this.setData({
        mode: 'ready',
        status,
        returnedNote,
        form,
        readOnly: !(await canWrite),
        slots: fileSlots(def),
        batches: batchOptions(await declarations, form.customsBatches),
        range: exportDateRange(),
      });
      this.refreshEstimate();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  // ---------------------------------------------------------------- editing

  /** A change the user has not saved: leaving with the back button asks first. */
  markDirty() {
    if (this.data.dirty) return;
    this.setData({ dirty: true });
    if (typeof wx.enableAlertBeforeUnload === 'function') wx.enableAlertBeforeUnload({ message: this.data.a.leaveWarning });
  },

  markSaved() {
    this.setData({ dirty: false });
    if (typeof wx.disableAlertBeforeUnload === 'function') wx.disableAlertBeforeUnload();
  },

  clearErrors(keys: string[]) {
    if (!keys.some((k) => this.data.errors[k])) return;
    const errors = { ...this.data.errors };
    keys.forEach((k) => delete errors[k]);
    this.setData({ errors });
  },

  setField(key: keyof RefundForm, value: string, affectsEstimate: boolean) {
    if (this.data.readOnly) return;
    this.setData({ [`form.${key}`]: value });
    this.clearErrors([key]);
    this.markDirty();
    if (affectsEstimate) this.scheduleEstimate();
  },

  onTypeTap(e: WechatMiniprogram.TouchEvent) {
    const type = String(e.currentTarget.dataset.type || '') as EnterpriseType;
    if ((type !== 'trading' && type !== 'producer') || type === this.data.form.enterpriseType) return;
    this.setField('enterpriseType', type, true);
    this.clearErrors(['purchaseAmount']);
  },

  onOrderAmount(e: { detail: unknown }) {
    this.setField('orderAmount', inputValue(e.detail).trim(), true);
  },

  onPurchaseAmount(e: { detail: unknown }) {
    this.setField('purchaseAmount', inputValue(e.detail).trim(), true);
  },

  onHsCode(e: { detail: unknown }) {
    this.setField('hsCode', inputValue(e.detail).trim(), true);
  },

  onInvoiceNo(e: { detail: unknown }) {
    this.setField('invoiceNo', inputValue(e.detail), false);
  },

  onDate(e: { detail: { value?: string } }) {
    this.setField('exportDate', (e.detail && e.detail.value) || '', true);
  },

  onNote(e: { detail: { value?: string } }) {
    this.setField('note', (e.detail && e.detail.value) || '', false);
  },

  onBatchTap(e: WechatMiniprogram.TouchEvent) {
    if (this.data.readOnly) return;
    const id = String(e.currentTarget.dataset.id || '');
    if (!id) return;
    const current = this.data.form.customsBatches;
    const next = current.indexOf(id) >= 0 ? current.filter((x) => x !== id) : current.concat(id);
    this.setData({ 'form.customsBatches': next, batches: this.data.batches.map((b) => ({ ...b, selected: next.indexOf(b.id) >= 0 })) });
    this.clearErrors(['customsBatches']);
    this.markDirty();
  },

  /** file-slot `change`: { slot (the category), documentId }. An existing application keeps it at once. */
  onFileChange(e: WechatMiniprogram.CustomEvent<{ slot: string; documentId: string }>) {
    const { slot, documentId } = e.detail || ({} as { slot: string; documentId: string });
    if (!slot || !documentId || this.data.readOnly) return;
    const key = `files.${slot}`;
    this.setData({ [`form.files.${slot}`]: documentId, missing: this.data.missing.filter((m) => m.field !== key) });
    this.clearErrors([key]);
    if (this.data.id) this.save(false);
    else this.markDirty();
  },

  // ---------------------------------------------------------------- estimate (T4)

  scheduleEstimate() {
    if (this.estimateTimer) clearTimeout(this.estimateTimer);
    this.estimateTimer = setTimeout(() => {
      this.estimateTimer = null;
      this.refreshEstimate();
    }, ESTIMATE_DELAY_MS);
  },

  async refreshEstimate() {
    const query = estimateQuery(this.data.form);
    const key = estimateKey(query);
    if (key === this.data.estimateKey && this.data.estimateState !== 'error') return;
    const seq = ++this.estimateSeq;
    if (!query) {
      this.setData({ estimateKey: '', estimateState: 'idle', estimate: null, estimateErrorText: '' });
      return;
    }
    this.setData({ estimateKey: key, estimateState: 'loading', estimateErrorText: '' });
    try {
      const estimate = await fetchEstimate(query);
      if (seq !== this.estimateSeq) return;
      this.setData({ estimateState: 'ready', estimate: estimateView(estimate) });
    } catch (err) {
      if (seq !== this.estimateSeq) return;
      this.setData({ estimateState: 'error', estimate: null, estimateErrorText: estimateError(err) });
    }
  },

  onEstimateRetry() {
    return this.refreshEstimate();
  },

  // ---------------------------------------------------------------- save / submit

  /** 保存草稿: creates the application the first time, then saves it (drafts are not validated). */
  async save(showToast: boolean): Promise<boolean> {
    if (this.data.readOnly) return false;
    this.setData({ busy: 'saving' });
    try {
      if (this.data.id) await saveRefund(this.data.id, this.data.form);
      else this.setData({ id: await createRefund(this.data.form) });
      this.setData({ busy: '' });
      this.markSaved();
      if (showToast) toast(this.data.a.draftSaved, 'success');
      return true;
    } catch (err) {
      const failure = submitFailure(err);
      this.setData({ busy: '', errors: { ...this.data.errors, ...failure.errors } });
      toast(failure.message);
      return false;
    }
  },

  onSaveDraft() {
    if (this.data.busy) return undefined;
    return this.save(true);
  },

  async onSubmit() {
    if (this.data.readOnly || this.data.busy) return;
    const a = this.data.a;
    const errors = validateRefund(this.data.form, this.data.slots);
    if (Object.keys(errors).length) {
      this.setData({ errors });
      toast(a.fixErrors);
      return;
    }
    const estimate = this.data.estimateState === 'ready' && this.data.estimate ? this.data.estimate.amount : '';
    const content = estimate ? format(a.confirmContent, { estimate }) : a.confirmContentNoEstimate;
    if (!(await confirmModal(a.confirmTitle, content))) return;
    if (!(await this.save(false))) return;
    this.setData({ busy: 'submitting', missing: [] });
    try {
      await submitRefund(this.data.id);
      this.setData({ busy: '' });
      this.markSaved();
      toast(a.submitted, 'success');
      // Replace the form: back from the detail returns to the list, which reloads.
      wx.redirectTo({ url: PAGES.detail(this.data.id) });
    } catch (err) {
      const failure = submitFailure(err);
      this.setData({ busy: '', missing: failure.missing, errors: { ...this.data.errors, ...failure.errors } });
      if (failure.missing.length && typeof wx.pageScrollTo === 'function') wx.pageScrollTo({ scrollTop: 0, duration: 200 });
      toast(failure.message);
    }
  },
});
