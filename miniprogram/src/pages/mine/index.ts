import { format, messages } from '../../locales/index';
import { fetchProgress, progressCard, ProgressCardModule } from '../../services/applications';
import { logout } from '../../services/auth';
import { MEMBERS_PAGE, ReceivedInvitation } from '../../services/invitations';
import { buildMeView, fetchMe, MePayload, MeView, switchMerchant } from '../../services/me';
import {
  fetchMerchant,
  profileForm,
  ProfileRow,
  profileRows,
  saveSettlementProfile,
  SettlementProfileField,
  SettlementProfileForm,
  SETTLEMENT_PROFILE_FIELDS,
  validateSettlementProfile,
} from '../../services/merchant';
import { isLoggedIn } from '../../services/session';
import { ApiError, errorMessage, FieldErrors, fieldErrors } from '../../utils/errors';
import { toast } from '../../utils/wx-promise';

const LOGIN = '/pages/login/index';

Page({
  data: {
    t: messages().mine,
    common: messages().common,
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    switchVisible: false,
    switching: false,
    view: null as MeView | null,
    /** 成员邀请 waiting for this phone (from GET /api/me). */
    invitations: [] as ReceivedInvitation[],
    /** Admin of the current merchant: 成员管理 invites; members only look. */
    isAdmin: false,
    /** 我的进度 (G9): merchants only; hidden for platform staff and users without a merchant. */
    progressState: 'loading' as 'loading' | 'ready' | 'error',
    progressError: '',
    progress: [] as ProgressCardModule[],
    /** 结汇账户 (the fields 快速结汇 quotes): merchants only; the admin edits them here. */
    merchantId: '',
    canEditFx: false,
    fxState: 'loading' as 'loading' | 'ready' | 'error',
    fxError: '',
    fxRows: [] as ProfileRow[],
    fxFields: SETTLEMENT_PROFILE_FIELDS,
    fxEditing: false,
    fxForm: profileForm(null) as SettlementProfileForm,
    fxErrors: {} as FieldErrors,
    fxSaving: false,
  },

  onShow() {
    if (!isLoggedIn()) {
      wx.reLaunch({ url: LOGIN });
      return;
    }
    this.reload();
  },

  onPullDownRefresh() {
    this.reload().then(() => wx.stopPullDownRefresh());
  },

  async reload() {
    if (!this.data.view) this.setData({ state: 'loading' });
    // 我的进度 loads alongside; its failure stays inside its card.
    const progress = fetchProgress().then(
      (items) => ({ items, error: '' }),
      (err: unknown) => ({ items: null, error: err instanceof ApiError && err.status === 401 ? '' : errorMessage(err) }),
    );
    try {
      const me = await fetchMe();
      this.setData({ view: buildMeView(me), invitations: me.invitations || [], isAdmin: me.role === 'admin', state: 'ready' });
      this.loadFxProfile(me);
      this.showProgress(await progress);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (this.data.view) toast(errorMessage(err));
      else this.setData({ state: 'error', errorText: errorMessage(err) });
    }
  },

  showProgress(result: { items: Parameters<typeof progressCard>[0]; error: string }) {
    if (result.items) this.setData({ progress: progressCard(result.items), progressState: 'ready', progressError: '' });
    else if (!this.data.progress.length || this.data.progressState !== 'ready') this.setData({ progressState: 'error', progressError: result.error });
    else toast(result.error);
  },

  async onProgressRetry() {
    this.setData({ progressState: 'loading' });
    try {
      this.showProgress({ items: await fetchProgress(), error: '' });
    } catch (err) {
      this.showProgress({ items: null, error: errorMessage(err) });
    }
  },

  // ---------------------------------------------------------------- 结汇账户

  /** GET /api/merchants/:documentId for the three fields; an open edit form is kept while it is being typed in. */
  async loadFxProfile(me: MePayload) {
    const merchantId = (me.merchant && me.merchant.documentId) || '';
    this.setData({ merchantId, canEditFx: me.role === 'admin' });
    if (!merchantId || me.isPlatformStaff || this.data.fxEditing) return;
    if (this.data.fxState !== 'ready') this.setData({ fxState: 'loading' });
    try {
      const merchant = await fetchMerchant(merchantId);
      this.setData({ fxRows: profileRows(merchant), fxForm: profileForm(merchant), fxState: 'ready', fxError: '' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      this.setData({ fxState: 'error', fxError: errorMessage(err) });
    }
  },

  onFxRetry() {
    const view = this.data.view;
    if (!view) return;
    this.setData({ fxState: 'loading' });
    return this.reload();
  },

  onFxEdit() {
    if (!this.data.canEditFx) return;
    this.setData({ fxEditing: true, fxErrors: {} });
  },

  onFxCancel() {
    const rows = this.data.fxRows;
    const form = profileForm(null);
    rows.forEach((r) => {
      if (!r.empty) form[r.key] = r.value;
    });
    this.setData({ fxEditing: false, fxErrors: {}, fxForm: form });
  },

  onFxInput(e: { currentTarget: { dataset: Record<string, unknown> }; detail: unknown }) {
    const field = String(e.currentTarget.dataset.field || '') as SettlementProfileField;
    if (SETTLEMENT_PROFILE_FIELDS.indexOf(field) < 0) return;
    const detail = e.detail as string | { value?: string } | null;
    const value = typeof detail === 'string' ? detail : String((detail && detail.value) || '');
    const errors = { ...this.data.fxErrors };
    delete errors[field];
    this.setData({ [`fxForm.${field}`]: value, fxErrors: errors });
  },

  async onFxSave() {
    if (!this.data.canEditFx || this.data.fxSaving || !this.data.merchantId) return;
    const errors = validateSettlementProfile(this.data.fxForm);
    if (Object.keys(errors).length) {
      this.setData({ fxErrors: errors });
      return;
    }
    this.setData({ fxSaving: true });
    try {
      const merchant = await saveSettlementProfile(this.data.merchantId, this.data.fxForm);
      this.setData({ fxSaving: false, fxEditing: false, fxErrors: {}, fxRows: profileRows(merchant), fxForm: profileForm(merchant) });
      toast(this.data.t.fxSaved, 'success');
    } catch (err) {
      const fields = fieldErrors(err);
      this.setData({ fxSaving: false, fxErrors: Object.keys(fields).length ? fields : this.data.fxErrors });
      toast(errorMessage(err));
    }
  },

  // ---------------------------------------------------------------- 成员邀请 / 成员管理

  /**
   * Joined: the stored token now acts for that merchant, so GET /api/me again — the merchant section, the account
   * switcher (which now lists it) and the rest follow; the home page reloads on its next show.
   */
  onInvitationAccepted() {
    this.setData({ fxEditing: false });
    const app = getApp<{ globalData: { homeStale: boolean } }>();
    if (app && app.globalData) app.globalData.homeStale = true;
    return this.reload();
  },

  onInvitationDeclined(e: WechatMiniprogram.CustomEvent<{ documentId: string }>) {
    const documentId = e.detail && e.detail.documentId;
    this.setData({ invitations: this.data.invitations.filter((i) => i.documentId !== documentId) });
  },

  onMembersTap() {
    wx.navigateTo({ url: MEMBERS_PAGE });
  },

  onSwitchTap() {
    const view = this.data.view;
    if (!view || !view.canSwitch) return;
    this.setData({ switchVisible: true });
  },

  onSwitchClose() {
    this.setData({ switchVisible: false });
  },

  /** ActionSheet `action` → detail is [item, index]. */
  async onSwitchAction(e: WechatMiniprogram.CustomEvent<[{ documentId: string; text: string; disabled: boolean }, number]>) {
    const [item] = e.detail || [];
    this.setData({ switchVisible: false });
    if (!item || item.disabled || this.data.switching) return;
    this.setData({ switching: true });
    wx.showLoading({ title: messages().common.loading, mask: true });
    try {
      const me = await switchMerchant(item.documentId);
      this.setData({ view: buildMeView(me), isAdmin: me.role === 'admin', fxEditing: false });
      this.onProgressRetry();
      this.loadFxProfile(me);
      const app = getApp<{ globalData: { homeStale: boolean } }>();
      if (app && app.globalData) app.globalData.homeStale = true;
      wx.hideLoading();
      toast(format(this.data.t.switchDone, { name: item.text }), 'success');
    } catch (err) {
      wx.hideLoading();
      toast(errorMessage(err));
    } finally {
      this.setData({ switching: false });
    }
  },

  onLogout() {
    wx.showModal({
      title: this.data.t.logout,
      content: this.data.t.logoutConfirm,
      confirmColor: '#ff3141',
      success: (res) => {
        if (!res.confirm) return;
        logout();
        toast(this.data.t.loggedOut);
        wx.reLaunch({ url: LOGIN });
      },
    });
  },
});
