import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  EyeOutlined,
  MinusCircleOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import { Tag } from "antd";
import type { ReactNode } from "react";
import { useT } from "../../i18n/useT";
import { STATUS_COLOR, statusKey } from "../../lib/customs";

const ICON: Record<string, ReactNode> = {
  queued: <ClockCircleOutlined />,
  declaring: <SyncOutlined spin />,
  reviewing: <SyncOutlined spin />,
  inspecting: <EyeOutlined />,
  stored: <CheckCircleFilled />,
  reviewed: <CheckCircleFilled />,
  released: <CheckCircleFilled />,
  approved: <CheckCircleFilled />,
  rejected: <CloseCircleFilled />,
  withdrawn: <MinusCircleOutlined />,
  cancelled: <MinusCircleOutlined />,
};

/** A customs record's status (contract vocabulary), coloured; `subject` picks the cancellation wording of draft (暂存). */
export function CustomsStatusTag({
  status,
  subject,
  label,
}: {
  status: string;
  subject?: string;
  label?: string | null;
}) {
  const t = useT();
  return (
    <Tag
      bordered={false}
      color={STATUS_COLOR[status] ?? "default"}
      icon={ICON[status]}
      data-status={status}
      className="jmt-customs-status"
    >
      {t(statusKey(status, subject), undefined, label ?? status)}
    </Tag>
  );
}
