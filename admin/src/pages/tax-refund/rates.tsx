import { DeleteOutlined, EditOutlined, PlusOutlined, SearchOutlined } from "@ant-design/icons";
import type { RefundRate } from "@jmt/api-types";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { App as AntdApp, Button, Card, Col, Empty, Flex, Form, Input, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RefreshButton } from "../../components/common/RefreshButton";
import { beijingToday, rateStateOf, type RateState } from "../../lib/tax-refund";
import { taxRefundApi } from "../../providers/data-provider";
import { EstimateCalculator } from "./EstimateCalculator";
import { TAX_REFUND_KEYS, useRefreshTaxRefunds, useTaxRefundPermissions } from "./hooks";
import { RateFormModal, usePeriodLabel } from "./RateFormModal";

interface RateSearch {
  q?: string;
}

const STATE_COLORS: Record<RateState, string> = { active: "green", upcoming: "blue", expired: "default" };

/**
 * 退税率表 (T4): the HS-code refund rates with the periods they apply, which every estimate comes from — searchable,
 * edited by staff with `taxrefund.rates` (new / edit / delete; overlapping periods of one code are refused), with a
 * calculator to check the result at once.
 */
export const RefundRatesPage = () => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const { rates: mayEdit } = useTaxRefundPermissions();
  const periodOf = usePeriodLabel();
  const [editing, setEditing] = useState<{ rate: RefundRate | null } | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const today = beijingToday();

  const { tableProps, searchFormProps, filters, tableQuery } = useTable<RefundRate, HttpError, RateSearch>({
    resource: "tax-refund-rates",
    dataProviderName: "taxRefund",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    onSearch: ({ q }) => [{ field: "q", operator: "eq", value: q?.trim() || undefined }],
    syncWithLocation: true,
  });
  const [initialValues] = useState<RateSearch>(() => ({ q: getDefaultFilter("q", filters, "eq") }));
  const q = getDefaultFilter("q", filters, "eq") as string | undefined;
  const total = tableQuery.data?.total ?? 0;
  const client = useQueryClient();
  const refreshRefunds = useRefreshTaxRefunds();
  // The table changed: so may every estimate (calculator, queue, details).
  const afterChange = () => Promise.all([tableQuery.refetch(), client.invalidateQueries({ queryKey: TAX_REFUND_KEYS.all }), refreshRefunds()]);

  const remove = async (rate: RefundRate) => {
    setDeleting(rate.id);
    try {
      await taxRefundApi.deleteRate(rate.id);
      message.success(t("taxRefund.rates.deleted", { code: rate.hsCode }));
      await afterChange();
    } catch (error) {
      notification.error({ message: t("taxRefund.rates.deleteFailed"), description: (error as HttpError).message });
    } finally {
      setDeleting(null);
    }
  };

  return (
    <List
      title={t("taxRefund.rates.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("taxRefund.rates.subtitle")}</span> }}
      headerButtons={() => (
        <Space wrap>
          {mayEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ rate: null })} data-testid="rate-create">
              {t("taxRefund.rates.create")}
            </Button>
          )}
          <RefreshButton query={tableQuery} />
        </Space>
      )}
    >
      <Flex vertical gap={20}>
        <EstimateCalculator />

        <Card variant="borderless" className="section-card" data-testid="rate-table-card">
          <Form<RateSearch> {...searchFormProps} layout="inline" initialValues={initialValues} className="rate-search">
            <Row gutter={[12, 12]} style={{ width: "100%" }} align="middle">
              <Col xs={24} sm={16} lg={10}>
                <Form.Item name="q" noStyle>
                  <Input allowClear prefix={<SearchOutlined />} placeholder={t("taxRefund.rates.searchPlaceholder")} data-testid="rate-search" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8} lg={14}>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t("applications.filters.search")}
                  </Button>
                  {!mayEdit && <Typography.Text type="secondary">{t("taxRefund.rates.readOnly")}</Typography.Text>}
                </Space>
              </Col>
            </Row>
          </Form>
          <Table<RefundRate>
            {...tableProps}
            rowKey="id"
            data-testid="rate-table"
            style={{ marginTop: 16 }}
            scroll={{ x: 1100 }}
            pagination={{ ...tableProps.pagination, showTotal: () => t("taxRefund.rates.total", { total }) }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t("taxRefund.rates.emptyFiltered") : t("taxRefund.rates.empty")} />,
            }}
            onRow={(rate) => ({ "data-hs-code": rate.hsCode, "data-rate": rate.rate }) as React.HTMLAttributes<HTMLElement>}
          >
            <Table.Column<RefundRate>
              dataIndex="hsCode"
              title={t("taxRefund.rates.fields.hsCode")}
              width={170}
              render={(value: string) => (
                <Space size={6} className="nowrap">
                  <Typography.Text strong className="mono">
                    {value}
                  </Typography.Text>
                  {value.length < 10 && (
                    <Tooltip title={t("taxRefund.rates.prefixHint", { prefix: value })}>
                      <Tag bordered={false} color="geekblue">
                        {t("taxRefund.rates.prefix")}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              )}
            />
            <Table.Column<RefundRate> dataIndex="description" title={t("taxRefund.rates.fields.description")} width={260} />
            <Table.Column<RefundRate>
              dataIndex="rate"
              title={t("taxRefund.rates.fields.rate")}
              width={90}
              align="right"
              render={(value: string) => (
                <span className="rate refund-rate-cell" data-testid="rate-value" data-value={value}>
                  {value}%
                </span>
              )}
            />
            <Table.Column<RefundRate> key="period" title={t("taxRefund.rates.fields.period")} width={190} render={(_, rate) => periodOf(rate)} />
            <Table.Column<RefundRate>
              key="state"
              title={t("taxRefund.rates.fields.state")}
              width={90}
              render={(_, rate) => {
                const state = rateStateOf(rate, today);
                return (
                  <Tag bordered={false} color={STATE_COLORS[state]}>
                    {t(`taxRefund.rates.states.${state}`)}
                  </Tag>
                );
              }}
            />
            <Table.Column<RefundRate>
              dataIndex="note"
              title={t("taxRefund.rates.fields.note")}
              render={(value: string | null) =>
                value ? (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: value }} style={{ margin: 0 }}>
                    {value}
                  </Typography.Paragraph>
                ) : (
                  "—"
                )
              }
            />
            {mayEdit && (
              <Table.Column<RefundRate>
                key="actions"
                title={t("applications.fields.actions")}
                width={140}
                fixed="right"
                render={(_, rate) => (
                  <Space size={2}>
                    <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ rate })} data-testid="rate-edit">
                      {t("taxRefund.rates.edit")}
                    </Button>
                    <Popconfirm
                      title={t("taxRefund.rates.deleteTitle", { code: rate.hsCode })}
                      description={t("taxRefund.rates.deleteHint")}
                      okText={t("taxRefund.rates.delete")}
                      okButtonProps={{ danger: true }}
                      cancelText={t("buttons.cancel")}
                      onConfirm={() => remove(rate)}
                    >
                      <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={deleting === rate.id} data-testid="rate-delete">
                        {t("taxRefund.rates.delete")}
                      </Button>
                    </Popconfirm>
                  </Space>
                )}
              />
            )}
          </Table>
        </Card>
      </Flex>

      <RateFormModal
        open={editing !== null}
        rate={editing?.rate ?? null}
        onClose={() => setEditing(null)}
        onSaved={async () => {
          setEditing(null);
          await afterChange();
        }}
      />
    </List>
  );
};
