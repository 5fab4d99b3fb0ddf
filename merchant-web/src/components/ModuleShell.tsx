import { Breadcrumb, Card, Skeleton } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useHome } from "../hooks/useSession";
import { useT } from "../i18n/useT";
import { canEnterModule } from "../lib/modules";
import type { ModuleKey } from "../providers/types";
import { MODULE_ACCENT } from "../theme";
import { ModuleIcon } from "./ModuleIcon";
import { ModuleLocked } from "./ModuleLocked";

/** The hero at the top of a module's own screens (出口报关, 收结汇): icon, title, lead, the main actions. */
export function ModuleHero({
  moduleKey,
  title,
  lead,
  extra,
  tags,
  className,
}: {
  moduleKey: ModuleKey;
  title: ReactNode;
  lead: ReactNode;
  extra?: ReactNode;
  tags?: ReactNode;
  className?: string;
}) {
  const accent = MODULE_ACCENT[moduleKey];
  return (
    <section
      className={`jmt-module-hero jmt-app-hero jmt-customs-hero${className ? ` ${className}` : ""}`}
      style={{ ["--accent" as string]: accent.color, ["--accent-soft" as string]: accent.soft }}
    >
      <ModuleIcon moduleKey={moduleKey} size={64} />
      <div className="jmt-module-hero-text">
        <div className="jmt-module-hero-title">
          <h1>{title}</h1>
          {tags}
        </div>
        <p>{lead}</p>
      </div>
      {extra && <div className="jmt-hero-actions">{extra}</div>}
    </section>
  );
}

export interface Crumb {
  label: ReactNode;
  to?: string;
}

/** 商户工作台 / … breadcrumbs of a module's screens. */
export function PageCrumbs({ items }: { items: Crumb[] }) {
  const t = useT();
  return (
    <Breadcrumb
      className="jmt-breadcrumb"
      items={[
        { title: <Link to="/">{t("app.console")}</Link> },
        ...items.map((c) => ({ title: c.to ? <Link to={c.to}>{c.label}</Link> : c.label })),
      ]}
    />
  );
}

/**
 * A module that opens only once the business registration is approved (G8): while home loads a skeleton,
 * when locked the lock page, otherwise the page.
 */
export function ModuleGate({
  moduleKey,
  crumbs,
  children,
}: {
  moduleKey: ModuleKey;
  crumbs: Crumb[];
  children: ReactNode;
}) {
  const t = useT();
  const { home, query } = useHome();
  if (query.isLoading) {
    return (
      <div className="jmt-page" data-testid={`${moduleKey}-loading`}>
        <PageCrumbs items={crumbs} />
        <Card className="jmt-panel">
          <Skeleton active avatar paragraph={{ rows: 2 }} />
        </Card>
        <Card className="jmt-panel">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }
  if (!canEnterModule(home, moduleKey)) {
    return (
      <div className="jmt-page">
        <ModuleLocked moduleKey={moduleKey} title={t(`modules.${moduleKey}.title`)} />
      </div>
    );
  }
  return <>{children}</>;
}
