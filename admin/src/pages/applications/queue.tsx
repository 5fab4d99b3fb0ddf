import { RefreshButton } from "../../components/common/RefreshButton";
import { EyeOutlined, FieldTimeOutlined, SearchOutlined, ShopOutlined } from "@ant-design/icons";
import type { Application } from "@jmt/api-types";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Avatar, Badge, type TableProps, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Table, Tabs } from "antd";
import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApplicationStatusTag } from "../../components/applications/ApplicationStatusTag";
import { WaitingTime } from "../../components/applications/WaitingTime";
import { APPLICATION_KINDS, applicationPath } from "../../lib/application-kinds";
import { ALL_STATUSES, PLATFORM_PENDING, platformStatesOf, stateLabel, statesOf, waitingStart } from "../../lib/application-query";
import { formatDateTime } from "../../lib/format";
import { useApplicationKinds, useKindLabel, useStaffTodos } from "./hooks";

interface QueueSearch {
  status?: string;
  q?: string;
}

/** 业务审核 → one queue per kind (工商注册, 海关企业注册登记, …): tabs across the kinds, filters, the table. */
export const ApplicationQueue = () => {
  const { kind = APPLICATION_KINDS[0] } = useParams();
  // A fresh table (filters, page) per kind.
  return <QueueTable key={kind} kind={kind} />;
};

const QueueTable = ({ kind }: { kind: string }) => {
  const t = useTranslate();
  const navigate = useNavigate();
  const kindLabel = useKindLabel();
  const { kinds } = useApplicationKinds();
  const { counts, query: todosQuery } = useStaffTodos();

  const { tableProps, searchFormProps, filters, tableQuery } = useTable<Application, HttpError, QueueSearch>({
    resource: "applications",
    dataProviderName: "workflow",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    filters: {
      permanent: [{ field: "kind", operator: "eq", value: kind }],
      initial: [{ field: "status", operator: "eq", value: PLATFORM_PENDING }],
    },
    onSearch: ({ status, q }) => [
      { field: "status", operator: "eq", value: status || ALL_STATUSES },
      { field: "q", operator: "eq", value: q?.trim() || undefined },
    ],
    syncWithLocation: true,
  });
  const [initialValues] = useState<QueueSearch>(() => ({
    status: getDefaultFilter("status", filters, "eq") ?? PLATFORM_PENDING,
    q: getDefaultFilter("q", filters, "eq"),
  }));
  const total = tableQuery.data?.total ?? 0;
  const platformStates = platformStatesOf(kind, kinds);
  const labelOf = (state: string, fromRecord?: string) => stateLabel(state, kind, kinds, (key) => fromRecord || t(`applications.states.${key}`, key));

  const statusOptions = [
    { value: PLATFORM_PENDING, label: t("applications.filters.platformPending") },
    { value: ALL_STATUSES, label: t("applications.filters.allStatuses") },
    ...statesOf(kind, kinds).map((state) => ({ value: state.key, label: labelOf(state.key, state.label) })),
  ];

  return (
    <List
      title={t("applications.titles.queue", { kind: kindLabel(kind) })}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("applications.queueSubtitle")}</span> }}
      headerButtons={() => (
        <Space>
          <Link to="/reviews/stuck">
            <Button icon={<FieldTimeOutlined />}>{t("resources.stuck")}</Button>
          </Link>
          <RefreshButton
            query={tableQuery}
            onRefresh={() => {
              void tableQuery.refetch();
              void todosQuery.refetch();
            }}
          />
        </Space>
      )}
    >
      <Tabs
        className="queue-tabs"
        activeKey={kind}
        onChange={(next) => navigate(`/reviews/${next}`)}
        items={APPLICATION_KINDS.map((key) => ({
          key,
          label: (
            <span data-testid={`queue-tab-${key}`}>
              {kindLabel(key)}
              <Badge count={counts[key] ?? 0} size="small" overflowCount={99} style={{ marginInlineStart: 6 }} showZero={false} />
            </span>
          ),
        }))}
      />
      <Card className="filter-card" variant="borderless">
        <Form<QueueSearch> {...searchFormProps} layout="vertical" initialValues={initialValues}>
          <Row gutter={[16, 0]} align="bottom">
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="status" label={t("applications.filters.status")}>
                <Select options={statusOptions} onChange={() => searchFormProps.form?.submit()} data-testid="queue-status-filter" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="q" label={t("applications.filters.merchant")}>
                <Input allowClear prefix={<SearchOutlined />} placeholder={t("applications.filters.merchantPlaceholder")} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={10}>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t("applications.filters.search")}
                  </Button>
                  <Button
                    onClick={() => {
                      searchFormProps.form?.setFieldsValue({ status: PLATFORM_PENDING, q: undefined });
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

      <ApplicationTable
        tableProps={tableProps}
        total={total}
        platformStates={platformStates}
        showKind={false}
        testId="application-queue-table"
        emptyText={t("applications.emptyQueue")}
      />
    </List>
  );
};

