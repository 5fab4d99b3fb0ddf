import { Breadcrumb, Card, Skeleton } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ModuleIcon } from "../../components/ModuleIcon";
import { ModuleLocked } from "../../components/ModuleLocked";
import { useHome } from "../../hooks/useSession";
import { useT } from "../../i18n/useT";
import { canEnterModule } from "../../lib/modules";
import { MODULE_ACCENT } from "../../theme";

/** The hero shared by the 出口报关 pages. */
export function CustomsHero({
  title,
  lead,
  extra,
  tags,
}: {
  title: ReactNode;
  lead: ReactNode;
  extra?: ReactNode;
  tags?: ReactNode;
}) {
  const accent = MODULE_ACCENT.customs;
  return (
    <section
      className="jmt-module-hero jmt-app-hero jmt-customs-hero"
      style={{ ["--accent" as string]: accent.color, ["--accent-soft" as string]: accent.soft }}
    >
      <ModuleIcon moduleKey="customs" size={64} />
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

export function CustomsCrumbs({ items }: { items: Crumb[] }) {
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
 * 出口报关 opens only once the business registration is approved (G8): while home loads a skeleton, when
 * locked the lock page, otherwise the page.
 */
export function CustomsGate({ crumbs, children }: { crumbs: Crumb[]; children: ReactNode }) {
  const t = useT();
  const { home, query } = useHome();
  if (query.isLoading) {
    return (
      <div className="jmt-page" data-testid="customs-loading">
        <CustomsCrumbs items={crumbs} />
        <Card className="jmt-panel">
          <Skeleton active avatar paragraph={{ rows: 2 }} />
        </Card>
        <Card className="jmt-panel">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      </div>
    );
  }
  if (!canEnterModule(home, "customs")) {
    return (
      <div className="jmt-page">
        <ModuleLocked moduleKey="customs" title={t("modules.customs.title")} />
      </div>
    );
  }
  return <>{children}</>;
}
