import { FileDoneOutlined } from "@ant-design/icons";
import { Button, Descriptions, Tag } from "antd";
import {
  TAX_REFUND_FILE_SLOTS,
  formatAmount,
  type LinkedBatch,
  type RefundEstimate,
  type TaxRefundData,
  type TaxRefundFileSlot,
} from "@jmt/api-types";
import { Link } from "react-router";
import { useFilePreview } from "../../components/applications/FilePreview";
import { useT } from "../../i18n/useT";
import { DESCRIPTION_COLUMNS } from "../../theme";

/** The label of a refund file slot: the kind's when it has loaded, else ours. */
export function useSlotLabel(kindSlots?: ReadonlyArray<{ key: string; label: string }>) {
  const t = useT();
  return (slot: TaxRefundFileSlot) =>
    kindSlots?.find((s) => s.key === slot)?.label || t(`taxRefund.slots.${slot}.label`);
}

/**
 * Read-back of a refund (确认提交 and the detail): what was declared, the estimate, the linked batches and,
 * in the wizard, the three PDFs with their preview.
 */
export function RefundReview({
  data,
  estimate,
  batches,
  kindSlots,
  withFiles,
}: {
  data: Partial<TaxRefundData>;
  /** The server's estimate for this data (null: none yet; undefined: not shown). */
  estimate?: RefundEstimate | null;
  /** The linked batches as far as they are known (ids without details are counted). */
  batches: LinkedBatch[];
  kindSlots?: ReadonlyArray<{ key: string; label: string }>;
  withFiles?: boolean;
}) {
  const t = useT();
  const preview = useFilePreview();
  const slotLabel = useSlotLabel(kindSlots);
  const empty = <span className="jmt-muted">{t("common.notFilled")}</span>;
  const type = data.enterpriseType === "producer" ? "producer" : "trading";
  const linked = data.customsBatches ?? [];
  const unknown = linked.filter((id) => !batches.some((b) => b.id === id)).length;

  return (
    <div className="jmt-review" data-testid="refund-review">
      <Descriptions bordered size="small" column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
        <Descriptions.Item label={t("taxRefund.fields.enterpriseType")}>
          <span data-testid="review-enterprise-type">
            {data.enterpriseType ? t(`taxRefund.type.${type}.title`) : empty}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("taxRefund.fields.hsCode")}>
          {data.hsCode ? (
            <span>
              <span className="jmt-mono" data-testid="review-hs-code">
                {data.hsCode}
              </span>
              {estimate && <span className="jmt-muted"> · {estimate.description}</span>}
            </span>
          ) : (
            empty
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("taxRefund.fields.orderAmount")}>
          {data.orderAmount ? (
            <strong data-testid="review-order-amount">¥ {formatAmount(data.orderAmount)}</strong>
          ) : (
            empty
          )}
        </Descriptions.Item>
        {type === "trading" && (
          <Descriptions.Item label={t("taxRefund.fields.purchaseAmount")}>
            {data.purchaseAmount ? (
              <strong data-testid="review-purchase-amount">¥ {formatAmount(data.purchaseAmount)}</strong>
            ) : (
              empty
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("taxRefund.fields.exportDate")}>{data.exportDate || empty}</Descriptions.Item>
        <Descriptions.Item label={t("taxRefund.fields.invoiceNo")}>
          {data.invoiceNo ? <span className="jmt-mono">{data.invoiceNo}</span> : <span className="jmt-muted">—</span>}
        </Descriptions.Item>
        {estimate !== undefined && (
          <Descriptions.Item label={t("taxRefund.fields.estimate")} span="filled">
            {estimate ? (
              <span data-testid="review-estimate" data-value={estimate.estimate}>
                <strong className="jmt-tr-money">¥ {formatAmount(estimate.estimate)}</strong>
                <span className="jmt-muted">
                  {" "}
                  （{t("taxRefund.estimate.rate", { rate: estimate.rate })} · {estimate.formula}）
                </span>
              </span>
            ) : (
              <span className="jmt-muted">{t("taxRefund.review.noEstimate")}</span>
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t("taxRefund.fields.customsBatches")} span="filled">
          {linked.length === 0 ? (
            <span className="jmt-muted">{t("taxRefund.review.noBatches")}</span>
          ) : (
            <div className="jmt-tag-stack" data-testid="review-batches">
              {batches
                .filter((b) => linked.includes(b.id))
                .map((b) => (
                  <Tag key={b.id} bordered={false} color="purple">
                    <Link to={`/customs/batches/${b.id}`}>
                      {b.number} · {b.name}
                    </Link>
                  </Tag>
                ))}
              {unknown > 0 && <Tag bordered={false}>{t("taxRefund.review.moreBatches", { count: unknown })}</Tag>}
            </div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("taxRefund.fields.note")} span="filled">
          {data.note || <span className="jmt-muted">—</span>}
        </Descriptions.Item>
      </Descriptions>
      {withFiles && (
        <>
          <div className="jmt-form-section" style={{ marginTop: 20 }}>
            {t("taxRefund.steps.documents")}
          </div>
          <div className="jmt-review-files">
            {TAX_REFUND_FILE_SLOTS.map((slot) => {
              const id = data.files?.[slot];
              return (
                <div
                  key={slot}
                  className="jmt-review-file"
                  data-testid="review-file"
                  data-slot={slot}
                  data-uploaded={id ? "true" : "false"}
                >
                  <FileDoneOutlined />
                  <span>{slotLabel(slot)}</span>
                  {id ? (
                    <Button size="small" type="link" onClick={() => void preview.open(id, slotLabel(slot))}>
                      {t("applications.upload.preview")}
                    </Button>
                  ) : (
                    <Tag bordered={false} color="error">
                      {t("applications.upload.missing")}
                    </Tag>
                  )}
                </div>
              );
            })}
          </div>
          {preview.modal}
        </>
      )}
    </div>
  );
}
