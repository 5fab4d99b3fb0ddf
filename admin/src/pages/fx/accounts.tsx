import { CloudUploadOutlined, SearchOutlined, ShopOutlined } from "@ant-design/icons";
import type { FxAccountListItem } from "@jmt/api-types";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Avatar, Badge, Button, Card, Col, Empty, Form, Input, Result, Row, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { RefreshButton } from "../../components/common/RefreshButton";
import { Money } from "../../components/fx/Money";
import { formatDateTime } from "../../lib/format";
import { useFxPermissions } from "./hooks";
import { TemplateButton } from "../../components/common/TemplateButton";
import { fxApi } from "../../providers/data-provider";

interface AccountSearch {
  q?: string;
}

/** The settlement queue searched for a merchant, on the 结汇中 tab. */
const settlingLink = (merchantName: string): string => {
  const search = new URLSearchParams([
    ["filters[0][field]", "status"],
    ["filters[0][operator]", "eq"],
    ["filters[0][value]", "processing"],
    ["filters[1][field]", "q"],
    ["filters[1][operator]", "eq"],
    ["filters[1][value]", merchantName],
  ]);
  return `/fx/settlements?${search.toString()}`;
};

/**
 * 子账户余额 (X2): every merchant's USD sub-account — balance, 结汇中 (frozen), available, when it last changed — with
 * 上传余额 (the Excel upload page) and the template one click away.
 */
export const FxAccountList = () => {
  const t = useTranslate();
  const { balances } = useFxPermissions();
  const { tableProps, searchFormProps, filters, tableQuery } = useTable<FxAccountListItem, HttpError, AccountSearch>({
    resource: "fx-accounts",
    dataProviderName: "fx",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    onSearch: ({ q }) => [{ field: "q", operator: "eq", value: q?.trim() || undefined }],
    syncWithLocation: true,
  });
  const [initialValues] = useState<AccountSearch>(() => ({ q: getDefaultFilter("q", filters, "eq") }));
  const filtered = Boolean(getDefaultFilter("q", filters, "eq"));
  const total = tableQuery.data?.total ?? 0;

  if (tableQuery.error?.statusCode === 403) {
    return (
      <List title={t("fx.accounts.title")} headerButtons={() => null}>
        <Result status="403" title={t("fx.common.forbidden")} subTitle={t("fx.common.forbiddenHint", { permission: "fx.balances" })} />
      </List>
    );
  }

  return (
    <List
      title={t("fx.accounts.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("fx.accounts.subtitle")}</span> }}
      headerButtons={() => (
        <Space wrap>
          {balances && <TemplateButton url={fxApi.templateUrl()} fileName={t("fx.upload.templateName")} testId="balance-template" />}
          {balances && (
            <Link to="/fx/balance-uploads">
              <Button type="primary" icon={<CloudUploadOutlined />} data-testid="open-balance-upload">
                {t("fx.accounts.upload")}
              </Button>
            </Link>
          )}
          <RefreshButton query={tableQuery} />
        </Space>
      )}
    >
      <Card className="filter-card" variant="borderless">
        <Form<AccountSearch> {...searchFormProps} layout="vertical" initialValues={initialValues}>
          <Row gutter={[16, 0]} align="bottom">
            <Col xs={24} sm={16} lg={10}>
              <Form.Item name="q" label={t("fx.accounts.filters.q")}>
                <Input allowClear prefix={<SearchOutlined />} placeholder={t("fx.accounts.filters.qPlaceholder")} data-testid="account-search" />
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

      <Table<FxAccountListItem>
        {...tableProps}
        rowKey={(account) => account.merchant.documentId}
        data-testid="account-table"
        scroll={{ x: 1100 }}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("fx.accounts.total", { total }) }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t("fx.accounts.emptyFiltered") : t("fx.accounts.empty")} />,
        }}
        onRow={(account) => ({ "data-merchant": account.merchant.nameCn, "data-sub-account": account.fxSubAccount ?? "" }) as React.HTMLAttributes<HTMLElement>}
      >
        <Table.Column<FxAccountListItem>
          key="merchant"
          title={t("fx.fields.merchant")}
          width={260}
          fixed="left"
          render={(_, account) => (
            <Space size={10}>
              <Avatar shape="square" size={28} className="merchant-avatar" icon={<ShopOutlined />} />
              <Link to={`/merchants/show/${account.merchant.documentId}`} className="strong-link">
                {account.merchant.nameCn}
              </Link>
            </Space>
          )}
        />
        <Table.Column<FxAccountListItem>
          dataIndex="fxSubAccount"
          title={t("fx.profile.fxSubAccount")}
          width={220}
          render={(value: string | null) =>
            value ? (
              <span className="mono" data-testid="account-sub-account">
                {value}
              </span>
            ) : (
              <Tooltip title={t("fx.accounts.noSubAccountHint")}>
                <Tag bordered={false} color="warning">
                  {t("fx.accounts.noSubAccount")}
                </Tag>
              </Tooltip>
            )
          }
        />
        <Table.Column<FxAccountListItem>
          dataIndex="balance"
          title={t("fx.fields.balance")}
          width={150}
          align="right"
          render={(value: string) => <Money value={value} strong testId="account-balance" />}
        />
        <Table.Column<FxAccountListItem>
          dataIndex="frozen"
          title={t("fx.fields.frozen")}
          width={170}
          align="right"
          render={(value: string, account) => (
            <Space size={6}>
              <Money value={value} testId="account-frozen" />
              {account.settling > 0 && (
                <Link to={settlingLink(account.merchant.nameCn)}>
                  <Tooltip title={t("fx.accounts.settlingHint", { count: account.settling })}>
                    <Badge count={account.settling} size="small" color="#d48806" />
                  </Tooltip>
                </Link>
              )}
            </Space>
          )}
        />
        <Table.Column<FxAccountListItem>
          dataIndex="available"
          title={t("fx.fields.available")}
          width={150}
          align="right"
          render={(value: string) => <Money value={value} testId="account-available" />}
        />
        <Table.Column<FxAccountListItem>
          dataIndex="updatedAt"
          title={t("fx.fields.updatedAt")}
          width={160}
          render={(value: string | null) =>
            value ? formatDateTime(value) : <Typography.Text type="secondary">{t("fx.accounts.neverUpdated")}</Typography.Text>
          }
        />
      </Table>
    </List>
  );
};
