import {
  AccountBookOutlined,
  ArrowLeftOutlined,
  CheckCircleFilled,
  ContainerOutlined,
  EditOutlined,
  FilePdfOutlined,
  FileTextOutlined,
  MailOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Empty, Tag } from "antd";
import { Link, useNavigate, useParams } from "react-router";
import {
  TAX_REFUND_FILE_SLOTS,
  TAX_REFUND_KIND,
  TAX_REFUND_STEPS,
  formatAmount,
  taxRefundProgress,
} from "@jmt/api-types";
import { ApplicationTimeline } from "../../components/applications/ApplicationTimeline";
import { PrivateFileList } from "../../components/applications/PrivateFileList";
import { ApplicationStatusTag, ProgressBoard } from "../../components/applications/ProgressBoard";
import { DetailLoadError, DetailSkeleton } from "../../components/DetailStates";
import { ModuleGate, ModuleHero, PageCrumbs } from "../../components/ModuleShell";
import { useCanWrite, useKind } from "../../hooks/useApplications";
import { useTaxRefund } from "../../hooks/useTaxRefund";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";
import { reachedAt } from "../../lib/taxRefund";
import { toApiError } from "../../providers/apiError";
import type { TaxRefundDetail } from "../../providers/taxRefundApi";
import { RefundReview, useSlotLabel } from "./RefundReview";

/** States with a note under the board saying what happens now (补正 and 不予退税 have the board's own alerts). */
const STAGE_NOTES = new Set(["declared", "reviewing", "treasury", "paid"]);

/** 预计退税额 and 已到账退税额 side by side, with the formula and the rate. */
function AmountsCard({ r }: { r: TaxRefundDetail }) {
  const t = useT();
  const e = r.estimate;
  return (
    <Card
      className="jmt-panel"
      data-testid="refund-amounts"
      title={
        <span className="jmt-panel-title">
          <AccountBookOutlined /> {t("taxRefund.detail.amountsTitle")}
        </span>
      }
    >
      <div className="jmt-fx-figures">
        <div className="jmt-fx-figure is-frozen">
          <span className="jmt-fx-label">{t("taxRefund.fields.estimate")}</span>
          <strong data-testid="refund-estimate" data-value={e?.estimate ?? ""}>
            {e ? `¥ ${formatAmount(e.estimate)}` : "—"}
          </strong>
          <span className="jmt-muted">
            {e ? (
              <>
                {t("taxRefund.estimate.rate", { rate: e.rate })} · <span data-testid="refund-formula">{e.formula}</span>
              </>
            ) : (
              t("taxRefund.review.noEstimate")
            )}
          </span>
        </div>
        <div className="jmt-fx-figure">
          <span className="jmt-fx-label">{t("taxRefund.fields.refunded")}</span>
          <strong data-testid="refund-refunded" data-value={r.refundedAmount ?? ""}>
            {r.refundedAmount ? `¥ ${formatAmount(r.refundedAmount)}` : "—"}
          </strong>
          <span className="jmt-muted">
            {r.refundedAmount ? t("taxRefund.detail.refundedNote") : t("taxRefund.detail.notRefunded")}
          </span>
        </div>
      </div>
      {e && (
        <p className="jmt-muted jmt-tr-figure-note">
          {t(`taxRefund.estimate.basis.${e.basis}`)} · {t("taxRefund.estimate.matched")}{" "}
          <span className="jmt-mono">{e.matchedCode}</span> {e.description}
        </p>
      )}
    </Card>
  );
}

