import { ArrowRightOutlined, CloudDownloadOutlined, ContainerOutlined, InfoCircleOutlined } from "@ant-design/icons";
import { TAX_REFUND_KIND, type LinkedBatch, type RefundReturn } from "@jmt/api-types";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App as AntdApp, Button, Card, Empty, List, Space, Tag, Timeline, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, Navigate, useParams } from "react-router";
import { ApplicationStatusTag, stateColor } from "../../components/applications/ApplicationStatusTag";
import { Money } from "../../components/fx/Money";
import { EstimateSummary } from "../../components/tax-refund/EstimateSummary";
import { TAX_REFUND_PATHS } from "../../lib/application-kinds";
import { downloadWithToken } from "../../lib/download";
import { formatDate } from "../../lib/format";
import { taxRefundApi } from "../../providers/data-provider";
import { tokenStore } from "../../providers/http";
import type { TaxRefundDetail } from "../../providers/tax-refund";
import { ApplicationDetailView } from "../applications/show";
import { useRefreshTaxRefunds, useTaxRefundDetail, useTaxRefundPermissions } from "./hooks";

/**
 * 退税详情: the generic application detail (summary and progress 申报 → 审核 → 退库 → 到账, actions with reasons and
 * quick picks, the data, the three PDFs, merchant, timeline) plus what is a refund's own — the estimate from the rate
 * table, the tax authority's return messages, the linked customs batches and 下载申请包.
 */
export const TaxRefundShow = () => {
  const { id = "" } = useParams();
  const query = useTaxRefundDetail(id);
  const refresh = useRefreshTaxRefunds();
  const { process } = useTaxRefundPermissions();
  return (
    <ApplicationDetailView<TaxRefundDetail>
      query={query}
      kindHint={TAX_REFUND_KIND}
      allowEditApproved={false}
      shownElsewhere={["customsBatches"]}
      headerExtra={(refund) => (process ? <PackageButton refund={refund} /> : null)}
      mainTop={(refund) => <EstimateCard refund={refund} />}
      mainBottom={(refund) => <LinkedBatches batches={refund.batches} />}
      side={(refund) => <ReturnMessages returns={refund.returns} />}
      onChanged={refresh}
    />
  );
};

/** `/reviews/tax-refund/show/:id` (a review-queue link to a refund) → the refund's own detail. */
export const TaxRefundReviewRedirect = () => {
  const { id = "" } = useParams();
  return <Navigate to={TAX_REFUND_PATHS.detail(id)} replace />;
};

/** 下载申请包: the three PDFs and the summary workbook, zipped by the cms (fetched with the bearer token). */
const PackageButton = ({ refund }: { refund: TaxRefundDetail }) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      const filename = await downloadWithToken(
        taxRefundApi.packageUrl(refund.documentId),
        tokenStore.getToken(),
        t("taxRefund.package.fileName", { number: refund.number ?? refund.documentId }),
      );
      message.success(t("applications.files.downloaded", { filename }));
    } catch (error) {
      notification.error({ message: t("taxRefund.package.failed"), description: (error as HttpError).message });
    } finally {
      setLoading(false);
    }
  };
  return (
    <Tooltip title={t("taxRefund.package.hint")}>
      <Button type="primary" ghost icon={<CloudDownloadOutlined />} loading={loading} onClick={() => void download()} data-testid="refund-package">
        {t("taxRefund.package.download")}
      </Button>
    </Tooltip>
  );
};

/** 退税测算: the estimate (or why there is none) and, once paid, what was refunded. */
const EstimateCard = ({ refund }: { refund: TaxRefundDetail }) => {
  const t = useTranslate();
  return (
    <Card
      size="small"
      title={t("taxRefund.estimate.title")}
      data-testid="refund-estimate"
      extra={
        <Link to={TAX_REFUND_PATHS.rates}>
          {t("taxRefund.estimate.toRates")} <ArrowRightOutlined />
        </Link>
      }
    >
      {refund.estimate ? (
        <EstimateSummary estimate={refund.estimate} refundedAmount={refund.refundedAmount} />
      ) : (
        <Alert type="warning" showIcon message={t("taxRefund.estimate.none")} description={t("taxRefund.estimate.noneHint")} />
      )}
    </Card>
  );
};

/** 税务回执: what the tax authority's daily return messages said about this refund, newest first. */
const ReturnMessages = ({ returns }: { returns: RefundReturn[] }) => {
  const t = useTranslate();
  return (
    <Card
      size="small"
      title={t("taxRefund.returnsCard.title")}
      data-testid="refund-returns"
      extra={
        <Tooltip title={t("taxRefund.returnsCard.hint")}>
          <InfoCircleOutlined className="muted-icon" />
        </Tooltip>
      }
    >
      {returns.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.returnsCard.empty")} />
      ) : (
        <Timeline
          className="application-timeline"
          items={[...returns].reverse().map((item, index) => ({
            key: `${item.date}-${index}`,
            color: stateColor(item.status),
            children: (
              <div className="timeline-entry" data-testid="refund-return" data-status={item.status} data-amount={item.amount ?? ""}>
                <Space size={8} wrap>
                  <Typography.Text strong>{formatDate(item.date)}</Typography.Text>
                  <ApplicationStatusTag status={item.status} label={item.statusLabel} />
                  {item.amount && <Money value={item.amount} currency="CNY" strong />}
                </Space>
                {item.message && <div className="timeline-entry__note">{item.message}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
};

/** 关联报关批次: the merchant's declared export batches this claim covers, each opening its tracking page. */
const LinkedBatches = ({ batches }: { batches: LinkedBatch[] }) => {
  const t = useTranslate();
  return (
    <Card size="small" title={t("taxRefund.batches.title")} data-testid="refund-batches">
      {batches.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.batches.empty")} />
      ) : (
        <List
          dataSource={batches}
          renderItem={(batch) => (
            <List.Item
              data-testid="refund-batch"
              actions={[
                <Link key="open" to={`/customs/batches/${encodeURIComponent(batch.id)}`}>
                  {t("taxRefund.batches.open")} <ArrowRightOutlined />
                </Link>,
              ]}
            >
              <List.Item.Meta
                avatar={
                  <span className="file-slot-icon file-slot-icon--ok">
                    <ContainerOutlined />
                  </span>
                }
                title={
                  <Space size={8} wrap>
                    <span className="mono">{batch.number}</span>
                    <span>{batch.name}</span>
                    {batch.tradeMode && (
                      <Tag bordered={false} className="mono">
                        {batch.tradeMode}
                      </Tag>
                    )}
                  </Space>
                }
                description={t("taxRefund.batches.released", { count: batch.releasedInventories })}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
};
