import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, EyeOutlined } from "@ant-design/icons";
import { Empty, Timeline } from "antd";
import type { ReactNode } from "react";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";

export interface ReceiptLike {
  returnStatus: number;
  returnStatusLabel: string;
  status: string;
  returnInfo?: string | null;
  at: string | null;
  /** Batch timelines: which kind of record the receipt is about. */
  subjectType?: string;
}

function look(status: string): { color: string; dot: ReactNode } {
  if (status === "rejected") return { color: "red", dot: <CloseCircleOutlined /> };
  if (status === "inspecting") return { color: "orange", dot: <EyeOutlined /> };
  if (["stored", "reviewed", "released", "approved"].includes(status))
    return { color: "green", dot: <CheckCircleOutlined /> };
  return { color: "#4f46e5", dot: <ClockCircleOutlined /> };
}

/** 回执记录: customs receipts with their return status, the customs note and the time, newest first. */
export function ReceiptTimeline({
  receipts,
  newestFirst = false,
  empty,
}: {
  receipts: ReceiptLike[];
  newestFirst?: boolean;
  empty?: string;
}) {
  const t = useT();
  const items = newestFirst ? receipts : [...receipts].reverse();
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t("customs.timeline.empty")} />;
  return (
    <Timeline
      className="jmt-timeline jmt-receipts"
      items={items.map((r, i) => {
        const { color, dot } = look(r.status);
        return {
          key: `${r.at ?? ""}-${r.returnStatus}-${i}`,
          color,
          dot,
          children: (
            <div
              className="jmt-timeline-item"
              data-testid="receipt-item"
              data-return-status={r.returnStatus}
              data-status={r.status}
            >
              <div className="jmt-timeline-head">
                <strong>
                  {r.subjectType ? `${t(`customs.subject.${r.subjectType}`, undefined, r.subjectType)} · ` : ""}
                  {r.returnStatusLabel}
                </strong>
                <span className="jmt-muted">{formatDateTime(r.at)}</span>
              </div>
              <div className="jmt-timeline-actor">{t("customs.timeline.code", { code: r.returnStatus })}</div>
              {r.returnInfo && <div className="jmt-timeline-note">{r.returnInfo}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
