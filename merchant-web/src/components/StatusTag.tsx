import { CheckCircleFilled, ClockCircleFilled, ExclamationCircleFilled } from "@ant-design/icons";
import { Tag } from "antd";
import type { ReactNode } from "react";
import { useT } from "../i18n/useT";
import type { RegistrationStatus } from "../providers/types";

const TONE: Record<RegistrationStatus, { color: string; icon: ReactNode }> = {
  approved: { color: "success", icon: <CheckCircleFilled /> },
  not_started: { color: "default", icon: <ClockCircleFilled /> },
  filling: { color: "processing", icon: <ClockCircleFilled /> },
  initial_review: { color: "processing", icon: <ClockCircleFilled /> },
  onsite_check: { color: "processing", icon: <ClockCircleFilled /> },
  returned: { color: "warning", icon: <ExclamationCircleFilled /> },
  rejected: { color: "error", icon: <ExclamationCircleFilled /> },
};

export function RegistrationStatusTag({ status }: { status: RegistrationStatus | null | undefined }) {
  const t = useT();
  const key = status ?? "not_started";
  const tone = TONE[key] ?? TONE.not_started;
  return (
    <Tag color={tone.color} icon={tone.icon} bordered={false} data-registration-status={key}>
      {t(`registrationStatus.${key}`)}
    </Tag>
  );
}
