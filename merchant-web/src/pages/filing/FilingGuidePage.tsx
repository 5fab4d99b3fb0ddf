import {
  ArrowRightOutlined,
  CheckCircleFilled,
  ClockCircleFilled,
  ExclamationCircleFilled,
  EyeOutlined,
  LockOutlined,
  MinusCircleOutlined,
  ReloadOutlined,
} from "@ant-design/icons";
import { Breadcrumb, Button, Card, Progress, Result, Skeleton, Tag, Tooltip } from "antd";
import type { ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { ModuleIcon } from "../../components/ModuleIcon";
import { ModuleLocked } from "../../components/ModuleLocked";
import { useCanWrite, useGuide } from "../../hooks/useApplications";
import { useHome } from "../../hooks/useSession";
import { useT } from "../../i18n/useT";
import { canEnterModule } from "../../lib/modules";
import { toApiError } from "../../providers/apiError";
import { FILING_KINDS, type GuideStep, type GuideStepState } from "@jmt/api-types";
import { MODULE_ACCENT } from "../../theme";

const STATE_LOOK: Record<GuideStepState, { color: string; icon: ReactNode }> = {
  done: { color: "success", icon: <CheckCircleFilled /> },
  in_progress: { color: "processing", icon: <ClockCircleFilled /> },
  action_required: { color: "warning", icon: <ExclamationCircleFilled /> },
  pending: { color: "default", icon: <MinusCircleOutlined /> },
  locked: { color: "default", icon: <LockOutlined /> },
};

/** The hero shared by the 跨境申报 pages. */
export function FilingHero({ title, lead }: { title: string; lead: string }) {
  const accent = MODULE_ACCENT.filing;
  return (
    <section
      className="jmt-module-hero jmt-app-hero"
      style={{ ["--accent" as string]: accent.color, ["--accent-soft" as string]: accent.soft }}
    >
      <ModuleIcon moduleKey="filing" size={64} />
      <div className="jmt-module-hero-text">
        <div className="jmt-module-hero-title">
          <h1>{title}</h1>
        </div>
        <p>{lead}</p>
      </div>
    </section>
  );
}

function GuideSkeleton() {
  return (
    <Card className="jmt-panel" data-testid="filing-loading">
      {FILING_KINDS.map((k) => (
        <Skeleton key={k} active avatar paragraph={{ rows: 1 }} style={{ marginBottom: 16 }} />
      ))}
    </Card>
  );
}

/** 跨境申报 D1: the five steps in order, each with its state; the recommended next one stands out. */
export function FilingGuidePage() {
  const t = useT();
  const navigate = useNavigate();
  const { home, query: homeQuery } = useHome();
  const open = canEnterModule(home, "filing");
  const guide = useGuide(!homeQuery.isLoading && open);
  const { canWrite } = useCanWrite();

  const crumbs = (
    <Breadcrumb
      className="jmt-breadcrumb"
      items={[{ title: <Link to="/">{t("app.console")}</Link> }, { title: t("modules.filing.title") }]}
    />
  );

  if (homeQuery.isLoading) {
    return (
      <div className="jmt-page">
        {crumbs}
        <GuideSkeleton />
      </div>
    );
  }
  const lockedByServer = guide.isError && toApiError(guide.error).code === "MODULE_LOCKED";
  if (!open || lockedByServer) {
    return (
      <div className="jmt-page">
        <ModuleLocked moduleKey="filing" title={t("modules.filing.title")} />
      </div>
    );
  }

  const data = guide.data;
  const steps = [...(data?.steps ?? [])].sort((a, b) => a.order - b.order);
  const percent = data && data.total > 0 ? Math.round((data.done / data.total) * 100) : 0;

  const action = (step: GuideStep) => {
    const go = () => navigate(`/filing/${step.kind}`);
    // Members look, they do not act: one neutral button everywhere.
    if (!canWrite) {
      return (
        <Button icon={<EyeOutlined />} onClick={go}>
          {t(step.applicationId ? "filing.guide.view" : "filing.guide.viewGuide")}
        </Button>
      );
    }
    if (step.recommended) {
      return (
        <Button type="primary" size="large" onClick={go} data-testid="guide-next">
          {t(step.state === "action_required" ? "filing.guide.continue" : "filing.guide.start")} <ArrowRightOutlined />
        </Button>
      );
    }
    if (step.state === "locked") {
      return (
        <Tooltip title={t("filing.guide.lockedHint")}>
          <Button icon={<EyeOutlined />} onClick={go}>
            {t("filing.guide.viewGuide")}
          </Button>
        </Tooltip>
      );
    }
    if (step.state === "action_required") return <Button onClick={go}>{t("filing.guide.continue")}</Button>;
    if (step.state === "pending") return <Button onClick={go}>{t("filing.guide.start")}</Button>;
    return <Button onClick={go}>{t("filing.guide.view")}</Button>;
  };

  return (
    <div className="jmt-page" data-testid="filing-guide">
      {crumbs}
      <FilingHero title={t("modules.filing.title")} lead={t("filing.guide.lead")} />
      {guide.isLoading ? (
        <GuideSkeleton />
      ) : guide.isError || !data ? (
        <Result
          status="warning"
          title={t("applications.loadFailed")}
          subTitle={guide.error?.message}
          extra={
            <Button type="primary" icon={<ReloadOutlined />} onClick={() => void guide.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : (
        <Card
          className="jmt-panel"
          title={<span className="jmt-panel-title">{t("filing.guide.title")}</span>}
          extra={
            <span className="jmt-guide-progress">
              <span className="jmt-muted">{t("filing.guide.doneCount", { done: data.done, total: data.total })}</span>
              <Progress percent={percent} size="small" showInfo={false} style={{ width: 140 }} strokeColor="#0e9f9a" />
            </span>
          }
        >
          <ol className="jmt-guide">
            {steps.map((step, i) => {
              const look = STATE_LOOK[step.state] ?? STATE_LOOK.pending;
              return (
                <li
                  key={step.kind}
                  className={`jmt-guide-step is-${step.state}${step.recommended ? " is-recommended" : ""}`}
                  data-testid="guide-step"
                  data-kind={step.kind}
                  data-state={step.state}
                  data-recommended={step.recommended ? "true" : "false"}
                >
                  <span className="jmt-guide-index">{step.state === "done" ? <CheckCircleFilled /> : i + 1}</span>
                  <div className="jmt-guide-body">
                    <div className="jmt-guide-title">
                      <Link to={`/filing/${step.kind}`}>{step.label}</Link>
                      <Tag bordered={false} color={look.color} icon={look.icon}>
                        {t(`filing.guide.state.${step.state}`)}
                      </Tag>
                      {step.recommended && (
                        <Tag bordered={false} color="purple">
                          {t("filing.guide.recommended")}
                        </Tag>
                      )}
                    </div>
                    <div className="jmt-guide-desc">
                      {t(`filing.kinds.${step.kind}.summary`, undefined, "")}
                      {step.statusLabel && step.state !== "pending" && step.state !== "locked" && (
                        <span className="jmt-guide-status">
                          {" "}
                          · {t("filing.guide.currentStatus", { status: step.statusLabel })}
                        </span>
                      )}
                    </div>
                  </div>
                  <div className="jmt-guide-action">{action(step)}</div>
                </li>
              );
            })}
          </ol>
        </Card>
      )}
    </div>
  );
}
