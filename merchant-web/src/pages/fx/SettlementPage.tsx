import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  FileImageOutlined,
  FileTextOutlined,
  HistoryOutlined,
  RedoOutlined,
  SyncOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Empty, Steps, Timeline } from "antd";
import { useNavigate, useParams } from "react-router";
import { formatAmount, type SettlementDetail, type SettlementEvidence } from "@jmt/api-types";
import { PrivateFileList } from "../../components/applications/PrivateFileList";
import { SettlementStatusTag } from "../../components/fx/FxTags";
import { DetailLoadError, DetailSkeleton } from "../../components/DetailStates";
import { ModuleGate, ModuleHero, PageCrumbs } from "../../components/ModuleShell";
import { useCanWrite } from "../../hooks/useApplications";
import { useSettlement } from "../../hooks/useFx";
import { useT } from "../../i18n/useT";
import { FX_PROFILE_FIELDS, RATE_PLACES, isRate, isUsdAmount, multiplyDecimal, settlementSteps } from "../../lib/fx";
import { formatDateTime } from "../../lib/format";
import { toApiError } from "../../providers/apiError";
import { DESCRIPTION_COLUMNS } from "../../theme";

/** The time a settlement reached a status, from its timeline. */
const reachedAt = (s: SettlementDetail, status: SettlementDetail["status"]) =>
  s.timeline.find((e) => e.status === status)?.at ?? null;

/** 银行核验材料: the three files as submitted, each to preview or download. */
function EvidenceList({ files }: { files: SettlementEvidence[] }) {
  const t = useT();
  return (
    <PrivateFileList
      empty={t("fx.detail.noEvidence")}
      files={files.map((f) => ({
        id: f.id,
        category: f.category,
        label: f.label || t(`fx.evidence.${f.category}`, undefined, f.category),
        name: f.originalName,
        size: f.size,
        mime: f.mime,
      }))}
    />
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="jmt-fx-figure">
      <span className="jmt-fx-label">{label}</span>
      <strong data-testid={testId}>{value}</strong>
    </div>
  );
}

