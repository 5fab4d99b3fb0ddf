import { messages } from '../../locales/index';
import { TimelineEntry, TimelineItem, timelineView } from '../../services/applications';

/**
 * 办理记录: the application's transitions, newest first. Property: timeline (the API's, oldest first).
 * Other records (customs receipts) pass ready-made `rows` ({ key, title, note, actor, time, tone }, newest
 * first) instead, and may rename the card with `title` / `emptyText`.
 */
Component({
  properties: {
    timeline: { type: Array, value: [] as TimelineEntry[] },
    rows: { type: Array, value: [] as TimelineItem[] },
    title: { type: String, value: '' },
    emptyText: { type: String, value: '' },
  },
  data: {
    t: messages().timeline,
    items: [] as TimelineItem[],
  },
  observers: {
    'timeline, rows'(timeline: TimelineEntry[], rows: TimelineItem[]) {
      this.setData({ items: rows && rows.length ? rows : timelineView(timeline) });
    },
  },
});
