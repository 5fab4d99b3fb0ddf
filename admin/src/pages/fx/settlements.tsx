import { EyeOutlined, SearchOutlined, ShopOutlined } from "@ant-design/icons";
import type { SettlementListItem } from "@jmt/api-types";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Avatar, Badge, Button, Card, Col, Empty, Form, Input, Result, Row, Space, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { WaitingTime } from "../../components/applications/WaitingTime";
import { RefreshButton } from "../../components/common/RefreshButton";
import { Money, Rate } from "../../components/fx/Money";
import { SettlementStatusTag } from "../../components/fx/SettlementStatusTag";
import { formatDate, formatDateTime } from "../../lib/format";
import { ALL_SETTLEMENTS, SETTLEMENT_TABS, type SettlementTab } from "../../lib/fx";
import { useSettlementCounts } from "./hooks";

interface QueueSearch {
  q?: string;
}

export const settlementPath = (settlement: Pick<SettlementListItem, "id">): string => `/fx/settlements/${encodeURIComponent(settlement.id)}`;

const TAB_BADGE_COLORS: Record<SettlementTab, string> = { processing: "#d48806", completed: "#22a06b", rejected: "#e0464e", all: "#bfb6dd" };

/**
 * 结汇审核: the merchants' settlement requests by status (结汇中 first — what waits on the platform — with how long it has
 * waited), searchable by number or merchant; each opens the detail where it is completed or rejected.
 */
