import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  EditOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  MinusCircleOutlined,
} from "@ant-design/icons";
import { useTranslate } from "@refinedev/core";
import { Tag } from "antd";
import type { ReactNode } from "react";

import { isRegistrationStatus, type RegistrationStatus } from "@jmt/api-types";

export { REGISTRATION_STATUSES, isRegistrationStatus, type RegistrationStatus } from "@jmt/api-types";

const LOOK: Record<RegistrationStatus, { color: string; icon: ReactNode }> = {
  not_started: { color: "default", icon: <MinusCircleOutlined /> },
  filling: { color: "blue", icon: <EditOutlined /> },
  initial_review: { color: "gold", icon: <ClockCircleOutlined /> },
  onsite_check: { color: "purple", icon: <EnvironmentOutlined /> },
  approved: { color: "green", icon: <CheckCircleFilled /> },
  returned: { color: "orange", icon: <ExclamationCircleOutlined /> },
  rejected: { color: "red", icon: <CloseCircleFilled /> },
};

/** 工商注册状态 as a coloured tag. */
export const RegistrationStatusTag = ({ status }: { status?: string | null }) => {
  const t = useTranslate();
  if (!isRegistrationStatus(status)) return <Tag>{status || t("common.unknown")}</Tag>;
  const look = LOOK[status];
  return (
    <Tag color={look.color} icon={look.icon} bordered={false} className="status-tag">
      {t(`merchants.status.${status}`)}
    </Tag>
  );
};

/** 个体工商户 / 有限公司 */
export const MerchantTypeTag = ({ type }: { type?: string | null }) => {
  const t = useTranslate();
  if (type !== "individual" && type !== "company") return <span>{type || t("common.unknown")}</span>;
  return (
    <Tag bordered={false} color={type === "company" ? "geekblue" : "cyan"}>
      {t(`merchants.types.${type}`)}
    </Tag>
  );
};
