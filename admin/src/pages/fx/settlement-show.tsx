import { ArrowRightOutlined, BankOutlined, CheckOutlined, CloseOutlined, ReloadOutlined, ShopOutlined } from "@ant-design/icons";
import type { FxAccountListItem, SettlementDetail } from "@jmt/api-types";
import { Show } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, Avatar, Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Space, Statistic, Steps, Timeline, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { WaitingTime } from "../../components/applications/WaitingTime";
import { Money, Rate } from "../../components/fx/Money";
import { SettlementStatusTag } from "../../components/fx/SettlementStatusTag";
import { formatDate, formatDateTime, orDash } from "../../lib/format";
import { isPositiveDecimal, multiplyDecimal, settlementTimelineColor } from "../../lib/fx";
import { fxApi } from "../../providers/data-provider";
import { CompleteSettlementModal } from "./CompleteSettlementModal";
import { EvidenceFiles } from "./EvidenceFiles";
import { FX_KEYS, useFxPermissions, useRefreshFx } from "./hooks";
import { RejectSettlementModal } from "./RejectSettlementModal";

const PROFILE_FIELDS = ["fxSubAccount", "settlementCardNo", "settlementBankName", "legalPersonName"] as const;

/** 提交申请 → 平台办理 → 结汇完成, or stopped at 平台办理 when rejected. */
const stepsOf = (status: SettlementDetail["status"]): { current: number; state: "process" | "finish" | "error" } =>
  status === "completed" ? { current: 2, state: "finish" } : status === "rejected" ? { current: 1, state: "error" } : { current: 1, state: "process" };

/** The merchant's sub-account as the staff list shows it (balance, 结汇中, available), for the detail's side card. */
const useMerchantAccount = (merchant: SettlementDetail["merchant"] | undefined) =>
  useQuery<FxAccountListItem | null>({
    queryKey: FX_KEYS.account(merchant?.documentId ?? ""),
    queryFn: async () => {
      const page = await fxApi.accounts({ q: merchant?.nameCn, pageSize: 50 });
      return page.data.find((account) => account.merchant?.documentId === merchant?.documentId) ?? null;
    },
    enabled: Boolean(merchant?.documentId),
    retry: false,
  });

/**
 * 结汇详情: what the merchant asked for (amount, date, rate, note), the 我的 fields as they were submitted, the three
 * evidence files, the merchant's account, the timeline — and 完成结汇 / 驳回 while it is processing; once completed,
 * 实际汇率, 人民币金额 and 剩余美元.
 */
