import { BellOutlined } from "@ant-design/icons";
import { Badge, Card, Empty, Tag } from "antd";
import { useNavigate } from "react-router";
import { api } from "../../providers";
import { queryClient } from "../../providers/queryClient";
import { useT } from "../../i18n/useT";
import { isModuleKey, modulePath } from "../../lib/catalogue";
import { formatRelative } from "../../lib/format";
import type { HomePayload } from "../../providers/types";

const CATEGORY_COLOR: Record<string, string> = {
  business: "purple",
  todo: "orange",
  announcement: "blue",
  system: "default",
};

/** G4/G8 business message feed on the home page: latest messages with unread marks. */
export function MessagePanel({ home }: { home: HomePayload }) {
  const t = useT();
  const navigate = useNavigate();
  const latest = home.messages?.latest ?? [];

  /** Opening a message marks it read (members too), refreshes the unread counts, then goes to its module. */
  const open = async (documentId: string, read: boolean, target: string | null) => {
    if (!read) {
      await api.markMessageRead(documentId).catch(() => undefined);
      await queryClient.invalidateQueries();
    }
    if (target) navigate(target);
  };
  const unread = home.messages?.unread ?? 0;

  return (
    <Card
      id="messages"
      className="jmt-panel"
      data-testid="message-panel"
      title={
        <span className="jmt-panel-title">
          <BellOutlined /> {t("home.messages")}
          {unread > 0 && <Badge count={unread} className="jmt-panel-badge" />}
        </span>
      }
      extra={
        <span className="jmt-panel-extra-wrap">
          {unread > 0 && <span className="jmt-panel-extra">{t("home.unread", { count: unread })}</span>}{" "}
          <a onClick={() => navigate("/messages")} data-testid="messages-view-all">
            {t("messages.viewAll")}
          </a>
        </span>
      }
    >
      {latest.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("home.messagesEmpty")} />
      ) : (
        <ul className="jmt-messages">
          {latest.map((m) => {
            const target = m.link?.startsWith("/") ? m.link : isModuleKey(m.module) ? modulePath(m.module) : null;
            const category = m.category ?? "system";
            return (
              <li key={m.documentId} className={m.read ? "is-read" : "is-unread"}>
                <button
                  type="button"
                  data-testid="message-item"
                  onClick={() => void open(m.documentId, m.read, target)}
                >
                  <span className="jmt-message-dot" aria-label={m.read ? undefined : t("home.unreadDot")} />
                  <div className="jmt-message-body">
                    <div className="jmt-message-head">
                      <Tag bordered={false} color={CATEGORY_COLOR[category] ?? "default"}>
                        {t(`home.messageCategory.${category}`, undefined, category)}
                      </Tag>
                      {isModuleKey(m.module) && (
                        <span className="jmt-message-module">{t(`modules.${m.module}.title`)}</span>
                      )}
                      <span className="jmt-message-time">{formatRelative(m.createdAt)}</span>
                    </div>
                    <div className="jmt-message-title">{m.title}</div>
                    {m.body && <div className="jmt-message-text">{m.body}</div>}
                  </div>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
