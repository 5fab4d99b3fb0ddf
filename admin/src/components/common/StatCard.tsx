import { useTranslate } from "@refinedev/core";
import { Card, Skeleton, Statistic, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";

/** A key figure card (工作台, 报关节点看板): icon, figure, hint; a link when `to` is set; "即将上线" when `soon`. */
export interface StatCardProps {
  title: string;
  hint: string;
  icon: ReactNode;
  tone: "violet" | "amber" | "teal" | "rose" | "sky";
  value?: number;
  loading?: boolean;
  soon?: boolean;
  to?: string;
  testId?: string;
}

export const StatCard = ({ title, hint, icon, tone, value, loading, soon, to, testId }: StatCardProps) => {
  const t = useTranslate();
  const body = (
    <Card className={`stat-card stat-card--${tone}`} variant="borderless" hoverable={Boolean(to)} data-testid={testId} data-value={value ?? ""}>
      <div className="stat-card__head">
        <span className="stat-card__icon">{icon}</span>
        {soon && (
          <Tag bordered={false} className="soon-tag">
            {t("dashboard.moduleSoon")}
          </Tag>
        )}
      </div>
      {loading ? (
        <Skeleton.Button active size="large" style={{ width: 80, height: 38, margin: "6px 0" }} />
      ) : (
        <Statistic title={title} value={soon || value === undefined ? "—" : value} />
      )}
      <Typography.Text type="secondary" className="stat-card__hint">
        {soon ? t("dashboard.stats.pendingSoon") : hint}
      </Typography.Text>
    </Card>
  );
  return to ? <Link to={to}>{body}</Link> : body;
};
