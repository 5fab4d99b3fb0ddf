import { ArrowRightOutlined, CalendarOutlined, FileExcelOutlined, InboxOutlined, InfoCircleOutlined, LockOutlined } from "@ant-design/icons";
import { TAX_REFUND_KIND, type ReturnUploadHistoryItem, type ReturnUploadResult } from "@jmt/api-types";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App as AntdApp, Card, Col, Empty, Flex, Result, Row, Space, Spin, Statistic, Steps, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { ApplicationStatusTag } from "../../components/applications/ApplicationStatusTag";
import { RefreshButton } from "../../components/common/RefreshButton";
import { TemplateButton } from "../../components/common/TemplateButton";
import { UploadProblems } from "../../components/common/UploadProblems";
import { applicationPath } from "../../lib/application-kinds";
import { stateLabel } from "../../lib/application-query";
import { formatDateTime } from "../../lib/format";
import { alreadyUploadedOf, beijingToday, RETURN_COLUMNS, RETURN_STATUS_WORDS, returnUploadFailureOf } from "../../lib/tax-refund";
import type { UploadFailure } from "../../lib/upload-problems";
import { taxRefundApi } from "../../providers/data-provider";
import { i18n } from "../../providers/i18n";
import { useApplicationKinds } from "../applications/hooks";
import { useRefreshTaxRefunds, useTaxRefundPermissions } from "./hooks";

type Outcome = { fileName: string } & ({ kind: "success"; result: ReturnUploadResult } | UploadFailure);

const MAX_BYTES = 10 * 1024 * 1024;

/** Label of a refund state (kinds metadata first, then the locale). */
const useRefundStateLabel = () => {
  const t = useTranslate();
  const { kinds } = useApplicationKinds();
  return (state: string) => stateLabel(state, TAX_REFUND_KIND, kinds, (key) => t(`applications.states.${key}`, key));
};

/**
 * 回执上传 (T3): the day's return messages from the tax system, once a day. What the file must look like (columns,
 * status words), the upload — every row checked first, so one bad row applies nothing and every bad row is listed —
 * the refunds it moved (from → to) and the history of uploads.
 */
