import { CheckCircleFilled, CloudUploadOutlined, FileExcelOutlined, InboxOutlined, MinusCircleOutlined, ShopOutlined } from "@ant-design/icons";
import type { BalanceUploadHistoryItem, BalanceUploadResult, BalanceUploadRow } from "@jmt/api-types";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App as AntdApp, Card, Col, Empty, Flex, Result, Row, Segmented, Space, Spin, Statistic, Steps, Table, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { RefreshButton } from "../../components/common/RefreshButton";
import { UploadProblems } from "../../components/common/UploadProblems";
import { Money } from "../../components/fx/Money";
import { formatDateTime } from "../../lib/format";
import { uploadFailureOf, type UploadFailure } from "../../lib/fx";
import { i18n } from "../../providers/i18n";
import { fxApi } from "../../providers/data-provider";
import { useFxPermissions, useRefreshFx } from "./hooks";
import { TemplateButton } from "../../components/common/TemplateButton";

type Outcome = { fileName: string } & ({ kind: "success"; result: BalanceUploadResult } | UploadFailure);
type RowFilter = "all" | "changed" | "unchanged";

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * 上传余额 (X2), step by step: download the template, fill in the bank's balances, upload; then either every row's
 * result (changed / unchanged, previous → new, delta) or — when any row is bad — every bad cell with the guarantee
 * that nothing was written. Below, the upload history.
 */
