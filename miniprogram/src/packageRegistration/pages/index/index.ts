import { messages } from '../../../locales/index';
import {
  Application,
  createApplication,
  fetchPrefill,
  findApplication,
  getApplication,
  MissingField,
  missingFields,
  REGISTRATION_KIND,
  saveDraft,
  setPath,
  transition,
} from '../../../services/applications';
import { isReadOnlyRole, loadReadOnly } from '../../../services/me';
import { getRole } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';
import {
  Errors,
  fileSlots,
  FileSlotDef,
  firstInvalidStep,
  isCompanyNew,
  normalizeForm,
  ratioSum,
  RegForm,
  RegPath,
  STEPS,
  stepOfField,
  summaryRows,
  SummaryRow,
  toApplicationData,
  validateStep,
} from '../../wizard';

/** 工商注册 (R1–R3): new vs existing → step wizard (draft saved at every step) → submit → progress + timeline. */
const MODULE_KEY = 'registration';
const EDITABLE = ['filling', 'returned'];
const stepStorageKey = (id: string) => `jmt.regStep.${id}`;

type Mode = 'loading' | 'error' | 'choose' | 'wizard' | 'progress';

Page({
  data: {
    moduleKey: MODULE_KEY,
    t: messages().regWizard,
    a: messages().apply,
    common: messages().common,
    mode: 'loading' as Mode,
    errorText: '',
    queryId: '',
    app: null as Application | null,
    form: normalizeForm({}, 'new') as RegForm,
    steps: [] as Array<{ key: string; title: string }>,
    stepItems: [] as Array<{ title: string; description: string }>,
    stepIndex: 0,
    stepKey: 'entity',
    stepCounter: '',
    errors: {} as Errors,
    missing: [] as MissingField[],
    slots: [] as FileSlotDef[],
    summary: [] as SummaryRow[],
    ratioText: '',
    busy: '' as '' | 'saving' | 'submitting' | 'creating',
    /** 注册资本 and 股东 apply (`when`: path new + 有限公司). */
    companyNew: false,
    /** Members (role `member`) only look: the progress view, no wizard/save/submit/upload. */
    readOnly: false,
    entityOptions: [
      { text: messages().merchantTypes.individual, value: 'individual' },
      { text: messages().merchantTypes.company, value: 'company' },
    ],
  },

  onLoad(query: Record<string, string | undefined>) {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
    this.setData({ queryId: (query && query.id) || '', readOnly: isReadOnlyRole(getRole()) });
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    if (!this.data.app) this.setData({ mode: 'loading' });
    try {
      const id = this.data.queryId || (this.data.app && this.data.app.documentId);
      const first = id ? getApplication(id) : findApplication(REGISTRATION_KIND);
      const readOnly = loadReadOnly();
      let app: Application | null = await first;
      if (app && !id) app = await getApplication(app.documentId);
      this.setData({ readOnly: await readOnly });
      if (app) this.showApplication(app);
      else this.setData({ mode: 'choose' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  showApplication(app: Application) {
    const form = normalizeForm(app.data);
    this.setData({ companyNew: isCompanyNew(form) });
    if (EDITABLE.indexOf(app.status) >= 0 && !this.data.readOnly) {
      let stepIndex = 0;
      try {
        stepIndex = Number(wx.getStorageSync(stepStorageKey(app.documentId))) || 0;
      } catch (e) {
        stepIndex = 0;
      }
      this.setData({ app, form, mode: 'wizard', missing: [], errors: {} });
      this.goStep(Math.min(stepIndex, STEPS[form.path].length - 1));
    } else {
      this.setData({ app, form, mode: 'progress', summary: summaryRows(form) });
    }
  },

  /** R1: new registration or an existing licence → create the application prefilled (G10). */
  async onChoosePath(e: WechatMiniprogram.TouchEvent) {
    const path = e.currentTarget.dataset.path as RegPath;
    if (this.data.busy || this.data.readOnly) return;
    this.setData({ busy: 'creating' });
    wx.showLoading({ title: messages().common.loading, mask: true });
    try {
      let prefill: Record<string, unknown> = {};
      try {
        prefill = (await fetchPrefill(REGISTRATION_KIND)).data;
      } catch (err) {
        prefill = {};
      }
      const form = normalizeForm(prefill, path);
      let app: Application;
      try {
        app = await createApplication(REGISTRATION_KIND, toApplicationData(form));
      } catch (err) {
        const existing = err instanceof ApiError && err.code === 'APPLICATION_EXISTS' ? String(err.details.id || '') : '';
        if (!existing) throw err;
        app = await getApplication(existing);
      }
      wx.hideLoading();
      this.setData({ busy: '' });
      this.showApplication({ ...app, data: app.data && Object.keys(app.data).length ? app.data : toApplicationData(form) });
    } catch (err) {
      wx.hideLoading();
      this.setData({ busy: '' });
      toast(errorMessage(err));
    }
  },

  goStep(index: number) {
    const form = this.data.form;
    const keys = STEPS[form.path];
    const titles = messages().regWizard.steps;
    const steps = keys.map((key) => ({ key, title: titles[key] }));
    const i = Math.max(0, Math.min(index, keys.length - 1));
    this.setData({
      steps,
      stepItems: steps.map((s) => ({ title: s.title, description: '' })),
      stepIndex: i,
      stepKey: keys[i],
      stepCounter: messages()
        .regWizard.stepOf.replace('{n}', String(i + 1))
        .replace('{total}', String(keys.length)),
      slots: fileSlots(form.path),
      summary: keys[i] === 'confirm' ? summaryRows(form) : this.data.summary,
      ratioText: messages().regWizard.ratioSum.replace('{sum}', String(ratioSum(form))),
    });
    if (this.data.app) {
      try {
        wx.setStorageSync(stepStorageKey(this.data.app.documentId), i);
      } catch (e) {
        // resume falls back to the first step
      }
    }
  },

  /** Any text field: data-field="legalPerson.name" etc.; antd-mini Input's change detail is the value. */
  onField(e: { currentTarget: { dataset: Record<string, unknown> }; detail: unknown }) {
    const field = e.currentTarget.dataset.field as string;
    if (!field) return;
    const detail = e.detail as string | { value?: string } | null;
    const value = typeof detail === 'string' ? detail : String((detail && detail.value) || '');
    this.updateForm(setPath(this.data.form, field, value), field);
  },

  onEntityChange(e: { detail: unknown }) {
    const value = Array.isArray(e.detail) ? (e.detail[0] as string | undefined) : undefined;
    if (!value) return;
    this.updateForm({ ...this.data.form, entityType: value }, 'entityType');
  },

  updateForm(form: RegForm, field: string) {
    const errors = { ...this.data.errors };
    delete errors[field];
    if (field.indexOf('shareholders') === 0) delete errors.shareholders;
    this.setData({ form, errors, companyNew: isCompanyNew(form), ratioText: messages().regWizard.ratioSum.replace('{sum}', String(ratioSum(form))) });
  },

  onAddName() {
    const names = this.data.form.nameOptions;
    if (names.length >= 3) return;
    this.setData({ 'form.nameOptions': names.concat('') });
  },

  onAddShareholder() {
    this.setData({ 'form.shareholders': this.data.form.shareholders.concat({ name: '', idNumber: '', ratio: '' }) });
  },

  onRemoveShareholder(e: WechatMiniprogram.TouchEvent) {
    const index = Number(e.currentTarget.dataset.index);
    const list = this.data.form.shareholders.filter((_, i) => i !== index);
    this.updateForm({ ...this.data.form, shareholders: list.length ? list : [{ name: '', idNumber: '', ratio: '' }] }, 'shareholders');
  },

  onContactSameAsLegal() {
    const legal = this.data.form.legalPerson;
    const errors = { ...this.data.errors };
    delete errors['contact.name'];
    delete errors['contact.phone'];
    this.setData({ 'form.contact': { name: legal.name, phone: legal.phone }, errors });
  },

  /** file-slot `change`: the uploaded private file's documentId goes into data.files[slot]; saved right away. */
  onFileChange(e: WechatMiniprogram.CustomEvent<{ slot: string; documentId: string }>) {
    const { slot, documentId } = e.detail;
    if (!slot || !documentId || this.data.readOnly) return;
    this.updateForm({ ...this.data.form, files: { ...this.data.form.files, [slot]: documentId } }, `files.${slot}`);
    this.save(false);
  },

  /** PUT the draft (not validated server-side). */
  async save(showToast = true): Promise<boolean> {
    const app = this.data.app;
    if (!app || this.data.readOnly) return false;
    this.setData({ busy: 'saving' });
    try {
      const saved = await saveDraft(app.documentId, toApplicationData(this.data.form));
      this.setData({ busy: '', 'app.status': saved && saved.status ? saved.status : app.status });
      if (showToast) toast(messages().apply.draftSaved, 'success');
      return true;
    } catch (err) {
      this.setData({ busy: '' });
      toast(errorMessage(err));
      return false;
    }
  },

  onSaveDraft() {
    return this.save(true);
  },

  async onNext() {
    if (this.data.busy) return;
    const errors = validateStep(this.data.stepKey as never, this.data.form);
    if (Object.keys(errors).length) {
      this.setData({ errors });
      toast(messages().apply.fixErrors);
      return;
    }
    this.setData({ errors: {} });
    if (await this.save(false)) this.goStep(this.data.stepIndex + 1);
  },

  onPrev() {
    if (this.data.busy) return;
    this.setData({ errors: {} });
    this.goStep(this.data.stepIndex - 1);
  },

  onStepTap(e: WechatMiniprogram.TouchEvent) {
    const index = Number(e.currentTarget.dataset.index);
    if (index < this.data.stepIndex) this.goStep(index);
  },

  /** Submit: save, then transition to 材料初审; APPLICATION_INCOMPLETE lists what is missing. */
  async onSubmit() {
    const app = this.data.app;
    if (!app || this.data.busy || this.data.readOnly) return;
    const invalid = firstInvalidStep(this.data.form);
    if (invalid.index >= 0 && invalid.index !== this.data.stepIndex) {
      this.goStep(invalid.index);
      this.setData({ errors: invalid.errors });
      toast(messages().apply.fixErrors);
      return;
    }
    if (!(await this.save(false))) return;
    this.setData({ busy: 'submitting', missing: [] });
    wx.showLoading({ title: messages().common.submitting, mask: true });
    try {
      await transition(app.documentId, 'initial_review');
      wx.hideLoading();
      this.setData({ busy: '' });
      toast(messages().apply.submitted, 'success');
      try {
        wx.removeStorageSync(stepStorageKey(app.documentId));
      } catch (e) {
        // nothing to clean
      }
      this.showApplication(await getApplication(app.documentId));
    } catch (err) {
      wx.hideLoading();
      this.setData({ busy: '' });
      const missing = missingFields(err);
      if (missing.length) {
        const errors: Errors = {};
        missing.forEach((m) => {
          errors[m.field] = m.label;
        });
        this.setData({ missing, errors });
      }
      toast(errorMessage(err));
    }
  },

  onMissingTap(e: WechatMiniprogram.TouchEvent) {
    const field = String(e.currentTarget.dataset.field || '');
    const step = stepOfField(field, this.data.form.path);
    this.goStep(STEPS[this.data.form.path].indexOf(step));
  },
});
