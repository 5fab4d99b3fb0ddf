import { ArrowRightOutlined, FileTextOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Result, Segmented, Skeleton, Table, Tabs } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link, useNavigate } from "react-router";
import {
  LEDGER_TYPES,
  SETTLEMENT_STATUSES,
  formatAmount,
  type LedgerEntry,
  type LedgerType,
  type SettlementListItem,
  type SettlementStatus,
} from "@jmt/api-types";
import { LedgerTypeTag, SettlementStatusTag } from "../../components/fx/FxTags";
import { useLedger, useSettlements } from "../../hooks/useFx";
import { useT } from "../../i18n/useT";
import { RATE_PLACES, formatSigned, signOf } from "../../lib/fx";
import { formatDateTime } from "../../lib/format";

export type FxRecordsTab = "settlements" | "ledger";

function LoadFailed({ error, retry }: { error: Error | null; retry: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t("fx.records.loadFailed")}
      subTitle={error?.message}
      extra={
        <Button icon={<ReloadOutlined />} onClick={retry}>
          {t("common.reload")}
        </Button>
      }
    />
  );
}

/** A signed USD delta, green when money comes in, red when it goes out. */
function Delta({ value }: { value: string }) {
  const sign = signOf(value);
  if (!sign) return <span className="jmt-muted">—</span>;
  return (
    <span className={`jmt-delta ${sign > 0 ? "is-in" : "is-out"}`} data-testid="ledger-delta">
      {formatSigned(value)}
    </span>
  );
}

function SettlementsTable({
  status,
  onStatus,
  page,
  onPage,
  highlight,
}: {
  status: SettlementStatus | "";
  onStatus: (s: SettlementStatus | "") => void;
  page: number;
  onPage: (p: number) => void;
  highlight: string | null;
}) {
  const t = useT();
  const navigate = useNavigate();
  const list = useSettlements(status, page);
  const rows = list.data?.data ?? [];

  const columns: ColumnsType<SettlementListItem> = [
    {
      title: t("fx.records.number"),
      key: "number",
      render: (_, s) => (
        <Link
          to={`/fx/settlements/${s.id}`}
          onClick={(e) => e.stopPropagation()}
          className="jmt-mono"
          data-testid="settlement-link"
        >
          {s.number}
        </Link>
      ),
    },
    {
      title: t("fx.records.amount"),
      key: "amount",
      align: "right",
      render: (_, s) => <strong data-testid="settlement-amount">$ {formatAmount(s.amount)}</strong>,
    },
    { title: t("fx.records.date"), dataIndex: "date", key: "date", responsive: ["md"] },
    {
      title: t("fx.records.rate"),
      key: "rate",
      align: "right",
      responsive: ["md"],
      render: (_, s) => formatAmount(s.rate, RATE_PLACES),
    },
    {
      title: t("fx.records.status"),
      key: "status",
      render: (_, s) => <SettlementStatusTag status={s.status} label={s.statusLabel} />,
    },
    {
      title: t("fx.records.createdAt"),
      key: "createdAt",
      responsive: ["lg"],
      render: (_, s) => <span className="jmt-muted">{formatDateTime(s.createdAt)}</span>,
    },
    {
      title: t("fx.records.completedAt"),
      key: "completedAt",
      responsive: ["xl"],
      render: (_, s) => <span className="jmt-muted">{formatDateTime(s.completedAt) || "—"}</span>,
    },
    {
      title: "",
      key: "go",
      align: "right",
      render: (_, s) => (
        <Button size="small" type="link" onClick={() => navigate(`/fx/settlements/${s.id}`)}>
          {t("fx.records.view")} <ArrowRightOutlined />
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="settlement-list">
      <div className="jmt-table-toolbar">
        <Segmented<SettlementStatus | "">
          value={status}
          onChange={onStatus}
          options={[
            { value: "", label: t("fx.records.all") },
            ...SETTLEMENT_STATUSES.map((s) => ({ value: s, label: t(`fx.status.${s}`) })),
          ]}
          data-testid="settlement-filter"
        />
      </div>
      {list.isLoading ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : list.isError ? (
        <LoadFailed error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<SettlementListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching && list.isPlaceholderData}
          onRow={(s) =>
            ({
              onClick: () => navigate(`/fx/settlements/${s.id}`),
              className: `jmt-clickable-row${s.id === highlight ? " is-new" : ""}`,
              "data-testid": "settlement-row",
              "data-number": s.number,
              "data-status": s.status,
            }) as React.HTMLAttributes<HTMLTableRowElement>
          }
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={status ? t("fx.records.noMatch") : t("fx.records.emptySettlements")}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize: list.data?.meta.pagination.pageSize ?? 10,
            total: list.data?.meta.pagination.total ?? 0,
            onChange: onPage,
            hideOnSinglePage: true,
            showTotal: (total) => t("fx.records.total", { total }),
          }}
          scroll={{ x: "max-content" }}
        />
      )}
    </div>
  );
}

