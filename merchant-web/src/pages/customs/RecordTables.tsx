import { Empty, Input, Select, Table, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import type { CustomsInventory, CustomsOrder, CustomsRecordKind } from "@jmt/api-types";
import { CustomsStatusTag } from "../../components/customs/CustomsStatusTag";
import { money } from "../../components/customs/RecordDrawer";
import { useBatchInventories, useBatchOrders } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import { INVENTORY_FILTER_STATUSES, ORDER_FILTER_STATUSES, statusKey } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";

export type OpenRecord = (kind: CustomsRecordKind, id: string) => void;

const PAGE_SIZE = 10;

function Toolbar({
  placeholder,
  statuses,
  status,
  onSearch,
  onStatus,
  testId,
  extra,
}: {
  placeholder: string;
  statuses: readonly string[];
  status: string;
  onSearch: (q: string) => void;
  onStatus: (s: string) => void;
  testId: string;
  extra?: React.ReactNode;
}) {
  const t = useT();
  return (
    <div className="jmt-table-toolbar">
      <Input.Search
        allowClear
        placeholder={placeholder}
        onSearch={(v) => onSearch(v.trim())}
        className="jmt-list-search"
        data-testid={`${testId}-search`}
      />
      <Select
        className="jmt-status-filter"
        value={status}
        onChange={onStatus}
        data-testid={`${testId}-status`}
        options={[
          { value: "", label: t("customs.filter.allStatuses") },
          ...statuses.map((s) => ({ value: s, label: t(statusKey(s)) })),
        ]}
      />
      <span className="jmt-wizard-spacer" />
      {extra}
    </div>
  );
}

/** Receipt column: the last customs answer, its note on hover. */
function ReturnCell({ label, info, rejected }: { label?: string | null; info?: string | null; rejected: boolean }) {
  if (!label) return <span className="jmt-muted">—</span>;
  return info ? (
    <Tooltip title={info}>
      <span className="jmt-return">
        {label}
        <span className={`jmt-return-info${rejected ? " is-rejected" : ""}`}>{info}</span>
      </span>
    </Tooltip>
  ) : (
    <span>{label}</span>
  );
}

/** 电子订单 of a batch: search by 订单编号, status filter, pages; a row opens its receipts. */
export function OrdersTable({
  batchId,
  live,
  onOpen,
  extra,
}: {
  batchId: string;
  live: boolean;
  onOpen: OpenRecord;
  extra?: React.ReactNode;
}) {
  const t = useT();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const orders = useBatchOrders(
    batchId,
    { q: q || undefined, status: status || undefined, page, pageSize: PAGE_SIZE },
    live,
  );

  const columns: ColumnsType<CustomsOrder> = [
    { title: t("customs.field.orderNo"), dataIndex: "orderNo", render: (v: string) => <a className="jmt-mono">{v}</a> },
    {
      title: t("customs.orders.goods"),
      key: "goods",
      responsive: ["md"],
      render: (_, o) => {
        const lines = o.lines ?? [];
        if (!lines.length) return <span className="jmt-muted">—</span>;
        return lines.length > 1
          ? t("customs.orders.goodsMore", { name: lines[0]!.itemName, count: lines.length })
          : lines[0]!.itemName;
      },
    },
    {
      title: t("customs.field.goodsValue"),
      key: "value",
      align: "right",
      render: (_, o) => money(t, o.goodsValue, o.currency),
    },
    {
      title: t("customs.field.status"),
      key: "status",
      render: (_, o) => <CustomsStatusTag status={o.status} subject="order" label={o.statusLabel} />,
    },
    {
      title: t("customs.field.receipt"),
      key: "receipt",
      responsive: ["lg"],
      render: (_, o) => (
        <ReturnCell label={o.returnStatusLabel} info={o.returnInfo} rejected={o.status === "rejected"} />
      ),
    },
    {
      title: t("customs.field.time"),
      key: "time",
      responsive: ["xl"],
      render: (_, o) => <span className="jmt-muted">{formatDateTime(o.returnAt ?? o.declaredAt ?? o.createdAt)}</span>,
    },
  ];

  return (
    <div data-testid="orders-table">
      <Toolbar
        placeholder={t("customs.orders.search")}
        statuses={ORDER_FILTER_STATUSES}
        status={status}
        onSearch={(v) => {
          setQ(v);
          setPage(1);
        }}
        onStatus={(s) => {
          setStatus(s);
          setPage(1);
        }}
        testId="orders"
        extra={extra}
      />
      <Table<CustomsOrder>
        rowKey="id"
        size="middle"
        loading={orders.isLoading}
        columns={columns}
        dataSource={orders.data?.data ?? []}
        onRow={(o) =>
          ({
            onClick: () => onOpen("orders", o.id),
            className: "jmt-clickable-row",
            "data-testid": "order-row",
            "data-status": o.status,
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q || status ? t("customs.orders.noMatch") : t("customs.orders.empty")}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: orders.data?.meta.pagination.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => t("customs.total", { total }),
        }}
        scroll={{ x: "max-content" }}
      />
    </div>
  );
}

/** 出口清单 of a batch: search by 清单编号 / 订单编号 / 物流运单号, status filter, pages. */
export function InventoriesTable({ batchId, live, onOpen }: { batchId: string; live: boolean; onOpen: OpenRecord }) {
  const t = useT();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const inventories = useBatchInventories(
    batchId,
    { q: q || undefined, status: status || undefined, page, pageSize: PAGE_SIZE },
    live,
  );

  const columns: ColumnsType<CustomsInventory> = [
    {
      title: t("customs.field.invtNo"),
      key: "invtNo",
      render: (_, i) =>
        i.invtNo ? (
          <a className="jmt-mono">{i.invtNo}</a>
        ) : (
          <span className="jmt-muted">{t("customs.inventories.noNumberYet")}</span>
        ),
    },
    {
      title: t("customs.field.orderNo"),
      dataIndex: "orderNo",
      render: (v: string) => <span className="jmt-mono">{v}</span>,
    },
    {
      title: t("customs.field.logisticsNo"),
      dataIndex: "logisticsNo",
      responsive: ["lg"],
      render: (v: string) => <span className="jmt-mono">{v}</span>,
    },
    {
      title: t("customs.field.status"),
      key: "status",
      render: (_, i) => <CustomsStatusTag status={i.status} subject="inventory" label={i.statusLabel} />,
    },
    {
      title: t("customs.field.receipt"),
      key: "receipt",
      responsive: ["md"],
      render: (_, i) => (
        <ReturnCell label={i.returnStatusLabel} info={i.returnInfo} rejected={i.status === "rejected"} />
      ),
    },
    {
      title: t("customs.field.time"),
      key: "time",
      responsive: ["xl"],
      render: (_, i) => <span className="jmt-muted">{formatDateTime(i.returnAt ?? i.declaredAt ?? i.createdAt)}</span>,
    },
  ];

  return (
    <div data-testid="inventories-table">
      <Toolbar
        placeholder={t("customs.inventories.search")}
        statuses={INVENTORY_FILTER_STATUSES}
        status={status}
        onSearch={(v) => {
          setQ(v);
          setPage(1);
        }}
        onStatus={(s) => {
          setStatus(s);
          setPage(1);
        }}
        testId="inventories"
      />
      <Table<CustomsInventory>
        rowKey="id"
        size="middle"
        loading={inventories.isLoading}
        columns={columns}
        dataSource={inventories.data?.data ?? []}
        onRow={(i) =>
          ({
            onClick: () => onOpen("inventories", i.id),
            className: "jmt-clickable-row",
            "data-testid": "inventory-row",
            "data-status": i.status,
            "data-invt-no": i.invtNo ?? "",
          }) as React.HTMLAttributes<HTMLTableRowElement>
        }
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q || status ? t("customs.inventories.noMatch") : t("customs.inventories.empty")}
            />
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: inventories.data?.meta.pagination.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (total) => t("customs.total", { total }),
        }}
        scroll={{ x: "max-content" }}
      />
    </div>
  );
}
