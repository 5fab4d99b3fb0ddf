import { CheckCircleOutlined, CloudDownloadOutlined, HistoryOutlined, ReloadOutlined, ShopOutlined, SyncOutlined } from "@ant-design/icons";
import {
  batchInFlight,
  type BatchDetail,
  type BatchImportInfo,
  type BatchReceipt,
  type CustomsSubject,
  type CustomsSummary,
  type CustomsWaybill,
} from "@jmt/api-types";
import { Show } from "@refinedev/antd";
import { usePermissions, useTranslate } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, Avatar, Badge, Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { Link, useParams } from "react-router";
import { CustomsStatusTag, StatusCountTags } from "../../components/customs/CustomsStatusTag";
import { StageSteps } from "../../components/customs/StageSteps";
import { formatDateTime, orDash } from "../../lib/format";
import { hasPermission } from "../../lib/permissions";
import { customsApi } from "../../providers/data-provider";
import { BatchRecords } from "./BatchRecords";
import { CUSTOMS_KEYS, usePollReceipts, useRefreshCustoms } from "./hooks";
import { RecordDrawer, type RecordRef } from "./RecordDrawer";

const AUTO_REFRESH_MS = 10_000;
const IMPORT_COLORS: Record<string, string> = { preview: "gold", committed: "green", rejected: "red" };