interface ApplicationTableProps {
  tableProps: TableProps<Application>;
  total: number;
  platformStates: string[] | ((application: Application) => boolean);
  showKind: boolean;
  testId: string;
  emptyText: string;
  /** Client-side sort by waiting time (the stuck view). */
  sortableWaiting?: boolean;
  /** The 提交时间 column (the stuck view leaves it out: the wait starts at the last move). */
  showSubmitted?: boolean;
}

/** The applications table shared by the queues and the stuck view. */
export const ApplicationTable = ({
  tableProps,
  total,
  platformStates,
  showKind,
  testId,
  emptyText,
  sortableWaiting,
  showSubmitted = true,
}: ApplicationTableProps) => {
  const t = useTranslate();
  const kindLabel = useKindLabel();
  const { kinds } = useApplicationKinds();
  const waitsOnPlatform = (record: Application): boolean =>
    typeof platformStates === "function" ? platformStates(record) : record.owner ? record.owner === "platform" : platformStates.includes(String(record.status));
  const since = (record: Application): number => Date.parse(waitingStart(record) ?? "") || 0;

  return (
    <Table<Application>
      {...tableProps}
      rowKey="documentId"
      data-testid={testId}
      className="application-table"
      scroll={{ x: 1100 }}
      pagination={
        tableProps.pagination === false ? false : { ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("applications.total", { total }) }
      }
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
    >
      <Table.Column<Application>
        dataIndex="number"
        title={t("applications.fields.number")}
        width={180}
        render={(value: string, record) => (
          <Link to={applicationPath(record)} className="strong-link mono" data-testid="application-number">
            {value || record.documentId}
          </Link>
        )}
      />
      <Table.Column<Application>
        dataIndex={["merchant", "nameCn"]}
        title={t("applications.fields.merchant")}
        width={240}
        render={(_, record) =>
          record.merchant ? (
            <Space size={10}>
              <Avatar shape="square" size={28} className="merchant-avatar" icon={<ShopOutlined />} />
              <Link to={`/merchants/show/${record.merchant.documentId}`}>{record.merchant.nameCn || record.merchant.documentId}</Link>
            </Space>
          ) : (
            "—"
          )
        }
      />
      {showKind && (
        <Table.Column<Application>
          dataIndex="kind"
          title={t("applications.fields.kind")}
          width={150}
          render={(value: string, record) => kindLabel(value, record.kindLabel)}
        />
      )}
      <Table.Column<Application>
        dataIndex="status"
        title={t("applications.fields.status")}
        width={130}
        render={(value: string, record) => (
          <ApplicationStatusTag status={value} label={stateLabel(value, record.kind, kinds, () => record.statusLabel || "") || undefined} />
        )}
      />
      {showSubmitted && (
        <Table.Column<Application>
          dataIndex="submittedAt"
          title={t("applications.fields.submittedAt")}
          width={150}
          render={(value?: string | null) => formatDateTime(value)}
        />
      )}
      <Table.Column<Application>
        dataIndex="lastTransitionAt"
        title={t("applications.fields.lastTransitionAt")}
        width={150}
        render={(value?: string | null) => formatDateTime(value)}
      />
      <Table.Column<Application>
        key="waiting"
        title={t("applications.fields.waiting")}
        width={150}
        sorter={sortableWaiting ? (a, b) => since(b) - since(a) : undefined}
        defaultSortOrder={sortableWaiting ? "descend" : undefined}
        sortDirections={sortableWaiting ? ["descend", "ascend"] : undefined}
        render={(_, record) => <WaitingTime application={record} active={waitsOnPlatform(record)} />}
      />
      <Table.Column<Application>
        title={t("applications.fields.actions")}
        width={100}
        fixed="right"
        render={(_, record) => (
          <Link to={applicationPath(record)}>
            <Button type={waitsOnPlatform(record) ? "primary" : "default"} size="small" icon={<EyeOutlined />} data-testid="application-open">
              {waitsOnPlatform(record) ? t("applications.process") : t("applications.view")}
            </Button>
          </Link>
        )}
      />
    </Table>
  );
};