export const ReturnUploadPage = () => {
  const t = useTranslate();
  const { notification } = AntdApp.useApp();
  const refresh = useRefreshTaxRefunds();
  const { process } = useTaxRefundPermissions();
  const labelOf = useRefundStateLabel();
  const [uploading, setUploading] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const { tableProps, tableQuery } = useTable<ReturnUploadHistoryItem, HttpError>({
    resource: "tax-refund-returns",
    dataProviderName: "taxRefund",
    pagination: { pageSize: 10 },
    sorters: { mode: "off" },
    syncWithLocation: false,
  });
  const today = beijingToday();
  const todays = tableQuery.data?.data.find((item) => item.date === today);

  const upload = async (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      notification.error({ message: t("taxRefund.returns.notXlsx"), description: file.name });
      return;
    }
    if (file.size > MAX_BYTES) {
      notification.error({ message: t("taxRefund.returns.tooLarge"), description: file.name });
      return;
    }
    setUploading(file.name);
    setOutcome(null);
    try {
      const result = await taxRefundApi.uploadReturns(file, file.name);
      setOutcome({ kind: "success", fileName: file.name, result });
      await refresh();
    } catch (error) {
      setOutcome({ fileName: file.name, ...returnUploadFailureOf(error as ApiHttpError) });
      // A 409 means someone uploaded today: show it in the history too.
      if ((error as ApiHttpError).code === "RETURN_ALREADY_UPLOADED") void tableQuery.refetch();
    } finally {
      setUploading(null);
    }
  };

  const step = uploading ? 2 : outcome ? 3 : 0;
  const stepStatus = outcome && outcome.kind !== "success" ? "error" : uploading ? "process" : outcome ? "finish" : "process";

  if (tableQuery.error?.statusCode === 403) {
    return (
      <List title={t("taxRefund.returns.title")} headerButtons={() => null}>
        <Result status="403" title={t("fx.common.forbidden")} subTitle={t("fx.common.forbiddenHint", { permission: "taxrefund.process" })} />
      </List>
    );
  }

  return (
    <List title={t("taxRefund.returns.title")} headerProps={{ subTitle: <span className="hide-on-mobile">{t("taxRefund.returns.subtitle")}</span> }}>
      <Flex vertical gap={20}>
        <Card variant="borderless" className="section-card" data-testid="return-upload-card">
          <Steps
            className="fx-upload-steps"
            current={step}
            status={stepStatus}
            items={[
              { title: t("taxRefund.returns.steps.prepare"), description: t("taxRefund.returns.steps.prepareHint") },
              { title: t("taxRefund.returns.steps.upload"), description: t("taxRefund.returns.steps.uploadHint") },
              { title: t("taxRefund.returns.steps.check"), description: t("taxRefund.returns.steps.checkHint") },
              { title: t("taxRefund.returns.steps.result"), description: t("taxRefund.returns.steps.resultHint") },
            ]}
          />
          <Row gutter={[24, 24]} style={{ marginTop: 24 }}>
            <Col xs={24} xl={13}>
              <ReturnFileFormat />
            </Col>
            <Col xs={24} xl={11}>
              <Flex vertical gap={12}>
                <Alert
                  type={todays ? "warning" : "info"}
                  showIcon
                  icon={todays ? <LockOutlined /> : <CalendarOutlined />}
                  data-testid="return-once-a-day"
                  data-uploaded={todays ? "true" : "false"}
                  message={todays ? t("taxRefund.returns.doneToday", { date: today }) : t("taxRefund.returns.onceADay")}
                  description={
                    todays
                      ? t("taxRefund.returns.doneTodayHint", { by: todays.uploadedBy ?? t("taxRefund.returns.someone"), at: formatDateTime(todays.createdAt) })
                      : t("taxRefund.returns.onceADayHint")
                  }
                />
                <Spin spinning={Boolean(uploading)} tip={t("taxRefund.returns.uploading", { name: uploading ?? "" })}>
                  <div data-testid="return-upload-input">
                    <Upload.Dragger
                      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                      multiple={false}
                      showUploadList={false}
                      disabled={Boolean(uploading) || !process}
                      beforeUpload={(file) => {
                        void upload(file);
                        return Upload.LIST_IGNORE;
                      }}
                    >
                      <p className="ant-upload-drag-icon">
                        <InboxOutlined />
                      </p>
                      <p className="ant-upload-text">{t("taxRefund.returns.drop")}</p>
                      <p className="ant-upload-hint">{t("taxRefund.returns.dropHint")}</p>
                    </Upload.Dragger>
                  </div>
                </Spin>
                {!process && <Alert type="warning" showIcon message={t("fx.common.forbiddenHint", { permission: "taxrefund.process" })} />}
              </Flex>
            </Col>
          </Row>
        </Card>

        {outcome && <ReturnOutcome outcome={outcome} labelOf={labelOf} />}

        <Card
          variant="borderless"
          className="section-card"
          title={t("taxRefund.returns.history.title")}
          extra={<RefreshButton query={tableQuery} />}
          data-testid="return-upload-history"
        >
          <Table<ReturnUploadHistoryItem>
            {...tableProps}
            rowKey="id"
            size="middle"
            scroll={{ x: 820 }}
            pagination={{ ...tableProps.pagination, showTotal: (total) => t("taxRefund.returns.history.total", { total }) }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.returns.history.empty")} /> }}
            onRow={(item) => ({ "data-date": item.date, "data-file": item.fileName }) as React.HTMLAttributes<HTMLElement>}
          >
            <Table.Column<ReturnUploadHistoryItem>
              dataIndex="date"
              title={t("taxRefund.returns.history.date")}
              width={120}
              render={(value: string) => (
                <Space size={6}>
                  <span>{value}</span>
                  {value === today && (
                    <Tag bordered={false} color="purple">
                      {t("taxRefund.returns.history.today")}
                    </Tag>
                  )}
                </Space>
              )}
            />
            <Table.Column<ReturnUploadHistoryItem>
              dataIndex="fileName"
              title={t("taxRefund.returns.history.fileName")}
              width={260}
              render={(value: string) => (
                <Space size={6}>
                  <FileExcelOutlined className="fx-excel-icon" />
                  <span>{value}</span>
                </Space>
              )}
            />
            <Table.Column<ReturnUploadHistoryItem> dataIndex="total" title={t("taxRefund.returns.history.rows")} width={90} align="right" />
            <Table.Column<ReturnUploadHistoryItem>
              dataIndex="applied"
              title={t("taxRefund.returns.history.applied")}
              width={100}
              align="right"
              render={(value: number) => (value > 0 ? <Typography.Text strong>{value}</Typography.Text> : value)}
            />
            <Table.Column<ReturnUploadHistoryItem>
              dataIndex="uploadedBy"
              title={t("taxRefund.returns.history.uploadedBy")}
              width={140}
              render={(value: string | null) => value || "—"}
            />
            <Table.Column<ReturnUploadHistoryItem>
              dataIndex="createdAt"
              title={t("taxRefund.returns.history.createdAt")}
              width={170}
              render={(value: string) => formatDateTime(value, true)}
            />
          </Table>
        </Card>
      </Flex>
    </List>
  );
};

