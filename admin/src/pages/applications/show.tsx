import { ArrowRightOutlined, CheckOutlined, CloseOutlined, EditOutlined, ReloadOutlined, RollbackOutlined, ShopOutlined } from "@ant-design/icons";
import type { AllowedTransition, ApplicationDetail, KindInfo, TimelineEntry } from "@jmt/api-types";
import { Show } from "@refinedev/antd";
import { useOne, usePermissions, useTranslate } from "@refinedev/core";
import { Alert, Avatar, Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Space, Steps, Tag, Timeline, Typography } from "antd";
import type { UseQueryResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { ApplicationStatusTag, stateColor } from "../../components/applications/ApplicationStatusTag";
import { WaitingTime } from "../../components/applications/WaitingTime";
import { MerchantTypeTag, RegistrationStatusTag } from "../../components/common/RegistrationStatusTag";
import { SUCCESS_STATES } from "../../lib/application-kinds";
import { hasPermission } from "../../lib/permissions";
import { platformStatesOf, stateLabel } from "../../lib/application-query";
import { formatDateTime, orDash } from "../../lib/format";
import type { Merchant } from "../../types/merchant";
import { DataSections } from "./DataSections";
import { EditApprovedDrawer } from "./EditApprovedDrawer";
import { FileSlots } from "./FileSlots";
import { useApplicationDetail, useApplicationKinds, useKindLabel, useRefreshWorkflow } from "./hooks";
import { TransitionModal } from "./TransitionModal";

/** Where the application stands on the kind's progress board. */
const progressOf = (meta: KindInfo | undefined, application: ApplicationDetail) => {
  const steps = (meta?.steps ?? []).map((step) => (typeof step === "string" ? step : step.key));
  const index = steps.indexOf(String(application.status));
  if (index >= 0) {
    const terminal = meta?.states.find((state) => state.key === application.status)?.terminal;
    return { steps, current: index, state: terminal ? ("finish" as const) : ("process" as const) };
  }
  // returned / rejected: the step the platform sent it back from (the last platform state on the timeline).
  const last = [...application.timeline].reverse().find((entry) => entry.to === application.status);
  const fromIndex = last?.from ? steps.indexOf(last.from) : -1;
  // Not on the board and never sent back (a refund's 填写申请 draft): nothing reached yet.
  if (fromIndex < 0 && !["returned", "rejected"].includes(String(application.status))) return { steps, current: 0, state: "wait" as const };
  return { steps, current: Math.max(fromIndex, 1), state: "error" as const };
};

const ACTION_LOOK = (to: string): { danger?: boolean; type: "primary" | "default"; icon: React.ReactNode } => {
  if (to === "rejected") return { danger: true, type: "default", icon: <CloseOutlined /> };
  if (to === "returned") return { type: "default", icon: <RollbackOutlined /> };
  return { type: "primary", icon: <CheckOutlined /> };
};

/** 申请详情 of a 业务审核 queue (`/reviews/:kind/show/:id`). */
export const ApplicationShow = () => {
  const { kind = "", id = "" } = useParams();
  const query = useApplicationDetail(id);
  return <ApplicationDetailView query={query} kindHint={kind} />;
};

export interface ApplicationDetailViewProps<D extends ApplicationDetail = ApplicationDetail> {
  /** The detail as loaded by the page (the engine's, or a module's richer one such as a refund's). */
  query: UseQueryResult<D>;
  /** The kind from the route, until the detail has loaded. */
  kindHint: string;
  /** More header buttons (a refund's 下载申请包). */
  headerExtra?(application: D): ReactNode;
  /** Cards above the submitted data (a refund's estimate). */
  mainTop?(application: D): ReactNode;
  /** Cards below the files (a refund's linked customs batches). */
  mainBottom?(application: D): ReactNode;
  /** Cards between the merchant and the timeline (a refund's return messages). */
  side?(application: D): ReactNode;
  /** Top-level data keys the extra cards show, kept out of 其他信息. */
  shownElsewhere?: readonly string[];
  /** 修改已核准信息 on successful end states (the 业务审核 kinds; not refunds). */
  allowEditApproved?: boolean;
  /** After a transition or an edit, besides the engine's own caches (e.g. the module's list). */
  onChanged?(): Promise<void> | void;
}

/**
 * 申请详情: summary and progress, actions from `allowedTransitions` (reasons required where the kind says so, with quick
 * picks), submitted data, files (preview / download), merchant, timeline — plus whatever cards a module adds around them.
 */
export const ApplicationDetailView = <D extends ApplicationDetail>({
  query,
  kindHint,
  headerExtra,
  mainTop,
  mainBottom,
  side,
  shownElsewhere,
  allowEditApproved = true,
  onChanged,
}: ApplicationDetailViewProps<D>) => {
  const t = useTranslate();
  const { kinds } = useApplicationKinds();
  const kindLabel = useKindLabel();
  const refresh = useRefreshWorkflow();
  const [pending, setPending] = useState<AllowedTransition | null>(null);
  const [editing, setEditing] = useState(false);
  // Correcting approved data is `applications.edit` (super admins: `*`); reviewers only move applications.
  const { data: permissions } = usePermissions<string[]>({});
  const mayEdit = hasPermission(permissions, "applications.edit");

  const application = query.data;
  const kind = application?.kind ?? kindHint;
  const meta = kinds?.find((entry) => entry.kind === kind);
  const labelOf = (state: string | null | undefined, fallback?: string | null) =>
    stateLabel(state, kind, kinds, (key) => fallback || t(`applications.states.${key}`, key));

  const merchantId = application?.merchant?.documentId;
  const merchant = useOne<Merchant>({
    resource: "merchants",
    id: merchantId ?? "",
    queryOptions: { enabled: Boolean(merchantId) },
    errorNotification: false,
  });

  if (query.isError) {
    return (
      <Show title={t("applications.titles.show")} headerButtons={() => null}>
        <Result status="404" title={t("applications.notFound")} subTitle={(query.error as { message?: string })?.message} />
      </Show>
    );
  }

  if (query.isLoading || !application) {
    return (
      <Show title={t("applications.titles.show")} headerButtons={() => null}>
        <Flex vertical gap={24}>
          <Skeleton active paragraph={{ rows: 3 }} />
          <Row gutter={[24, 24]}>
            <Col xs={24} xl={15}>
              <Skeleton active paragraph={{ rows: 10 }} />
            </Col>
            <Col xs={24} xl={9}>
              <Skeleton active paragraph={{ rows: 8 }} />
            </Col>
          </Row>
        </Flex>
      </Show>
    );
  }

  const progress = progressOf(meta, application);
  const waitsOnPlatform = application.owner ? application.owner === "platform" : platformStatesOf(kind, kinds).includes(String(application.status));
  const currentState = meta?.states.find((state) => state.key === application.status);
  const finished = currentState ? currentState.success : SUCCESS_STATES.includes(String(application.status));
  const canEdit = finished && mayEdit && allowEditApproved;
  const transitions = application.allowedTransitions;
  const data = (application.data ?? {}) as Record<string, unknown>;

  const afterChange = async () => {
    setPending(null);
    setEditing(false);
    await Promise.all([refresh(application.documentId), onChanged?.()]);
  };

  return (
    <Show
      title={
        <Space size={10} wrap>
          <span className="mono" data-testid="application-number">
            {application.number || application.documentId}
          </span>
          <span data-testid="application-status">
            <ApplicationStatusTag status={application.status} label={labelOf(application.status, application.statusLabel)} />
          </span>
        </Space>
      }
      headerButtons={() => (
        <Space wrap>
          {headerExtra?.(application)}
          <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
            {t("buttons.refresh")}
          </Button>
          {canEdit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-approved">
              {t("applications.edit.open")}
            </Button>
          )}
        </Space>
      )}
    >
      <Flex vertical gap={24} data-testid="application-detail" data-status={application.status}>
        <Card size="small" className="application-summary">
          <Descriptions column={{ xs: 1, sm: 2, xl: 4 }} size="small">
            <Descriptions.Item label={t("applications.fields.kind")}>
              <Tag bordered={false} color="purple">
                {kindLabel(kind, application.kindLabel)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t("applications.fields.merchant")}>
              {application.merchant ? <Link to={`/merchants/show/${application.merchant.documentId}`}>{application.merchant.nameCn}</Link> : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("applications.fields.submittedAt")}>{formatDateTime(application.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label={t("applications.fields.lastTransitionAt")}>
              <Space size={8}>
                {formatDateTime(application.lastTransitionAt)}
                <WaitingTime application={application} active={waitsOnPlatform} />
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {progress.steps.length > 0 && (
            <Steps
              className="application-steps"
              size="small"
              current={progress.current}
              status={progress.state}
              items={progress.steps.map((step) => ({ title: labelOf(step) }))}
            />
          )}
        </Card>

        <Card size="small" className="action-card" title={t("applications.actions.title")} data-testid="application-actions">
          {transitions.length === 0 ? (
            <Alert
              type={waitsOnPlatform ? "warning" : "info"}
              showIcon
              message={
                finished
                  ? t(allowEditApproved ? "applications.actions.finished" : "applications.actions.closed")
                  : application.owner === "merchant"
                    ? t("applications.actions.waitingMerchant")
                    : t("applications.actions.none")
              }
            />
          ) : (
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Typography.Text type="secondary">{t("applications.actions.hint")}</Typography.Text>
              <Space wrap>
                {[...transitions]
                  .sort((a, b) => Number(ACTION_LOOK(a.to).type !== "primary") - Number(ACTION_LOOK(b.to).type !== "primary"))
                  .reverse()
                  .map((transition) => {
                    const look = ACTION_LOOK(transition.to);
                    return (
                      <Button
                        key={transition.to}
                        type={look.type}
                        danger={look.danger}
                        icon={look.icon}
                        onClick={() => setPending(transition)}
                        data-testid={`transition-${transition.to}`}
                      >
                        {transition.label}
                      </Button>
                    );
                  })}
              </Space>
            </Flex>
          )}
        </Card>

        <Row gutter={[24, 24]}>
          <Col xs={24} xl={15}>
            <Flex vertical gap={16}>
              {mainTop?.(application)}
              <DataSections kind={kind} meta={meta} data={data} shownElsewhere={shownElsewhere} />
              <FileSlots slots={meta?.fileSlots} data={data} />
              {mainBottom?.(application)}
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <Flex vertical gap={16}>
              <Card
                size="small"
                title={t("applications.sections.merchant")}
                extra={
                  application.merchant && (
                    <Link to={`/merchants/show/${application.merchant.documentId}`}>
                      {t("applications.viewMerchant")} <ArrowRightOutlined />
                    </Link>
                  )
                }
              >
                {merchant.query.isLoading && merchantId ? (
                  <Skeleton active avatar paragraph={{ rows: 3 }} />
                ) : (
                  <Flex vertical gap={12}>
                    <Space size={12}>
                      <Avatar shape="square" size={44} className="merchant-avatar" icon={<ShopOutlined />} />
                      <div>
                        <Typography.Text strong>{merchant.result?.nameCn ?? application.merchant?.nameCn ?? "—"}</Typography.Text>
                        <div>
                          <Space size={6} wrap>
                            {merchant.result?.type && <MerchantTypeTag type={merchant.result.type} />}
                            {merchant.result?.registrationStatus && <RegistrationStatusTag status={merchant.result.registrationStatus} />}
                          </Space>
                        </div>
                      </div>
                    </Space>
                    {merchant.result && (
                      <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
                        <Descriptions.Item label={t("merchants.fields.legalPersonName")}>{orDash(merchant.result.legalPersonName)}</Descriptions.Item>
                        <Descriptions.Item label={t("merchants.fields.contactName")}>{orDash(merchant.result.contactName)}</Descriptions.Item>
                        <Descriptions.Item label={t("merchants.fields.contactPhone")}>{orDash(merchant.result.contactPhone)}</Descriptions.Item>
                        <Descriptions.Item label={t("merchants.fields.creatorPhone")}>{orDash(merchant.result.creatorPhone)}</Descriptions.Item>
                        <Descriptions.Item label={t("merchants.fields.createdAt")}>{formatDateTime(merchant.result.createdAt)}</Descriptions.Item>
                      </Descriptions>
                    )}
                  </Flex>
                )}
              </Card>
              {side?.(application)}
              <Card size="small" title={t("applications.sections.timeline")} data-testid="application-timeline">
                {application.timeline.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("applications.timeline.empty")} />
                ) : (
                  <Timeline
                    className="application-timeline"
                    items={[...application.timeline].reverse().map((entry: TimelineEntry, index) => ({
                      key: `${entry.createdAt}-${index}`,
                      color: stateColor(entry.to),
                      children: (
                        <div className="timeline-entry" data-testid="timeline-entry" data-to={entry.to}>
                          <Space size={6} wrap>
                            {entry.from ? (
                              <ApplicationStatusTag status={entry.from} label={entry.fromLabel ?? labelOf(entry.from)} />
                            ) : (
                              <Tag bordered={false}>{t("applications.timeline.created")}</Tag>
                            )}
                            <ArrowRightOutlined className="timeline-entry__arrow" />
                            <ApplicationStatusTag status={entry.to} label={entry.toLabel ?? labelOf(entry.to)} />
                          </Space>
                          <div className="timeline-entry__meta">
                            <span>{entry.actorName || t(`applications.timeline.actor.${entry.actorKind ?? "system"}`)}</span>
                            <Tag bordered={false} color={entry.actorKind === "platform" ? "purple" : entry.actorKind === "merchant" ? "blue" : "default"}>
                              {t(`applications.timeline.actor.${entry.actorKind ?? "system"}`)}
                            </Tag>
                            <Typography.Text type="secondary">{formatDateTime(entry.createdAt, true)}</Typography.Text>
                          </div>
                          {entry.note && (
                            <div className="timeline-entry__note" data-testid="timeline-note">
                              {entry.note}
                            </div>
                          )}
                        </div>
                      ),
                    }))}
                  />
                )}
              </Card>
            </Flex>
          </Col>
        </Row>
      </Flex>

      <TransitionModal
        applicationId={application.documentId}
        kind={kind}
        transition={pending}
        fromStatus={String(application.status)}
        fromLabel={labelOf(application.status, application.statusLabel)}
        toLabel={pending ? labelOf(pending.to) : undefined}
        onClose={() => setPending(null)}
        onDone={afterChange}
      />
      {canEdit && <EditApprovedDrawer open={editing} application={application} meta={meta} onClose={() => setEditing(false)} onSaved={afterChange} />}
    </Show>
  );
};