function LedgerTable({
  type,
  onType,
  page,
  onPage,
}: {
  type: LedgerType | "";
  onType: (s: LedgerType | "") => void;
  page: number;
  onPage: (p: number) => void;
}) {
  const t = useT();
  const ledger = useLedger(type, page);
  const rows = ledger.data?.data ?? [];

  const columns: ColumnsType<LedgerEntry> = [
    {
      title: t("fx.ledger.time"),
      key: "createdAt",
      render: (_, e) => <span className="jmt-muted">{formatDateTime(e.createdAt)}</span>,
    },
    { title: t("fx.ledger.type"), key: "type", render: (_, e) => <LedgerTypeTag type={e.type} label={e.typeLabel} /> },
    {
      title: t("fx.ledger.balanceDelta"),
      key: "balanceDelta",
      align: "right",
      render: (_, e) => <Delta value={e.balanceDelta} />,
    },
    {
      title: t("fx.ledger.frozenDelta"),
      key: "frozenDelta",
      align: "right",
      responsive: ["md"],
      render: (_, e) =>
        signOf(e.frozenDelta) ? (
          <span className="jmt-delta is-frozen">{formatSigned(e.frozenDelta)}</span>
        ) : (
          <span className="jmt-muted">—</span>
        ),
    },
    {
      title: t("fx.ledger.balanceAfter"),
      key: "balanceAfter",
      align: "right",
      render: (_, e) => <strong>$ {formatAmount(e.balanceAfter)}</strong>,
    },
    {
      title: t("fx.ledger.availableAfter"),
      key: "availableAfter",
      align: "right",
      responsive: ["lg"],
      render: (_, e) => `$ ${formatAmount(e.availableAfter)}`,
    },
    {
      title: t("fx.ledger.note"),
      key: "note",
      responsive: ["lg"],
      render: (_, e) => (
        <span className="jmt-ledger-note">
          {e.note && <span>{e.note}</span>}
          {e.settlementId && (
            <Link to={`/fx/settlements/${e.settlementId}`} data-testid="ledger-settlement">
              <FileTextOutlined /> {t("fx.ledger.viewSettlement")}
            </Link>
          )}
          {!e.note && !e.settlementId && <span className="jmt-muted">—</span>}
        </span>
      ),
    },
  ];

  return (
    <div data-testid="ledger-list">
      <div className="jmt-table-toolbar">
        <Segmented<LedgerType | "">
          value={type}
          onChange={onType}
          options={[
            { value: "", label: t("fx.records.all") },
            ...LEDGER_TYPES.map((s) => ({ value: s, label: t(`fx.ledgerType.${s}`) })),
          ]}
          data-testid="ledger-filter"
        />
        <span className="jmt-muted">{t("fx.ledger.explain")}</span>
      </div>
      {ledger.isLoading ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : ledger.isError ? (
        <LoadFailed error={ledger.error} retry={() => void ledger.refetch()} />
      ) : (
        <Table<LedgerEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={ledger.isFetching && ledger.isPlaceholderData}
          onRow={(e) =>
            ({ "data-testid": "ledger-row", "data-type": e.type }) as React.HTMLAttributes<HTMLTableRowElement>
          }
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={type ? t("fx.records.noMatch") : t("fx.ledger.empty")}
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize: ledger.data?.meta.pagination.pageSize ?? 10,
            total: ledger.data?.meta.pagination.total ?? 0,
            onChange: onPage,
            hideOnSinglePage: true,
            showTotal: (total) => t("fx.records.total", { total }),
          }}
          scroll={{ x: "max-content" }}
        />
      )}
    </div>
  );
}

export interface FxRecordsState {
  tab: FxRecordsTab;
  status: SettlementStatus | "";
  type: LedgerType | "";
  page: number;
}

/** 结汇记录 and 收结汇明细, the tab, filter and page kept in the address (links from messages land here). */
export function FxRecords({
  state,
  onChange,
  highlight,
}: {
  state: FxRecordsState;
  onChange: (next: Partial<FxRecordsState>) => void;
  highlight: string | null;
}) {
  const t = useT();
  return (
    <Card id="records" className="jmt-panel jmt-tabs-card jmt-scroll-target" data-testid="fx-records">
      <Tabs
        activeKey={state.tab}
        onChange={(tab) => onChange({ tab: tab as FxRecordsTab, page: 1 })}
        items={[
          {
            key: "settlements",
            label: <span data-testid="tab-settlements">{t("fx.records.settlements")}</span>,
            children: (
              <SettlementsTable
                status={state.status}
                onStatus={(status) => onChange({ status, page: 1 })}
                page={state.page}
                onPage={(page) => onChange({ page })}
                highlight={highlight}
              />
            ),
          },
          {
            key: "ledger",
            label: <span data-testid="tab-ledger">{t("fx.records.ledger")}</span>,
            children: (
              <LedgerTable
                type={state.type}
                onType={(type) => onChange({ type, page: 1 })}
                page={state.page}
                onPage={(page) => onChange({ page })}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
