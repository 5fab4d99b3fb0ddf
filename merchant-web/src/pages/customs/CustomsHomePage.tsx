import {
  ArrowRightOutlined,
  CheckCircleFilled,
  FileSearchOutlined,
  PlusOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SyncOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Empty, Input, Result, Skeleton, Table, Tag, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useMemo, useState } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { batchInFlight, type BatchListItem, type StatusCounts } from "@jmt/api-types";
import { CustomsHints } from "../../components/customs/CustomsHints";
import { useCanWrite } from "../../hooks/useApplications";
import { useBatches, useCustomsConfig } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import { STATUS_COLOR, countEntries, statusKey } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { ConfigCard } from "./ConfigCard";
import { CreateBatchDrawer, type RecentCarrier } from "./CreateBatchDrawer";
import { CustomsCrumbs, CustomsGate, CustomsHero } from "./CustomsShell";

/** Total and the non-zero counts by status, as small tags. */
export function CountCell({ counts, testId }: { counts: StatusCounts; testId?: string }) {
  const t = useT();
  const entries = countEntries(counts);
  return (
    <div className="jmt-count-cell" data-testid={testId}>
      <strong>{counts.total}</strong>
      {entries.map((e) => (
        <Tag key={e.status} bordered={false} color={STATUS_COLOR[e.status] ?? "default"} data-status={e.status}>
          {t(statusKey(e.status), undefined, e.status)} {e.count}
        </Tag>
      ))}
    </div>
  );
}

function BatchList({ canWrite, canCreate, onCreate }: { canWrite: boolean; canCreate: boolean; onCreate: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const [page, setPage] = useState(1);
  const batches = useBatches(search, page);
  const rows = batches.data?.data ?? [];

  const columns: ColumnsType<BatchListItem> = [
    {
      title: t("customs.batches.batch"),
      key: "batch",
      render: (_, b) => (
        <div className="jmt-batch-cell">
          <Link to={`/customs/batches/${b.id}`} onClick={(e) => e.stopPropagation()} data-testid="batch-link">
            {b.name}
          </Link>
          <span className="jmt-muted jmt-mono">{b.number}</span>
        </div>
      ),
    },
    {
      title: t("customs.batches.mode"),
      key: "mode",
      responsive: ["lg"],
      render: (_, b) => (
        <div className="jmt-tag-stack">
          <Tag bordered={false}>{b.tradeMode}</Tag>
          <Tag bordered={false} color={b.statisticsFlag === "B" ? "purple" : "default"}>
            {t(`customs.flag.${b.statisticsFlag}.short`, undefined, b.statisticsFlag)}
          </Tag>
        </div>
      ),
    },
    {
      title: t("customs.batches.stage"),
      key: "stage",
      render: (_, b) => (
        <Tag
          bordered={false}
          color={b.progress.stage === "done" ? "success" : "purple"}
          data-testid="batch-stage"
          data-stage={b.progress.stage}
        >
          {b.progress.stage === "done" ? <CheckCircleFilled /> : null} {t(`customs.stage.${b.progress.stage}`)}
        </Tag>
      ),
    },
    {
      title: t("customs.batches.orders"),
      key: "orders",
      responsive: ["md"],
      render: (_, b) => <CountCell counts={b.progress.orders} />,
    },
    {
      title: t("customs.batches.inventories"),
      key: "inventories",
      responsive: ["md"],
      render: (_, b) => <CountCell counts={b.progress.inventories} />,
    },
    {
      title: t("customs.batches.next"),
      key: "next",
      render: (_, b) =>
        b.progress.next ? (
          <Button
            size="small"
            type={canWrite ? "primary" : "default"}
            ghost={canWrite}
            onClick={(e) => {
              e.stopPropagation();
              navigate(`/customs/batches/${b.id}`);
            }}
            data-testid="batch-next"
            data-action={b.progress.next.action}
          >
            {canWrite ? b.progress.next.label : t("customs.batches.view")} <ArrowRightOutlined />
          </Button>
        ) : batchInFlight(b.progress) ? (
          <span className="jmt-muted">
            <SyncOutlined spin /> {t("customs.batches.waiting")}
          </span>
        ) : b.progress.stage === "done" ? (
          <span className="jmt-done-text">
            <CheckCircleFilled /> {t("customs.batches.done")}
          </span>
        ) : (
          <span className="jmt-muted">{t("customs.batches.check")}</span>
        ),
    },
    {
      title: t("customs.batches.createdAt"),
      key: "createdAt",
      responsive: ["xl"],
      render: (_, b) => <span className="jmt-muted">{formatDateTime(b.createdAt)}</span>,
    },
  ];

  return (
    <Card
      id="batches"
      className="jmt-panel"
      data-testid="batch-list"
      title={
        <span className="jmt-panel-title">
          <UnorderedListOutlined /> {t("customs.batches.title")}
        </span>
      }
    >
      {(rows.length > 0 || search) && (
        <div className="jmt-table-toolbar">
          <Input.Search
            allowClear
            placeholder={t("customs.batches.search")}
            onSearch={(v) => {
              setSearch(v.trim());
              setPage(1);
            }}
            className="jmt-list-search"
            data-testid="batch-search"
          />
        </div>
      )}
      {batches.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : batches.isError ? (
        <Result
          status="warning"
          title={t("customs.loadFailed")}
          subTitle={batches.error?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void batches.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : rows.length === 0 && !search ? (
        <Empty
          className="jmt-empty-hero"
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            <div>
              <div className="jmt-empty-title">{t("customs.batches.emptyTitle")}</div>
              <div className="jmt-muted">{t("customs.batches.emptyDesc")}</div>
            </div>
          }
          data-testid="batch-empty"
        >
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} disabled={!canCreate} onClick={onCreate}>
              {t("customs.batches.create")}
            </Button>
          )}
        </Empty>
      ) : (
        <Table<BatchListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={batches.isFetching && !batches.isLoading && batches.isPlaceholderData}
          onRow={(b) =>
            ({
              onClick: () => navigate(`/customs/batches/${b.id}`),
              className: "jmt-clickable-row",
              "data-testid": "batch-row",
              "data-number": b.number,
            }) as React.HTMLAttributes<HTMLTableRowElement>
          }
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t("customs.batches.noMatch", { keyword: search })}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize: batches.data?.meta.pagination.pageSize ?? 10,
            total: batches.data?.meta.pagination.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
            showTotal: (total) => t("customs.total", { total }),
          }}
          scroll={{ x: "max-content" }}
        />
      )}
    </Card>
  );
}

