import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  CloudUploadOutlined,
  FileDoneOutlined,
  FileExcelOutlined,
  HistoryOutlined,
  ReloadOutlined,
  SendOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Empty, Result, Skeleton, Steps, Tabs, Tag } from "antd";
import { useEffect, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import {
  batchInFlight,
  isWaiting,
  stageIndex,
  waitingCount,
  type BatchDetail,
  type BatchProgress,
  type CustomsRecordKind,
  type CustomsSummary,
  type CustomsWaybill,
  type NextAction,
} from "@jmt/api-types";
import { CustomsHints } from "../../components/customs/CustomsHints";
import { CustomsStatusTag } from "../../components/customs/CustomsStatusTag";
import { RecordDrawer } from "../../components/customs/RecordDrawer";
import { ReceiptTimeline } from "../../components/customs/ReceiptTimeline";
import { refreshCustoms, useBatch } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import type { Translate } from "../../i18n/translate";
import { COUNTRIES, flowSteps } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { toApiError } from "../../providers/apiError";
import { customsApi } from "../../providers/customsApi";
import { CountCell } from "./CustomsHomePage";
import { CustomsCrumbs, CustomsGate, CustomsHero } from "./CustomsShell";
import { ImportPanel } from "./ImportPanel";
import { InventoriesTable, OrdersTable } from "./RecordTables";
import { WaybillModal } from "./WaybillModal";

function stepDescription(t: Translate, key: string, p: BatchProgress): string {
  const o = p.orders;
  const i = p.inventories;
  switch (key) {
    case "orders":
      return o.total
        ? t("customs.steps.ordersDesc", { done: o.byStatus.stored ?? 0, total: o.total })
        : t("customs.steps.ordersEmpty");
    case "inventories":
      return i.total ? t("customs.steps.inventoriesDesc", { done: i.byStatus.released ?? 0, total: i.total }) : "";
    case "waybill":
      return p.waybill
        ? t(`customs.status.${p.waybill.status}`, undefined, p.waybill.statusLabel ?? p.waybill.status)
        : "";
    case "summary":
      if (!p.needsSummary) return t("customs.steps.summarySkipped");
      return p.summary
        ? t(`customs.status.${p.summary.status}`, undefined, p.summary.statusLabel ?? p.summary.status)
        : "";
    default:
      return "";
  }
}

const ACTION_ICON: Record<string, React.ReactNode> = {
  import: <FileExcelOutlined />,
  "declare-orders": <SendOutlined />,
  "declare-inventories": <SendOutlined />,
  "declare-waybill": <CloudUploadOutlined />,
  "declare-summary": <FileDoneOutlined />,
};

/** The step bar and the ONE next action of the guided flow (progress.stage / progress.next). */
function FlowCard({
  batch,
  busy,
  onAction,
}: {
  batch: BatchDetail;
  busy: boolean;
  onAction: (next: NextAction) => void;
}) {
  const t = useT();
  const p = batch.progress;
  const steps = flowSteps(p);
  const live = batchInFlight(p);
  const waitingOrders = waitingCount("order", p.orders);
  const waitingInventories = waitingCount("inventory", p.inventories);

  let body: React.ReactNode;
  if (p.next) {
    body = batch.canWrite ? (
      <div className="jmt-next" data-testid="next-block">
        <div className="jmt-next-text">
          <div className="jmt-next-label">{t("customs.flow.nextLabel")}</div>
          <div className="jmt-next-hint">{p.next.hint}</div>
        </div>
        <Button
          type="primary"
          size="large"
          icon={ACTION_ICON[p.next.action]}
          loading={busy}
          onClick={() => onAction(p.next!)}
          data-testid="next-action"
          data-action={p.next.action}
        >
          {p.next.label}
        </Button>
      </div>
    ) : (
      <Alert
        type="info"
        showIcon
        message={t("customs.flow.memberNext", { label: p.next.label })}
        description={p.next.hint}
        data-testid="next-readonly"
      />
    );
  } else if (p.stage === "done") {
    body = (
      <Alert
        type="success"
        showIcon
        icon={<CheckCircleFilled />}
        className="jmt-board-alert"
        message={t("customs.flow.doneTitle")}
        description={t(p.needsSummary ? "customs.flow.doneDescB" : "customs.flow.doneDescA")}
        data-testid="flow-done"
      />
    );
  } else if (live) {
    const parts = [
      waitingOrders ? t("customs.flow.waitingOrders", { count: waitingOrders }) : "",
      waitingInventories ? t("customs.flow.waitingInventories", { count: waitingInventories }) : "",
      isWaiting("waybill", p.waybill?.status) ? t("customs.flow.waitingWaybill") : "",
      isWaiting("summary", p.summary?.status) ? t("customs.flow.waitingSummary") : "",
    ].filter(Boolean);
    body = (
      <Alert
        type="info"
        showIcon
        icon={<SyncOutlined spin />}
        className="jmt-board-alert"
        message={t("customs.flow.waitingTitle")}
        description={`${parts.join("，")}${parts.length ? "。" : ""}${t("customs.flow.autoRefresh")}`}
        data-testid="flow-waiting"
      />
    );
  } else {
    body = (
      <Alert
        type="warning"
        showIcon
        className="jmt-board-alert"
        message={t("customs.flow.stuckTitle")}
        description={t("customs.flow.stuckDesc")}
        data-testid="flow-stuck"
      />
    );
  }

  return (
    <Card className="jmt-panel jmt-flow" data-testid="flow-card">
      <div data-testid="customs-steps" data-stage={p.stage}>
        <Steps
          className="jmt-flow-steps"
          current={stageIndex(p.stage)}
          responsive
          items={steps.map((s) => ({
            title: s.skipped ? t("customs.steps.summaryNotNeeded") : t(`customs.stage.${s.key}`),
            status: s.skipped && s.state !== "finish" ? "wait" : s.state,
            description: stepDescription(t, s.key, p),
            className: s.skipped ? "is-skipped" : undefined,
          }))}
        />
      </div>
      <div className="jmt-flow-body">{body}</div>
    </Card>
  );
}

function DocumentCard({
  title,
  kind,
  record,
  rows,
  empty,
  onOpen,
  testId,
}: {
  title: string;
  kind: CustomsRecordKind;
  record: CustomsWaybill | CustomsSummary | null;
  rows: { label: string; value: React.ReactNode }[];
  empty: string;
  onOpen: (kind: CustomsRecordKind, id: string) => void;
  testId: string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      className="jmt-doc-card"
      data-testid={testId}
      data-status={record?.status ?? "none"}
      title={title}
      extra={
        record && (
          <span className="jmt-doc-extra">
            <CustomsStatusTag
              status={record.status}
              subject={kind === "waybills" ? "waybill" : "summary"}
              label={record.statusLabel}
            />
            <Button size="small" type="link" onClick={() => onOpen(kind, record.id)} data-testid={`${testId}-open`}>
              {t("customs.documents.receipts")}
            </Button>
          </span>
        )
      }
    >
      {record ? (
        <>
          {record.status === "rejected" && record.returnInfo && (
            <Alert type="error" showIcon className="jmt-step-alert" message={record.returnInfo} />
          )}
          <Descriptions size="small" column={1} colon={false}>
            {rows.map((r) => (
              <Descriptions.Item key={r.label} label={r.label}>
                {r.value === null || r.value === undefined || r.value === "" ? (
                  <span className="jmt-muted">—</span>
                ) : (
                  r.value
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      )}
    </Card>
  );
}

/** C2–C5: one batch, guided from 电子订单 to 汇总申请单 with one action at a time, refreshing while customs answers. */
export function BatchPage() {
  const { id = "" } = useParams();
  // Another batch (a message or to-do link while this page is open) starts with fresh page state.
  return <BatchView key={id} id={id} />;
}

function BatchView({ id }: { id: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const batch = useBatch(id);
  const [importOpen, setImportOpen] = useState(false);
  const [waybillOpen, setWaybillOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState("orders");
  const [record, setRecord] = useState<{ kind: CustomsRecordKind; id: string } | null>(null);
  const importRef = useRef<HTMLDivElement>(null);
  const data = batch.data;
  const crumbs = [
    { label: t("modules.customs.title"), to: "/customs" },
    { label: data?.number ?? t("customs.batch.title") },
  ];

  // A batch without orders opens on the import.
  const needsImport = data?.progress.next?.action === "import" && data.canWrite;
  useEffect(() => {
    if (needsImport) setImportOpen(true);
  }, [needsImport]);

  const openImport = () => {
    setImportOpen(true);
    window.setTimeout(() => importRef.current?.scrollIntoView({ behavior: "smooth", block: "start" }), 50);
  };

  const run = async (call: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await call();
      message.success(success);
      await refreshCustoms();
    } catch (error) {
      message.error(toApiError(error).message);
      await refreshCustoms();
    } finally {
      setBusy(false);
    }
  };

  const onAction = (next: NextAction) => {
    if (!data) return;
    const p = data.progress;
    switch (next.action) {
      case "import":
        openImport();
        return;
      case "declare-waybill":
        setWaybillOpen(true);
        return;
      case "declare-orders":
        modal.confirm({
          title: t("customs.confirm.ordersTitle", { count: p.orders.byStatus.draft ?? 0 }),
          content: t("customs.confirm.ordersDesc"),
          okText: t("customs.confirm.declare"),
          onOk: () => run(() => customsApi.declareOrders(id), t("customs.confirm.ordersDone")),
        });
        return;
      case "declare-inventories":
        modal.confirm({
          title: t("customs.confirm.inventoriesTitle"),
          content: next.hint,
          okText: t("customs.confirm.declare"),
          onOk: () => run(() => customsApi.declareInventories(id), t("customs.confirm.inventoriesDone")),
        });
        return;
      case "declare-summary":
        modal.confirm({
          title: t("customs.confirm.summaryTitle"),
          content: t("customs.confirm.summaryDesc", { count: p.inventories.byStatus.released ?? 0 }),
          okText: t("customs.confirm.declare"),
          onOk: () => run(() => customsApi.declareSummary(id), t("customs.confirm.summaryDone")),
        });
        return;
    }
  };

  const body = () => {
    if (batch.isLoading) {
      return (
        <>
          <Card className="jmt-panel">
            <Skeleton active avatar paragraph={{ rows: 2 }} />
          </Card>
          <Card className="jmt-panel">
            <Skeleton active paragraph={{ rows: 3 }} />
          </Card>
          <Card className="jmt-panel">
            <Skeleton active paragraph={{ rows: 6 }} />
          </Card>
        </>
      );
    }
    if (batch.isError || !data) {
      const notFound = toApiError(batch.error).status === 404;
      return (
        <Result
          status={notFound ? "404" : "warning"}
          title={t(notFound ? "customs.batch.notFound" : "customs.loadFailed")}
          subTitle={notFound ? undefined : batch.error?.message}
          extra={[
            <Button key="back" onClick={() => navigate("/customs")}>
              {t("customs.batch.back")}
            </Button>,
            !notFound && (
              <Button key="reload" type="primary" icon={<ReloadOutlined />} onClick={() => void batch.refetch()}>
                {t("common.reload")}
              </Button>
            ),
          ]}
        />
      );
    }
    const p = data.progress;
    const live = batchInFlight(p);
    const country = COUNTRIES.find((c) => c.code === data.country);
    const canImportMore =
      data.canWrite &&
      data.status === "open" &&
      (p.stage === "orders" || p.stage === "inventories") &&
      p.next?.action !== "import";
    return (
      <>
        <CustomsHero
          title={data.name}
          lead={
            <span className="jmt-batch-meta">
              <span className="jmt-mono">{data.number}</span>
              <span>{t("customs.batch.createdAt", { time: formatDateTime(data.createdAt) })}</span>
            </span>
          }
          tags={
            <>
              <Tag
                bordered={false}
              >{`${data.tradeMode} ${t(`customs.tradeMode.${data.tradeMode}`, undefined, "")}`}</Tag>
              <Tag bordered={false} color={data.statisticsFlag === "B" ? "purple" : "default"}>
                {t(`customs.flag.${data.statisticsFlag}.short`, undefined, data.statisticsFlag)}
              </Tag>
              {live && (
                <span className="jmt-live" data-testid="batch-live">
                  <SyncOutlined spin /> {t("customs.live")}
                </span>
              )}
            </>
          }
          extra={
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate("/customs")}>
              {t("customs.batch.back")}
            </Button>
          }
        />
        {!data.canWrite && <Alert type="info" showIcon message={t("customs.readOnly")} data-testid="read-only-note" />}
        <FlowCard batch={data} busy={busy} onAction={onAction} />
        {importOpen && data.canWrite && (
          <div ref={importRef} className="jmt-scroll-target">
            <ImportPanel
              batchId={id}
              lastImports={data.imports ?? []}
              onClose={p.next?.action === "import" ? undefined : () => setImportOpen(false)}
              onCommitted={() => {
                setImportOpen(false);
                setTab("orders");
              }}
            />
          </div>
        )}
        <div className="jmt-kind-layout">
          <div className="jmt-kind-main">
            <div className="jmt-count-row" data-testid="status-counts">
              <Card size="small" className="jmt-count-card" title={t("customs.subject.order")}>
                <CountCell counts={p.orders} testId="order-counts" />
              </Card>
              <Card size="small" className="jmt-count-card" title={t("customs.subject.inventory")}>
                <CountCell counts={p.inventories} testId="inventory-counts" />
              </Card>
            </div>
            <Card className="jmt-panel jmt-tabs-card">
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  {
                    key: "orders",
                    label: `${t("customs.tabs.orders")} (${p.orders.total})`,
                    children: (
                      <OrdersTable
                        batchId={id}
                        live={live}
                        onOpen={(kind, rid) => setRecord({ kind, id: rid })}
                        extra={
                          canImportMore && (
                            <Button icon={<FileExcelOutlined />} onClick={openImport} data-testid="import-more">
                              {t("customs.import.more")}
                            </Button>
                          )
                        }
                      />
                    ),
                  },
                  {
                    key: "inventories",
                    label: `${t("customs.tabs.inventories")} (${p.inventories.total})`,
                    children: (
                      <InventoriesTable batchId={id} live={live} onOpen={(kind, rid) => setRecord({ kind, id: rid })} />
                    ),
                  },
                  {
                    key: "documents",
                    label: t("customs.tabs.documents"),
                    children: (
                      <div className="jmt-doc-grid">
                        <DocumentCard
                          title={t("customs.subject.waybill")}
                          kind="waybills"
                          testId="waybill-card"
                          record={p.waybill}
                          empty={t("customs.documents.waybillEmpty")}
                          onOpen={(kind, rid) => setRecord({ kind, id: rid })}
                          rows={[
                            { label: t("customs.field.billNo"), value: p.waybill?.billNo },
                            { label: t("customs.field.trafName"), value: p.waybill?.trafName },
                            { label: t("customs.field.voyageNo"), value: p.waybill?.voyageNo },
                            { label: t("customs.field.packageCount"), value: p.waybill?.packageCount },
                            {
                              label: t("customs.field.grossWeight"),
                              value: p.waybill?.grossWeight ? t("customs.kg", { value: p.waybill.grossWeight }) : "",
                            },
                            { label: t("customs.field.receipt"), value: p.waybill?.returnStatusLabel },
                          ]}
                        />
                        <DocumentCard
                          title={t("customs.subject.summary")}
                          kind="summaries"
                          testId="summary-card"
                          record={p.summary}
                          empty={t(
                            p.needsSummary ? "customs.documents.summaryEmpty" : "customs.documents.summaryNotNeeded",
                          )}
                          onOpen={(kind, rid) => setRecord({ kind, id: rid })}
                          rows={[
                            { label: t("customs.field.sumNo"), value: p.summary?.sumNo },
                            { label: t("customs.field.invtCount"), value: p.summary?.invtNos?.length },
                            { label: t("customs.field.declaredAt"), value: formatDateTime(p.summary?.declaredAt) },
                            { label: t("customs.field.receipt"), value: p.summary?.returnStatusLabel },
                          ]}
                        />
                      </div>
                    ),
                  },
                  {
                    key: "receipts",
                    label: (
                      <span>
                        <HistoryOutlined /> {t("customs.tabs.receipts")}
                      </span>
                    ),
                    children: (
                      <div data-testid="batch-timeline">
                        <p className="jmt-muted">{t("customs.timeline.batchLead")}</p>
                        <ReceiptTimeline
                          receipts={data.timeline ?? []}
                          newestFirst
                          empty={t("customs.timeline.batchEmpty")}
                        />
                      </div>
                    ),
                  },
                ]}
              />
            </Card>
          </div>
          <aside className="jmt-kind-aside">
            <Card
              className="jmt-panel"
              size="small"
              title={<span className="jmt-panel-title">{t("customs.batch.info")}</span>}
              data-testid="batch-info"
            >
              <dl className="jmt-info-grid">
                {[
                  [
                    t("customs.batchForm.tradeMode"),
                    `${data.tradeMode} ${t(`customs.tradeMode.${data.tradeMode}`, undefined, "")}`,
                  ],
                  [
                    t("customs.batchForm.statisticsFlag"),
                    t(`customs.flag.${data.statisticsFlag}.title`, undefined, data.statisticsFlag),
                  ],
                  [t("customs.batchForm.logisticsName"), data.logisticsName],
                  [t("customs.batchForm.logisticsCode"), <span className="jmt-mono">{data.logisticsCode}</span>],
                  [
                    t("customs.batchForm.country"),
                    `${data.country ?? ""} ${country ? t(`customs.country.${country.key}`) : ""}`,
                  ],
                  [
                    t("customs.batchForm.parcelWeight"),
                    data.parcelWeight ? t("customs.kg", { value: data.parcelWeight }) : "—",
                  ],
                  [
                    t("customs.batchForm.trafMode"),
                    `${data.trafMode ?? ""} ${data.trafMode ? t(`customs.trafMode.${data.trafMode}`, undefined, "") : ""}`,
                  ],
                  [
                    t("customs.batchForm.wrapType"),
                    `${data.wrapType ?? ""} ${data.wrapType ? t(`customs.wrapType.${data.wrapType}`, undefined, "") : ""}`,
                  ],
                  ...(data.note ? [[t("customs.batchForm.note"), data.note] as const] : []),
                ].map(([label, value]) => (
                  <div key={String(label)}>
                    <dt>{label}</dt>
                    <dd>{value || "—"}</dd>
                  </div>
                ))}
              </dl>
            </Card>
            {(p.stage === "summary" || p.stage === "waybill") && p.needsSummary && (
              <CustomsHints placement="batch.summary" />
            )}
            <Button block onClick={() => navigate("/customs/cancellations")}>
              {t("customs.cancellations.title")}
            </Button>
          </aside>
        </div>
        <WaybillModal
          batchId={id}
          open={waybillOpen}
          released={p.inventories.byStatus.released ?? 0}
          onClose={() => setWaybillOpen(false)}
        />
        <RecordDrawer kind={record?.kind ?? null} id={record?.id ?? null} onClose={() => setRecord(null)} />
      </>
    );
  };

  return (
    <CustomsGate crumbs={crumbs}>
      <div className="jmt-page" data-testid="customs-batch" data-batch={id}>
        <CustomsCrumbs items={crumbs} />
        {body()}
      </div>
    </CustomsGate>
  );
}
