import { format, messages } from '../../../locales/index';
import { applicationPage, fetchGuide, Guide, GuideStep } from '../../../services/applications';
import { MODULE_ROUTES } from '../../../services/modules';
import { ApiError, errorMessage } from '../../../utils/errors';
import { toast } from '../../../utils/wx-promise';

/** 跨境申报 (D1): the guided flow of the five filings, the recommended next one highlighted. */
const MODULE_KEY = 'filing';

interface GuideRow extends GuideStep {
  stateLabel: string;
  index: number;
}

Page({
  data: {
    moduleKey: MODULE_KEY,
    t: messages().filing,
    common: messages().common,
    mode: 'loading' as 'loading' | 'ready' | 'error' | 'locked',
    errorText: '',
    rows: [] as GuideRow[],
    subtitle: '',
    doneText: '',
    percent: 0,
    allDone: false,
    loaded: false,
  },

  onLoad() {
    wx.setNavigationBarTitle({ title: messages().modules[MODULE_KEY].title });
  },

  onShow() {
    this.load();
  },

  onPullDownRefresh() {
    this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    if (!this.data.loaded) this.setData({ mode: 'loading' });
    try {
      const guide: Guide = await fetchGuide();
      const t = this.data.t;
      const steps = (guide.steps || []).slice().sort((x, y) => (x.order || 0) - (y.order || 0));
      const total = guide.total || steps.length;
      const done = guide.done || steps.filter((s) => s.state === 'done').length;
      this.setData({
        mode: 'ready',
        loaded: true,
        rows: steps.map((s, index) => ({
          ...s,
          index,
          recommended: !!s.recommended || (guide.next === s.kind && s.state !== 'locked'),
          stateLabel: t.states[s.state] || s.statusLabel || '',
        })),
        subtitle: format(t.guideSubtitle, { total }),
        doneText: format(t.guideDone, { done, total }),
        percent: total ? Math.round((100 * done) / total) : 0,
        allDone: total > 0 && done >= total,
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return;
      if (err instanceof ApiError && err.code === 'MODULE_LOCKED') {
        this.setData({ mode: 'locked', errorText: err.message, loaded: false });
        return;
      }
      if (this.data.loaded) toast(errorMessage(err));
      else this.setData({ mode: 'error', errorText: errorMessage(err) });
    }
  },

  onStepTap(e: WechatMiniprogram.TouchEvent) {
    const row = this.data.rows[Number(e.currentTarget.dataset.index)];
    if (!row) return;
    if (row.state === 'locked') {
      toast(this.data.t.lockedHint);
      return;
    }
    wx.navigateTo({ url: applicationPage(row.kind, row.applicationId) });
  },

  onGoRegistration() {
    wx.navigateTo({ url: MODULE_ROUTES.registration.page });
  },
});
