import { ArrowLeftOutlined, ClockCircleOutlined } from "@ant-design/icons";
import { Alert, Breadcrumb, Button, Card, Result, Skeleton, Steps, Tag } from "antd";
import { ModuleLocked } from "../../components/ModuleLocked";
import { useEffect, useMemo } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ModuleIcon } from "../../components/ModuleIcon";
import { RegistrationStatusTag } from "../../components/StatusTag";
import { useHome } from "../../hooks/useSession";
import { useT } from "../../i18n/useT";
import { buildCatalogue, isModuleKey } from "../../lib/catalogue";
import { REGISTRATION_STEPS, registrationProgress, resolveModules } from "../../lib/modules";
import { MODULE_ACCENT } from "../../theme";

/** A module's page. Locked modules cannot be entered; modules not built yet show what they will do. */
export function ModulePage() {
  const t = useT();
  const navigate = useNavigate();
  const { key } = useParams();
  const { hash } = useLocation();
  const { home, query } = useHome();
  const catalogue = useMemo(() => buildCatalogue(t), [t]);
  const focus = hash.replace(/^#/, "");

  useEffect(() => {
    if (focus) document.getElementById(`feature-${focus}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
  }, [focus, home]);

  if (!isModuleKey(key)) {
    return (
      <Result
        status="404"
        title={t("moduleStatus.notFound")}
        extra={
          <Button type="primary" onClick={() => navigate("/")}>
            {t("common.backHome")}
          </Button>
        }
      />
    );
  }
  if (query.isLoading) {
    return (
      <div className="jmt-page">
        <Card className="jmt-panel">
          <Skeleton active avatar paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }

  const module = catalogue.find((m) => m.key === key)!;
  const entry = resolveModules(home).find((m) => m.key === key)!;
  const accent = MODULE_ACCENT[key];

  if (!entry.enabled) {
    return (
      <div className="jmt-page">
        <ModuleLocked moduleKey={key} title={module.title} />
      </div>
    );
  }

  const status = home?.merchant?.registrationStatus;
  const progress = registrationProgress(status);

  return (
    <div className="jmt-page" data-testid="module-page" data-module={key}>
      <Breadcrumb
        className="jmt-breadcrumb"
        items={[{ title: <Link to="/">{t("app.console")}</Link> }, { title: module.title }]}
      />
      <section
        className="jmt-module-hero"
        style={{ ["--accent" as string]: accent.color, ["--accent-soft" as string]: accent.soft }}
      >
        <ModuleIcon moduleKey={key} size={72} />
        <div className="jmt-module-hero-text">
          <div className="jmt-module-hero-title">
            <h1>{module.title}</h1>
            <Tag color="purple" bordered={false} icon={<ClockCircleOutlined />}>
              {t("moduleStatus.soon")}
            </Tag>
          </div>
          <p>{module.summary}</p>
        </div>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/")}>
          {t("common.backHome")}
        </Button>
      </section>

      {key === "registration" && (
        <Card
          className="jmt-panel jmt-module-progress"
          title={t("home.registration")}
          extra={<RegistrationStatusTag status={status} />}
        >
          <Steps
            current={progress.current}
            status={progress.state}
            items={REGISTRATION_STEPS.map((s) => ({ title: t(`registrationSteps.${s}`) }))}
          />
        </Card>
      )}

      {entry.todo > 0 && (
        <Alert
          className="jmt-module-todo"
          type="warning"
          showIcon
          message={t("moduleStatus.todoNotice", { count: entry.todo })}
        />
      )}

      <div className="jmt-section-head">
        <h2>{t("moduleStatus.soonLead")}</h2>
      </div>
      <div className="jmt-feature-grid">
        {module.features.map((f, i) => (
          <div
            key={f.key}
            id={`feature-${f.key}`}
            className={`jmt-feature-card${focus === f.key ? " is-focused" : ""}`}
            style={{ ["--accent" as string]: accent.color }}
          >
            <span className="jmt-feature-index">{String(i + 1).padStart(2, "0")}</span>
            <div className="jmt-feature-title">{f.title}</div>
            <div className="jmt-feature-desc">{f.desc}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
