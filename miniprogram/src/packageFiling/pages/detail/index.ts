import { config } from '../../../config';
import { messages } from '../../../locales/index';
import {
  Application,
  ApplicationData,
  createApplication,
  fetchKinds,
  fetchPrefill,
  findApplication,
  getApplication,
  getPath,
  KindDefinition,
  KindField,
  When,
  whenHolds,
  MissingField,
  missingFields,
  saveDraft,
  setPath,
  stepsOf,
  transition,
} from '../../../services/applications';
import { isReadOnlyRole, loadReadOnly } from '../../../services/me';
import { getRole, getToken } from '../../../services/session';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';

/**
 * 跨境申报 detail (D2–D6): `?kind=<kind>&id=<id>` (the path WeChat template messages open).
 * 办理说明, auto-filled fields, file slots, save draft / submit, progress board and timeline.
 */
const EDITABLE = ['filling', 'returned'];

interface FieldRow {
  key: string;
  label: string;
  hint: string;
  required: boolean;
  value: string;
  auto: boolean;
  /** `select`: a picker over `options`; `optionLabels`/`optionIndex` feed the native picker. */
  select: boolean;
  options: Array<{ value: string; label: string }>;
  optionLabels: string[];
  optionIndex: number;
  /** What is shown: the option label for selects, else the value. */
  display: string;
  /** `when` does not hold for the current data: not asked, not checked. */
  hidden: boolean;
  when: When;
}

interface SlotRow {
  key: string;
  label: string;
  required: boolean;
  hint: string;
  hidden: boolean;
  when: When;
}

function selectState(f: Pick<FieldRow, 'options'>, value: string): { optionIndex: number; display: string } {
  let optionIndex = -1;
  f.options.forEach((o, i) => {
    if (o.value === value) optionIndex = i;
  });
  return { optionIndex, display: optionIndex >= 0 ? f.options[optionIndex].label : value };
}

