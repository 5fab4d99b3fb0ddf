import { HistoryOutlined, SearchOutlined } from "@ant-design/icons";
import { CUSTOMS_STATUSES, type CustomsInventory, type CustomsOrder, type DeclarationFields } from "@jmt/api-types";
import { useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Button, Empty, Flex, Input, Select, Table, Typography } from "antd";
import { useState } from "react";
import { CustomsStatusTag } from "../../components/customs/CustomsStatusTag";
import { formatDateTime } from "../../lib/format";
import type { RecordRef } from "./RecordDrawer";

type Subject = "order" | "inventory";
type Row = CustomsOrder | CustomsInventory;

/** Customs currency codes (DOMAIN.md verifies these two) shown as ISO codes. */
const CURRENCY_ISO: Record<string, string> = { "502": "USD", "142": "CNY" };

/**
 * A batch's e-orders or inventories (`/api/customs/batches/:id/orders|inventories?filters[status][$eq]=&filters[q][$containsi]=`), paged on the server,
 * with a status filter and a search; 回执 opens the record's receipts.
 */
export const BatchRecords = ({
  batchId,
  subject,
  refetchInterval,
  onOpen,
}: {
  batchId: string;
  subject: Subject;
  /** While something waits for customs the batch page keeps the table fresh. */
  refetchInterval: number | false;
  onOpen: (record: RecordRef) => void;
}) => {
  const t = useTranslate();
  const [q, setQ] = useState("");
  const { tableProps, tableQuery, setFilters, filters } = useTable<Row, HttpError>({
    resource: subject === "order" ? "customs-orders" : "customs-inventories",
    dataProviderName: "customs",
    meta: { batchId },
    pagination: { pageSize: 20 },
    sorters: { mode: "off" },
    syncWithLocation: false,
    queryOptions: { refetchInterval },
  });
  const status = filters.find((filter) => "field" in filter && filter.field === "status")?.value as string | undefined;
  const total = tableQuery.data?.total ?? 0;
  const apply = (next: { status?: string | null; q?: string }) =>
    setFilters(
      [
        { field: "status", operator: "eq", value: next.status === undefined ? status : (next.status ?? undefined) },
        { field: "q", operator: "eq", value: (next.q ?? q).trim() || undefined },
      ],
      "replace",
    );
  const testId = subject === "order" ? "batch-orders" : "batch-inventories";
  const statuses =
    subject === "order"
      ? CUSTOMS_STATUSES.filter((s) => !["approved", "withdrawn", "cancelled"].includes(s))
      : CUSTOMS_STATUSES.filter((s) => !["draft", "approved", "withdrawn"].includes(s));

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap>
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t("customs.batch.allStatuses")}
          value={status}
          onChange={(value?: string) => apply({ status: value ?? null })}
          options={statuses.map((key) => ({ value: key, label: t(`customs.status.${key}`) }))}
          data-testid={`${testId}-status`}
        />
        <Input.Search
          allowClear
          style={{ width: 300 }}
          enterButton={<SearchOutlined />}
          placeholder={subject === "order" ? t("customs.batch.searchOrders") : t("customs.batch.searchInventories")}
          value={q}
          onChange={(event) => setQ(event.target.value)}
          onSearch={(value) => apply({ q: value })}
        />
      </Flex>
      <Table<Row>
        {...tableProps}
        rowKey="id"
        size="middle"
        data-testid={testId}
        scroll={{ x: 1320 }}
        pagination={{ ...tableProps.pagination, showSizeChanger: true, showTotal: () => t("customs.batch.recordsTotal", { total }) }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={subject === "order" ? t("customs.batch.emptyOrders") : t("customs.batch.emptyInventories")}
            />
          ),
        }}
      >
        {subject === "inventory" && (
          <Table.Column<Row>
            dataIndex="invtNo"
            title={t("customs.batch.inventoryFields.invtNo")}
            width={190}
            render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
          />
        )}
        <Table.Column<Row>
          dataIndex="orderNo"
          title={t("customs.batch.orderFields.orderNo")}
          width={170}
          render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
        />
        {subject === "order" ? (
          <Table.Column<Row>
            key="items"
            title={t("customs.batch.orderFields.items")}
            width={240}
            render={(_, row) => {
              // The order columns render only for subject "order": the rows are e-orders.
              const lines = (row as CustomsOrder).lines ?? [];
              if (lines.length === 0) return "—";
              const first = lines[0];
              return (
                <Typography.Text ellipsis={{ tooltip: lines.map((line) => `${line.itemName} × ${line.qty}`).join("；") }} style={{ maxWidth: 230 }}>
                  {first.itemName} × {first.qty}
                  {lines.length > 1 ? ` ${t("customs.batch.itemsMore", { count: lines.length })}` : ""}
                </Typography.Text>
              );
            }}
          />
        ) : (
          <Table.Column<Row>
            dataIndex="logisticsNo"
            title={t("customs.batch.inventoryFields.logisticsNo")}
            width={170}
            render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
          />
        )}
        {subject === "order" ? (
          <Table.Column<Row>
            dataIndex="goodsValue"
            title={t("customs.batch.orderFields.goodsValue")}
            width={120}
            align="right"
            render={(value: string | null | undefined, row) => {
              const currency = (row as CustomsOrder).currency ?? "";
              return (
                <span className="mono">
                  {value ?? "—"} {value ? (CURRENCY_ISO[currency] ?? currency) : ""}
                </span>
              );
            }}
          />
        ) : (
          <Table.Column<Row>
            dataIndex="grossWeight"
            title={t("customs.batch.inventoryFields.grossWeight")}
            width={110}
            align="right"
            render={(value?: string | null) => <span className="mono">{value ?? "—"}</span>}
          />
        )}
        <Table.Column<Row>
          dataIndex="status"
          title={t("customs.batch.orderFields.status")}
          width={120}
          render={(value: string, row) => <CustomsStatusTag status={value} label={row.statusLabel} />}
        />
        <Table.Column<Row>
          dataIndex="returnInfo"
          title={t("customs.batch.orderFields.returnInfo")}
          width={240}
          render={(value: string | null | undefined, row: DeclarationFields) =>
            value ? (
              <Typography.Text type={row.status === "rejected" ? "danger" : undefined} ellipsis={{ tooltip: value }} style={{ maxWidth: 220 }}>
                {value}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{row.returnStatusLabel || "—"}</Typography.Text>
            )
          }
        />
        <Table.Column<Row>
          dataIndex="preNo"
          title={t("customs.batch.orderFields.preNo")}
          width={190}
          render={(value?: string | null) => <span className="mono">{value || "—"}</span>}
        />
        <Table.Column<Row>
          dataIndex="returnAt"
          title={t("customs.batch.orderFields.returnAt")}
          width={150}
          render={(value?: string | null) => formatDateTime(value)}
        />
        <Table.Column<Row>
          key="actions"
          title={t("customs.batch.orderFields.actions")}
          width={90}
          fixed="right"
          render={(_, row) => (
            <Button
              size="small"
              icon={<HistoryOutlined />}
              onClick={() =>
                onOpen({ subject, id: row.documentId ?? row.id, reference: (subject === "inventory" && (row as CustomsInventory).invtNo) || row.orderNo })
              }
              data-testid={`${testId}-receipts`}
            >
              {t("customs.common.receipts")}
            </Button>
          )}
        />
      </Table>
    </Flex>
  );
};
