import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
} from "@ant-design/icons";
import { Card, Empty, Timeline } from "antd";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";
import type { TimelineEntry } from "@jmt/api-types";

function look(to: string): { color: string; dot?: React.ReactNode } {
  if (to === "returned") return { color: "orange", dot: <ExclamationCircleOutlined /> };
  if (to === "rejected") return { color: "red", dot: <CloseCircleOutlined /> };
  if (to === "approved" || to === "completed" || to === "paid") return { color: "green", dot: <CheckCircleOutlined /> };
  return { color: "#6d4bd8", dot: <ClockCircleOutlined /> };
}

/** 办理记录: every transition, newest first, with who did it and the note. */
export function ApplicationTimeline({ timeline }: { timeline: TimelineEntry[] }) {
  const t = useT();
  const items = [...timeline].reverse();
  return (
    <Card
      className="jmt-panel"
      title={<span className="jmt-panel-title">{t("applications.timeline")}</span>}
      data-testid="timeline"
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("applications.timelineEmpty")} />
      ) : (
        <Timeline
          className="jmt-timeline"
          items={items.map((e, i) => {
            const { color, dot } = look(e.to);
            return {
              key: `${e.createdAt}-${i}`,
              color,
              dot,
              children: (
                <div className="jmt-timeline-item" data-testid="timeline-item" data-to={e.to}>
                  <div className="jmt-timeline-head">
                    <strong>{e.toLabel || t(`applications.status.${e.to}`, undefined, e.to)}</strong>
                    <span className="jmt-muted">{formatDateTime(e.createdAt)}</span>
                  </div>
                  <div className="jmt-timeline-actor">
                    {t(`applications.actor.${e.actorKind}`, undefined, e.actorKind)}
                    {e.actorName ? ` · ${e.actorName}` : ""}
                  </div>
                  {e.note && <div className="jmt-timeline-note">{e.note}</div>}
                </div>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
