import { RefreshButton } from "../../components/common/RefreshButton";
import { CloudUploadOutlined, MessageOutlined, RedoOutlined, WechatOutlined } from "@ant-design/icons";
import { DDT_OUTBOX_CHANNEL, WECHAT_OUTBOX_CHANNEL, type OutboxJob } from "@jmt/api-types";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { usePermissions, useTranslate, type HttpError } from "@refinedev/core";
import { App as AntdApp, Badge, Button, Empty, Flex, Segmented, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { formatDateTime } from "../../lib/format";
import { hasPermission } from "../../lib/permissions";
import { workflowApi } from "../../providers/data-provider";

const STATUSES = ["failed", "pending", "sent"] as const;
const STATUS_COLORS: Record<string, string> = { failed: "red", pending: "gold", sent: "green" };
/** The channel filter of 推送失败: every channel, the WeChat pushes, the 点点通 CEB messages. */
const CHANNELS = [
  { value: "", key: "all" },
  { value: WECHAT_OUTBOX_CHANNEL, key: "wechat" },
  { value: DDT_OUTBOX_CHANNEL, key: "ddt" },
] as const;

const ChannelTag = ({ channel }: { channel: string }) => {
  const t = useTranslate();
  const ddt = channel === DDT_OUTBOX_CHANNEL;
  const wechat = channel?.includes("wechat");
  return (
    <Tag
      bordered={false}
      color={ddt ? "purple" : wechat ? "green" : "blue"}
      icon={ddt ? <CloudUploadOutlined /> : wechat ? <WechatOutlined /> : <MessageOutlined />}
      data-channel={channel}
    >
      {t(`outbox.channels.${String(channel).replace(/\./g, "_")}`, channel)}
    </Tag>
  );
};

/**
 * 推送失败 (G4): the outbox by status — WeChat template pushes and 点点通 CEB messages, filterable by channel; failed
 * ones can be retried. With `channel` the list is that channel's only (出口报关 → 失败报文: `ddt.ceb`).
 */
export const OutboxJobList = ({ channel: fixedChannel }: { channel?: string } = {}) => {
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
    filters: {
      initial: [{ field: "status", operator: "eq", value: "failed" }],
      permanent: fixedChannel ? [{ field: "channel", operator: "eq", value: fixedChannel }] : [],
    },
    syncWithLocation: true,
  });
  const status = (getDefaultFilter("status", filters, "eq") as string | undefined) ?? "failed";
  const channel = fixedChannel ?? ((getDefaultFilter("channel", filters, "eq") as string | undefined) || "");
  const total = tableQuery.data?.total ?? 0;
  // `meta.counts.failed` counts the failed jobs of the channel listed (or of all), whatever tab is open.
  const failedTotal = (tableQuery.data as { failed?: number } | undefined)?.failed;
  const texts = fixedChannel === DDT_OUTBOX_CHANNEL ? "customs.failures" : "outbox";
  const setStatusAndChannel = (next: { status?: string; channel?: string }) =>
    setFilters(
      [
        { field: "status", operator: "eq", value: next.status ?? status },
        ...(fixedChannel ? [] : [{ field: "channel", operator: "eq" as const, value: (next.channel ?? channel) || undefined }]),
      ],
      "replace",
    );

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
      title={t(`${texts}.title`)}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t(`${texts}.subtitle`)}</span> }}
      headerButtons={() => <RefreshButton query={tableQuery} />}
    >
      {!fixedChannel && (
        <Flex className="outbox-channels" gap={12} align="center" wrap>
          <Segmented<string>
            value={channel}
            onChange={(next) => setStatusAndChannel({ channel: next })}
            options={CHANNELS.map((option) => ({ value: option.value, label: t(`outbox.channelFilter.${option.key}`) }))}
            data-testid="outbox-channel"
          />
        </Flex>
      )}
      <Tabs
        activeKey={status}
        onChange={(next) => setStatusAndChannel({ status: next })}
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
        scroll={{ x: 1300 }}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("outbox.total", { total }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`${texts}.empty.${status}`)} /> }}
      >
        {!fixedChannel && (
          <Table.Column<OutboxJob>
            dataIndex="channel"
            title={t("outbox.fields.channel")}
            width={140}
            render={(value: string) => <ChannelTag channel={value} />}
          />
        )}
        <Table.Column<OutboxJob>
          dataIndex="recipient"
          title={fixedChannel === DDT_OUTBOX_CHANNEL ? t("customs.failures.fields.recipient") : t("outbox.fields.recipient")}
          width={180}
          render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
        />
        <Table.Column<OutboxJob>
          dataIndex="title"
          title={fixedChannel === DDT_OUTBOX_CHANNEL ? t("customs.failures.fields.title") : t("outbox.fields.title")}
          width={220}
          render={(value?: string | null) => value || "—"}
        />
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
              <Typography.Text type="secondary">{job.status === "sent" ? formatDateTime(job.sentAt ?? job.updatedAt) : "—"}</Typography.Text>
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
