import {
  ArrowRightOutlined,
  CheckCircleOutlined,
  EditOutlined,
  FilePdfOutlined,
  FileSearchOutlined,
  FundOutlined,
  PlusOutlined,
  ReloadOutlined,
  SyncOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Empty, Input, Progress, Result, Segmented, Skeleton, Table, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useMemo, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { TAX_REFUND_STEPS, formatAmount, taxRefundProgress } from "@jmt/api-types";
import { ApplicationStatusTag } from "../../components/applications/ProgressBoard";
import { ModuleGate, ModuleHero, PageCrumbs } from "../../components/ModuleShell";
import { useCanWrite } from "../../hooks/useApplications";
import { useTaxRefunds } from "../../hooks/useTaxRefund";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";
import {
  REFUND_FILTERS,
  matchesFilter,
  refundSummary,
  type RefundFilter,
  type TaxRefundListItem,
} from "../../lib/taxRefund";
import { EstimateCalculator } from "./EstimateCalculator";

/** A refund's place on 申报 → 审核 → 退库 → 到账, small enough for a table cell. */
function ProgressCell({ status }: { status: string }) {
  const t = useT();
  if (status === "draft") return <span className="jmt-muted">{t("taxRefund.list.notSubmitted")}</span>;
  const p = taxRefundProgress(status);
  const step = TAX_REFUND_STEPS[p.current];
  const done = p.state === "finish" ? TAX_REFUND_STEPS.length : p.current + 1;
  return (
    <div className="jmt-tr-progress" data-testid="refund-progress" data-step={step}>
      <Progress
        steps={TAX_REFUND_STEPS.length}
        percent={(done / TAX_REFUND_STEPS.length) * 100}
        size={[20, 6]}
        showInfo={false}
        status={p.state === "error" ? "exception" : p.state === "finish" ? "success" : "active"}
        strokeColor={p.state === "error" ? "#e5484d" : p.state === "finish" ? "#1f9d55" : "#e07a2f"}
      />
      <span className={p.state === "error" ? "jmt-tr-progress-error" : "jmt-muted"}>
        {p.state === "error"
          ? t("taxRefund.list.stoppedAt", { step: t(`taxRefund.stepLabels.${step}`) })
          : t("taxRefund.list.stepOf", { done, total: TAX_REFUND_STEPS.length })}
      </span>
    </div>
  );
}

function Stat({
  label,
  value,
  note,
  testId,
  tone,
}: {
  label: string;
  value: string;
  note?: string;
  testId: string;
  tone?: string;
}) {
  return (
    <div className={`jmt-tr-stat${tone ? ` is-${tone}` : ""}`}>
      <span className="jmt-fx-label">{label}</span>
      <strong data-testid={testId}>{value}</strong>
      {note && <span className="jmt-muted">{note}</span>}
    </div>
  );
}

/** 申报中 / 已到账 counts, 累计到账退税额 and 预计退税额 of the open ones (exact decimal sums). */
function SummaryCards({ refunds, loading }: { refunds: TaxRefundListItem[]; loading: boolean }) {
  const t = useT();
  const s = useMemo(() => refundSummary(refunds), [refunds]);
  if (loading) {
    return (
      <Card className="jmt-panel">
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  }
  return (
    <section
      className="jmt-tr-stats"
      data-testid="refund-summary"
      data-open={s.open}
      data-paid={s.paid}
      data-refunded={s.refundedTotal}
      data-expected={s.expectedTotal}
    >
      <Stat
        label={t("taxRefund.summary.open")}
        value={String(s.open)}
        note={s.returned ? t("taxRefund.summary.returnedNote", { count: s.returned }) : t("taxRefund.summary.openNote")}
        tone={s.returned ? "warn" : undefined}
        testId="summary-open"
      />
      <Stat
        label={t("taxRefund.summary.paid")}
        value={String(s.paid)}
        note={t("taxRefund.summary.paidNote")}
        testId="summary-paid"
      />
      <Stat
        label={t("taxRefund.summary.refunded")}
        value={`¥ ${formatAmount(s.refundedTotal)}`}
        note={t("taxRefund.summary.refundedNote")}
        tone="ok"
        testId="summary-refunded"
      />
      <Stat
        label={t("taxRefund.summary.expected")}
        value={`¥ ${formatAmount(s.expectedTotal)}`}
        note={t("taxRefund.summary.expectedNote")}
        tone="accent"
        testId="summary-expected"
      />
    </section>
  );
}

function RefundList({ canWrite, onCreate }: { canWrite: boolean; onCreate: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const refunds = useTaxRefunds();
  const [filter, setFilter] = useState<RefundFilter>("");
  const [search, setSearch] = useState("");
  const all = refunds.data ?? [];
  const keyword = search.trim().toUpperCase();
  const rows = all.filter(
    (r) =>
      matchesFilter(r.status, filter) &&
      (!keyword || (r.number ?? "").toUpperCase().includes(keyword) || (r.data.hsCode ?? "").includes(keyword)),
  );
  const open = (r: TaxRefundListItem) => navigate(`/tax-refund/${r.documentId}`);

  const columns: ColumnsType<TaxRefundListItem> = [
    {
      title: t("taxRefund.list.number"),
      key: "number",
      render: (_, r) => (
        <div className="jmt-batch-cell">
          <Link
            to={`/tax-refund/${r.documentId}`}
            onClick={(e) => e.stopPropagation()}
            className="jmt-mono"
            data-testid="refund-link"
          >
            {r.number}
          </Link>
          <span className="jmt-muted">{t("taxRefund.list.createdAt", { time: formatDateTime(r.createdAt) })}</span>
        </div>
      ),
    },
    {
      title: t("taxRefund.list.status"),
      key: "status",
      render: (_, r) => (
        <div className="jmt-tr-status-cell">
          <ApplicationStatusTag status={r.status} label={r.statusLabel} />
          <ProgressCell status={r.status} />
        </div>
      ),
    },
    {
      title: t("taxRefund.list.goods"),
      key: "goods",
      responsive: ["lg"],
      render: (_, r) => (
        <div className="jmt-batch-cell">
          <span className="jmt-mono">{r.data.hsCode ?? "—"}</span>
          <span className="jmt-muted">
            {r.data.exportDate ? t("taxRefund.list.exportedOn", { date: r.data.exportDate }) : ""}
          </span>
        </div>
      ),
    },
    {
      title: t("taxRefund.list.estimate"),
      key: "estimate",
      align: "right",
      render: (_, r) =>
        r.estimate ? (
          <div className="jmt-tr-amount-cell">
            <strong data-testid="refund-estimate-cell">¥ {formatAmount(r.estimate.estimate)}</strong>
            <span className="jmt-muted">{t("taxRefund.estimate.rate", { rate: r.estimate.rate })}</span>
          </div>
        ) : (
          <span className="jmt-muted">—</span>
        ),
    },
    {
      title: t("taxRefund.list.refunded"),
      key: "refunded",
      align: "right",
      render: (_, r) =>
        r.refundedAmount ? (
          <strong className="jmt-tr-paid" data-testid="refund-refunded-cell">
            ¥ {formatAmount(r.refundedAmount)}
          </strong>
        ) : (
          <span className="jmt-muted">—</span>
        ),
    },
    {
      title: t("taxRefund.list.updatedAt"),
      key: "updatedAt",
      responsive: ["xxl"],
      render: (_, r) => <span className="jmt-muted">{formatDateTime(r.lastTransitionAt ?? r.updatedAt)}</span>,
    },
    {
      title: "",
      key: "go",
      align: "right",
      // Only what the admin can do here; the row itself opens the refund.
      render: (_, r) =>
        canWrite && r.editable ? (
          <Button
            size="small"
            type="primary"
            ghost
            icon={<EditOutlined />}
            onClick={(e) => {
              e.stopPropagation();
              navigate(`/tax-refund/${r.documentId}/edit`);
            }}
            data-testid="refund-row-edit"
          >
            {t(r.status === "returned" ? "taxRefund.detail.fix" : "taxRefund.detail.continue")}
          </Button>
        ) : (
          <ArrowRightOutlined className="jmt-muted" />
        ),
    },
  ];

  return (
    <Card
      id="refunds"
      className="jmt-panel"
      data-testid="refund-list"
      title={
        <span className="jmt-panel-title">
          <UnorderedListOutlined /> {t("taxRefund.list.title")}
        </span>
      }
      extra={refunds.isFetching && !refunds.isLoading ? <SyncOutlined spin className="jmt-muted" /> : undefined}
    >
      {refunds.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : refunds.isError ? (
        <Result
          status="warning"
          title={t("taxRefund.list.loadFailed")}
          subTitle={refunds.error?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void refunds.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : all.length === 0 ? (
        <Empty
          className="jmt-empty-hero"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          data-testid="refund-empty"
          description={
            <div>
              <div className="jmt-empty-title">{t("taxRefund.list.emptyTitle")}</div>
              <div className="jmt-muted">{t("taxRefund.list.emptyDesc")}</div>
            </div>
          }
        >
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
              {t("taxRefund.create")}
            </Button>
          )}
        </Empty>
      ) : (
        <>
          <div className="jmt-table-toolbar">
            <Segmented<RefundFilter>
              value={filter}
              onChange={setFilter}
              options={REFUND_FILTERS.map((f) => ({ value: f, label: t(`taxRefund.filter.${f || "all"}`) }))}
              data-testid="refund-filter"
            />
            <Input.Search
              allowClear
              placeholder={t("taxRefund.list.search")}
              onSearch={(v) => setSearch(v)}
              onChange={(e) => !e.target.value && setSearch("")}
              className="jmt-list-search"
              data-testid="refund-search"
            />
          </div>
          <Table<TaxRefundListItem>
            rowKey="documentId"
            size="middle"
            columns={columns}
            dataSource={rows}
            onRow={(r) =>
              ({
                onClick: () => open(r),
                className: "jmt-clickable-row",
                "data-testid": "refund-row",
                "data-number": r.number ?? "",
                "data-status": r.status,
              }) as React.HTMLAttributes<HTMLTableRowElement>
            }
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("taxRefund.list.noMatch")} />,
            }}
            pagination={{
              pageSize: 10,
              hideOnSinglePage: true,
              showTotal: (total) => t("taxRefund.list.total", { total }),
            }}
            scroll={{ x: "max-content" }}
          />
        </>
      )}
    </Card>
  );
}