/** The file the tax system's replies go in: its columns, the status words and what each does. */
const ReturnFileFormat = () => {
  const t = useTranslate();
  const labelOf = useRefundStateLabel();
  const rules = i18n.list("taxRefund.returns.format.rules");
  const examples = i18n.list("taxRefund.returns.format.examples");
  const columns = RETURN_COLUMNS.map((name, index) => ({
    key: name,
    name,
    required: index < 2,
    rule: rules[index] ?? "",
    example: examples[index] ?? "",
  }));
  return (
    <Flex vertical gap={12} data-testid="return-format">
      <Typography.Text strong>
        <FileExcelOutlined /> {t("taxRefund.returns.format.title")}
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        dataSource={columns}
        data-testid="return-format-columns"
        columns={[
          {
            dataIndex: "name",
            title: t("taxRefund.returns.format.column"),
            width: 130,
            render: (name: string, column) => (
              <Space size={4} className="nowrap">
                <Typography.Text strong>{name}</Typography.Text>
                {column.required && (
                  <Tag bordered={false} color="red">
                    {t("taxRefund.returns.format.required")}
                  </Tag>
                )}
              </Space>
            ),
          },
          { dataIndex: "rule", title: t("taxRefund.returns.format.rule") },
          {
            dataIndex: "example",
            title: t("taxRefund.returns.format.example"),
            width: 140,
            render: (example: string) => <span className="mono">{example}</span>,
          },
        ]}
      />
      <Typography.Text type="secondary">{t("taxRefund.returns.format.wordsTitle")}</Typography.Text>
      <Flex wrap gap={8} data-testid="return-status-words">
        {RETURN_STATUS_WORDS.map(({ word, to }) => (
          <span key={word} className="return-word">
            <Typography.Text strong>{word}</Typography.Text>
            <ArrowRightOutlined className="return-word__arrow" />
            <ApplicationStatusTag status={to} label={labelOf(to)} />
          </span>
        ))}
      </Flex>
      <Alert
        type="info"
        showIcon
        icon={<InfoCircleOutlined />}
        message={t("taxRefund.returns.format.pathHint")}
        description={t("taxRefund.returns.format.noTemplate")}
      />
      <div>
        <TemplateButton url={taxRefundApi.returnsTemplateUrl()} fileName={t("taxRefund.returns.templateName")} testId="returns-template" />
      </div>
    </Flex>
  );
};

/** Opens a refund the upload moved (the result names each application by id and number). */
const RefundNumberLink = ({ id, number }: { id: string; number: string }) => (
  <Link to={applicationPath({ kind: "tax-refund", documentId: id })} className="mono" data-testid="return-applied-open">
    {number}
  </Link>
);

