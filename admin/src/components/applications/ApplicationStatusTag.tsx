import {
  AuditOutlined,
  BankOutlined,
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  EditOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import { APPLICATION_STATUS_LABELS, type ApplicationStatus, type TaxRefundStatus } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Tag } from "antd";
import type { ReactNode } from "react";

interface StateLook {
  color: string;
  icon: ReactNode;
  timeline: string;
}

/**
 * One colour per state across the console (queues, detail, timeline, dashboard): waiting on the merchant = blue /
 * orange, waiting on the platform = gold (to review) / purple (in progress), done = green, rejected = red.
 * 出口退税: 申报 gold (to file), 审核 purple (with the tax authority), 退库 cyan (being paid out), 到账 green.
 */
export const STATE_LOOK: Record<ApplicationStatus | TaxRefundStatus, StateLook> = {
  filling: { color: "blue", icon: <EditOutlined />, timeline: "blue" },
  initial_review: { color: "gold", icon: <ClockCircleOutlined />, timeline: "#d48806" },
  submitted: { color: "gold", icon: <ClockCircleOutlined />, timeline: "#d48806" },
  onsite_check: { color: "purple", icon: <EnvironmentOutlined />, timeline: "#722ed1" },
  processing: { color: "purple", icon: <SyncOutlined />, timeline: "#722ed1" },
  approved: { color: "green", icon: <CheckCircleFilled />, timeline: "green" },
  completed: { color: "green", icon: <CheckCircleFilled />, timeline: "green" },
  returned: { color: "orange", icon: <ExclamationCircleOutlined />, timeline: "#fa8c16" },
  rejected: { color: "red", icon: <CloseCircleFilled />, timeline: "red" },
  draft: { color: "blue", icon: <EditOutlined />, timeline: "blue" },
  declared: { color: "gold", icon: <ClockCircleOutlined />, timeline: "#d48806" },
  reviewing: { color: "purple", icon: <AuditOutlined />, timeline: "#722ed1" },
  treasury: { color: "cyan", icon: <BankOutlined />, timeline: "#13a8a8" },
  paid: { color: "green", icon: <CheckCircleFilled />, timeline: "green" },
};

const lookOf = (status: string | null | undefined): StateLook | undefined =>
  status && Object.prototype.hasOwnProperty.call(STATE_LOOK, status) ? STATE_LOOK[status as keyof typeof STATE_LOOK] : undefined;

export const stateColor = (status: string | null | undefined): string => lookOf(status)?.timeline ?? "gray";

/** A state as a coloured tag; the label is the cms's (statusLabel / kinds metadata) or the locale's. */
export const ApplicationStatusTag = ({ status, label }: { status?: string | null; label?: string | null }) => {
  const t = useTranslate();
  const look = lookOf(status);
  if (!status || !look) return <Tag bordered={false}>{label || status || t("common.unknown")}</Tag>;
  return (
    <Tag color={look.color} icon={look.icon} bordered={false} className="status-tag" data-status={status}>
      {label || t(`applications.states.${status}`, APPLICATION_STATUS_LABELS[status as ApplicationStatus] ?? status)}
    </Tag>
  );
};
