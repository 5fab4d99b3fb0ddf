import { BellOutlined, CheckOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, List, Result, Segmented, Skeleton, Tag } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { filterOf, useResourceList } from "../../hooks/useResourceList";
import { useT } from "../../i18n/useT";
import { isModuleKey, modulePath } from "../../lib/catalogue";
import { formatRelative } from "../../lib/format";
import { api } from "../../providers";
import { queryClient } from "../../providers/queryClient";
import type { MessageItem } from "../../providers/types";

type Filter = "all" | "unread" | "business" | "todo" | "announcement";
const FILTERS: Filter[] = ["all", "unread", "business", "todo", "announcement"];
const PAGE_SIZE = 10;
const CATEGORY_COLOR: Record<string, string> = { business: "purple", todo: "orange", announcement: "blue" };

/** 消息中心 (G4): every message of the current merchant, filtered by category or unread, newest first. */
export function MessagesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>("all");
  const [page, setPage] = useState(1);

  const list = useResourceList<MessageItem, { unread: number }>({
    resource: "messages",
    filters: [
      ...filterOf("category", "eq", filter === "all" || filter === "unread" ? undefined : filter),
      ...filterOf("read", "eq", filter === "unread" ? false : undefined),
    ],
    page,
    pageSize: PAGE_SIZE,
  });
  const unread = list.data?.meta.unread ?? 0;

  const open = async (m: MessageItem) => {
    if (!m.read) {
      await api.markMessageRead(m.documentId).catch(() => undefined);
      await queryClient.invalidateQueries();
    }
    if (m.link?.startsWith("/")) navigate(m.link);
    else if (isModuleKey(m.module)) navigate(modulePath(m.module));
  };

  const markAll = async () => {
    const result = await api.markAllMessagesRead();
    message.success(t("messages.markedAll", { count: result.data.marked }));
    await queryClient.invalidateQueries();
  };

  return (
    <div className="jmt-page" data-testid="messages-page">
      <Card
        className="jmt-panel"
        title={
          <span className="jmt-panel-title">
            <BellOutlined /> {t("messages.title")}
            <span className="jmt-panel-extra" data-testid="messages-unread">
              {t("messages.unread", { count: unread })}
            </span>
          </span>
        }
        extra={
          <Button icon={<CheckOutlined />} disabled={unread === 0} onClick={() => void markAll()}>
            {t("messages.markAllRead")}
          </Button>
        }
      >
        <Segmented<Filter>
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setPage(1);
          }}
          options={FILTERS.map((f) => ({ value: f, label: t(`messages.filters.${f}`) }))}
          style={{ marginBottom: 16 }}
        />
        {list.isError ? (
          <Result
            status="warning"
            title={t("messages.loadFailed")}
            extra={<Button onClick={() => void list.refetch()}>{t("messages.retry")}</Button>}
          />
        ) : list.isLoading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <List<MessageItem>
            dataSource={list.data?.data ?? []}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={filter === "unread" ? t("messages.emptyUnread") : t("messages.empty")}
                />
              ),
            }}
            pagination={
              (list.data?.meta.pagination.total ?? 0) > PAGE_SIZE
                ? {
                    current: page,
                    pageSize: PAGE_SIZE,
                    total: list.data?.meta.pagination.total,
                    onChange: setPage,
                    showSizeChanger: false,
                  }
                : false
            }
            renderItem={(m) => (
              <List.Item
                key={m.documentId}
                className={m.read ? "is-read" : "is-unread"}
                data-testid="message-row"
                data-read={m.read ? "true" : "false"}
                onClick={() => void open(m)}
                style={{ cursor: "pointer" }}
              >
                <List.Item.Meta
                  title={
                    <span>
                      {!m.read && <span className="jmt-message-dot" aria-label={t("home.unreadDot")} />}
                      <Tag bordered={false} color={CATEGORY_COLOR[m.category ?? ""] ?? "default"}>
                        {t(`home.messageCategory.${m.category ?? "system"}`, undefined, m.category ?? "")}
                      </Tag>
                      {m.title}
                    </span>
                  }
                  description={m.body}
                />
                <span className="jmt-message-time">{formatRelative(m.createdAt)}</span>
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