/** 批次详情: what the batch is, where it stands, its orders / inventories / receipts / imports, each record's receipts. */
export const CustomsBatchShow = () => {
  const t = useTranslate();
  const { id = "" } = useParams();
  const [record, setRecord] = useState<RecordRef | null>(null);
  const poll = usePollReceipts();
  const refresh = useRefreshCustoms();
  const { data: permissions } = usePermissions<string[]>({});
  const mayPoll = hasPermission(permissions, "customs.view");
  const query = useQuery<BatchDetail>({
    queryKey: CUSTOMS_KEYS.batch(id),
    queryFn: () => customsApi.batch(id),
    enabled: Boolean(id),
    // Receipts move the records along by themselves: keep the page fresh while something waits for customs.
    refetchInterval: (current) => (batchInFlight(current.state.data?.progress) ? AUTO_REFRESH_MS : false),
  });
  const batch = query.data;
  const inFlight = batchInFlight(batch?.progress);

  if (query.isError) {
    return (
      <Show title={t("customs.batch.title")} headerButtons={() => null}>
        {(query.error as { statusCode?: number } | null)?.statusCode === 403 ? (
          <Result status="403" title={t("customs.common.forbidden")} subTitle={t("customs.common.forbiddenHint", { permission: "customs.view" })} />
        ) : (
          <Result status="404" title={t("customs.batch.notFound")} subTitle={(query.error as { message?: string })?.message} />
        )}
      </Show>
    );
  }

  if (query.isLoading || !batch) {
    return (
      <Show title={t("customs.batch.title")} headerButtons={() => null}>
        <Flex vertical gap={24} data-testid="batch-skeleton">
          <Skeleton active paragraph={{ rows: 4 }} />
          <Row gutter={[16, 16]}>
            {[0, 1, 2, 3].map((key) => (
              <Col xs={24} md={12} xl={6} key={key}>
                <Card size="small">
                  <Skeleton active paragraph={{ rows: 2 }} />
                </Card>
              </Col>
            ))}
          </Row>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Flex>
      </Show>
    );
  }

  const { progress } = batch;
  const rejectedOrders = progress.orders.byStatus.rejected ?? 0;
  const rejectedInventories = progress.inventories.byStatus.rejected ?? 0;
  const open = (subject: CustomsSubject, recordId: string, reference?: string | null) => setRecord({ subject, id: recordId, reference });

  return (
    <Show
      title={
        <Space size={10} wrap>
          <span className="mono" data-testid="batch-number">
            {batch.number}
          </span>
          <Tag bordered={false} color={progress.stage === "done" ? "green" : "purple"} data-testid="batch-stage" data-stage={progress.stage}>
            {t(`customs.stages.${progress.stage}`)}
          </Tag>
        </Space>
      }
      headerButtons={() => (
        <Space wrap>
          {mayPoll && (
            <Button icon={<CloudDownloadOutlined />} loading={poll.isPending} onClick={() => poll.mutate()}>
              {t("customs.board.poll")}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} loading={query.isFetching && !query.isLoading} onClick={() => void refresh()}>
            {t("buttons.refresh")}
          </Button>
        </Space>
      )}
    >
      <Flex vertical gap={20} data-testid="batch-detail" data-stage={progress.stage}>
        <Card size="small" className="application-summary">
          <Flex justify="space-between" align="flex-start" gap={16} wrap>
            <Space size={12} align="start">
              <Avatar shape="square" size={44} className="merchant-avatar" icon={<ShopOutlined />} />
              <div>
                <Typography.Title level={5} style={{ margin: 0 }} data-testid="batch-name">
                  {batch.name}
                </Typography.Title>
                {batch.merchant ? (
                  <Link to={`/merchants/show/${batch.merchant.documentId}`} data-testid="batch-merchant">
                    {batch.merchant.nameCn}
                  </Link>
                ) : (
                  "—"
                )}
              </div>
            </Space>
            {inFlight && (
              <Typography.Text type="secondary" className="auto-refresh-note">
                <SyncOutlined spin /> {t("customs.batch.autoRefresh")}
              </Typography.Text>
            )}
          </Flex>
          <Descriptions column={{ xs: 1, sm: 2, xl: 4 }} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t("customs.batch.fields.tradeMode")}>
              {t(`customs.tradeModes.${batch.tradeMode}`, String(batch.tradeMode ?? "—"))}
            </Descriptions.Item>
            <Descriptions.Item label={t("customs.batch.fields.statisticsFlag")}>
              {t(`customs.statisticsFlags.${batch.statisticsFlag}`, String(batch.statisticsFlag ?? "—"))}
            </Descriptions.Item>
            <Descriptions.Item label={t("customs.batch.fields.logistics")}>
              {batch.logisticsName ? `${batch.logisticsName}${batch.logisticsCode ? `（${batch.logisticsCode}）` : ""}` : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("customs.batch.fields.country")}>{orDash(batch.country)}</Descriptions.Item>
            <Descriptions.Item label={t("customs.batch.fields.trafMode")}>{orDash(batch.trafMode)}</Descriptions.Item>
            <Descriptions.Item label={t("customs.batch.fields.wrapType")}>{orDash(batch.wrapType)}</Descriptions.Item>
            <Descriptions.Item label={t("customs.batch.fields.parcelWeight")}>
              {batch.parcelWeight ? t("customs.batch.kg", { value: batch.parcelWeight }) : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("customs.batch.fields.createdAt")}>{formatDateTime(batch.createdAt)}</Descriptions.Item>
            {batch.note && (
              <Descriptions.Item label={t("customs.batch.fields.note")} span={4}>
                <span className="pre-wrap">{batch.note}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <div className="batch-steps">
            <StageSteps progress={progress} />
          </div>
          <NextStepAlert batch={batch} />
        </Card>

        {rejectedOrders + rejectedInventories > 0 && (
          <Alert
            type="error"
            showIcon
            message={t("customs.batch.rejectedAlert", { orders: rejectedOrders, inventories: rejectedInventories })}
            data-testid="batch-rejected"
          />
        )}

        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={6}>
            <ProgressCard title={t("customs.batch.sections.orders")} total={progress.orders.total} testId="batch-card-orders">
              <StatusCountTags counts={progress.orders} emptyText={t("customs.batch.emptyOrders")} />
            </ProgressCard>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <ProgressCard title={t("customs.batch.sections.inventories")} total={progress.inventories.total} testId="batch-card-inventories">
              <StatusCountTags counts={progress.inventories} emptyText={t("customs.batch.emptyInventories")} />
            </ProgressCard>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <DocumentCard
              title={t("customs.batch.sections.waybill")}
              record={progress.waybill}
              testId="batch-card-waybill"
              onOpen={() => progress.waybill && open("waybill", progress.waybill.documentId ?? progress.waybill.id, progress.waybill.billNo)}
            >
              {progress.waybill && <WaybillFacts waybill={progress.waybill} />}
            </DocumentCard>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <DocumentCard
              title={t("customs.batch.sections.summary")}
              record={progress.summary}
              notNeeded={!progress.needsSummary}
              testId="batch-card-summary"
              onOpen={() => progress.summary && open("summary", progress.summary.documentId ?? progress.summary.id, progress.summary.sumNo)}
            >
              {progress.summary && <SummaryFacts summary={progress.summary} />}
            </DocumentCard>
          </Col>
        </Row>

        <Card size="small" className="batch-tabs-card">
          <Tabs
            items={[
              {
                key: "orders",
                label: (
                  <span data-testid="batch-tab-orders">
                    {t("customs.batch.sections.orders")} <Badge count={progress.orders.total} showZero color="#bfb6dd" overflowCount={99999} />
                  </span>
                ),
                children: (
                  <BatchRecords
                    batchId={batch.documentId ?? batch.id}
                    subject="order"
                    refetchInterval={inFlight ? AUTO_REFRESH_MS : false}
                    onOpen={setRecord}
                  />
                ),
              },
              {
                key: "inventories",
                label: (
                  <span data-testid="batch-tab-inventories">
                    {t("customs.batch.sections.inventories")} <Badge count={progress.inventories.total} showZero color="#bfb6dd" overflowCount={99999} />
                  </span>
                ),
                children: (
                  <BatchRecords
                    batchId={batch.documentId ?? batch.id}
                    subject="inventory"
                    refetchInterval={inFlight ? AUTO_REFRESH_MS : false}
                    onOpen={setRecord}
                  />
                ),
              },
              {
                key: "receipts",
                label: <span data-testid="batch-tab-receipts">{t("customs.batch.sections.receipts")}</span>,
                children: <ReceiptTable receipts={batch.timeline} />,
              },
              {
                key: "imports",
                label: <span data-testid="batch-tab-imports">{t("customs.batch.sections.imports")}</span>,
                children: <ImportTable imports={batch.imports} />,
              },
            ]}
          />
        </Card>
      </Flex>
      <RecordDrawer record={record} onClose={() => setRecord(null)} />
    </Show>
  );
};

const NextStepAlert = ({ batch }: { batch: BatchDetail }) => {
  const t = useTranslate();
  const { progress } = batch;
  if (progress.stage === "done") {
    return <Alert className="next-step-alert" type="success" showIcon icon={<CheckCircleOutlined />} message={t("customs.batch.done")} />;
  }
  if (!progress.next) {
    return <Alert className="next-step-alert" type="info" showIcon message={t("customs.batch.waiting")} data-testid="batch-next" />;
  }
  return (
    <Alert
      className="next-step-alert"
      type="warning"
      showIcon
      message={t("customs.batch.next", { label: progress.next.label })}
      description={progress.next.hint}
      data-testid="batch-next"
      data-action={progress.next.action}
    />
  );
};

const ProgressCard = ({ title, total, testId, children }: { title: string; total: number; testId: string; children: ReactNode }) => (
  <Card size="small" title={title} extra={<Typography.Text strong>{total}</Typography.Text>} className="progress-card" data-testid={testId}>
    {children}
  </Card>
);

const DocumentCard = ({
  title,
  record,
  notNeeded,
  testId,
  onOpen,
  children,
}: {
  title: string;
  record: CustomsWaybill | CustomsSummary | null;
  notNeeded?: boolean;
  testId: string;
  onOpen: () => void;
  children?: ReactNode;
}) => {
  const t = useTranslate();
  return (
    <Card
      size="small"
      title={title}
      className="progress-card"
      data-testid={testId}
      data-status={record?.status ?? (notNeeded ? "not-needed" : "none")}
      extra={
        record ? (
          <Button size="small" type="link" icon={<HistoryOutlined />} onClick={onOpen}>
            {t("customs.common.receipts")}
          </Button>
        ) : null
      }
    >
      {notNeeded ? (
        <Typography.Text type="secondary">{t("customs.batch.summaryNotNeeded")}</Typography.Text>
      ) : record ? (
        <Flex vertical gap={6}>
          <Space size={6} wrap>
            <CustomsStatusTag status={record.status} label={record.statusLabel} />
            {record.returnStatusLabel && record.returnStatusLabel !== record.statusLabel && (
              <Typography.Text type="secondary">
                {record.returnStatus} · {record.returnStatusLabel}
              </Typography.Text>
            )}
          </Space>
          {children}
          {record.returnInfo && (
            <Typography.Text type={record.status === "rejected" ? "danger" : "secondary"} ellipsis={{ tooltip: record.returnInfo }}>
              {record.returnInfo}
            </Typography.Text>
          )}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t("customs.batch.notYet")}</Typography.Text>
      )}
    </Card>
  );
};

const WaybillFacts = ({ waybill }: { waybill: CustomsWaybill }) => {
  const t = useTranslate();
  return (
    <Descriptions column={1} size="small" className="compact-descriptions">
      <Descriptions.Item label={t("customs.batch.waybillFields.billNo")}>
        <span className="mono">{orDash(waybill.billNo)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("customs.batch.waybillFields.voyageNo")}>
        {[waybill.trafName, waybill.voyageNo].filter(Boolean).join(" · ") || "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("customs.batch.waybillFields.packageCount")}>
        {orDash(waybill.packageCount)} · {orDash(waybill.grossWeight)} kg
      </Descriptions.Item>
    </Descriptions>
  );
};

const SummaryFacts = ({ summary }: { summary: CustomsSummary }) => {
  const t = useTranslate();
  return (
    <Descriptions column={1} size="small" className="compact-descriptions">
      <Descriptions.Item label={t("customs.batch.summaryFields.sumNo")}>
        <span className="mono">{orDash(summary.sumNo)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t("customs.batch.summaryFields.inventories")}>{summary.invtNos?.length ?? "—"}</Descriptions.Item>
    </Descriptions>
  );
};

const ReceiptTable = ({ receipts }: { receipts: BatchReceipt[] }) => {
  const t = useTranslate();
  return (
    <Table<BatchReceipt>
      size="middle"
      rowKey={(row, index) => `${row.subjectType}-${row.returnStatus}-${row.at ?? ""}-${index ?? 0}`}
      dataSource={receipts}
      pagination={false}
      scroll={{ x: 860 }}
      data-testid="batch-receipts"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.batch.emptyReceipts")} /> }}
      columns={[
        { dataIndex: "at", title: t("customs.batch.receiptFields.at"), width: 170, render: (value?: string | null) => formatDateTime(value, true) },
        {
          dataIndex: "subjectType",
          title: t("customs.batch.receiptFields.subject"),
          width: 130,
          render: (value: string) => t(`customs.subjects.${value}`, value),
        },
        { dataIndex: "messageType", title: t("customs.batch.receiptFields.messageType"), width: 90, render: (value: string) => <Tag>{value}</Tag> },
        {
          dataIndex: "returnStatus",
          title: t("customs.batch.receiptFields.returnStatus"),
          width: 170,
          render: (value: number, row) => (
            <span>
              <span className="mono">{value}</span> {row.returnStatusLabel}
            </span>
          ),
        },
        {
          dataIndex: "status",
          title: t("customs.batch.receiptFields.status"),
          width: 120,
          render: (value: string) => <CustomsStatusTag status={value} icon={false} />,
        },
        {
          dataIndex: "returnInfo",
          title: t("customs.batch.receiptFields.returnInfo"),
          render: (value?: string | null) => (value ? <Typography.Text ellipsis={{ tooltip: value }}>{value}</Typography.Text> : "—"),
        },
      ]}
    />
  );
};

const ImportTable = ({ imports }: { imports: BatchImportInfo[] }) => {
  const t = useTranslate();
  return (
    <Table<BatchImportInfo>
      size="middle"
      rowKey="importId"
      dataSource={imports}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="batch-imports"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.batch.emptyImports")} /> }}
      columns={[
        { dataIndex: "createdAt", title: t("customs.batch.importFields.createdAt"), width: 160, render: (value?: string) => formatDateTime(value) },
        { dataIndex: "fileName", title: t("customs.batch.importFields.fileName"), render: (value?: string | null) => orDash(value) },
        {
          dataIndex: "status",
          title: t("customs.batch.importFields.status"),
          width: 110,
          render: (value: string) => (
            <Tag bordered={false} color={IMPORT_COLORS[value] ?? "default"}>
              {t(`customs.batch.importStatus.${value}`, value)}
            </Tag>
          ),
        },
        { dataIndex: "total", title: t("customs.batch.importFields.rows"), width: 90, align: "right", render: (value?: number | null) => orDash(value) },
        { dataIndex: "valid", title: t("customs.batch.importFields.valid"), width: 90, align: "right", render: (value?: number | null) => orDash(value) },
        {
          dataIndex: "errorCount",
          title: t("customs.batch.importFields.errors"),
          width: 90,
          align: "right",
          render: (value?: number | null) => (value ? <Typography.Text type="danger">{value}</Typography.Text> : orDash(value)),
        },
        {
          dataIndex: "committedCount",
          title: t("customs.batch.importFields.committed"),
          width: 100,
          align: "right",
          render: (value?: number | null) => orDash(value),
        },
      ]}
    />
  );
};
