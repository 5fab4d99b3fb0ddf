import { ReloadOutlined } from "@ant-design/icons";
import { SUBJECT_KIND, type CebMessageInfo, type CustomsRecordKind, type CustomsSubject } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Result, Skeleton, Space, Table, Tag, Timeline, Typography } from "antd";
import { CustomsStatusTag } from "../../components/customs/CustomsStatusTag";
import { customsTimelineColor } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { customsApi } from "../../providers/data-provider";
import { CUSTOMS_KEYS } from "./hooks";

export interface RecordRef {
  subject: CustomsSubject;
  id: string;
  /** What the drawer calls it before it has loaded (订单编号, 清单编号, …). */
  reference?: string | null;
}

const MESSAGE_COLORS: Record<string, string> = { queued: "cyan", accepted: "green", refused: "red" };

/** A record's receipts (`GET /api/customs/records/:kind/:id`): where it stands, its CEB messages, its receipt timeline. */
export const RecordDrawer = ({ record, onClose }: { record: RecordRef | null; onClose: () => void }) => {
  const t = useTranslate();
  const kind: CustomsRecordKind | undefined = record ? SUBJECT_KIND[record.subject] : undefined;
  const query = useQuery({
    queryKey: CUSTOMS_KEYS.record(kind ?? "", record?.id ?? ""),
    queryFn: () => customsApi.record(kind as CustomsRecordKind, record?.id as string),
    enabled: Boolean(kind && record?.id),
  });
  const detail = query.data;
  const subjectLabel = record ? t(`customs.subjects.${record.subject}`) : "";
  const reference = detail?.invtNo || detail?.orderNo || detail?.billNo || detail?.sumNo || record?.reference || detail?.copNo || record?.id || "";

  const numbers: Array<[string, string | null | undefined]> = [
    ["orderNo", detail?.orderNo],
    ["invtNo", detail?.invtNo],
    ["billNo", detail?.billNo],
    ["sumNo", detail?.sumNo],
    ["preNo", detail?.preNo],
    ["copNo", detail?.copNo],
    ["guid", detail?.guid],
  ];

  return (
    <Drawer
      open={Boolean(record)}
      onClose={onClose}
      width={720}
      destroyOnHidden
      title={
        <Space size={8} wrap>
          <span>{t("customs.record.title", { subject: subjectLabel })}</span>
          <Typography.Text className="mono" type="secondary">
            {reference}
          </Typography.Text>
        </Space>
      }
      extra={
        <Button icon={<ReloadOutlined />} loading={query.isFetching && !query.isLoading} onClick={() => void query.refetch()}>
          {t("buttons.refresh")}
        </Button>
      }
      data-testid="record-drawer"
    >
      {query.isError ? (
        <Result status="warning" title={t("customs.record.notFound")} subTitle={(query.error as { message?: string })?.message} />
      ) : query.isLoading || !detail ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={20} data-testid="record-detail" data-status={detail.status}>
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered styles={{ label: { width: 104, whiteSpace: "nowrap" } }}>
            <Descriptions.Item label={t("customs.record.fields.status")} span={2}>
              <Space size={8} wrap>
                <CustomsStatusTag status={detail.status} label={detail.statusLabel} />
                {detail.returnStatusLabel && (
                  <Typography.Text type="secondary">
                    {detail.returnStatus} · {detail.returnStatusLabel}
                  </Typography.Text>
                )}
              </Space>
            </Descriptions.Item>
            {numbers
              .filter(([, value]) => Boolean(value))
              .map(([key, value]) => (
                <Descriptions.Item key={key} label={t(`customs.record.fields.${key}`)} span={key === "guid" ? 2 : 1}>
                  <Typography.Text className="mono" copyable>
                    {value}
                  </Typography.Text>
                </Descriptions.Item>
              ))}
            <Descriptions.Item label={t("customs.record.fields.declaredAt")}>{formatDateTime(detail.declaredAt, true)}</Descriptions.Item>
            <Descriptions.Item label={t("customs.record.fields.returnAt")}>{formatDateTime(detail.returnAt, true)}</Descriptions.Item>
          </Descriptions>
          {detail.returnInfo && (
            <Alert
              type={detail.status === "rejected" ? "error" : "info"}
              showIcon
              message={t("customs.record.fields.returnInfo")}
              description={<span className="pre-wrap">{detail.returnInfo}</span>}
            />
          )}

          <div>
            <Typography.Title level={5}>{t("customs.record.timeline")}</Typography.Title>
            {detail.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.record.timelineEmpty")} />
            ) : (
              <Timeline
                className="receipt-timeline"
                items={[...detail.timeline].reverse().map((entry, index) => ({
                  key: `${entry.guid ?? ""}-${entry.returnStatus}-${index}`,
                  color: customsTimelineColor(entry.status),
                  children: (
                    <div className="timeline-entry" data-testid="receipt-entry" data-return-status={entry.returnStatus}>
                      <Space size={6} wrap>
                        <Tag bordered={false} className="mono">
                          {entry.returnStatus}
                        </Tag>
                        <Typography.Text strong>{entry.returnStatusLabel}</Typography.Text>
                        <CustomsStatusTag status={entry.status} icon={false} />
                      </Space>
                      <Typography.Text type="secondary">{formatDateTime(entry.at, true)}</Typography.Text>
                      {entry.returnInfo && <div className={entry.status === "rejected" ? "timeline-entry__note" : "receipt-note"}>{entry.returnInfo}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </div>

          <div>
            <Typography.Title level={5}>{t("customs.record.messages")}</Typography.Title>
            <Table<CebMessageInfo>
              size="small"
              rowKey="guid"
              pagination={false}
              dataSource={detail.messages}
              scroll={{ x: 640 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customs.common.none")} /> }}
              columns={[
                { dataIndex: "messageType", title: t("customs.record.messageFields.messageType"), width: 90, render: (value: string) => <Tag>{value}</Tag> },
                {
                  dataIndex: "status",
                  title: t("customs.record.messageFields.status"),
                  width: 110,
                  render: (value: string) => (
                    <Tag bordered={false} color={MESSAGE_COLORS[value] ?? "default"}>
                      {t(`customs.record.messageStatus.${value}`, value)}
                    </Tag>
                  ),
                },
                {
                  dataIndex: "createdAt",
                  title: t("customs.record.messageFields.createdAt"),
                  width: 150,
                  render: (value?: string) => formatDateTime(value, true),
                },
                {
                  dataIndex: "acceptedAt",
                  title: t("customs.record.messageFields.acceptedAt"),
                  width: 150,
                  render: (value?: string) => formatDateTime(value, true),
                },
                {
                  dataIndex: "lastError",
                  title: t("customs.record.messageFields.lastError"),
                  render: (value?: string | null) =>
                    value ? (
                      <Typography.Text type="danger" ellipsis={{ tooltip: value }} style={{ maxWidth: 200 }}>
                        {value}
                      </Typography.Text>
                    ) : (
                      "—"
                    ),
                },
              ]}
            />
          </div>
        </Flex>
      )}
    </Drawer>
  );
};
