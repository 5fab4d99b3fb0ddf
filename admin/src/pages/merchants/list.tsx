import { EyeOutlined, SearchOutlined, ShopOutlined } from "@ant-design/icons";
import { getDefaultFilter, getDefaultSortOrder, List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Avatar, Button, Empty, Form, Input, Space, Table, Tooltip, Typography } from "antd";
import { Link } from "react-router";
import { MerchantTypeTag, REGISTRATION_STATUSES, RegistrationStatusTag } from "../../components/common/RegistrationStatusTag";
import { formatDateTime } from "../../lib/format";
import type { Merchant } from "../../types/merchant";

interface MerchantSearch {
  nameCn?: string;
}

/** 商户管理: every merchant on the platform, searchable by name, filterable by registration status. */
export const MerchantList = () => {
  const t = useTranslate();
  const { tableProps, searchFormProps, filters, sorters, tableQuery } = useTable<Merchant, HttpError, MerchantSearch>({
    resource: "merchants",
    pagination: { pageSize: 20 },
    sorters: { initial: [{ field: "createdAt", order: "desc" }] },
    onSearch: ({ nameCn }) => [{ field: "nameCn", operator: "contains", value: nameCn?.trim() || undefined }],
    syncWithLocation: true,
  });
  const total = tableQuery.data?.total ?? 0;

  return (
    <List
      title={t("merchants.titles.list")}
      headerButtons={() => (
        <Form {...searchFormProps} layout="inline" className="search-form" initialValues={{ nameCn: getDefaultFilter("nameCn", filters, "contains") }}>
          <Form.Item name="nameCn" noStyle>
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t("merchants.searchPlaceholder")}
              style={{ width: 260 }}
              onPressEnter={() => searchFormProps.form?.submit()}
              onClear={() => searchFormProps.form?.submit()}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t("merchants.search")}
          </Button>
        </Form>
      )}
    >
      <Table<Merchant>
        {...tableProps}
        rowKey="id"
        scroll={{ x: 960 }}
        pagination={{
          ...tableProps.pagination,
          showSizeChanger: true,
          showTotal: () => t("merchants.total", { total }),
        }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("merchants.empty")} /> }}
      >
        <Table.Column<Merchant>
          dataIndex="nameCn"
          title={t("merchants.fields.nameCn")}
          render={(value: string, record) => (
            <Space size={12}>
              <Avatar shape="square" size={36} className="merchant-avatar" icon={<ShopOutlined />} />
              <Link to={`/merchants/show/${record.id}`} className="strong-link">
                {value}
              </Link>
            </Space>
          )}
        />
        <Table.Column<Merchant>
          dataIndex="nameEn"
          title={t("merchants.fields.nameEn")}
          render={(value?: string | null) => <Typography.Text type="secondary">{value || "—"}</Typography.Text>}
        />
        <Table.Column<Merchant>
          dataIndex="type"
          title={t("merchants.fields.type")}
          width={130}
          render={(value?: string | null) => <MerchantTypeTag type={value} />}
        />
        <Table.Column<Merchant>
          dataIndex="registrationStatus"
          title={t("merchants.fields.registrationStatus")}
          width={150}
          filters={REGISTRATION_STATUSES.map((status) => ({ text: t(`merchants.status.${status}`), value: status }))}
          filteredValue={getDefaultFilter("registrationStatus", filters, "in") ?? null}
          render={(value?: string | null) => <RegistrationStatusTag status={value} />}
        />
        <Table.Column<Merchant>
          dataIndex="createdAt"
          title={t("merchants.fields.createdAt")}
          width={170}
          sorter
          defaultSortOrder={getDefaultSortOrder("createdAt", sorters)}
          render={(value?: string) => formatDateTime(value)}
        />
        <Table.Column<Merchant>
          title={t("merchants.fields.actions")}
          width={90}
          fixed="right"
          render={(_, record) => (
            <Tooltip title={t("merchants.view")}>
              <Link to={`/merchants/show/${record.id}`}>
                <Button type="text" icon={<EyeOutlined />} aria-label={t("merchants.view")} />
              </Link>
            </Tooltip>
          )}
        />
      </Table>
    </List>
  );
};
