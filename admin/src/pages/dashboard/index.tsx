import {
  AccountBookOutlined,
  ArrowRightOutlined,
  AuditOutlined,
  ClockCircleOutlined,
  ContainerOutlined,
  FieldTimeOutlined,
  MobileOutlined,
  NotificationOutlined,
  ShopOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { useGetIdentity, useList, usePermissions, useResourceParams, useTranslate, type IResourceItem } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Avatar, Badge, Card, Col, Empty, List as AntList, Row, Skeleton, Space, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { Link } from "react-router";
import { ActionTag } from "../../components/common/ActionTag";
import { StatCard } from "../../components/common/StatCard";
import { RegistrationStatusTag } from "../../components/common/RegistrationStatusTag";
import { APPLICATION_KINDS, TAX_REFUND_PATHS } from "../../lib/application-kinds";
import { formatDateTime } from "../../lib/format";
import { hasPermission } from "../../lib/permissions";
import { customsApi } from "../../providers/data-provider";
import { useKindLabel, useStaffTodos } from "../applications/hooks";
import { useFxPermissions, useSettlementCounts } from "../fx/hooks";
import { useRefundCounts } from "../tax-refund/hooks";
import type { StaffIdentity } from "../../providers/auth-provider";
import type { AuditLogRecord } from "../../providers/data-provider";
import type { Merchant } from "../../types/merchant";

/** Five key figures: a fifth of the row each on wide screens. */
const STAT_COL = { flex: "20%" } as const;

const greetingKey = (hour: number): string => {
  if (hour < 11) return "morning";
  if (hour < 13) return "noon";
  if (hour < 18) return "afternoon";
  return "evening";
};

/** The route of a resource's list page (`/merchants`). */
const routeOf = (resource: IResourceItem | undefined): string => (typeof resource?.list === "string" ? resource.list : "/");

/** 工作台: who is signed in, key figures, shortcuts, modules, newest merchants and recent operations. */
export const DashboardPage = () => {
  const t = useTranslate();
  const { data: identity, isLoading: identityLoading } = useGetIdentity<StaffIdentity>();
  const { resources } = useResourceParams();

  const merchants = useList<Merchant>({
    resource: "merchants",
    pagination: { currentPage: 1, pageSize: 5 },
    sorters: [{ field: "createdAt", order: "desc" }],
  });
  const { todos, counts: queueCounts, query: todosQuery } = useStaffTodos();
  const kindLabel = useKindLabel();
  const recentLogs = useList<AuditLogRecord>({
    resource: "audit-logs",
    dataProviderName: "audit",
    pagination: { currentPage: 1, pageSize: 5 },
    errorNotification: false,
  });
  // 报关失败报文: the tracking board's count (staff with customs.view).
  const { data: permissions } = usePermissions<string[]>({});
  const mayViewCustoms = hasPermission(permissions, "customs.view");
  const customsBoard = useQuery({
    queryKey: ["customs", "board", "dashboard"],
    queryFn: () => customsApi.board({ pageSize: 1 }),
    enabled: mayViewCustoms,
    staleTime: 30_000,
  });

  // 结汇待处理: settlements waiting on the platform (staff with fx.settle).
  const { settle: maySettle } = useFxPermissions();
  const { counts: settlementCounts, query: settlementCountsQuery } = useSettlementCounts(maySettle);

  // 退税待审核: refunds to file (申报) and with the tax authority (审核), from the same staff to-dos as the queues.
  const { byStatus: refundCounts } = useRefundCounts();
  const refundsDeclared = refundCounts?.declared ?? 0;
  const refundsReviewing = refundCounts?.reviewing ?? 0;

  const byName = (name: string) => resources.find((resource) => resource.name === name);
  const modules = resources.filter((resource) => resource.meta?.moduleKey && resource.name !== "dashboard");
  const shortcuts = ["merchants", "reviews-business-registration", "reviews-stuck", "customs-board", "audit-logs", "cockpit"]
    .map(byName)
    .filter((resource): resource is IResourceItem => Boolean(resource));

  const now = dayjs();
  const name = identity?.name ?? "";

  return (
    <div className="page dashboard" data-testid="dashboard">
      <div className="page-heading">
        <Typography.Title level={2} className="page-heading__title">
          {t("dashboard.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{now.format("YYYY-MM-DD dddd")}</Typography.Text>
      </div>

      <Card className="welcome-card" variant="borderless">
        <div className="welcome-card__facets" aria-hidden="true" />
        {identityLoading ? (
          <Skeleton active avatar paragraph={{ rows: 1 }} />
        ) : (
          <div className="welcome-card__body">
            <Avatar size={64} className="welcome-card__avatar">
              {name.slice(0, 1) || "晶"}
            </Avatar>
            <div>
              <Typography.Title level={3} className="welcome-card__title">
                {t("dashboard.welcome", { greeting: t(`dashboard.greeting.${greetingKey(now.hour())}`), name })}
              </Typography.Title>
              <Space size={[12, 6]} wrap className="welcome-card__meta">
                <span data-testid="dashboard-phone">
                  <MobileOutlined /> {identity?.phone}
                </span>
                {(identity?.roles ?? []).map((role) => (
                  <Tag key={role.code} bordered={false} className="welcome-card__role">
                    {role.name}
                  </Tag>
                ))}
              </Space>
              <Typography.Paragraph className="welcome-card__subtitle">{t("dashboard.subtitle", { date: now.format("YYYY-MM-DD") })}</Typography.Paragraph>
            </div>
          </div>
        )}
      </Card>

      <Row gutter={[20, 20]} className="stat-row">
        <Col xs={24} sm={12} lg={8} xl={STAT_COL}>
          <StatCard
            tone="violet"
            icon={<ShopOutlined />}
            title={t("dashboard.stats.merchants")}
            hint={t("dashboard.stats.merchantsHint")}
            value={merchants.result.total}
            loading={merchants.query.isLoading}
            to="/merchants"
            testId="stat-merchants"
          />
        </Col>
        <Col xs={24} sm={12} lg={8} xl={STAT_COL}>
          <StatCard
            tone="amber"
            icon={<AuditOutlined />}
            title={t("dashboard.stats.pendingRegistration")}
            hint={t("dashboard.stats.pendingRegistrationHint")}
            value={todosQuery.isError ? undefined : (queueCounts["business-registration"] ?? 0)}
            loading={todosQuery.isLoading}
            to="/reviews/business-registration"
            testId="stat-pending-registration"
          />
        </Col>
        <Col xs={24} sm={12} lg={8} xl={STAT_COL}>
          <StatCard
            tone="teal"
            icon={<ContainerOutlined />}
            title={t("dashboard.stats.customsFailed")}
            hint={t("dashboard.stats.customsFailedHint")}
            value={customsBoard.data?.failedMessages}
            loading={mayViewCustoms && customsBoard.isLoading}
            to={mayViewCustoms ? "/customs/failures" : undefined}
            testId="stat-customs-failed"
          />
        </Col>
        <Col xs={24} sm={12} lg={8} xl={STAT_COL}>
          <StatCard
            tone="rose"
            icon={<SwapOutlined />}
            title={t("dashboard.stats.pendingSettlements")}
            hint={t("dashboard.stats.pendingSettlementsHint")}
            value={settlementCounts?.processing}
            loading={maySettle && settlementCountsQuery.isLoading}
            to={maySettle ? "/fx/settlements" : undefined}
            testId="stat-pending-settlements"
          />
        </Col>
        <Col xs={24} sm={12} lg={8} xl={STAT_COL}>
          <StatCard
            tone="sky"
            icon={<AccountBookOutlined />}
            title={t("dashboard.stats.pendingRefund")}
            hint={
              refundCounts
                ? t("dashboard.stats.pendingRefundHint", { declared: refundsDeclared, reviewing: refundsReviewing })
                : t("dashboard.stats.pendingRefundHintIdle")
            }
            value={todosQuery.isError ? undefined : refundsDeclared + refundsReviewing}
            loading={todosQuery.isLoading}
            to={TAX_REFUND_PATHS.queue}
            testId="stat-pending-refunds"
          />
        </Col>
      </Row>

      <Card
        title={t("dashboard.queues.title")}
        variant="borderless"
        className="section-card"
        data-testid="dashboard-queues"
        extra={
          <Space size={16}>
            <Link to="/reviews/stuck">
              <FieldTimeOutlined /> {t("dashboard.queues.stuck")}
            </Link>
            <Link to="/system/outbox-jobs">
              <NotificationOutlined /> {t("dashboard.queues.failed")}
            </Link>
          </Space>
        }
      >
        {todosQuery.isLoading ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : (
          <Row gutter={[12, 12]}>
            {APPLICATION_KINDS.map((kind) => {
              const count = queueCounts[kind] ?? 0;
              const states = (todos ?? []).filter((todo) => todo.kind === kind && todo.count > 0);
              return (
                <Col xs={24} sm={12} lg={8} xxl={4} key={kind}>
                  <Link to={`/reviews/${kind}`} className={`queue-tile ${count > 0 ? "queue-tile--busy" : ""}`} data-testid={`dashboard-queue-${kind}`}>
                    <span className="queue-tile__head">
                      <span className="queue-tile__label">{kindLabel(kind)}</span>
                      <Badge count={count} showZero overflowCount={999} color={count > 0 ? "#d48806" : "#d9d9d9"} />
                    </span>
                    <span className="queue-tile__states">
                      {states.length === 0 ? t("dashboard.queues.empty") : states.map((todo) => `${todo.statusLabel} ${todo.count}`).join(" · ")}
                    </span>
                  </Link>
                </Col>
              );
            })}
          </Row>
        )}
      </Card>

      <Row gutter={[20, 20]}>
        <Col xs={24} xl={10}>
          <Card title={t("dashboard.shortcuts")} variant="borderless" className="section-card">
            <Row gutter={[12, 12]}>
              {shortcuts.map((resource) => (
                <Col xs={12} sm={8} key={resource.name}>
                  <Link to={routeOf(resource)} className="shortcut">
                    <span className="shortcut__icon">{resource.meta?.icon}</span>
                    <span className="shortcut__label">{resource.meta?.label}</span>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={t("dashboard.recentMerchants")}
            variant="borderless"
            className="section-card"
            extra={
              <Link to="/merchants">
                {t("dashboard.viewAll")} <ArrowRightOutlined />
              </Link>
            }
          >
            {merchants.query.isLoading ? (
              <Skeleton active paragraph={{ rows: 4 }} />
            ) : merchants.result.data.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.empty")} />
            ) : (
              <AntList
                itemLayout="horizontal"
                dataSource={merchants.result.data}
                renderItem={(merchant) => (
                  <AntList.Item extra={<RegistrationStatusTag status={merchant.registrationStatus} />}>
                    <AntList.Item.Meta
                      avatar={<Avatar shape="square" className="merchant-avatar" icon={<ShopOutlined />} />}
                      title={<Link to={`/merchants/show/${merchant.id}`}>{merchant.nameCn}</Link>}
                      description={
                        <span>
                          <ClockCircleOutlined /> {formatDateTime(merchant.createdAt)}
                          {merchant.nameEn ? ` · ${merchant.nameEn}` : ""}
                        </span>
                      }
                    />
                  </AntList.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Row gutter={[20, 20]}>
        <Col xs={24} xl={14}>
          <Card title={t("dashboard.modules")} variant="borderless" className="section-card">
            <Row gutter={[12, 12]}>
              {modules.map((resource) => (
                <Col xs={24} sm={12} lg={8} key={resource.name}>
                  <Link to={routeOf(resource)} className={`module-tile ${resource.meta?.placeholder ? "module-tile--soon" : ""}`}>
                    <span className="module-tile__icon">{resource.meta?.icon}</span>
                    <span className="module-tile__text">
                      <span className="module-tile__label">{(resource.meta?.moduleLabel as string | undefined) ?? resource.meta?.label}</span>
                      <span className="module-tile__status">{resource.meta?.placeholder ? t("dashboard.moduleSoon") : t("dashboard.moduleLive")}</span>
                    </span>
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t("dashboard.recentLogs")}
            variant="borderless"
            className="section-card"
            extra={
              <Link to="/system/audit-logs">
                {t("dashboard.viewAll")} <ArrowRightOutlined />
              </Link>
            }
          >
            {recentLogs.query.isLoading ? (
              <Skeleton active paragraph={{ rows: 4 }} />
            ) : recentLogs.result.data.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.empty")} />
            ) : (
              <AntList
                dataSource={recentLogs.result.data}
                renderItem={(log) => (
                  <AntList.Item>
                    <AntList.Item.Meta
                      title={
                        <Space size={6} wrap>
                          <span>{log.actorName || log.actorPhone || "—"}</span>
                          <Tag bordered={false} color="purple">
                            {log.moduleLabel || log.module}
                          </Tag>
                          <ActionTag action={log.action} label={log.actionLabel} />
                        </Space>
                      }
                      description={formatDateTime(log.createdAt, true)}
                    />
                  </AntList.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
};
