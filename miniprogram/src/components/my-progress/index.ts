import { messages } from '../../locales/index';
import { ProgressCardModule } from '../../services/applications';

/**
 * 我的进度 (G9): per module a bar with done/total, the steps with done marks and the next step
 * (tap → its mini-program page). Properties: state (loading | ready | error), modules (progressCard()),
 * error-text. Event: retry.
 */
Component({
  properties: {
    state: { type: String, value: 'loading' },
    modules: { type: Array, value: [] as ProgressCardModule[] },
    errorText: { type: String, value: '' },
  },
  data: {
    t: messages().myProgress,
    retryText: messages().common.retry,
  },
  methods: {
    onNextTap(e: WechatMiniprogram.TouchEvent) {
      const row = (this.data.modules as ProgressCardModule[])[Number(e.currentTarget.dataset.index)];
      if (row && row.nextPage) wx.navigateTo({ url: row.nextPage });
    },
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
