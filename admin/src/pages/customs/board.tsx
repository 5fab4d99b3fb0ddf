import {
  CloudDownloadOutlined,
  ContainerOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  SearchOutlined,
  ShopOutlined,
  StopOutlined,
  SyncOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import type { BatchListItem } from "@jmt/api-types";
import { getDefaultFilter, List, useSelect, useTable } from "@refinedev/antd";
import { usePermissions, useTranslate, type HttpError } from "@refinedev/core";
import { Avatar, Button, Card, Col, Empty, Flex, Form, Input, Result, Row, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { CustomsStatusTag, StatusCountTags } from "../../components/customs/CustomsStatusTag";
import { StageSteps } from "../../components/customs/StageSteps";
import { RefreshButton } from "../../components/common/RefreshButton";
import { StatCard } from "../../components/common/StatCard";
import { outboxListLink, rejectedCount } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { hasPermission } from "../../lib/permissions";
import type { Merchant } from "../../types/merchant";
import { usePollReceipts } from "./hooks";

interface BoardSearch {
  q?: string;
  merchant?: string;
}

interface BoardExtras {
  failedMessages?: number;
  stuckMessages?: number;
}

export const batchPath = (batch: Pick<BatchListItem, "id" | "documentId">): string => `/customs/batches/${batch.documentId ?? batch.id}`;

/** 报关节点看板 (C7): every merchant's batches with where each stands, failed / stuck message counts, 立即获取回执. */
export const CustomsBoard = () => {
  const t = useTranslate();
  const poll = usePollReceipts();
  const { data: permissions } = usePermissions<string[]>({});
  const mayPoll = hasPermission(permissions, "customs.view");

  const { tableProps, searchFormProps, filters, tableQuery } = useTable<BatchListItem, HttpError, BoardSearch>({
    resource: "customs-board",
    dataProviderName: "customs",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    onSearch: ({ q, merchant }) => [
      { field: "q", operator: "eq", value: q?.trim() || undefined },
      { field: "merchant", operator: "eq", value: merchant || undefined },
    ],
    syncWithLocation: true,
  });
  const [initialValues] = useState<BoardSearch>(() => ({
    q: getDefaultFilter("q", filters, "eq"),
    merchant: getDefaultFilter("merchant", filters, "eq"),
  }));
  const { selectProps: merchantSelect } = useSelect<Merchant>({
    resource: "merchants",
    optionLabel: "nameCn",
    optionValue: "id",
    pagination: { pageSize: 50, mode: "server" },
    onSearch: (value) => [{ field: "nameCn", operator: "contains", value: value.trim() || undefined }],
    defaultValue: initialValues.merchant,
  });

  const extras = (tableQuery.data ?? {}) as BoardExtras;
  const total = tableQuery.data?.total ?? 0;
  const loadingStats = tableQuery.isLoading;
  const rows = (tableQuery.data?.data ?? []) as BatchListItem[];
  const rejectedOnPage = rows.reduce((sum, batch) => sum + rejectedCount(batch.progress), 0);
  const filtered = Boolean(getDefaultFilter("q", filters, "eq") || getDefaultFilter("merchant", filters, "eq"));
  const failuresPath = "/customs/failures";
  const forbidden = tableQuery.error?.statusCode === 403;

  if (forbidden) {
    return (
      <List title={t("customs.board.title")} headerButtons={() => null}>
        <Result status="403" title={t("customs.common.forbidden")} subTitle={t("customs.common.forbiddenHint", { permission: "customs.view" })} />
      </List>
    );
  }

  return (
    <List
      title={t("customs.board.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("customs.board.subtitle")}</span> }}
      headerButtons={() => (
        <Space wrap>
          {mayPoll && (
            <Button type="primary" icon={<CloudDownloadOutlined />} loading={poll.isPending} onClick={() => poll.mutate()} data-testid="poll-receipts">
              {t("customs.board.poll")}
            </Button>
          )}
          <RefreshButton query={tableQuery} />
        </Space>
      )}
    >
      <Flex vertical gap={20}>
        <Row gutter={[16, 16]} className="stat-row">
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              tone="violet"
              icon={<ContainerOutlined />}
              title={t("customs.board.stats.batches")}
              hint={t("customs.board.stats.batchesHint")}
              value={tableQuery.isError ? undefined : total}
              loading={loadingStats}
              testId="board-stat-batches"
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              tone="rose"
              icon={<WarningOutlined />}
              title={t("customs.board.stats.failed")}
              hint={t("customs.board.stats.failedHint")}
              value={extras.failedMessages}
              loading={loadingStats}
              to={outboxListLink(failuresPath, "failed")}
              testId="board-stat-failed"
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              tone="amber"
              icon={<FieldTimeOutlined />}
              title={t("customs.board.stats.stuck")}
              hint={t("customs.board.stats.stuckHint")}
              value={extras.stuckMessages}
              loading={loadingStats}
              to={outboxListLink(failuresPath, "pending")}
              testId="board-stat-stuck"
            />
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <StatCard
              tone="teal"
              icon={<StopOutlined />}
              title={t("customs.board.stats.rejected")}
              hint={t("customs.board.stats.rejectedHint")}
              value={tableQuery.isError ? undefined : rejectedOnPage}
              loading={loadingStats}
              testId="board-stat-rejected"
            />
          </Col>
        </Row>

        <Card className="filter-card" variant="borderless">
          <Form<BoardSearch> {...searchFormProps} layout="vertical" initialValues={initialValues}>
            <Row gutter={[16, 0]} align="bottom">
              <Col xs={24} sm={12} lg={8}>
                <Form.Item name="q" label={t("customs.board.filters.q")}>
                  <Input allowClear prefix={<SearchOutlined />} placeholder={t("customs.board.filters.qPlaceholder")} data-testid="board-search" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={8}>
                <Form.Item name="merchant" label={t("customs.board.filters.merchant")}>
                  <Select
                    {...merchantSelect}
                    allowClear
                    showSearch
                    placeholder={t("customs.board.filters.merchantPlaceholder")}
                    onChange={(value) => {
                      searchFormProps.form?.setFieldValue("merchant", value);
                      searchFormProps.form?.submit();
                    }}
                    data-testid="board-merchant-filter"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} lg={8}>
                <Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                      {t("customs.board.filters.search")}
                    </Button>
                    <Button
                      onClick={() => {
                        searchFormProps.form?.setFieldsValue({ q: undefined, merchant: undefined });
                        searchFormProps.form?.submit();
                      }}
                    >
                      {t("customs.board.filters.reset")}
                    </Button>
                  </Space>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Card>

        <Table<BatchListItem>
          {...tableProps}
          rowKey="id"
          data-testid="customs-board-table"
          className="customs-board-table"
          scroll={{ x: 1340 }}
          pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("customs.board.total", { total }) }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t("customs.board.emptyFiltered") : t("customs.board.empty")} />,
          }}
        >
          <Table.Column<BatchListItem>
            dataIndex="number"
            title={t("customs.board.fields.batch")}
            width={220}
            fixed="left"
            render={(value: string, batch) => (
              <div className="batch-cell" data-testid="board-batch" data-number={value}>
                <Link to={batchPath(batch)} className="strong-link mono" data-testid="board-batch-link">
                  {value}
                </Link>
                <Typography.Text type="secondary" ellipsis={{ tooltip: batch.name }} className="batch-cell__name">
                  {batch.name}
                </Typography.Text>
                <Space size={4} wrap>
                  <Typography.Text type="secondary" className="batch-cell__date">
                    {formatDateTime(batch.createdAt)}
                  </Typography.Text>
                  <Tag bordered={false}>{batch.tradeMode}</Tag>
                  <Tooltip title={t(`customs.statisticsFlags.${batch.statisticsFlag}`, String(batch.statisticsFlag ?? ""))}>
                    <Tag bordered={false} color={batch.statisticsFlag === "B" ? "purple" : "default"}>
                      {batch.statisticsFlag}
                    </Tag>
                  </Tooltip>
                </Space>
              </div>
            )}
          />
          <Table.Column<BatchListItem>
            dataIndex={["merchant", "nameCn"]}
            title={t("customs.board.fields.merchant")}
            width={180}
            render={(_, batch) =>
              batch.merchant ? (
                <Space size={8} data-testid="board-merchant">
                  <Avatar shape="square" size={26} className="merchant-avatar" icon={<ShopOutlined />} />
                  <Link to={`/merchants/show/${batch.merchant.documentId}`}>{batch.merchant.nameCn}</Link>
                </Space>
              ) : (
                "—"
              )
            }
          />
          <Table.Column<BatchListItem>
            key="progress"
            title={t("customs.board.fields.progress")}
            width={290}
            render={(_, batch) => (
              <div className="board-progress">
                <StageSteps progress={batch.progress} inline />
                {batch.progress.next ? (
                  <Tooltip title={batch.progress.next.hint}>
                    <Tag bordered={false} color="blue" className="next-tag" data-testid="board-next" data-action={batch.progress.next.action}>
                      {t("customs.board.nextShort", { label: batch.progress.next.label })}
                    </Tag>
                  </Tooltip>
                ) : batch.progress.stage === "done" ? (
                  <Typography.Text type="success" className="board-progress__stage">
                    {t("customs.batch.done")}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary" className="board-progress__stage">
                    <SyncOutlined spin /> {t("customs.board.waitingCustoms")}
                  </Typography.Text>
                )}
              </div>
            )}
          />
          <Table.Column<BatchListItem>
            key="orders"
            title={t("customs.board.fields.orders")}
            width={190}
            render={(_, batch) => <StatusCountTags counts={batch.progress.orders} testId="board-orders" />}
          />
          <Table.Column<BatchListItem>
            key="inventories"
            title={t("customs.board.fields.inventories")}
            width={190}
            render={(_, batch) => <StatusCountTags counts={batch.progress.inventories} testId="board-inventories" />}
          />
          <Table.Column<BatchListItem>
            key="waybill"
            title={t("customs.board.fields.waybill")}
            width={120}
            render={(_, batch) =>
              batch.progress.waybill ? (
                <CustomsStatusTag status={batch.progress.waybill.status} label={batch.progress.waybill.statusLabel} />
              ) : (
                <Typography.Text type="secondary">{t("customs.common.notDeclared")}</Typography.Text>
              )
            }
          />
          <Table.Column<BatchListItem>
            key="summary"
            title={t("customs.board.fields.summary")}
            width={120}
            render={(_, batch) =>
              !batch.progress.needsSummary ? (
                <Typography.Text type="secondary">{t("customs.common.notNeeded")}</Typography.Text>
              ) : batch.progress.summary ? (
                <CustomsStatusTag status={batch.progress.summary.status} label={batch.progress.summary.statusLabel} />
              ) : (
                <Typography.Text type="secondary">{t("customs.common.notDeclared")}</Typography.Text>
              )
            }
          />
          <Table.Column<BatchListItem>
            key="actions"
            title={t("customs.board.fields.actions")}
            width={84}
            fixed="right"
            render={(_, batch) => (
              <Link to={batchPath(batch)}>
                <Button size="small" icon={<EyeOutlined />} data-testid="board-open">
                  {t("customs.common.view")}
                </Button>
              </Link>
            )}
          />
        </Table>
      </Flex>
    </List>
  );
};