/** The last upload: the refunds it moved and how many rows changed nothing — or why nothing was applied. */
const ReturnOutcome = ({ outcome, labelOf }: { outcome: Outcome; labelOf(state: string): string }) => {
  const t = useTranslate();

  if (outcome.kind === "failed" && outcome.code === "RETURN_ALREADY_UPLOADED") {
    const already = alreadyUploadedOf(outcome.details);
    return (
      <Alert
        type="warning"
        showIcon
        icon={<LockOutlined />}
        data-testid="upload-already"
        message={outcome.message || t("taxRefund.returns.alreadyTitle")}
        description={t("taxRefund.returns.alreadyHint", {
          by: already.uploadedBy ?? t("taxRefund.returns.someone"),
          at: already.uploadedAt ? formatDateTime(already.uploadedAt) : (already.date ?? "—"),
          name: outcome.fileName,
        })}
      />
    );
  }

  if (outcome.kind !== "success") {
    return (
      <UploadProblems
        failure={outcome}
        titles={{
          invalid: (count, rows) => t("taxRefund.returns.invalidTitle", { name: outcome.fileName, count, rows }),
          rejected: t("taxRefund.returns.rejectedTitle", { name: outcome.fileName }),
          failed: t("taxRefund.returns.failed", { name: outcome.fileName }),
        }}
        nothingWritten={t("taxRefund.returns.nothingApplied")}
        codeLabel={(code) => t(`taxRefund.returns.codes.${code}`, code)}
      />
    );
  }

  const { result } = outcome;
  return (
    <Card variant="borderless" className="section-card" data-testid="upload-result">
      <Flex vertical gap={16}>
        <Alert
          type="success"
          showIcon
          data-testid="upload-success"
          message={t("taxRefund.returns.successTitle", { name: outcome.fileName })}
          description={t("taxRefund.returns.successHint", { applied: result.applied.length })}
        />
        <Row gutter={[16, 16]}>
          <Col xs={8}>
            <Statistic title={t("taxRefund.returns.result.total")} value={result.applied.length + result.unchanged} />
          </Col>
          <Col xs={8}>
            <Statistic
              title={t("taxRefund.returns.result.applied")}
              value={result.applied.length}
              valueStyle={{ color: "#5b3cc4" }}
              valueRender={(node) => (
                <span data-testid="upload-applied-count" data-value={result.applied.length}>
                  {node}
                </span>
              )}
            />
          </Col>
          <Col xs={8}>
            <Statistic
              title={t("taxRefund.returns.result.unchanged")}
              value={result.unchanged}
              valueRender={(node) => (
                <span data-testid="upload-unchanged-count" data-value={result.unchanged}>
                  {node}
                </span>
              )}
            />
          </Col>
        </Row>
        <Table
          dataSource={result.applied}
          rowKey={(row) => `${row.row}-${row.number}`}
          size="small"
          data-testid="upload-applied"
          scroll={{ x: 640 }}
          pagination={result.applied.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.returns.result.noneApplied")} /> }}
          onRow={(row) => ({ "data-number": row.number, "data-from": row.from, "data-to": row.to }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { dataIndex: "row", title: t("common.upload.row"), width: 80, render: (row: number) => t("common.upload.rowN", { row }) },
            {
              dataIndex: "number",
              title: t("taxRefund.fields.number"),
              width: 200,
              render: (number: string, row: ReturnUploadResult["applied"][number]) => <RefundNumberLink id={row.id} number={number} />,
            },
            {
              key: "move",
              title: t("taxRefund.returns.result.move"),
              render: (_: unknown, row: ReturnUploadResult["applied"][number]) => (
                <Space size={6} className="nowrap">
                  <ApplicationStatusTag status={row.from} label={labelOf(row.from)} />
                  <span className="fx-arrow">→</span>
                  <ApplicationStatusTag status={row.to} label={labelOf(row.to)} />
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">
          <InfoCircleOutlined /> {t("taxRefund.returns.notifyHint")}
        </Typography.Text>
      </Flex>
    </Card>
  );
};