function SettlementBody({ s }: { s: SettlementDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const { canWrite } = useCanWrite();
  const steps = settlementSteps(s.status);
  const dash = <span className="jmt-muted">{t("common.notFilled")}</span>;
  const estimate = isUsdAmount(s.amount) && isRate(s.rate) ? multiplyDecimal(s.amount, s.rate, 2) : null;
  const done = reachedAt(s, s.status === "rejected" ? "rejected" : "completed") ?? s.completedAt;

  return (
    <>
      <Card className="jmt-panel" data-testid="settlement-steps" data-status={s.status}>
        <Steps
          current={steps.current}
          status={steps.state}
          responsive
          items={[
            {
              title: t("fx.detail.stepSubmitted"),
              description: formatDateTime(s.createdAt),
            },
            {
              title: t("fx.detail.stepProcessing"),
              description: s.status === "processing" ? t("fx.detail.stepProcessingDesc") : undefined,
              icon: s.status === "processing" ? <SyncOutlined spin /> : undefined,
            },
            {
              title: steps.outcome === "rejected" ? t("fx.detail.stepRejected") : t("fx.detail.stepCompleted"),
              description: done && steps.outcome ? formatDateTime(done) : undefined,
              icon:
                steps.outcome === "rejected" ? (
                  <CloseCircleFilled />
                ) : steps.outcome === "completed" ? (
                  <CheckCircleFilled />
                ) : undefined,
            },
          ]}
        />
      </Card>

      {s.status === "completed" && (
        <Card
          className="jmt-panel jmt-fx-result"
          data-testid="settlement-result"
          title={
            <span className="jmt-panel-title">
              <CheckCircleFilled /> {t("fx.detail.resultTitle")}
            </span>
          }
        >
          <div className="jmt-fx-figures is-three">
            <Figure
              label={t("fx.detail.actualRate")}
              value={formatAmount(s.actualRate, RATE_PLACES)}
              testId="settlement-actual-rate"
            />
            <Figure
              label={t("fx.detail.cnyAmount")}
              value={s.cnyAmount ? `¥ ${formatAmount(s.cnyAmount)}` : "—"}
              testId="settlement-cny"
            />
            <Figure
              label={t("fx.detail.remainingUsd")}
              value={s.remainingUsd ? `$ ${formatAmount(s.remainingUsd)}` : "—"}
              testId="settlement-remaining"
            />
          </div>
        </Card>
      )}

      {s.status === "rejected" && (
        <Alert
          type="error"
          showIcon
          data-testid="settlement-rejected"
          message={t("fx.detail.rejectedTitle")}
          description={
            <div>
              <div>
                {t("fx.detail.rejectReason")}：{s.rejectReason || "—"}
              </div>
              <div className="jmt-muted">{t("fx.detail.rejectedUnfrozen", { amount: formatAmount(s.amount) })}</div>
            </div>
          }
          action={
            canWrite && (
              <Button icon={<RedoOutlined />} onClick={() => navigate("/fx?quick=1")} data-testid="settle-again">
                {t("fx.detail.again")}
              </Button>
            )
          }
        />
      )}

      {s.status === "processing" && (
        <Alert type="info" showIcon message={t("fx.detail.processingNote", { amount: formatAmount(s.amount) })} />
      )}

      <div className="jmt-kind-layout">
        <div className="jmt-kind-main">
          <Card
            className="jmt-panel"
            title={
              <span className="jmt-panel-title">
                <FileTextOutlined /> {t("fx.detail.requestTitle")}
              </span>
            }
          >
            <Descriptions bordered column={DESCRIPTION_COLUMNS} size="middle" className="jmt-descriptions">
              <Descriptions.Item label={t("fx.records.number")}>
                <span className="jmt-mono">{s.number}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("fx.records.status")}>
                <SettlementStatusTag status={s.status} label={s.statusLabel} />
              </Descriptions.Item>
              <Descriptions.Item label={t("fx.quick.amount")}>
                <strong data-testid="detail-amount">$ {formatAmount(s.amount)}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t("fx.quick.date")}>{s.date}</Descriptions.Item>
              <Descriptions.Item label={t("fx.quick.rate")}>{formatAmount(s.rate, RATE_PLACES)}</Descriptions.Item>
              <Descriptions.Item label={t("fx.quick.estimate")}>
                {estimate ? `¥ ${formatAmount(estimate)}` : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("fx.records.createdAt")}>{formatDateTime(s.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t("fx.records.completedAt")}>
                {formatDateTime(s.completedAt) || "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("fx.ledger.note")} span={2}>
                {s.note || <span className="jmt-muted">—</span>}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            className="jmt-panel"
            data-testid="settlement-evidence"
            title={
              <span className="jmt-panel-title">
                <FileImageOutlined /> {t("fx.quick.sectionEvidence")}
              </span>
            }
          >
            <EvidenceList files={s.evidence} />
          </Card>
        </div>
        <aside className="jmt-kind-aside">
          <Card
            className="jmt-panel"
            size="small"
            data-testid="settlement-profile"
            title={
              <span className="jmt-panel-title">
                <UserOutlined /> {t("fx.detail.profileTitle")}
              </span>
            }
          >
            <Descriptions column={1} size="small" colon={false} className="jmt-fx-profile-list">
              {FX_PROFILE_FIELDS.map((f) => (
                <Descriptions.Item key={f} label={t(`fx.profile.${f}`)}>
                  {s.profile?.[f] ? <span className="jmt-mono">{s.profile[f]}</span> : dash}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card
            className="jmt-panel"
            size="small"
            data-testid="settlement-timeline"
            title={
              <span className="jmt-panel-title">
                <HistoryOutlined /> {t("fx.detail.timeline")}
              </span>
            }
          >
            {s.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("applications.timelineEmpty")} />
            ) : (
              <Timeline
                className="jmt-timeline"
                items={[...s.timeline].reverse().map((e, i) => ({
                  key: `${e.at}-${i}`,
                  color: e.status === "completed" ? "green" : e.status === "rejected" ? "red" : "#6d4bd8",
                  children: (
                    <div data-testid="timeline-item" data-status={e.status}>
                      <div className="jmt-timeline-head">
                        <strong>{e.label || t(`fx.status.${e.status}`)}</strong>
                        <span className="jmt-muted">{formatDateTime(e.at)}</span>
                      </div>
                      {e.actorName && <div className="jmt-timeline-actor">{e.actorName}</div>}
                      {e.note && <div className="jmt-timeline-note">{e.note}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </aside>
      </div>
    </>
  );
}

/** X3/X4 结汇明细: what the merchant submitted, the files, the progress, and the outcome once staff finish. */
export function SettlementPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const settlement = useSettlement(id);
  const s = settlement.data;
  const failure = settlement.error ? toApiError(settlement.error) : null;
  const title = s ? t("fx.detail.title", { number: s.number }) : t("fx.detail.titleLoading");
  const crumbs = [{ label: t("modules.fx.title"), to: "/fx" }, { label: title }];

  return (
    <ModuleGate moduleKey="fx" crumbs={crumbs}>
      <div className="jmt-page" data-testid="settlement-page" data-status={s?.status ?? ""}>
        <PageCrumbs items={crumbs} />
        {settlement.isLoading ? (
          <DetailSkeleton />
        ) : settlement.isError || !s ? (
          <DetailLoadError
            failure={failure}
            notFoundKey="fx.detail.notFound"
            loadFailedKey="fx.detail.loadFailed"
            backLabel={t("fx.detail.back")}
            onBack={() => navigate("/fx")}
            onReload={() => void settlement.refetch()}
          />
        ) : (
          <>
            <ModuleHero
              moduleKey="fx"
              title={title}
              tags={<SettlementStatusTag status={s.status} label={s.statusLabel} />}
              lead={t(`fx.detail.lead.${s.status}`, { amount: formatAmount(s.amount) })}
              extra={
                <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => navigate("/fx?tab=settlements")}>
                  {t("fx.detail.back")}
                </Button>
              }
            />
            <SettlementBody s={s} />
          </>
        )}
      </div>
    </ModuleGate>
  );
}