/** 出口报关 home (C1/C2): the interface config, the batches and what each needs next, 新建批次, 撤销申请单. */
export function CustomsHomePage() {
  const t = useT();
  const navigate = useNavigate();
  const { canWrite } = useCanWrite();
  const config = useCustomsConfig();
  const [creating, setCreating] = useState(false);
  const recentList = useBatches("", 1);
  const configValid = config.data?.status === "valid";
  const { hash } = useLocation();
  const focus = hash.replace(/^#/, "");

  // Links to a feature (#interfaceConfig, #batches) land on it once it is there.
  useEffect(() => {
    if (focus && (config.data || recentList.data))
      document.getElementById(focus)?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [focus, config.data, recentList.data]);

  const recent = useMemo<RecentCarrier[]>(() => {
    const seen = new Map<string, RecentCarrier>();
    for (const b of recentList.data?.data ?? []) {
      if (b.logisticsName && b.logisticsCode && !seen.has(b.logisticsName))
        seen.set(b.logisticsName, { logisticsName: b.logisticsName, logisticsCode: b.logisticsCode });
    }
    return [...seen.values()];
  }, [recentList.data]);

  const createButton = canWrite && (
    <Tooltip title={configValid ? undefined : t("customs.batches.createNeedsConfig")}>
      <Button
        type="primary"
        size="large"
        icon={<PlusOutlined />}
        disabled={!configValid}
        onClick={() => setCreating(true)}
        data-testid="create-batch"
      >
        {t("customs.batches.create")}
      </Button>
    </Tooltip>
  );

  return (
    <CustomsGate crumbs={[{ label: t("modules.customs.title") }]}>
      <div className="jmt-page" data-testid="customs-home">
        <CustomsCrumbs items={[{ label: t("modules.customs.title") }]} />
        <CustomsHero
          title={t("modules.customs.title")}
          lead={t("customs.home.lead")}
          extra={
            <>
              {createButton}
              <Button
                size="large"
                icon={<RollbackOutlined />}
                onClick={() => navigate("/customs/cancellations")}
                data-testid="go-cancellations"
              >
                {t("customs.cancellations.title")}
              </Button>
            </>
          }
        />
        {!canWrite && <Alert type="info" showIcon message={t("customs.readOnly")} data-testid="read-only-note" />}
        {config.data && config.data.status !== "valid" && (
          <Alert type="warning" showIcon message={t("customs.home.configBlocking")} data-testid="config-blocking" />
        )}
        <div className="jmt-kind-layout">
          <div className="jmt-kind-main">
            <ol className="jmt-flow-strip" aria-label={t("customs.home.flowTitle")}>
              {(["orders", "inventories", "waybill", "summary", "done"] as const).map((s, i) => (
                <li key={s}>
                  <span className="jmt-flow-index">{i + 1}</span>
                  <span>{t(`customs.stage.${s}`)}</span>
                </li>
              ))}
            </ol>
            <BatchList canWrite={canWrite} canCreate={configValid} onCreate={() => setCreating(true)} />
          </div>
          <aside className="jmt-kind-aside">
            <ConfigCard />
            <Card className="jmt-panel jmt-link-card" size="small">
              <button type="button" className="jmt-link-row" onClick={() => navigate("/customs/cancellations")}>
                <FileSearchOutlined />
                <span>
                  <strong>{t("customs.cancellations.title")}</strong>
                  <span className="jmt-muted">{t("modules.customs.features.cancellations.desc")}</span>
                </span>
                <ArrowRightOutlined />
              </button>
            </Card>
            <CustomsHints placement="batch.create" />
          </aside>
        </div>
        <CreateBatchDrawer
          open={creating}
          recent={recent}
          onClose={() => setCreating(false)}
          onCreated={(batch) => {
            setCreating(false);
            navigate(`/customs/batches/${batch.id}`);
          }}
        />
      </div>
    </CustomsGate>
  );
}
