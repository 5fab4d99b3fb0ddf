import { EditOutlined, SearchOutlined, SettingOutlined, ShopOutlined } from "@ant-design/icons";
import { DDT_CONFIG_STATUSES, type CustomsConfigStatus, type StaffCustomsConfig } from "@jmt/api-types";
import { List } from "@refinedev/antd";
import { usePermissions, useTranslate } from "@refinedev/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Avatar, Badge, Button, Card, Empty, Flex, Input, Result, Segmented, Space, Table, Tooltip, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { RefreshButton } from "../../components/common/RefreshButton";
import { ConfigStatusTag } from "../../components/customs/CustomsStatusTag";
import { configStatusCounts } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { hasPermission } from "../../lib/permissions";
import { customsApi } from "../../providers/data-provider";
import { ConfigDrawer } from "./ConfigDrawer";
import { CUSTOMS_KEYS } from "./hooks";

type StatusFilter = CustomsConfigStatus | "all";

/**
 * 点点通接口配置 (C1): every merchant with its config status (校验通过 / 校验未通过 / 未校验 / 未配置), filterable by
 * status and name; 配置 / 编辑 opens the drawer (`?merchant=<documentId>` keeps it open across reloads).
 */
export const CustomsConfigList = () => {
  const t = useTranslate();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<StatusFilter>("all");
  const [search, setSearch] = useState("");
  const { data: permissions } = usePermissions<string[]>({});
  const mayEdit = hasPermission(permissions, "customs.config");
  const query = useQuery({ queryKey: CUSTOMS_KEYS.configs, queryFn: () => customsApi.configs() });
  const configs = useMemo(() => query.data ?? [], [query.data]);
  const counts = configStatusCounts(configs);
  const rows = configs.filter((config) => (status === "all" || config.status === status) && (!search.trim() || config.merchant.nameCn.includes(search.trim())));
  const openId = params.get("merchant");
  const open = configs.find((config) => config.merchant.documentId === openId)?.merchant ?? null;
  const setOpen = (merchant: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (merchant) next.set("merchant", merchant);
        else next.delete("merchant");
        return next;
      },
      { replace: true },
    );
  const onSaved = (saved: StaffCustomsConfig) =>
    client.setQueryData<StaffCustomsConfig[]>(CUSTOMS_KEYS.configs, (list) =>
      list?.map((config) =>
        config.merchant.documentId === saved.merchant.documentId ? { ...config, ...saved, registrationStatus: config.registrationStatus } : config,
      ),
    );

  const forbidden = (query.error as { statusCode?: number } | null)?.statusCode === 403;

  return (
    <List
      title={t("customs.configs.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("customs.configs.subtitle")}</span> }}
      headerButtons={() => <RefreshButton query={query} />}
    >
      {forbidden ? (
        <Result status="403" title={t("customs.common.forbidden")} subTitle={t("customs.common.forbiddenHint", { permission: "customs.config" })} />
      ) : (
        <Flex vertical gap={16}>
          <Card className="filter-card filter-card--inline" variant="borderless">
            <Flex wrap gap={16} align="center" justify="space-between">
              <Segmented<StatusFilter>
                value={status}
                onChange={setStatus}
                data-testid="config-status-filter"
                options={[
                  { value: "all", label: `${t("customs.configs.all")} ${configs.length}` },
                  ...DDT_CONFIG_STATUSES.map((key) => ({
                    value: key,
                    label: (
                      <span data-testid={`config-filter-${key}`}>
                        {t(`customs.configs.status.${key}`)}{" "}
                        <Badge
                          count={counts[key]}
                          showZero
                          size="small"
                          color={key === "valid" ? "#22a06b" : key === "invalid" ? "#e0464e" : key === "unverified" ? "#e8a317" : "#bfb6dd"}
                        />
                      </span>
                    ),
                  })),
                ]}
              />
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t("customs.configs.searchPlaceholder")}
                style={{ width: 260 }}
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                data-testid="config-search"
              />
            </Flex>
          </Card>
          <Table<StaffCustomsConfig>
            rowKey={(config) => config.merchant.documentId}
            dataSource={rows}
            loading={query.isLoading}
            data-testid="config-table"
            scroll={{ x: 1240 }}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (total) => t("customs.configs.total", { total }) }}
            locale={{
              emptyText: query.isLoading ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.configs.empty")} />,
            }}
            onRow={(config) => ({ "data-merchant": config.merchant.nameCn, "data-status": config.status }) as React.HTMLAttributes<HTMLElement>}
          >
            <Table.Column<StaffCustomsConfig>
              key="merchant"
              title={t("customs.configs.fields.merchant")}
              width={260}
              render={(_, config) => (
                <Space size={10}>
                  <Avatar shape="square" size={30} className="merchant-avatar" icon={<ShopOutlined />} />
                  <Link to={`/merchants/show/${config.merchant.documentId}`} className="strong-link">
                    {config.merchant.nameCn}
                  </Link>
                </Space>
              )}
            />
            <Table.Column<StaffCustomsConfig>
              dataIndex="status"
              title={t("customs.configs.fields.status")}
              width={200}
              render={(value: string, config) => (
                <Space size={4} className="nowrap">
                  <ConfigStatusTag status={value} />
                  {value === "invalid" && (config.verifyErrors?.length ?? 0) > 0 && (
                    <Tooltip title={config.verifyErrors?.map((error) => error.message).join("；")}>
                      <Typography.Text type="danger" className="config-issues">
                        {t("customs.configs.issues", { count: config.verifyErrors?.length ?? 0 })}
                      </Typography.Text>
                    </Tooltip>
                  )}
                </Space>
              )}
            />
            <Table.Column<StaffCustomsConfig>
              dataIndex="dxpId"
              title={t("customs.configs.fields.dxpId")}
              width={180}
              render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
            />
            <Table.Column<StaffCustomsConfig>
              key="ebc"
              title={t("customs.configs.fields.ebc")}
              width={240}
              render={(_, config) =>
                config.ebcCode || config.ebcName ? (
                  <div className="two-line">
                    <span>{config.ebcName || "—"}</span>
                    <Typography.Text type="secondary" className="mono">
                      {config.ebcCode || "—"}
                    </Typography.Text>
                  </div>
                ) : (
                  "—"
                )
              }
            />
            <Table.Column<StaffCustomsConfig>
              dataIndex="customsCode"
              title={t("customs.configs.fields.customsCode")}
              width={110}
              render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
            />
            <Table.Column<StaffCustomsConfig>
              dataIndex="verifiedAt"
              title={t("customs.configs.fields.verifiedAt")}
              width={160}
              render={(value?: string | null) => formatDateTime(value)}
            />
            <Table.Column<StaffCustomsConfig>
              key="actions"
              title={t("customs.configs.fields.actions")}
              width={110}
              fixed="right"
              render={(_, config) => (
                <Button
                  size="small"
                  type={config.configured ? "default" : "primary"}
                  icon={config.configured ? <EditOutlined /> : <SettingOutlined />}
                  onClick={() => setOpen(config.merchant.documentId)}
                  data-testid="config-open"
                >
                  {config.configured ? t("customs.configs.edit") : t("customs.configs.configure")}
                </Button>
              )}
            />
          </Table>
        </Flex>
      )}
      <ConfigDrawer merchant={open} mayEdit={mayEdit} onClose={() => setOpen(null)} onSaved={onSaved} />
    </List>
  );
};
