import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  EditOutlined,
  ExclamationCircleOutlined,
  EyeOutlined,
  MinusCircleOutlined,
  QuestionCircleOutlined,
  SendOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import type { CustomsConfigStatus, StatusCounts } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { customsStatusColor, statusEntries } from "../../lib/customs";

const STATUS_ICONS: Record<string, ReactNode> = {
  draft: <EditOutlined />,
  queued: <ClockCircleOutlined />,
  declaring: <SyncOutlined spin />,
  stored: <SendOutlined />,
  reviewing: <EyeOutlined />,
  reviewed: <CheckCircleFilled />,
  inspecting: <ExclamationCircleOutlined />,
  released: <CheckCircleFilled />,
  rejected: <CloseCircleFilled />,
  approved: <CheckCircleFilled />,
  withdrawn: <MinusCircleOutlined />,
  cancelled: <MinusCircleOutlined />,
};

/** The label of a customs status: the cms's `statusLabel` when given, else the locale's. */
export const useCustomsStatusLabel = () => {
  const t = useTranslate();
  return (status: string | null | undefined, fromRecord?: string | null): string =>
    fromRecord || (status ? t(`customs.status.${status}`, status) : t("common.unknown"));
};

/** A record's status (orders, inventories, 总分单, 汇总, 撤销) as a coloured tag. */
export const CustomsStatusTag = ({ status, label, icon = true }: { status?: string | null; label?: string | null; icon?: boolean }) => {
  const labelOf = useCustomsStatusLabel();
  return (
    <Tag
      bordered={false}
      color={customsStatusColor(status)}
      icon={icon ? STATUS_ICONS[status ?? ""] : undefined}
      className="status-tag"
      data-status={status ?? ""}
    >
      {labelOf(status, label)}
    </Tag>
  );
};

/** Counts of a batch's orders or inventories by status: `入库 3 · 退单 1`, the total in grey. */
export const StatusCountTags = ({ counts, emptyText, testId }: { counts: StatusCounts | null | undefined; emptyText?: string; testId?: string }) => {
  const t = useTranslate();
  const entries = statusEntries(counts);
  if (!counts || counts.total === 0 || entries.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {emptyText ?? t("customs.common.none")}
      </Typography.Text>
    );
  }
  return (
    <Space size={[4, 4]} wrap className="status-counts" data-testid={testId} data-total={counts.total}>
      {entries.map(({ status, count }) => (
        <Tag key={status} bordered={false} color={customsStatusColor(status)} className="status-count" data-status={status}>
          {t(`customs.status.${status}`, status)} <b>{count}</b>
        </Tag>
      ))}
      <Typography.Text type="secondary" className="status-counts__total">
        {t("customs.common.total", { total: counts.total })}
      </Typography.Text>
    </Space>
  );
};

const CONFIG_LOOK: Record<CustomsConfigStatus, { color: string; icon: ReactNode }> = {
  valid: { color: "success", icon: <CheckCircleFilled /> },
  invalid: { color: "error", icon: <CloseCircleFilled /> },
  unverified: { color: "warning", icon: <QuestionCircleOutlined /> },
  missing: { color: "default", icon: <MinusCircleOutlined /> },
};

/** A merchant's 点点通 config status: 校验通过 / 校验未通过 / 未校验 / 未配置. */
export const ConfigStatusTag = ({ status }: { status: CustomsConfigStatus | string | null | undefined }) => {
  const t = useTranslate();
  const look = CONFIG_LOOK[(status ?? "missing") as CustomsConfigStatus] ?? CONFIG_LOOK.missing;
  return (
    <Tag bordered={false} color={look.color} icon={look.icon} className="status-tag" data-testid="config-status" data-status={status ?? "missing"}>
      {t(`customs.configs.status.${status ?? "missing"}`, status ?? "")}
    </Tag>
  );
};
