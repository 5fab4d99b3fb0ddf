import { messages } from '../../locales/index';
import { TimelineEntry, TimelineItem, timelineView } from '../../services/applications';

/** 办理记录: the application's transitions, newest first. Property: timeline (the API's, oldest first). */
Component({
  properties: {
    timeline: { type: Array, value: [] as TimelineEntry[] },
  },
  data: {
    t: messages().timeline,
    items: [] as TimelineItem[],
  },
  observers: {
    timeline(timeline: TimelineEntry[]) {
      this.setData({ items: timelineView(timeline) });
    },
  },
});
