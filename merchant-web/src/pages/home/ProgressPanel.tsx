import { ArrowRightOutlined, CheckCircleFilled, LockOutlined, RiseOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Progress, Skeleton, Tag, Tooltip } from "antd";
import { useNavigate } from "react-router";
import { ModuleIcon } from "../../components/ModuleIcon";
import { useProgress } from "../../hooks/useApplications";
import { useT } from "../../i18n/useT";
import { isModuleKey } from "../../lib/catalogue";
import { MODULE_ACCENT } from "../../theme";

/** G9 我的进度: per module, how many steps are done, and a link to the next one. */
export function ProgressPanel() {
  const t = useT();
  const navigate = useNavigate();
  const progress = useProgress();
  const modules = progress.data ?? [];

  return (
    <Card
      className="jmt-panel"
      data-testid="progress-panel"
      title={
        <span className="jmt-panel-title">
          <RiseOutlined /> {t("progress.title")}
        </span>
      }
    >
      {progress.isLoading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : progress.isError ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t("progress.loadFailed")}
          className="jmt-empty-compact"
        />
      ) : modules.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("progress.empty")} className="jmt-empty-compact" />
      ) : (
        <ul className="jmt-progress-list">
          {modules.map((m) => {
            const percent = m.total > 0 ? Math.round((m.done / m.total) * 100) : 0;
            const accent = isModuleKey(m.module) ? MODULE_ACCENT[m.module].color : "#6d4bd8";
            const complete = m.total > 0 && m.done >= m.total;
            return (
              <li key={m.module} className="jmt-progress-item" data-testid="progress-module" data-module={m.module}>
                <div className="jmt-progress-head">
                  {isModuleKey(m.module) && <ModuleIcon moduleKey={m.module} size={30} muted={m.locked} />}
                  <span className="jmt-progress-label">{m.label}</span>
                  {m.locked ? (
                    <Tag bordered={false} icon={<LockOutlined />}>
                      {t("home.locked")}
                    </Tag>
                  ) : complete ? (
                    <Tag bordered={false} color="success" icon={<CheckCircleFilled />}>
                      {t("progress.complete")}
                    </Tag>
                  ) : (
                    m.statusLabel && (
                      <Tag bordered={false} color="processing">
                        {m.statusLabel}
                      </Tag>
                    )
                  )}
                  <span className="jmt-progress-count">{t("progress.count", { done: m.done, total: m.total })}</span>
                </div>
                <Progress percent={percent} showInfo={false} strokeColor={accent} size="small" />
                <div className="jmt-progress-steps">
                  {m.steps.map((s) => (
                    <Tooltip key={s.key} title={s.label}>
                      <span className={`jmt-progress-step${s.done ? " is-done" : ""}`}>{s.label}</span>
                    </Tooltip>
                  ))}
                </div>
                {m.next && !m.locked && (
                  <Button
                    type="link"
                    className="jmt-progress-next"
                    onClick={() => navigate(m.next!.link)}
                    data-testid="progress-next"
                  >
                    {t("progress.next", { label: m.next.label })} <ArrowRightOutlined />
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
