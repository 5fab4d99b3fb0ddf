import { FieldTimeOutlined } from "@ant-design/icons";
import { useTranslate } from "@refinedev/core";
import { Tooltip, Typography } from "antd";
import { splitDuration, waitingMs, waitingStart, waitingTone, type WaitingFields } from "../../lib/application-query";
import { formatDateTime } from "../../lib/format";

export const useFormatDuration = () => {
  const t = useTranslate();
  return (ms: number): string => {
    const { days, hours, minutes } = splitDuration(ms);
    if (days > 0) return t("applications.waiting.days", { days, hours });
    if (hours > 0) return t("applications.waiting.hours", { hours, minutes });
    return t("applications.waiting.minutes", { minutes: Math.max(1, minutes) });
  };
};

/** How long an application has been waiting since it last moved; amber after a day, red after three. */
export const WaitingTime = ({
  application,
  active = true,
}: {
  application: WaitingFields;
  /** false for terminal / merchant-side states: shown muted */
  active?: boolean;
}) => {
  const format = useFormatDuration();
  const ms = waitingMs(application);
  if (ms === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const tone = active ? waitingTone(ms) : "normal";
  return (
    <Tooltip title={formatDateTime(waitingStart(application), true)}>
      <span className={`waiting-time waiting-time--${active ? tone : "muted"}`}>
        <FieldTimeOutlined /> {format(ms)}
      </span>
    </Tooltip>
  );
};
