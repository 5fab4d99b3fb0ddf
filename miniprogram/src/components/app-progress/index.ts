import { messages } from '../../locales/index';
import { lastReason, progressModel, ProgressModel, stepsOf, TimelineEntry } from '../../services/applications';

/**
 * Progress board of an application (R3 / D-detail): antd-mini Steps (材料填报 → 材料初审 → 现场核验 → 核准通过
 * for 工商注册, 材料填报 → 待受理 → 办理中 → 已办结 for 跨境申报) with the current step; returned/rejected mark
 * the step it was sent back from red and show the staff's reason.
 * Properties: kind, status, statusLabel?, steps? ([{key,label}]; default by kind), timeline? (for the reason
 * and the step it came from), reason? (overrides), number?.
 */
Component({
  properties: {
    kind: { type: String, value: '' },
    status: { type: String, value: '' },
    statusLabel: { type: String, value: '' },
    steps: { type: Array, value: [] as Array<{ key: string; label: string }> },
    timeline: { type: Array, value: [] as TimelineEntry[] },
    reason: { type: String, value: '' },
    number: { type: String, value: '' },
  },
  data: {
    t: messages().progress,
    model: null as ProgressModel | null,
    reasonText: '',
  },
  observers: {
    'kind, status, statusLabel, steps, timeline, reason'(
      kind: string,
      status: string,
      statusLabel: string,
      steps: Array<{ key: string; label: string }>,
      timeline: TimelineEntry[],
      reason: string,
    ) {
      if (!status) {
        this.setData({ model: null, reasonText: '' });
        return;
      }
      const found = lastReason(timeline, status);
      const model = progressModel(steps && steps.length ? steps : stepsOf(kind), status, { statusLabel, errorFrom: found.from });
      this.setData({
        model,
        reasonText: model.errorKind ? reason || found.reason || this.data.t.reasonNone : '',
      });
    },
  },
});