export const BalanceUploadPage = () => {
  const t = useTranslate();
  const { notification } = AntdApp.useApp();
  const refresh = useRefreshFx();
  const { balances } = useFxPermissions();
  const [uploading, setUploading] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [rowFilter, setRowFilter] = useState<RowFilter>("all");

  const { tableProps, tableQuery } = useTable<BalanceUploadHistoryItem, HttpError>({
    resource: "fx-balance-uploads",
    dataProviderName: "fx",
    pagination: { pageSize: 10 },
    sorters: { mode: "off" },
    syncWithLocation: false,
  });

  const upload = async (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      notification.error({ message: t("fx.upload.notXlsx"), description: file.name });
      return;
    }
    if (file.size > MAX_BYTES) {
      notification.error({ message: t("fx.upload.tooLarge"), description: file.name });
      return;
    }
    setUploading(file.name);
    setOutcome(null);
    setRowFilter("all");
    try {
      const result = await fxApi.uploadBalances(file, file.name);
      setOutcome({ kind: "success", fileName: file.name, result });
      await refresh();
    } catch (error) {
      setOutcome({ fileName: file.name, ...uploadFailureOf(error as ApiHttpError) });
    } finally {
      setUploading(null);
    }
  };

  const step = uploading ? 2 : outcome ? 3 : 0;
  const stepStatus = outcome && outcome.kind !== "success" ? "error" : uploading ? "process" : outcome ? "finish" : "process";
  const rules = i18n.list("fx.upload.rules");

  if (tableQuery.error?.statusCode === 403) {
    return (
      <List title={t("fx.upload.title")} headerButtons={() => null}>
        <Result status="403" title={t("fx.common.forbidden")} subTitle={t("fx.common.forbiddenHint", { permission: "fx.balances" })} />
      </List>
    );
  }

  return (
    <List
      title={t("fx.upload.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("fx.upload.subtitle")}</span> }}
      headerButtons={() => (
        <Space wrap>
          <Link to="/fx/accounts">{t("fx.upload.toAccounts")}</Link>
        </Space>
      )}
    >
      <Flex vertical gap={20}>
        <Card variant="borderless" className="section-card" data-testid="balance-upload-card">
          <Steps
            className="fx-upload-steps"
            current={step}
            status={stepStatus}
            items={[
              { title: t("fx.upload.steps.template"), description: t("fx.upload.steps.templateHint") },
              { title: t("fx.upload.steps.fill"), description: t("fx.upload.steps.fillHint") },
              { title: t("fx.upload.steps.upload"), description: t("fx.upload.steps.uploadHint") },
              { title: t("fx.upload.steps.check"), description: t("fx.upload.steps.checkHint") },
            ]}
          />
          <Row gutter={[24, 24]} style={{ marginTop: 24 }}>
            <Col xs={24} lg={10}>
              <Flex vertical gap={12}>
                <Typography.Text strong>
                  <FileExcelOutlined /> {t("fx.upload.rulesTitle")}
                </Typography.Text>
                <ul className="fx-upload-rules">
                  {rules.map((rule) => (
                    <li key={rule}>{rule}</li>
                  ))}
                </ul>
                <div>
                  <TemplateButton type="default" url={fxApi.templateUrl()} fileName={t("fx.upload.templateName")} testId="balance-template" />
                </div>
              </Flex>
            </Col>
            <Col xs={24} lg={14}>
              <Spin spinning={Boolean(uploading)} tip={t("fx.upload.uploading", { name: uploading ?? "" })}>
                <div data-testid="balance-upload-input">
                  <Upload.Dragger
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    multiple={false}
                    showUploadList={false}
                    disabled={Boolean(uploading) || !balances}
                    beforeUpload={(file) => {
                      void upload(file);
                      return Upload.LIST_IGNORE;
                    }}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t("fx.upload.drop")}</p>
                    <p className="ant-upload-hint">{t("fx.upload.dropHint")}</p>
                  </Upload.Dragger>
                </div>
              </Spin>
            </Col>
          </Row>
        </Card>

        {outcome && <UploadOutcome outcome={outcome} rowFilter={rowFilter} onRowFilter={setRowFilter} />}

        <Card
          variant="borderless"
          className="section-card"
          title={t("fx.upload.history.title")}
          extra={<RefreshButton query={tableQuery} />}
          data-testid="balance-upload-history"
        >
          <Table<BalanceUploadHistoryItem>
            {...tableProps}
            rowKey="id"
            size="middle"
            scroll={{ x: 760 }}
            pagination={{ ...tableProps.pagination, showTotal: (total) => t("fx.upload.history.total", { total }) }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fx.upload.history.empty")} /> }}
          >
            <Table.Column<BalanceUploadHistoryItem>
              dataIndex="createdAt"
              title={t("fx.upload.history.createdAt")}
              width={170}
              render={(value: string) => formatDateTime(value, true)}
            />
            <Table.Column<BalanceUploadHistoryItem>
              dataIndex="fileName"
              title={t("fx.upload.history.fileName")}
              width={260}
              render={(value: string) => (
                <Space size={6}>
                  <FileExcelOutlined className="fx-excel-icon" />
                  <span>{value}</span>
                </Space>
              )}
            />
            <Table.Column<BalanceUploadHistoryItem> dataIndex="total" title={t("fx.upload.history.rows")} width={90} align="right" />
            <Table.Column<BalanceUploadHistoryItem>
              dataIndex="changed"
              title={t("fx.upload.history.changed")}
              width={90}
              align="right"
              render={(value: number) => (value > 0 ? <Typography.Text strong>{value}</Typography.Text> : value)}
            />
            <Table.Column<BalanceUploadHistoryItem>
              dataIndex="uploadedBy"
              title={t("fx.upload.history.uploadedBy")}
              width={140}
              render={(value: string | null) => value || "—"}
            />
          </Table>
        </Card>
      </Flex>
    </List>
  );
};

/** The result of the last upload: per-row results, or every problem and "nothing was written". */
const UploadOutcome = ({ outcome, rowFilter, onRowFilter }: { outcome: Outcome; rowFilter: RowFilter; onRowFilter(next: RowFilter): void }) => {
  const t = useTranslate();

  if (outcome.kind !== "success") {
    return (
      <UploadProblems
        failure={outcome}
        titles={{
          invalid: (count, rows) => t("fx.upload.invalidTitle", { name: outcome.fileName, count, rows }),
          rejected: t("fx.upload.rejectedTitle", { name: outcome.fileName }),
          failed: t("fx.upload.failed", { name: outcome.fileName }),
        }}
        nothingWritten={t("fx.upload.nothingWritten")}
        codeLabel={(code) => t(`fx.upload.codes.${code}`, code)}
      />
    );
  }

  const { result } = outcome;
  const rows = result.rows.filter((row) => rowFilter === "all" || row.status === rowFilter);
  return (
    <Card variant="borderless" className="section-card" data-testid="upload-result">
      <Flex vertical gap={16}>
        <Alert
          type="success"
          showIcon
          data-testid="upload-success"
          message={t("fx.upload.successTitle", { name: outcome.fileName })}
          description={t("fx.upload.successHint", { changed: result.changed })}
        />
        <Row gutter={[16, 16]}>
          <Col xs={8}>
            <Statistic title={t("fx.upload.result.total")} value={result.total} />
          </Col>
          <Col xs={8}>
            <Statistic title={t("fx.upload.result.changed")} value={result.changed} valueStyle={{ color: "#5b3cc4" }} />
          </Col>
          <Col xs={8}>
            <Statistic title={t("fx.upload.result.unchanged")} value={result.unchanged} />
          </Col>
        </Row>
        <Segmented<RowFilter>
          value={rowFilter}
          onChange={onRowFilter}
          options={(["all", "changed", "unchanged"] as const).map((key) => ({ value: key, label: t(`fx.upload.result.filter.${key}`) }))}
          data-testid="upload-row-filter"
        />
        <Table<BalanceUploadRow>
          dataSource={rows}
          rowKey={(row) => `${row.row}-${row.subAccount}`}
          size="small"
          data-testid="upload-rows"
          scroll={{ x: 900 }}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          onRow={(row) => ({ "data-sub-account": row.subAccount, "data-status": row.status }) as React.HTMLAttributes<HTMLElement>}
        >
          <Table.Column<BalanceUploadRow> dataIndex="row" title={t("fx.upload.errors.row")} width={70} />
          <Table.Column<BalanceUploadRow>
            key="merchant"
            title={t("fx.fields.merchant")}
            width={240}
            render={(_, row) => (
              <Space size={8}>
                <ShopOutlined />
                <Link to={`/merchants/show/${row.merchant.documentId}`}>{row.merchant.nameCn}</Link>
              </Space>
            )}
          />
          <Table.Column<BalanceUploadRow>
            dataIndex="subAccount"
            title={t("fx.profile.fxSubAccount")}
            width={200}
            render={(value: string) => <span className="mono">{value}</span>}
          />
          <Table.Column<BalanceUploadRow>
            key="change"
            title={t("fx.upload.result.balance")}
            width={280}
            render={(_, row) => (
              <Space size={6} className="nowrap">
                <Money value={row.previousBalance} />
                <span className="fx-arrow">→</span>
                <Money value={row.balance} strong testId="upload-row-balance" />
              </Space>
            )}
          />
          <Table.Column<BalanceUploadRow>
            dataIndex="delta"
            title={t("fx.upload.result.delta")}
            width={140}
            align="right"
            render={(value: string) => <Money value={value} signed testId="upload-row-delta" />}
          />
          <Table.Column<BalanceUploadRow>
            dataIndex="status"
            title={t("fx.fields.status")}
            width={100}
            render={(value: string) =>
              value === "changed" ? (
                <Tag bordered={false} color="purple" icon={<CheckCircleFilled />} data-testid="upload-row-status" data-status={value}>
                  {t("fx.upload.result.statusChanged")}
                </Tag>
              ) : (
                <Tag bordered={false} icon={<MinusCircleOutlined />} data-testid="upload-row-status" data-status={value}>
                  {t("fx.upload.result.statusUnchanged")}
                </Tag>
              )
            }
          />
        </Table>
        <Typography.Text type="secondary">
          <CloudUploadOutlined /> {t("fx.upload.notifyHint")}
        </Typography.Text>
      </Flex>
    </Card>
  );
};
