import { CheckCircleFilled, CloseCircleFilled, SyncOutlined } from "@ant-design/icons";
import { useTranslate } from "@refinedev/core";
import { Tag } from "antd";
import type { ReactNode } from "react";
import { isSettlementStatus, SETTLEMENT_COLORS } from "../../lib/fx";

const ICONS: Record<string, ReactNode> = {
  processing: <SyncOutlined />,
  completed: <CheckCircleFilled />,
  rejected: <CloseCircleFilled />,
};

/** A settlement's status (结汇中 / 已完成 / 已驳回) as a coloured tag; the label is the cms's or the locale's. */
export const SettlementStatusTag = ({ status, label }: { status?: string | null; label?: string | null }) => {
  const t = useTranslate();
  if (!isSettlementStatus(status)) return <Tag bordered={false}>{label || status || t("common.unknown")}</Tag>;
  return (
    <Tag color={SETTLEMENT_COLORS[status]} icon={ICONS[status]} bordered={false} className="status-tag" data-status={status}>
      {label || t(`fx.status.${status}`)}
    </Tag>
  );
};
