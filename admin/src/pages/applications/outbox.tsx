import { RefreshButton } from "../../components/common/RefreshButton";
import { WechatOutlined, MessageOutlined, RedoOutlined } from "@ant-design/icons";
import type { OutboxJob } from "@jmt/api-types";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { usePermissions, useTranslate, type HttpError } from "@refinedev/core";
import { App as AntdApp, Badge, Button, Empty, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { formatDateTime } from "../../lib/format";
import { hasPermission } from "../../lib/permissions";
import { workflowApi } from "../../providers/data-provider";

const STATUSES = ["failed", "pending", "sent"] as const;
const STATUS_COLORS: Record<string, string> = { failed: "red", pending: "gold", sent: "green" };

/** 推送失败 (G4): the WeChat template pushes in the outbox by status; failed and pending ones can be retried. */
export const OutboxJobList = () => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [retrying, setRetrying] = useState<string | null>(null);
  const { data: permissions } = usePermissions<string[]>({});
  const mayRetry = hasPermission(permissions, "outbox.retry");
  const { tableProps, filters, setFilters, tableQuery } = useTable<OutboxJob, HttpError>({
    resource: "outbox-jobs",
    dataProviderName: "workflow",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    filters: { initial: [{ field: "status", operator: "eq", value: "failed" }] },
    syncWithLocation: true,
  });
  const status = (getDefaultFilter("status", filters, "eq") as string | undefined) ?? "failed";
  const total = tableQuery.data?.total ?? 0;
  const failedTotal = (tableQuery.data as { failed?: number } | undefined)?.failed;

  const retry = async (job: OutboxJob) => {
    const id = String(job.documentId ?? job.id);
    setRetrying(id);
    try {
      await workflowApi.retryOutboxJob(id);
      message.success(t("outbox.retried"));
      await tableQuery.refetch();
    } catch (error) {
      notification.error({ message: t("outbox.retryFailed"), description: (error as ApiHttpError).message });
    } finally {
      setRetrying(null);
    }
  };

  return (
    <List
      title={t("outbox.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("outbox.subtitle")}</span> }}
      headerButtons={() => (
        <RefreshButton query={tableQuery} />
      )}
    >
      <Tabs
        activeKey={status}
        onChange={(next) => setFilters([{ field: "status", operator: "eq", value: next }], "replace")}
        items={STATUSES.map((key) => ({
          key,
          label: (
            <span data-testid={`outbox-tab-${key}`}>
              {t(`outbox.status.${key}`)}
              {key === "failed" && failedTotal ? <Badge count={failedTotal} size="small" style={{ marginInlineStart: 6 }} /> : null}
            </span>
          ),
        }))}
      />
      <Table<OutboxJob>
        {...tableProps}
        rowKey={(job) => String(job.documentId ?? job.id)}
        data-testid="outbox-table"
        scroll={{ x: 1100 }}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("outbox.total", { total }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`outbox.empty.${status}`)} /> }}
      >
        <Table.Column<OutboxJob>
          dataIndex="channel"
          title={t("outbox.fields.channel")}
          width={130}
          render={(value: string) => (
            <Tag
              bordered={false}
              color={value?.includes("wechat") ? "green" : "blue"}
              icon={value?.includes("wechat") ? <WechatOutlined /> : <MessageOutlined />}
            >
              {t(`outbox.channels.${String(value).replace(/\./g, "_")}`, value)}
            </Tag>
          )}
        />
        <Table.Column<OutboxJob>
          dataIndex="recipient"
          title={t("outbox.fields.recipient")}
          width={180}
          render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
        />
        <Table.Column<OutboxJob> dataIndex="title" title={t("outbox.fields.title")} render={(value?: string | null) => value || "—"} />
        <Table.Column<OutboxJob>
          dataIndex="status"
          title={t("outbox.fields.status")}
          width={100}
          render={(value: string) => (
            <Tag bordered={false} color={STATUS_COLORS[value] ?? "default"}>
              {t(`outbox.status.${value}`, value)}
            </Tag>
          )}
        />
        <Table.Column<OutboxJob>
          dataIndex="attempts"
          title={t("outbox.fields.attempts")}
          width={100}
          align="right"
          render={(value: number | undefined, job) => `${value ?? 0}${job.maxAttempts ? ` / ${job.maxAttempts}` : ""}`}
        />
        <Table.Column<OutboxJob>
          dataIndex="lastError"
          title={t("outbox.fields.lastError")}
          width={260}
          render={(value?: string | null) =>
            value ? (
              <Tooltip title={value} placement="topLeft">
                <Typography.Text type="danger" ellipsis style={{ maxWidth: 240 }}>
                  {value}
                </Typography.Text>
              </Tooltip>
            ) : (
              "—"
            )
          }
        />
        <Table.Column<OutboxJob>
          dataIndex="nextAttemptAt"
          title={t("outbox.fields.nextAttemptAt")}
          width={160}
          render={(value?: string | null) => formatDateTime(value)}
        />
        <Table.Column<OutboxJob>
          title={t("outbox.fields.actions")}
          width={100}
          fixed="right"
          render={(_, job) =>
            job.status !== "failed" || !mayRetry ? (
              <Typography.Text type="secondary">
                {job.status === "sent" ? formatDateTime(job.sentAt ?? job.updatedAt) : "—"}
              </Typography.Text>
            ) : (
              <Button
                size="small"
                icon={<RedoOutlined />}
                loading={retrying === String(job.documentId ?? job.id)}
                onClick={() => void retry(job)}
                data-testid="outbox-retry"
              >
                {t("outbox.retry")}
              </Button>
            )
          }
        />
      </Table>
    </List>
  );
};