export const SettlementQueue = () => {
  const t = useTranslate();
  const { counts, query: countsQuery } = useSettlementCounts();

  const { tableProps, searchFormProps, filters, setFilters, tableQuery } = useTable<SettlementListItem, HttpError, QueueSearch>({
    resource: "fx-settlements",
    dataProviderName: "fx",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    filters: { initial: [{ field: "status", operator: "eq", value: "processing" }] },
    onSearch: ({ q }) => [{ field: "q", operator: "eq", value: q?.trim() || undefined }],
    syncWithLocation: true,
  });
  const [initialValues] = useState<QueueSearch>(() => ({ q: getDefaultFilter("q", filters, "eq") }));
  const status = ((getDefaultFilter("status", filters, "eq") as string | undefined) ?? "processing") as SettlementTab;
  const q = getDefaultFilter("q", filters, "eq") as string | undefined;
  const total = tableQuery.data?.total ?? 0;
  const countOf = (tab: SettlementTab): number | undefined =>
    counts ? (tab === ALL_SETTLEMENTS ? counts.processing + counts.completed + counts.rejected : counts[tab]) : undefined;

  if (tableQuery.error?.statusCode === 403) {
    return (
      <List title={t("fx.settlements.title")} headerButtons={() => null}>
        <Result status="403" title={t("fx.common.forbidden")} subTitle={t("fx.common.forbiddenHint", { permission: "fx.settle" })} />
      </List>
    );
  }

  return (
    <List
      title={t("fx.settlements.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("fx.settlements.subtitle")}</span> }}
      headerButtons={() => (
        <RefreshButton
          query={tableQuery}
          onRefresh={() => {
            void tableQuery.refetch();
            void countsQuery.refetch();
          }}
        />
      )}
    >
      <Tabs
        className="queue-tabs"
        activeKey={status}
        onChange={(next) =>
          setFilters(
            [
              { field: "status", operator: "eq", value: next },
              { field: "q", operator: "eq", value: q || undefined },
            ],
            "replace",
          )
        }
        items={SETTLEMENT_TABS.map((tab) => ({
          key: tab,
          label: (
            <span data-testid={`settlement-tab-${tab}`} data-count={countOf(tab) ?? ""}>
              {t(`fx.settlements.tabs.${tab}`)}
              <Badge
                count={countOf(tab) ?? 0}
                showZero={tab === "processing" && counts !== undefined}
                size="small"
                overflowCount={999}
                color={TAB_BADGE_COLORS[tab]}
                style={{ marginInlineStart: 6 }}
              />
            </span>
          ),
        }))}
      />
      <Card className="filter-card" variant="borderless">
        <Form<QueueSearch> {...searchFormProps} layout="vertical" initialValues={initialValues}>
          <Row gutter={[16, 0]} align="bottom">
            <Col xs={24} sm={16} lg={10}>
              <Form.Item name="q" label={t("fx.settlements.filters.q")}>
                <Input allowClear prefix={<SearchOutlined />} placeholder={t("fx.settlements.filters.qPlaceholder")} data-testid="settlement-search" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={14}>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t("fx.common.search")}
                  </Button>
                  <Button
                    onClick={() => {
                      searchFormProps.form?.setFieldsValue({ q: undefined });
                      searchFormProps.form?.submit();
                    }}
                  >
                    {t("fx.common.reset")}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <Table<SettlementListItem>
        {...tableProps}
        rowKey="id"
        data-testid="settlement-table"
        scroll={{ x: 1180 }}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("fx.settlements.total", { total }) }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q ? t("fx.settlements.emptyFiltered") : t(`fx.settlements.empty.${status}`, t("fx.settlements.emptyFiltered"))}
            />
          ),
        }}
        onRow={(settlement) =>
          ({
            "data-number": settlement.number,
            "data-merchant": settlement.merchant?.nameCn,
            "data-status": settlement.status,
          }) as React.HTMLAttributes<HTMLElement>
        }
      >
        <Table.Column<SettlementListItem>
          dataIndex="number"
          title={t("fx.fields.number")}
          width={190}
          fixed="left"
          render={(value: string, settlement) => (
            <Link to={settlementPath(settlement)} className="strong-link mono" data-testid="settlement-number">
              {value || settlement.id}
            </Link>
          )}
        />
        <Table.Column<SettlementListItem>
          dataIndex={["merchant", "nameCn"]}
          title={t("fx.fields.merchant")}
          width={240}
          render={(_, settlement) =>
            settlement.merchant ? (
              <Space size={10}>
                <Avatar shape="square" size={28} className="merchant-avatar" icon={<ShopOutlined />} />
                <Link to={`/merchants/show/${settlement.merchant.documentId}`}>{settlement.merchant.nameCn}</Link>
              </Space>
            ) : (
              "—"
            )
          }
        />
        <Table.Column<SettlementListItem>
          dataIndex="amount"
          title={t("fx.fields.amount")}
          width={150}
          align="right"
          render={(value: string) => <Money value={value} strong />}
        />
        <Table.Column<SettlementListItem>
          dataIndex="rate"
          title={t("fx.fields.rate")}
          width={110}
          align="right"
          render={(value: string) => <Rate value={value} />}
        />
        <Table.Column<SettlementListItem> dataIndex="date" title={t("fx.fields.date")} width={120} render={(value: string) => formatDate(value)} />
        <Table.Column<SettlementListItem>
          dataIndex="status"
          title={t("fx.fields.status")}
          width={110}
          render={(value: string, settlement) => <SettlementStatusTag status={value} label={settlement.statusLabel} />}
        />
        <Table.Column<SettlementListItem>
          dataIndex="createdAt"
          title={t("fx.fields.createdAt")}
          width={150}
          render={(value: string) => formatDateTime(value)}
        />
        <Table.Column<SettlementListItem>
          key="waiting"
          title={t("fx.fields.waiting")}
          width={150}
          render={(_, settlement) =>
            settlement.status === "processing" ? (
              <WaitingTime application={{ createdAt: settlement.createdAt }} />
            ) : (
              <Typography.Text type="secondary">
                {settlement.completedAt ? t("fx.settlements.doneAt", { at: formatDateTime(settlement.completedAt) }) : "—"}
              </Typography.Text>
            )
          }
        />
        <Table.Column<SettlementListItem>
          key="actions"
          title={t("fx.fields.actions")}
          width={100}
          fixed="right"
          render={(_, settlement) => (
            <Link to={settlementPath(settlement)}>
              <Button size="small" type={settlement.status === "processing" ? "primary" : "default"} icon={<EyeOutlined />} data-testid="settlement-open">
                {settlement.status === "processing" ? t("fx.common.process") : t("fx.common.view")}
              </Button>
            </Link>
          )}
        />
      </Table>
    </List>
  );
};
