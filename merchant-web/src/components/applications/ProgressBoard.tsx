import { Alert, Card, Descriptions, Steps, Tag } from "antd";
import type { ReactNode } from "react";
import { useT } from "../../i18n/useT";
import { boardState, latestReason, stepKeys, type BoardState } from "../../lib/applications";
import { formatDateTime } from "../../lib/format";
import type { ApplicationDetail, KindInfo } from "@jmt/api-types";

const STATUS_COLOR: Record<string, string> = {
  // 出口退税 (tax-refund)
  draft: "default",
  declared: "processing",
  reviewing: "processing",
  treasury: "processing",
  paid: "success",
  filling: "processing",
  initial_review: "processing",
  onsite_check: "processing",
  submitted: "processing",
  processing: "processing",
  approved: "success",
  completed: "success",
  returned: "warning",
  rejected: "error",
};

export function ApplicationStatusTag({ status, label }: { status: string; label?: string | null }) {
  const t = useT();
  return (
    <Tag
      bordered={false}
      color={STATUS_COLOR[status] ?? "default"}
      data-status={status}
      data-testid="application-status"
    >
      {label || t(`applications.status.${status}`, undefined, status)}
    </Tag>
  );
}

/**
 * The progress board (R3/D2–D6, T2): the kind's steps, the current one, and a returned/rejected reason in an
 * Alert. A module with its own rule of where an application stands (出口退税: `taxRefundProgress`) passes
 * `progress`; `stepDescription` adds a line under each step (e.g. when it was reached); `returnedAction` sits
 * in the 补正 Alert (the way to fix it).
 */
export function ProgressBoard({
  application,
  kind,
  fallbackSteps,
  fallbackLabels,
  progress,
  stepDescription,
  returnedAction,
  extra,
  children,
}: {
  application: ApplicationDetail;
  kind?: KindInfo;
  fallbackSteps: readonly string[];
  /** Step labels while the kinds list loads (key → label). */
  fallbackLabels?: Record<string, string>;
  progress?: BoardState;
  stepDescription?: (key: string, index: number) => ReactNode;
  returnedAction?: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const t = useT();
  const steps = kind?.steps?.length ? stepKeys(kind.steps) : [...fallbackSteps];
  const label = (key: string) =>
    kind?.steps.find((s) => s.key === key)?.label ??
    kind?.states.find((s) => s.key === key)?.label ??
    fallbackLabels?.[key] ??
    t(`applications.status.${key}`, undefined, key);
  const board = progress ?? boardState(steps, application.status, application.timeline);
  const reason = latestReason(application.status, application.timeline);
  const lastAt = application.lastTransitionAt ?? application.updatedAt;

  return (
    <Card
      className="jmt-panel"
      data-testid="progress-board"
      data-status={application.status}
      title={
        <span className="jmt-panel-title">
          {t("applications.progress")}
          <ApplicationStatusTag status={application.status} label={application.statusLabel} />
        </span>
      }
      extra={extra}
    >
      <Steps
        className="jmt-board-steps"
        current={board.current}
        status={board.state}
        items={steps.map((key, i) => ({
          title: label(key),
          description: stepDescription
            ? stepDescription(key, i)
            : i === board.current && board.state !== "finish" && board.state !== "error"
              ? t("applications.currentStep")
              : undefined,
        }))}
      />
      {application.status === "returned" && (
        <Alert
          className="jmt-board-alert"
          type="warning"
          showIcon
          data-testid="return-reason"
          message={t("applications.returnedTitle")}
          description={reason ? t("applications.reason", { note: reason }) : t("applications.returnedNoReason")}
          action={returnedAction}
        />
      )}
      {application.status === "rejected" && (
        <Alert
          className="jmt-board-alert"
          type="error"
          showIcon
          data-testid="reject-reason"
          message={t("applications.rejectedTitle")}
          description={reason ? t("applications.reason", { note: reason }) : undefined}
        />
      )}
      {children}
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 3, lg: 3, xl: 3, xxl: 3 }} className="jmt-board-meta">
        <Descriptions.Item label={t("applications.number")}>
          <span data-testid="application-number">{application.number ?? "—"}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("applications.submittedAt")}>
          {formatDateTime(application.submittedAt) || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("applications.updatedAt")}>{formatDateTime(lastAt) || "—"}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