/** 办理须知: what to prepare and how the refund is computed. */
function GuideCard() {
  const t = useT();
  return (
    <Card
      id="guide"
      className="jmt-panel jmt-instructions"
      size="small"
      data-testid="refund-guide"
      title={
        <span className="jmt-panel-title">
          <FileSearchOutlined /> {t("taxRefund.guide.title")}
        </span>
      }
    >
      <div className="jmt-instr-block">
        <div className="jmt-instr-label">
          <FilePdfOutlined /> {t("taxRefund.guide.prepareTitle")}
        </div>
        <ul className="jmt-instr-list">
          {(["tax_declaration", "tax_purchase_invoice", "tax_sales_invoice"] as const).map((slot) => (
            <li key={slot}>{t(`taxRefund.slots.${slot}.label`)}</li>
          ))}
        </ul>
        <p className="jmt-tr-pdf-note">{t("taxRefund.guide.pdfOnly")}</p>
      </div>
      <div className="jmt-instr-block">
        <div className="jmt-instr-label">
          <FundOutlined /> {t("taxRefund.guide.howTitle")}
        </div>
        <ul className="jmt-instr-list">
          <li>{t("taxRefund.type.trading.formula")}</li>
          <li>{t("taxRefund.type.producer.formula")}</li>
        </ul>
        <p>{t("taxRefund.guide.rateSource")}</p>
      </div>
      <div className="jmt-instr-block">
        <div className="jmt-instr-label">
          <CheckCircleOutlined /> {t("taxRefund.guide.afterTitle")}
        </div>
        <p>{t("taxRefund.guide.after")}</p>
      </div>
    </Card>
  );
}