export const SettlementShow = () => {
  const t = useTranslate();
  const { id = "" } = useParams();
  const refresh = useRefreshFx();
  const { settle } = useFxPermissions();
  const [acting, setActing] = useState<"complete" | "reject" | null>(null);
  const query = useQuery<SettlementDetail>({
    queryKey: FX_KEYS.settlement(id),
    queryFn: () => fxApi.settlement(id),
    enabled: Boolean(id),
  });
  const settlement = query.data;
  const account = useMerchantAccount(settlement?.merchant);

  if (query.isError) {
    const forbidden = (query.error as { statusCode?: number } | null)?.statusCode === 403;
    return (
      <Show title={t("fx.detail.title")} headerButtons={() => null}>
        {forbidden ? (
          <Result status="403" title={t("fx.common.forbidden")} subTitle={t("fx.common.forbiddenHint", { permission: "fx.settle" })} />
        ) : (
          <Result status="404" title={t("fx.detail.notFound")} subTitle={(query.error as { message?: string })?.message} />
        )}
      </Show>
    );
  }

  if (query.isLoading || !settlement) {
    return (
      <Show title={t("fx.detail.title")} headerButtons={() => null}>
        <Flex vertical gap={24} data-testid="settlement-skeleton">
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

  const processing = settlement.status === "processing";
  const mayAct = processing && settlement.canAct && settle;
  const steps = stepsOf(settlement.status);
  const reference = isPositiveDecimal(settlement.rate, 4) ? multiplyDecimal(settlement.amount, settlement.rate, 2) : undefined;

  const afterAction = async () => {
    setActing(null);
    await refresh();
  };

  return (
    <Show
      title={
        <Space size={10} wrap>
          <span className="mono" data-testid="settlement-number">
            {settlement.number}
          </span>
          <span data-testid="settlement-status" data-status={settlement.status}>
            <SettlementStatusTag status={settlement.status} label={settlement.statusLabel} />
          </span>
        </Space>
      }
      headerButtons={() => (
        <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => void query.refetch()}>
          {t("buttons.refresh")}
        </Button>
      )}
    >
      <Flex vertical gap={24} data-testid="settlement-detail" data-status={settlement.status}>
        <Card size="small" className="application-summary">
          <Descriptions column={{ xs: 1, sm: 2, xl: 4 }} size="small">
            <Descriptions.Item label={t("fx.fields.merchant")}>
              {settlement.merchant ? (
                <Link to={`/merchants/show/${settlement.merchant.documentId}`} data-testid="settlement-merchant">
                  {settlement.merchant.nameCn}
                </Link>
              ) : (
                "—"
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t("fx.fields.amount")}>
              <Money value={settlement.amount} strong testId="settlement-amount" />
            </Descriptions.Item>
            <Descriptions.Item label={t("fx.fields.createdAt")}>{formatDateTime(settlement.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={processing ? t("fx.fields.waiting") : t("fx.fields.completedAt")}>
              {processing ? <WaitingTime application={{ createdAt: settlement.createdAt }} /> : formatDateTime(settlement.completedAt)}
            </Descriptions.Item>
          </Descriptions>
          <Steps
            className="application-steps"
            size="small"
            current={steps.current}
            status={steps.state}
            items={[
              { title: t("fx.detail.steps.submitted") },
              { title: settlement.status === "rejected" ? t("fx.status.rejected") : t("fx.detail.steps.processing") },
              { title: t("fx.detail.steps.completed") },
            ]}
          />
        </Card>

        <Card size="small" className="action-card" title={t("fx.detail.sections.actions")} data-testid="settlement-actions">
          {settlement.status === "completed" ? (
            <Row gutter={[16, 16]} className="fx-result" data-testid="settlement-result">
              <Col xs={24} md={8}>
                <Statistic title={t("fx.fields.actualRate")} valueRender={() => <Rate value={settlement.actualRate} testId="result-actual-rate" />} />
              </Col>
              <Col xs={24} md={8}>
                <Statistic
                  title={t("fx.fields.cnyAmount")}
                  valueRender={() => <Money value={settlement.cnyAmount} currency="CNY" strong testId="result-cny-amount" />}
                />
              </Col>
              <Col xs={24} md={8}>
                <Statistic title={t("fx.fields.remainingUsd")} valueRender={() => <Money value={settlement.remainingUsd} testId="result-remaining-usd" />} />
              </Col>
            </Row>
          ) : settlement.status === "rejected" ? (
            <Alert
              type="error"
              showIcon
              message={t("fx.detail.rejected")}
              description={<span data-testid="settlement-reject-reason">{orDash(settlement.rejectReason)}</span>}
            />
          ) : mayAct ? (
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Typography.Text type="secondary">{t("fx.detail.actionHint")}</Typography.Text>
              <Space wrap>
                <Button danger icon={<CloseOutlined />} onClick={() => setActing("reject")} data-testid="settlement-reject">
                  {t("fx.reject.open")}
                </Button>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setActing("complete")} data-testid="settlement-complete">
                  {t("fx.complete.open")}
                </Button>
              </Space>
            </Flex>
          ) : (
            <Alert type="info" showIcon message={t("fx.detail.noPermission")} />
          )}
        </Card>

        <Row gutter={[24, 24]}>
          <Col xs={24} xl={15}>
            <Flex vertical gap={16}>
              <Card size="small" title={t("fx.detail.sections.request")} data-testid="settlement-request">
                <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small" styles={{ label: { width: 120 } }}>
                  <Descriptions.Item label={t("fx.fields.amount")}>
                    <Money value={settlement.amount} strong />
                  </Descriptions.Item>
                  <Descriptions.Item label={t("fx.fields.date")}>{formatDate(settlement.date)}</Descriptions.Item>
                  <Descriptions.Item label={t("fx.fields.rate")}>
                    <Rate value={settlement.rate} testId="settlement-rate" />
                  </Descriptions.Item>
                  <Descriptions.Item label={t("fx.detail.reference")}>
                    <Money value={reference} currency="CNY" />
                  </Descriptions.Item>
                  <Descriptions.Item label={t("fx.fields.note")} span={2}>
                    <span className="pre-wrap">{orDash(settlement.note)}</span>
                  </Descriptions.Item>
                </Descriptions>
              </Card>
              <Card size="small" title={t("fx.detail.sections.profile")} data-testid="settlement-profile">
                <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small" styles={{ label: { width: 150 } }}>
                  {PROFILE_FIELDS.map((field) => (
                    <Descriptions.Item key={field} label={t(`fx.profile.${field}`)}>
                      <span className={field === "legalPersonName" || field === "settlementBankName" ? "" : "mono"} data-testid={`profile-${field}`}>
                        {orDash(settlement.profile?.[field])}
                      </span>
                    </Descriptions.Item>
                  ))}
                </Descriptions>
                <Typography.Text type="secondary" className="fx-profile-hint">
                  {t("fx.detail.profileHint")}
                </Typography.Text>
              </Card>
              <EvidenceFiles evidence={settlement.evidence} />
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <Flex vertical gap={16}>
              <Card
                size="small"
                title={t("fx.detail.sections.account")}
                extra={
                  settlement.merchant && (
                    <Link to={`/merchants/show/${settlement.merchant.documentId}`}>
                      {t("applications.viewMerchant")} <ArrowRightOutlined />
                    </Link>
                  )
                }
                data-testid="settlement-account"
              >
                {account.isLoading ? (
                  <Skeleton active avatar paragraph={{ rows: 3 }} />
                ) : (
                  <Flex vertical gap={12}>
                    <Space size={12}>
                      <Avatar shape="square" size={44} className="merchant-avatar" icon={<ShopOutlined />} />
                      <div>
                        <Typography.Text strong>{settlement.merchant?.nameCn ?? "—"}</Typography.Text>
                        <div>
                          <Typography.Text type="secondary" className="mono">
                            <BankOutlined /> {orDash(account.data?.fxSubAccount ?? settlement.profile?.fxSubAccount)}
                          </Typography.Text>
                        </div>
                      </div>
                    </Space>
                    {account.data ? (
                      <Descriptions column={1} size="small" styles={{ label: { width: 112 } }}>
                        <Descriptions.Item label={t("fx.fields.balance")}>
                          <Money value={account.data.balance} strong testId="settlement-account-balance" />
                        </Descriptions.Item>
                        <Descriptions.Item label={t("fx.fields.frozen")}>
                          <Money value={account.data.frozen} />
                        </Descriptions.Item>
                        <Descriptions.Item label={t("fx.fields.available")}>
                          <Money value={account.data.available} />
                        </Descriptions.Item>
                        <Descriptions.Item label={t("fx.fields.updatedAt")}>{formatDateTime(account.data.updatedAt)}</Descriptions.Item>
                      </Descriptions>
                    ) : (
                      <Typography.Text type="secondary">{t("fx.detail.accountUnavailable")}</Typography.Text>
                    )}
                    {processing && (
                      <Alert
                        type="warning"
                        showIcon
                        message={
                          <span>
                            {t("fx.detail.frozenBefore")} <Money value={settlement.amount} /> {t("fx.detail.frozenAfter")}
                          </span>
                        }
                      />
                    )}
                  </Flex>
                )}
              </Card>
              <Card size="small" title={t("fx.detail.sections.timeline")} data-testid="settlement-timeline">
                {settlement.timeline.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fx.detail.timelineEmpty")} />
                ) : (
                  <Timeline
                    className="application-timeline"
                    items={[...settlement.timeline].reverse().map((entry, index) => ({
                      key: `${entry.at}-${index}`,
                      color: settlementTimelineColor(entry.status),
                      children: (
                        <div className="timeline-entry" data-testid="timeline-entry" data-status={entry.status}>
                          <Space size={6} wrap>
                            <SettlementStatusTag status={entry.status} label={entry.label} />
                          </Space>
                          <div className="timeline-entry__meta">
                            <span>{entry.actorName || t("applications.timeline.actor.system")}</span>
                            <Typography.Text type="secondary">{formatDateTime(entry.at, true)}</Typography.Text>
                          </div>
                          {entry.note && <div className="timeline-entry__note">{entry.note}</div>}
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

      <CompleteSettlementModal
        settlement={settlement}
        balance={account.data?.balance}
        open={acting === "complete"}
        onClose={() => setActing(null)}
        onDone={afterAction}
      />
      <RejectSettlementModal settlement={settlement} open={acting === "reject"} onClose={() => setActing(null)} onDone={afterAction} />
    </Show>
  );
};