Page({
  data: {
    t: messages().filing,
    a: messages().apply,
    common: messages().common,
    mode: 'loading' as 'loading' | 'error' | 'new' | 'ready',
    errorText: '',
    kind: '',
    queryId: '',
    def: null as KindDefinition | null,
    title: '',
    description: '',
    app: null as Application | null,
    data: {} as ApplicationData,
    sources: {} as Record<string, string>,
    fields: [] as FieldRow[],
    slots: [] as SlotRow[],
    steps: [] as Array<{ key: string; label: string }>,
    editable: false,
    /** Members (role `member`) only look: no start/save/submit/upload. */
    readOnly: false,
    errors: {} as Record<string, string>,
    missing: [] as MissingField[],
    busy: '' as '' | 'saving' | 'submitting' | 'creating',
  },

  onLoad(query: Record<string, string | undefined>) {
    // The role last seen decides until GET /api/me answers (no flash of buttons for members).
    this.setData({ kind: (query && query.kind) || '', queryId: (query && query.id) || '', readOnly: isReadOnlyRole(getRole()) });
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    if (!this.data.app) this.setData({ mode: 'loading' });
    try {
      const kindsRequest = fetchKinds().catch(() => [] as KindDefinition[]);
      const readOnly = loadReadOnly();
      const kinds = await kindsRequest;
      this.setData({ readOnly: await readOnly });
      let app: Application | null = null;
      const id = this.data.queryId || (this.data.app && this.data.app.documentId);
      if (id) app = await getApplication(id);
      const kind = this.data.kind || (app && app.kind) || '';
      if (!app && kind) {
        const found = await findApplication(kind);
        if (found) app = await getApplication(found.documentId);
      }
      const def = kinds.filter((k) => k.kind === kind)[0] || null;
      const title = (def && def.label) || (app && app.kindLabel) || messages().filing.title;
      wx.setNavigationBarTitle({ title });
      this.setData({ kind, def, title, description: (def && def.description) || '', steps: stepsOf(kind, def) });
      if (app) {
        this.showApplication(app);
      } else {
        const prefill = await fetchPrefill(kind).catch(() => ({ data: {} as ApplicationData, sources: {} as Record<string, string> }));
        this.setData({ mode: 'new', data: prefill.data, sources: prefill.sources });
        this.buildRows(false);
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  showApplication(app: Application) {
    const editable = EDITABLE.indexOf(app.status) >= 0 && !this.data.readOnly;
    this.setData({ app, data: app.data || {}, editable, mode: 'ready', queryId: app.documentId });
    this.buildRows(editable);
  },

  /** Fields come from the kind definition; without one, from the data keys the server filled in. */
  buildRows(editable: boolean) {
    const def = this.data.def;
    const data = this.data.data;
    const sources = this.data.sources;
    const defs: KindField[] =
      def && def.fields && def.fields.length
        ? def.fields.filter((f) => f.path || f.key)
        : Object.keys(data)
            .filter((k) => k !== 'files' && typeof data[k] !== 'object')
            .map((k) => ({ key: k, label: k }));
    const fields: FieldRow[] = defs.map((f) => {
      const key = f.path || f.key || '';
      const raw = getPath(data, key);
      const value = raw === undefined || raw === null ? '' : String(raw);
      const options = f.type === 'select' && Array.isArray(f.options) ? f.options.map((o) => ({ value: String(o.value), label: String(o.label) })) : [];
      const row = {
        key,
        label: f.label,
        hint: f.hint || f.placeholder || '',
        required: !!f.required,
        value,
        auto: !!sources[key],
        select: f.type === 'select' && options.length > 0,
        options,
        optionLabels: options.map((o) => o.label),
        optionIndex: -1,
        display: value,
        hidden: !whenHolds(f.when, data),
        when: f.when || null,
      };
      return row.select ? { ...row, ...selectState(row, value) } : row;
    });
    const slots: SlotRow[] = ((def && def.fileSlots) || []).map((s) => ({
      key: s.key,
      label: s.label,
      required: !!s.required,
      hint: s.hint || '',
      hidden: !whenHolds(s.when, data),
      when: s.when || null,
    }));
    this.setData({ fields, slots, editable });
  },

  /** After a change: fields and slots whose `when` no longer (or now) holds are hidden (shown). */
  applyWhen(data: ApplicationData): Record<string, boolean> {
    const changes: Record<string, boolean> = {};
    this.data.fields.forEach((f, i) => {
      const hidden = !whenHolds(f.when, data);
      if (hidden !== f.hidden) changes[`fields[${i}].hidden`] = hidden;
    });
    this.data.slots.forEach((s, i) => {
      const hidden = !whenHolds(s.when, data);
      if (hidden !== s.hidden) changes[`slots[${i}].hidden`] = hidden;
    });
    return changes;
  },

  onField(e: { currentTarget: { dataset: Record<string, unknown> }; detail: unknown }) {
    const key = String(e.currentTarget.dataset.field || '');
    const index = Number(e.currentTarget.dataset.index);
    if (!key) return;
    const detail = e.detail as string | { value?: string } | null;
    const value = typeof detail === 'string' ? detail : String((detail && detail.value) || '');
    const errors = { ...this.data.errors };
    delete errors[key];
    const data = setPath(this.data.data, key, value);
    this.setData({ data, [`fields[${index}].value`]: value, [`fields[${index}].display`]: value, errors, ...this.applyWhen(data) });
  },

  /** A `select` field's picker: detail.value is the chosen option's index. */
  onPick(e: { currentTarget: { dataset: Record<string, unknown> }; detail: { value?: unknown } }) {
    const index = Number(e.currentTarget.dataset.index);
    const row = this.data.fields[index];
    if (!row || !this.data.editable) return;
    const option = row.options[Number(e.detail && e.detail.value)];
    if (!option) return;
    const errors = { ...this.data.errors };
    delete errors[row.key];
    const data = setPath(this.data.data, row.key, option.value);
    this.setData({
      data,
      [`fields[${index}].value`]: option.value,
      [`fields[${index}].optionIndex`]: Number(e.detail.value),
      [`fields[${index}].display`]: option.label,
      errors,
      ...this.applyWhen(data),
    });
  },

  onFileChange(e: WechatMiniprogram.CustomEvent<{ slot: string; documentId: string }>) {
    const { slot, documentId } = e.detail;
    if (!slot || !documentId || this.data.readOnly) return;
    const files = { ...((this.data.data.files as Record<string, string>) || {}), [slot]: documentId };
    const errors = { ...this.data.errors };
    delete errors[`files.${slot}`];
    this.setData({ data: { ...this.data.data, files }, errors });
    this.save(false);
  },

  async onStart() {
    if (this.data.busy || this.data.readOnly) return;
    this.setData({ busy: 'creating' });
    try {
      let app: Application;
      try {
        app = await createApplication(this.data.kind, this.data.data);
      } catch (err) {
        const existing = err instanceof ApiError && err.code === 'APPLICATION_EXISTS' ? String(err.details.id || '') : '';
        if (!existing) throw err;
        app = await getApplication(existing);
      }
      this.setData({ busy: '' });
      this.showApplication(app);
    } catch (err) {
      this.setData({ busy: '' });
      toast(errorMessage(err));
    }
  },

  async save(showToast = true): Promise<boolean> {
    const app = this.data.app;
    if (!app || this.data.readOnly) return false;
    this.setData({ busy: 'saving' });
    try {
      await saveDraft(app.documentId, this.data.data);
      this.setData({ busy: '' });
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

  async onSubmit() {
    const app = this.data.app;
    if (!app || this.data.busy || this.data.readOnly) return;
    const errors: Record<string, string> = {};
    this.data.fields.forEach((f) => {
      if (f.required && !f.hidden && !f.value.trim()) errors[f.key] = messages().apply.required.replace('{label}', f.label);
    });
    const files = (this.data.data.files as Record<string, string>) || {};
    this.data.slots.forEach((s) => {
      if (s.required && !s.hidden && !files[s.key]) errors[`files.${s.key}`] = messages().apply.required.replace('{label}', s.label);
    });
    if (Object.keys(errors).length) {
      this.setData({ errors });
      toast(messages().apply.fixErrors);
      return;
    }
    if (!(await this.save(false))) return;
    this.setData({ busy: 'submitting', missing: [] });
    try {
      await transition(app.documentId, 'submitted');
      this.setData({ busy: '' });
      toast(messages().apply.submitted, 'success');
      this.showApplication(await getApplication(app.documentId));
    } catch (err) {
      this.setData({ busy: '' });
      const missing = missingFields(err);
      if (missing.length) {
        const next: Record<string, string> = {};
        missing.forEach((m) => {
          next[m.field] = m.label;
        });
        this.setData({ missing, errors: next });
      }
      toast(errorMessage(err));
    }
  },

  /** 模板下载: the template filled with the merchant's data, opened with the system viewer. */
  onTemplateTap(e: WechatMiniprogram.TouchEvent) {
    const key = String(e.currentTarget.dataset.key || '');
    const token = getToken();
    wx.showLoading({ title: messages().common.loading });
    wx.downloadFile({
      url: `${config.apiBaseUrl}/api/applications/templates/${encodeURIComponent(this.data.kind)}/${encodeURIComponent(key)}`,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      success: (res) => {
        wx.hideLoading();
        if (res.statusCode !== 200) {
          toast(messages().filing.downloadFailed);
          return;
        }
        wx.openDocument({ filePath: res.tempFilePath, showMenu: true, fail: () => toast(messages().filing.downloadFailed) });
      },
      fail: () => {
        wx.hideLoading();
        toast(messages().filing.downloadFailed);
      },
    });
  },
});