/** 出口退税 home (T1–T4): the guide, the summary, the merchant's refunds and 新建退税申请, a quick estimate. */
export function TaxRefundHomePage() {
  const t = useT();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const { canWrite } = useCanWrite();
  const refunds = useTaxRefunds();
  const create = () => navigate("/tax-refund/new");
  const focus = hash.replace(/^#/, "");

  // Links to a feature (#refunds, #estimate, #guide) land on it once it is there.
  useEffect(() => {
    if (focus && refunds.data) document.getElementById(focus)?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [focus, refunds.data]);

  const crumbs = [{ label: t("modules.tax-refund.title") }];
  return (
    <ModuleGate moduleKey="tax-refund" crumbs={crumbs}>
      <div className="jmt-page" data-testid="tax-refund-home">
        <PageCrumbs items={crumbs} />
        <ModuleHero
          moduleKey="tax-refund"
          title={t("modules.tax-refund.title")}
          lead={t("taxRefund.home.lead")}
          extra={
            canWrite && (
              <Tooltip title={t("taxRefund.home.createTip")}>
                <Button
                  type="primary"
                  size="large"
                  icon={<PlusOutlined />}
                  onClick={create}
                  data-testid="create-refund"
                >
                  {t("taxRefund.create")}
                </Button>
              </Tooltip>
            )
          }
        />
        {!canWrite && <Alert type="info" showIcon message={t("taxRefund.readOnly")} data-testid="read-only-note" />}
        <ol className="jmt-flow-strip" aria-label={t("taxRefund.home.flowTitle")}>
          {(["draft", "declared", "reviewing", "treasury", "paid"] as const).map((s, i) => (
            <li key={s}>
              <span className="jmt-flow-index">{i + 1}</span>
              <span>{t(`taxRefund.stepLabels.${s}`)}</span>
            </li>
          ))}
        </ol>
        <SummaryCards refunds={refunds.data ?? []} loading={refunds.isLoading} />
        <div className="jmt-kind-layout">
          <div className="jmt-kind-main">
            <RefundList canWrite={canWrite} onCreate={create} />
          </div>
          <aside className="jmt-kind-aside">
            <GuideCard />
            <EstimateCalculator />
          </aside>
        </div>
      </div>
    </ModuleGate>
  );
}
