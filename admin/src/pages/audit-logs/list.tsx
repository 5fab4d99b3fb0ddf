import { RefreshButton } from "../../components/common/RefreshButton";
import { DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import { List, useTable } from "@refinedev/antd";
import { useTranslate, type CrudFilter, type HttpError } from "@refinedev/core";
import {
  App as AntdApp,
  Avatar,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { ActionTag } from "../../components/common/ActionTag";
import { JsonDiff } from "../../components/common/JsonDiff";
import { API_URL } from "../../config";
import { buildAuditExportUrl, exportFileName, filtersToAuditParams, searchValuesToFilters, type AuditLogSearchValues } from "../../lib/audit-log-query";
import { downloadWithToken } from "../../lib/download";
import { formatDateTime } from "../../lib/format";
import { summarizeUserAgent } from "../../lib/user-agent";
import type { AuditLogRecord, AuditModuleOption } from "../../providers/data-provider";
import { tokenStore } from "../../providers/http";

const hasDiff = (record: AuditLogRecord): boolean =>
  (record.before !== null && record.before !== undefined) || (record.after !== null && record.after !== undefined);

/** The search form's values as they are in the (URL-synced) table filters. */
const formValuesFrom = (filters: CrudFilter[]): AuditLogSearchValues => {
  const params = filtersToAuditParams(filters);
  return {
    actor: params.actor,
    module: params.module,
    range: params.from || params.to ? [params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null] : null,
  };
};

/** 系统管理 → 操作日志 (G7): filter by account, module and time; before/after diff; CSV export. */
export const AuditLogList = () => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [selected, setSelected] = useState<AuditLogRecord | null>(null);
  const [exporting, setExporting] = useState(false);
  const [modules, setModules] = useState<AuditModuleOption[]>([]);

  const { tableProps, searchFormProps, filters, tableQuery } = useTable<AuditLogRecord, HttpError, AuditLogSearchValues>({
    resource: "audit-logs",
    dataProviderName: "audit",
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    onSearch: searchValuesToFilters,
    syncWithLocation: true,
  });

  // Keep the module list even when a filtered page comes back empty.
  const returnedModules = tableQuery.data?.modules as AuditModuleOption[] | undefined;
  useEffect(() => {
    if (returnedModules?.length) setModules(returnedModules);
  }, [returnedModules]);

  // The form starts from the filters in the URL (syncWithLocation); afterwards the form drives the filters.
  const [initialValues] = useState(() => formValuesFrom(filters));
  const total = tableQuery.data?.total ?? 0;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const url = buildAuditExportUrl(API_URL, filtersToAuditParams(filters));
      const filename = await downloadWithToken(url, tokenStore.getToken(), exportFileName());
      message.success(t("auditLogs.exported", { filename }));
    } catch (error) {
      notification.error({ message: t("auditLogs.exportFailed"), description: (error as HttpError).message });
    } finally {
      setExporting(false);
    }
  };

  const rangePresets: Array<{ label: string; value: [Dayjs, Dayjs] }> = [
    { label: t("auditLogs.filters.today"), value: [dayjs().startOf("day"), dayjs().endOf("day")] },
    { label: t("auditLogs.filters.last7Days"), value: [dayjs().subtract(6, "day").startOf("day"), dayjs().endOf("day")] },
    { label: t("auditLogs.filters.last30Days"), value: [dayjs().subtract(29, "day").startOf("day"), dayjs().endOf("day")] },
  ];

  return (
    <List
      title={t("auditLogs.titles.list")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("auditLogs.subtitle")}</span> }}
      headerButtons={() => (
        <Space>
          <RefreshButton query={tableQuery} />
          <Button type="primary" icon={<DownloadOutlined />} loading={exporting} onClick={exportCsv} data-testid="audit-export">
            {exporting ? t("auditLogs.exporting") : t("auditLogs.export")}
          </Button>
        </Space>
      )}
    >
      <Card className="filter-card" variant="borderless">
        <Form<AuditLogSearchValues> {...searchFormProps} layout="vertical" initialValues={initialValues}>
          <Row gutter={[16, 0]} align="bottom">
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="actor" label={t("auditLogs.filters.actor")} rules={[{ pattern: /^\d{0,11}$/, message: t("auditLogs.filters.actorInvalid") }]}>
                <Input allowClear inputMode="numeric" maxLength={11} placeholder={t("auditLogs.filters.actorPlaceholder")} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="module" label={t("auditLogs.filters.module")}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  placeholder={t("auditLogs.filters.modulePlaceholder")}
                  options={modules.map((option) => ({ value: option.key, label: option.label }))}
                  loading={tableQuery.isLoading && modules.length === 0}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16} lg={8}>
              <Form.Item name="range" label={t("auditLogs.filters.range")}>
                <DatePicker.RangePicker
                  allowEmpty={[true, true]}
                  presets={rangePresets}
                  style={{ width: "100%" }}
                  placeholder={[t("auditLogs.filters.rangeStart"), t("auditLogs.filters.rangeEnd")]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={5}>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t("auditLogs.filters.search")}
                  </Button>
                  <Button
                    onClick={() => {
                      searchFormProps.form?.resetFields();
                      searchFormProps.form?.setFieldsValue({ actor: undefined, module: undefined, range: undefined });
                      searchFormProps.form?.submit();
                    }}
                  >
                    {t("auditLogs.filters.reset")}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>

      <Table<AuditLogRecord>
        {...tableProps}
        rowKey="id"
        data-testid="audit-log-table"
        className="audit-log-table"
        scroll={{ x: 1340 }}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("auditLogs.total", { total }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("auditLogs.empty")} /> }}
        expandable={{
          rowExpandable: hasDiff,
          expandedRowRender: (record) => <JsonDiff before={record.before} after={record.after} />,
        }}
      >
        <Table.Column<AuditLogRecord>
          dataIndex="createdAt"
          title={t("auditLogs.fields.createdAt")}
          width={170}
          render={(value: string) => <Typography.Text style={{ whiteSpace: "nowrap" }}>{formatDateTime(value, true)}</Typography.Text>}
        />
        <Table.Column<AuditLogRecord>
          dataIndex="actorPhone"
          title={t("auditLogs.fields.actor")}
          width={190}
          render={(_, record) => (
            <Space size={10}>
              <Avatar size={30} className="actor-avatar">
                {(record.actorName || record.actorPhone || "?").slice(0, 1)}
              </Avatar>
              <span className="two-line">
                <span>
                  {record.actorName || record.actorPhone || "—"}
                  {record.impersonatorId ? (
                    <Tooltip title={t("auditLogs.drawer.impersonatorValue", { id: record.impersonatorId })}>
                      <Tag color="magenta" bordered={false} style={{ marginLeft: 6 }}>
                        {t("auditLogs.drawer.impersonator")}
                      </Tag>
                    </Tooltip>
                  ) : null}
                </span>
                {record.actorName && record.actorPhone && <Typography.Text type="secondary">{record.actorPhone}</Typography.Text>}
              </span>
            </Space>
          )}
        />
        <Table.Column<AuditLogRecord>
          dataIndex="module"
          title={t("auditLogs.fields.module")}
          width={130}
          render={(value: string, record) => (
            <Tag color="purple" bordered={false}>
              {record.moduleLabel || modules.find((m) => m.key === value)?.label || value}
            </Tag>
          )}
        />
        <Table.Column<AuditLogRecord>
          dataIndex="action"
          title={t("auditLogs.fields.action")}
          width={110}
          render={(value: string, record: AuditLogRecord) => <ActionTag action={value} label={record.actionLabel} />}
        />
        <Table.Column<AuditLogRecord>
          dataIndex="targetId"
          title={t("auditLogs.fields.target")}
          width={220}
          render={(_, record) =>
            record.targetUid || record.targetId ? (
              <span className="two-line">
                <Typography.Text>{record.targetUid?.split(".").pop() ?? "—"}</Typography.Text>
                {record.targetId && (
                  <Typography.Text type="secondary" className="mono" ellipsis={{ tooltip: record.targetId }} style={{ maxWidth: 200 }}>
                    {record.targetId}
                  </Typography.Text>
                )}
              </span>
            ) : (
              "—"
            )
          }
        />
        <Table.Column<AuditLogRecord>
          dataIndex="ip"
          title={t("auditLogs.fields.ip")}
          width={140}
          render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
        />
        <Table.Column<AuditLogRecord>
          dataIndex="userAgent"
          title={t("auditLogs.fields.userAgent")}
          width={200}
          ellipsis
          render={(value?: string | null) => (
            <Tooltip title={value} placement="topLeft">
              <Typography.Text type="secondary">{summarizeUserAgent(value)}</Typography.Text>
            </Tooltip>
          )}
        />
        <Table.Column<AuditLogRecord>
          title={t("auditLogs.fields.details")}
          width={90}
          fixed="right"
          render={(_, record) => (
            <Button type="link" size="small" onClick={() => setSelected(record)}>
              {t("auditLogs.viewDetails")}
            </Button>
          )}
        />
      </Table>

      <Drawer open={selected !== null} onClose={() => setSelected(null)} title={t("auditLogs.drawer.title")} width={720} destroyOnHidden>
        {selected && (
          <Space direction="vertical" size={24} style={{ width: "100%" }}>
            <Descriptions column={1} bordered size="small" styles={{ label: { width: 120 } }}>
              <Descriptions.Item label={t("auditLogs.drawer.time")}>{formatDateTime(selected.createdAt, true)}</Descriptions.Item>
              <Descriptions.Item label={t("auditLogs.drawer.actor")}>
                {[selected.actorName, selected.actorPhone].filter(Boolean).join(" · ") || "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("auditLogs.drawer.module")}>{selected.moduleLabel || selected.module}</Descriptions.Item>
              <Descriptions.Item label={t("auditLogs.drawer.action")}>
                <ActionTag action={selected.action} label={selected.actionLabel} /> <Typography.Text type="secondary">{selected.action}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("auditLogs.drawer.target")}>
                <span className="mono">{[selected.targetUid, selected.targetId].filter(Boolean).join(" / ") || "—"}</span>
              </Descriptions.Item>
              {selected.method && selected.path && (
                <Descriptions.Item label={t("auditLogs.drawer.request")}>
                  <span className="mono">
                    {selected.method} {selected.path}
                  </span>
                </Descriptions.Item>
              )}
              {selected.impersonatorId ? (
                <Descriptions.Item label={t("auditLogs.drawer.impersonator")}>
                  <Tag color="magenta" bordered={false}>
                    {t("auditLogs.drawer.impersonatorValue", { id: selected.impersonatorId })}
                  </Tag>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t("auditLogs.drawer.ip")}>
                <span className="mono">{selected.ip || "—"}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("auditLogs.drawer.userAgent")}>
                <Typography.Text style={{ wordBreak: "break-all" }}>{selected.userAgent || "—"}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
            <JsonDiff before={selected.before} after={selected.after} />
          </Space>
        )}
      </Drawer>
    </List>
  );
};
