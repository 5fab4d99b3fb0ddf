import {
  CarryOutOutlined,
  FileExcelOutlined,
  LockOutlined,
  PartitionOutlined,
  RightOutlined,
  SnippetsOutlined,
} from "@ant-design/icons";
import { FileProtectOutlined } from "@ant-design/icons";
import { Card, Empty, Skeleton, Tag } from "antd";
import { useApplicationTodos } from "../../hooks/useApplications";
import { useCustomsTodos } from "../../hooks/useCustoms";
import type { ReactNode } from "react";
import { useNavigate } from "react-router";
import { ModuleIcon } from "../../components/ModuleIcon";
import { useT } from "../../i18n/useT";
import { isModuleKey, modulePath } from "../../lib/catalogue";
import { resolveModules, todoItems, type CustomsTodoKind } from "../../lib/modules";
import type { HomePayload } from "../../providers/types";

const CUSTOMS_ICON: Record<CustomsTodoKind, ReactNode> = {
  orders: <FileExcelOutlined />,
  lists: <PartitionOutlined />,
  summaries: <SnippetsOutlined />,
};

const CUSTOMS_LABEL: Record<CustomsTodoKind, string> = {
  orders: "home.todoOrders",
  lists: "home.todoLists",
  summaries: "home.todoSummaries",
};

/** G8 to-do panel: 出口报关 split into 电子订单 / 清单总分单 / 汇总申请单, then other modules. */
export function TodoPanel({ home }: { home: HomePayload }) {
  const t = useT();
  const navigate = useNavigate();
  const { customs, others: moduleTodos, total } = todoItems(home);
  const applicationTodos = useApplicationTodos();
  const appItems = applicationTodos.data ?? [];
  // Modules whose to-dos are listed one by one below are not repeated as a count.
  const others = moduleTodos.filter((item) => !appItems.some((a) => a.module === item.module));
  const customsOpen = resolveModules(home).find((m) => m.key === "customs")?.enabled ?? false;
  // 出口报关 to-dos one by one (GET /api/customs/todos): what each batch needs next, rejected 撤销申请单.
  const customsTodos = useCustomsTodos(customsOpen);
  const customsItems = customsOpen ? (customsTodos.data?.items ?? []) : [];

  return (
    <Card
      className="jmt-panel"
      title={
        <span className="jmt-panel-title">
          <CarryOutOutlined /> {t("home.todos")}
        </span>
      }
      extra={<span className="jmt-panel-extra">{t("home.todoTotal", { count: total })}</span>}
      data-testid="todo-panel"
    >
      {(applicationTodos.isLoading || appItems.length > 0) && (
        <div className="jmt-todo-section" data-testid="application-todos">
          <div className="jmt-todo-section-title">
            <FileProtectOutlined /> {t("home.applicationTodos")}
          </div>
          {applicationTodos.isLoading ? (
            <Skeleton active title={false} paragraph={{ rows: 2 }} />
          ) : (
            <ul className="jmt-todo-list jmt-app-todos">
              {appItems.map((item) => (
                <li key={`${item.kind}-${item.applicationId ?? "new"}`}>
                  <button
                    type="button"
                    onClick={() => navigate(item.link)}
                    data-testid="application-todo"
                    data-link={item.link}
                    data-kind={item.kind}
                  >
                    {isModuleKey(item.module) && <ModuleIcon moduleKey={item.module} size={30} />}
                    <span className="jmt-todo-name">
                      <span className="jmt-app-todo-title">{item.title}</span>
                      {item.note && <span className="jmt-app-todo-note">{item.note}</span>}
                    </span>
                    {item.status === "returned" ? (
                      <Tag bordered={false} color="warning">
                        {item.statusLabel ?? t("applications.status.returned")}
                      </Tag>
                    ) : (
                      item.statusLabel && <Tag bordered={false}>{item.statusLabel}</Tag>
                    )}
                    <RightOutlined />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="jmt-todo-section">
        <div className="jmt-todo-section-title">
          <ModuleIcon moduleKey="customs" size={24} muted={!customsOpen} /> {t("home.customsTodos")}
          {!customsOpen && (
            <span className="jmt-todo-locked">
              <LockOutlined /> {t("home.locked")}
            </span>
          )}
        </div>
        <div className="jmt-todo-split">
          {customs.map((item) => (
            <button
              type="button"
              key={item.feature}
              className={`jmt-todo-tile${item.count > 0 ? " has-todo" : ""}`}
              disabled={!customsOpen}
              data-todo={item.feature}
              onClick={() => navigate(modulePath("customs", item.feature))}
            >
              <span className="jmt-todo-tile-icon">{item.feature && CUSTOMS_ICON[item.feature]}</span>
              <strong>{item.count}</strong>
              <span>{item.feature && t(CUSTOMS_LABEL[item.feature])}</span>
            </button>
          ))}
        </div>
        {customsOpen && customsTodos.isLoading && (
          <Skeleton active title={false} paragraph={{ rows: 2 }} className="jmt-customs-todos" />
        )}
        {customsItems.length > 0 && (
          <ul className="jmt-todo-list jmt-app-todos jmt-customs-todos" data-testid="customs-todos">
            {customsItems.map((item) => (
              <li key={item.key}>
                <button
                  type="button"
                  onClick={() => navigate(item.link)}
                  data-testid="customs-todo"
                  data-link={item.link}
                  data-action={item.action ?? ""}
                >
                  <ModuleIcon moduleKey="customs" size={30} />
                  <span className="jmt-todo-name">
                    <span className="jmt-app-todo-title">{item.title}</span>
                    {item.body && <span className="jmt-customs-todo-body">{item.body}</span>}
                  </span>
                  <RightOutlined />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="jmt-todo-section">
        <div className="jmt-todo-section-title">{t("home.otherTodos")}</div>
        {others.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("home.todoEmpty")} className="jmt-empty-compact" />
        ) : (
          <ul className="jmt-todo-list">
            {others.map((item) => (
              <li key={item.module}>
                <button type="button" onClick={() => navigate(modulePath(item.module))}>
                  <ModuleIcon moduleKey={item.module} size={30} />
                  <span className="jmt-todo-name">{t(`modules.${item.module}.title`)}</span>
                  <span className="jmt-todo-count">{t("home.todoBadge", { count: item.count })}</span>
                  <RightOutlined />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
