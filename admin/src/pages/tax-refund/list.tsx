import { CloudUploadOutlined, EyeOutlined, SearchOutlined, ShopOutlined } from "@ant-design/icons";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Avatar, Badge, Button, Card, Col, Empty, Form, Input, Row, Space, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { ApplicationStatusTag } from "../../components/applications/ApplicationStatusTag";
import { WaitingTime } from "../../components/applications/WaitingTime";
import { RefreshButton } from "../../components/common/RefreshButton";
import { Money } from "../../components/fx/Money";
import { applicationPath, TAX_REFUND_PATHS } from "../../lib/application-kinds";
import { REFUND_PLATFORM_STATES, REFUND_TABS, refundData, refundTabCount, type RefundTab } from "../../lib/tax-refund";
import type { TaxRefundListItem } from "../../providers/tax-refund";
import { useRefundCounts, useTaxRefundPermissions } from "./hooks";

interface QueueSearch {
  q?: string;
}

const TAB_BADGE_COLORS: Partial<Record<RefundTab, string>> = { pending: "#d48806", declared: "#d48806", reviewing: "#722ed1", treasury: "#13a8a8" };

const waitsOnPlatform = (refund: TaxRefundListItem): boolean =>
  refund.owner ? refund.owner === "platform" : REFUND_PLATFORM_STATES.includes(String(refund.status));

/**
 * 退税申请: every merchant's refunds by state — 待办理 first (申报 / 审核 / 退库, the longest wait on top) — with the
 * claimed amount, the estimate from the rate table and what the return messages say was refunded; searchable by
 * number or merchant. Each opens the detail, where it is moved on, returned or refused.
 */
