import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  EditOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import { APPLICATION_STATUS_LABELS, isApplicationStatus, type ApplicationStatus } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Tag } from "antd";
import type { ReactNode } from "react";

/**
 * One colour per state across the console (queues, detail, timeline, dashboard): waiting on the merchant = blue /
 * orange, waiting on the platform = gold (to review) / purple (in progress), done = green, rejected = red.
 */
export const STATE_LOOK: Record<ApplicationStatus, { color: string; icon: ReactNode; timeline: string }> = {
  filling: { color: "blue", icon: <EditOutlined />, timeline: "blue" },
  initial_review: { color: "gold", icon: <ClockCircleOutlined />, timeline: "#d48806" },
  submitted: { color: "gold", icon: <ClockCircleOutlined />, timeline: "#d48806" },
  onsite_check: { color: "purple", icon: <EnvironmentOutlined />, timeline: "#722ed1" },
  processing: { color: "purple", icon: <SyncOutlined />, timeline: "#722ed1" },
  approved: { color: "green", icon: <CheckCircleFilled />, timeline: "green" },
  completed: { color: "green", icon: <CheckCircleFilled />, timeline: "green" },
  returned: { color: "orange", icon: <ExclamationCircleOutlined />, timeline: "#fa8c16" },
  rejected: { color: "red", icon: <CloseCircleFilled />, timeline: "red" },
};

export const stateColor = (status: string | null | undefined): string =>
  isApplicationStatus(status) ? STATE_LOOK[status].timeline : "gray";

/** A state as a coloured tag; the label is the cms's (statusLabel / kinds metadata) or the locale's. */
export const ApplicationStatusTag = ({ status, label }: { status?: string | null; label?: string | null }) => {
  const t = useTranslate();
  if (!isApplicationStatus(status)) return <Tag bordered={false}>{label || status || t("common.unknown")}</Tag>;
  const look = STATE_LOOK[status];
  return (
    <Tag color={look.color} icon={look.icon} bordered={false} className="status-tag" data-status={status}>
      {label || t(`applications.states.${status}`, APPLICATION_STATUS_LABELS[status])}
    </Tag>
  );
};