/** 税务回执: what the tax system's return messages said of this refund. */
function ReturnsCard({ r }: { r: TaxRefundDetail }) {
  const t = useT();
  return (
    <Card
      className="jmt-panel"
      size="small"
      data-testid="refund-returns"
      title={
        <span className="jmt-panel-title">
          <MailOutlined /> {t("taxRefund.detail.returnsTitle")}
        </span>
      }
    >
      {r.returns.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.detail.noReturns")} />
      ) : (
        <ul className="jmt-tr-returns">
          {[...r.returns].reverse().map((m, i) => (
            <li key={`${m.date}-${i}`} data-testid="return-item" data-status={m.status}>
              <div className="jmt-tr-return-head">
                <ApplicationStatusTag status={m.status} label={m.statusLabel} />
                <span className="jmt-muted">{m.date}</span>
              </div>
              {m.amount && (
                <div>
                  {t("taxRefund.detail.returnAmount")}：<strong>¥ {formatAmount(m.amount)}</strong>
                </div>
              )}
              {m.message && <div className="jmt-muted">{m.message}</div>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The customs batches this claim covers. */
function BatchesCard({ r }: { r: TaxRefundDetail }) {
  const t = useT();
  const linked = r.data.customsBatches ?? [];
  return (
    <Card
      className="jmt-panel"
      size="small"
      data-testid="refund-batches"
      title={
        <span className="jmt-panel-title">
          <ContainerOutlined /> {t("taxRefund.fields.customsBatches")}
        </span>
      }
    >
      {linked.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.review.noBatches")} />
      ) : (
        <ul className="jmt-tr-returns">
          {r.batches.map((b) => (
            <li key={b.id} data-testid="linked-batch">
              <Link to={`/customs/batches/${b.id}`}>
                <strong>{b.name}</strong>
              </Link>
              <span className="jmt-muted jmt-mono">{b.number}</span>
              <span className="jmt-muted">{t("taxRefund.batches.released", { count: b.releasedInventories })}</span>
            </li>
          ))}
          {linked.length > r.batches.length && (
            <li className="jmt-muted">
              {t("taxRefund.review.moreBatches", { count: linked.length - r.batches.length })}
            </li>
          )}
        </ul>
      )}
    </Card>
  );
}

function RefundBody({ r }: { r: TaxRefundDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const { canWrite } = useCanWrite();
  const { kind } = useKind(TAX_REFUND_KIND);
  const slotLabel = useSlotLabel(kind?.fileSlots);
  const progress = taxRefundProgress(r.status);
  const edit = () => navigate(`/tax-refund/${r.documentId}/edit`);
  const files = TAX_REFUND_FILE_SLOTS.flatMap((slot) => {
    const id = r.data.files?.[slot];
    return id ? [{ id, category: slot, label: slotLabel(slot), mime: "application/pdf" }] : [];
  });

  return (
    <>
      {r.status === "draft" && (
        <Alert
          type="info"
          showIcon
          data-testid="refund-draft-note"
          message={t("taxRefund.detail.draftTitle")}
          description={t("taxRefund.detail.draftDesc")}
          action={
            canWrite && (
              <Button type="primary" icon={<EditOutlined />} onClick={edit} data-testid="refund-continue">
                {t("taxRefund.detail.continue")}
              </Button>
            )
          }
        />
      )}
      <ProgressBoard
        application={r}
        kind={kind}
        fallbackSteps={TAX_REFUND_STEPS}
        fallbackLabels={Object.fromEntries(TAX_REFUND_STEPS.map((key) => [key, t(`taxRefund.stepLabels.${key}`)]))}
        progress={progress}
        stepDescription={(key, i) => {
          const at = reachedAt(r.timeline, key);
          const reached = !!at && i <= progress.current && !(progress.state === "error" && i === progress.current);
          if (reached) return formatDateTime(at);
          return i === progress.current && progress.state === "process" ? t("applications.currentStep") : undefined;
        }}
        returnedAction={
          canWrite && (
            <Button type="primary" icon={<EditOutlined />} onClick={edit} data-testid="fix-and-resubmit">
              {t("taxRefund.detail.fix")}
            </Button>
          )
        }
      >
        {STAGE_NOTES.has(r.status) && (
          <Alert
            className="jmt-board-alert"
            type={r.status === "paid" ? "success" : "info"}
            showIcon
            icon={r.status === "paid" ? <CheckCircleFilled /> : undefined}
            data-testid="refund-stage-note"
            message={t(`taxRefund.detail.stage.${r.status}`, {
              amount: formatAmount(r.refundedAmount ?? r.estimate?.estimate ?? ""),
            })}
          />
        )}
      </ProgressBoard>

      <div className="jmt-kind-layout">
        <div className="jmt-kind-main">
          <AmountsCard r={r} />
          <Card
            className="jmt-panel"
            title={
              <span className="jmt-panel-title">
                <FileTextOutlined /> {t("taxRefund.detail.infoTitle")}
              </span>
            }
          >
            <RefundReview data={r.data} batches={r.batches} kindSlots={kind?.fileSlots} />
          </Card>
          <Card
            className="jmt-panel"
            data-testid="refund-files"
            title={
              <span className="jmt-panel-title">
                <FilePdfOutlined /> {t("taxRefund.steps.documents")}
                <Tag bordered={false}>{t("taxRefund.detail.filesCount", { count: files.length })}</Tag>
              </span>
            }
          >
            <PrivateFileList files={files} empty={t("taxRefund.detail.noFiles")} />
          </Card>
        </div>
        <aside className="jmt-kind-aside">
          <ReturnsCard r={r} />
          <BatchesCard r={r} />
          <ApplicationTimeline timeline={r.timeline} />
        </aside>
      </div>
    </>
  );
}

/** T2 `/tax-refund/:id` (where messages link): progress, amounts, return messages, batches, PDFs and the timeline. */
export function TaxRefundDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const { canWrite } = useCanWrite();
  const refund = useTaxRefund(id);
  const r = refund.data;
  const failure = refund.error ? toApiError(refund.error) : null;
  const title = r?.number ? t("taxRefund.detail.title", { number: r.number }) : t("taxRefund.detail.titleLoading");
  const crumbs = [{ label: t("modules.tax-refund.title"), to: "/tax-refund" }, { label: title }];

  return (
    <ModuleGate moduleKey="tax-refund" crumbs={crumbs}>
      <div className="jmt-page" data-testid="refund-page" data-status={r?.status ?? ""}>
        <PageCrumbs items={crumbs} />
        {refund.isLoading ? (
          <DetailSkeleton />
        ) : refund.isError || !r ? (
          <DetailLoadError
            failure={failure}
            notFoundKey="taxRefund.detail.notFound"
            loadFailedKey="taxRefund.detail.loadFailed"
            backLabel={t("taxRefund.detail.back")}
            onBack={() => navigate("/tax-refund")}
            onReload={() => void refund.refetch()}
          />
        ) : (
          <>
            <ModuleHero
              moduleKey="tax-refund"
              title={title}
              tags={<ApplicationStatusTag status={r.status} label={r.statusLabel} />}
              lead={t(`taxRefund.detail.lead.${r.status}`, undefined, t("modules.tax-refund.summary"))}
              extra={
                // 继续填写 / 修改并重新提交 sit in the draft note and the 补正 alert, next to what they answer.
                <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => navigate("/tax-refund")}>
                  {t("taxRefund.detail.back")}
                </Button>
              }
            />
            {!canWrite && <Alert type="info" showIcon message={t("taxRefund.readOnly")} data-testid="read-only-note" />}
            <RefundBody r={r} />
          </>
        )}
      </div>
    </ModuleGate>
  );
}