export const TaxRefundQueue = () => {
  const t = useTranslate();
  const { byStatus, query: countsQuery } = useRefundCounts();
  const { process } = useTaxRefundPermissions();

  const { tableProps, searchFormProps, filters, setFilters, tableQuery } = useTable<TaxRefundListItem, HttpError, QueueSearch>({
    resource: "tax-refunds",
    dataProviderName: "taxRefund",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    filters: { initial: [{ field: "status", operator: "eq", value: "pending" }] },
    onSearch: ({ q }) => [{ field: "q", operator: "eq", value: q?.trim() || undefined }],
    syncWithLocation: true,
  });
  const [initialValues] = useState<QueueSearch>(() => ({ q: getDefaultFilter("q", filters, "eq") }));
  const tab = ((getDefaultFilter("status", filters, "eq") as string | undefined) ?? "pending") as RefundTab;
  const q = getDefaultFilter("q", filters, "eq") as string | undefined;
  const total = tableQuery.data?.total ?? 0;

  return (
    <List
      title={t("taxRefund.queue.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("taxRefund.queue.subtitle")}</span> }}
      headerButtons={() => (
        <Space wrap>
          {process && (
            <Link to={TAX_REFUND_PATHS.returns}>
              <Button icon={<CloudUploadOutlined />}>{t("resources.taxRefundReturns")}</Button>
            </Link>
          )}
          <RefreshButton
            query={tableQuery}
            onRefresh={() => {
              void tableQuery.refetch();
              void countsQuery.refetch();
            }}
          />
        </Space>
      )}
    >
      <Tabs
        className="queue-tabs"
        activeKey={tab}
        onChange={(next) =>
          setFilters(
            [
              { field: "status", operator: "eq", value: next },
              { field: "q", operator: "eq", value: q || undefined },
            ],
            "replace",
          )
        }
        items={REFUND_TABS.map((key) => {
          const count = refundTabCount(key, byStatus);
          return {
            key,
            label: (
              <span data-testid={`refund-tab-${key}`} data-count={count ?? ""}>
                {t(`taxRefund.tabs.${key}`)}
                {count !== undefined && (
                  <Badge
                    count={count}
                    showZero={key === "pending"}
                    size="small"
                    overflowCount={999}
                    color={TAB_BADGE_COLORS[key]}
                    style={{ marginInlineStart: 6 }}
                  />
                )}
              </span>
            ),
          };
        })}
      />
      <Card className="filter-card" variant="borderless">
        <Form<QueueSearch> {...searchFormProps} layout="vertical" initialValues={initialValues}>
          <Row gutter={[16, 0]} align="bottom">
            <Col xs={24} sm={16} lg={10}>
              <Form.Item name="q" label={t("taxRefund.queue.q")}>
                <Input allowClear prefix={<SearchOutlined />} placeholder={t("taxRefund.queue.qPlaceholder")} data-testid="refund-search" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={14}>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t("applications.filters.search")}
                  </Button>
                  <Button
                    onClick={() => {
                      searchFormProps.form?.setFieldsValue({ q: undefined });
                      searchFormProps.form?.submit();
                    }}
                  >
                    {t("applications.filters.reset")}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <Table<TaxRefundListItem>
        {...tableProps}
        rowKey="documentId"
        data-testid="refund-table"
        className="application-table"
        scroll={{ x: 1120 }}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("taxRefund.queue.total", { total }) }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q ? t("taxRefund.queue.emptyFiltered") : t(`taxRefund.queue.empty.${tab}`, t("taxRefund.queue.emptyFiltered"))}
            />
          ),
        }}
        onRow={(refund) =>
          ({
            "data-number": refund.number ?? "",
            "data-merchant": refund.merchant?.nameCn ?? "",
            "data-status": refund.status,
          }) as React.HTMLAttributes<HTMLElement>
        }
      >
        <Table.Column<TaxRefundListItem>
          dataIndex="number"
          title={t("taxRefund.fields.number")}
          width={160}
          fixed="left"
          render={(value: string | null, refund) => (
            <Link to={applicationPath(refund)} className="strong-link mono" data-testid="refund-number">
              {value || refund.documentId}
            </Link>
          )}
        />
        <Table.Column<TaxRefundListItem>
          dataIndex={["merchant", "nameCn"]}
          title={t("applications.fields.merchant")}
          width={180}
          render={(_, refund) =>
            refund.merchant ? (
              <Space size={10}>
                <Avatar shape="square" size={28} className="merchant-avatar" icon={<ShopOutlined />} />
                <Link to={`/merchants/show/${refund.merchant.documentId}`}>{refund.merchant.nameCn}</Link>
              </Space>
            ) : (
              "—"
            )
          }
        />
        <Table.Column<TaxRefundListItem>
          dataIndex="status"
          title={t("applications.fields.status")}
          width={96}
          render={(value: string, refund) => <ApplicationStatusTag status={value} label={refund.statusLabel} />}
        />
        <Table.Column<TaxRefundListItem>
          key="hsCode"
          title={t("taxRefund.fields.hsCode")}
          width={120}
          render={(_, refund) => {
            const data = refundData(refund.data);
            return (
              <div className="two-line">
                <span className="mono">{data.hsCode || "—"}</span>
                <Typography.Text type="secondary">{data.enterpriseType ? t(`taxRefund.enterpriseTypes.${data.enterpriseType}`) : ""}</Typography.Text>
              </div>
            );
          }}
        />
        <Table.Column<TaxRefundListItem>
          key="orderAmount"
          title={t("taxRefund.fields.orderAmount")}
          width={120}
          align="right"
          render={(_, refund) => <Money value={refundData(refund.data).orderAmount} currency="CNY" />}
        />
        <Table.Column<TaxRefundListItem>
          key="estimate"
          title={t("taxRefund.fields.estimate")}
          width={125}
          align="right"
          render={(_, refund) =>
            refund.estimate ? (
              <Tooltip title={refund.estimate.formula}>
                <span className="two-line two-line--end" data-testid="refund-estimate-cell" data-value={refund.estimate.estimate}>
                  <Money value={refund.estimate.estimate} currency="CNY" strong />
                  <Typography.Text type="secondary">{t("taxRefund.queue.atRate", { rate: refund.estimate.rate })}</Typography.Text>
                </span>
              </Tooltip>
            ) : (
              <Tooltip title={t("taxRefund.estimate.none")}>
                <Typography.Text type="secondary">—</Typography.Text>
              </Tooltip>
            )
          }
        />
        <Table.Column<TaxRefundListItem>
          dataIndex="refundedAmount"
          title={t("taxRefund.fields.refundedAmount")}
          width={110}
          align="right"
          render={(value: string | null) =>
            value ? (
              <Tag bordered={false} color="green" className="refund-paid-tag" data-testid="refund-refunded-cell" data-value={value}>
                <Money value={value} currency="CNY" strong />
              </Tag>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            )
          }
        />
        <Table.Column<TaxRefundListItem>
          key="waiting"
          title={t("applications.fields.waiting")}
          width={120}
          render={(_, refund) => <WaitingTime application={refund} active={waitsOnPlatform(refund)} />}
        />
        <Table.Column<TaxRefundListItem>
          key="actions"
          title={t("applications.fields.actions")}
          width={88}
          fixed="right"
          render={(_, refund) => (
            <Link to={applicationPath(refund)}>
              <Button size="small" type={waitsOnPlatform(refund) ? "primary" : "default"} icon={<EyeOutlined />} data-testid="refund-open">
                {waitsOnPlatform(refund) ? t("applications.process") : t("applications.view")}
              </Button>
            </Link>
          )}
        />
      </Table>
    </List>
  );
};
