import { ReloadOutlined, SyncOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Drawer, Result, Skeleton, Table, Tag } from "antd";
import type { ReactNode } from "react";
import type {
  CebMessageInfo,
  CustomsCancellation,
  CustomsInventory,
  CustomsOrder,
  CustomsOrderLine,
  CustomsRecordKind,
  CustomsSubject,
  CustomsSummary,
  CustomsWaybill,
  DeclarationFields,
} from "@jmt/api-types";
import { isWaiting } from "@jmt/api-types";
import { useCustomsRecord } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import type { Translate } from "../../i18n/translate";
import { CURRENCY_KEYS } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { DESCRIPTION_COLUMNS } from "../../theme";
import { CustomsStatusTag } from "./CustomsStatusTag";
import { ReceiptTimeline } from "./ReceiptTimeline";

const SUBJECT: Record<CustomsRecordKind, CustomsSubject> = {
  orders: "order",
  inventories: "inventory",
  waybills: "waybill",
  summaries: "summary",
  cancellations: "cancellation",
};

export const currencyLabel = (t: Translate, code: string | null | undefined): string =>
  code ? t(`customs.currency.${CURRENCY_KEYS[code] ?? "other"}`, { code }, code) : "";

/** Money with its currency: "25.00 美元". */
export const money = (t: Translate, amount: string | null | undefined, currency: string | null | undefined): string =>
  amount ? `${amount} ${currencyLabel(t, currency)}`.trim() : "";

function titleOf(t: Translate, kind: CustomsRecordKind, record: DeclarationFields | undefined): string {
  const label = t(`customs.subject.${SUBJECT[kind]}`);
  if (!record) return label;
  const r = record as DeclarationFields &
    Partial<CustomsOrder & CustomsInventory & CustomsWaybill & CustomsSummary & CustomsCancellation>;
  const ref = r.invtNo || r.orderNo || r.billNo || r.sumNo || r.copNo || "";
  return ref ? `${label} ${ref}` : label;
}

type Item = { key: string; label: string; value: ReactNode; span?: number | "filled" };

function fields(t: Translate, kind: CustomsRecordKind, record: DeclarationFields): Item[] {
  const r = record as DeclarationFields &
    Partial<CustomsOrder & CustomsInventory & CustomsWaybill & CustomsSummary & CustomsCancellation>;
  const f = (key: string, value: ReactNode, span?: number | "filled"): Item => ({
    key,
    label: t(`customs.field.${key}`),
    value,
    span,
  });
  const common = [
    f("guid", r.guid, "filled"),
    f("copNo", r.copNo),
    f("preNo", r.preNo),
    f("declaredAt", formatDateTime(r.declaredAt)),
  ];
  switch (kind) {
    case "orders":
      return [
        f("orderNo", r.orderNo),
        f("goodsValue", money(t, r.goodsValue, r.currency)),
        f("freight", money(t, r.freight, r.currency)),
        f("orderDate", r.orderDate),
        ...common,
      ];
    case "inventories":
      return [
        f("invtNo", r.invtNo),
        f("orderNo", r.orderNo),
        f("logisticsNo", r.logisticsNo),
        f("totalPackageNo", r.totalPackageNo),
        f("grossWeight", r.grossWeight ? t("customs.kg", { value: r.grossWeight }) : ""),
        ...common,
      ];
    case "waybills":
      return [
        f("billNo", r.billNo),
        f("trafName", r.trafName),
        f("voyageNo", r.voyageNo),
        f("grossWeight", r.grossWeight ? t("customs.kg", { value: r.grossWeight }) : ""),
        f("packageCount", r.packageCount),
        ...common,
      ];
    case "summaries":
      return [f("sumNo", r.sumNo), f("invtCount", Array.isArray(r.invtNos) ? r.invtNos.length : ""), ...common];
    case "cancellations":
      return [
        f("invtNo", r.invtNo),
        f("ebcCode", r.ebcCode),
        f("copName", r.copName, "filled"),
        f("reason", r.reason, "filled"),
        ...common,
      ];
  }
}

/** One record's details, its CEB messages and its receipt timeline (GET /api/customs/records/:kind/:id). */
export function RecordDrawer({
  kind,
  id,
  onClose,
}: {
  kind: CustomsRecordKind | null;
  id: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const record = useCustomsRecord(kind, id);
  const data = record.data;
  const subject = kind ? SUBJECT[kind] : "order";
  const waiting = !!data && isWaiting(subject, data.status);

  return (
    <Drawer
      open={!!kind && !!id}
      onClose={onClose}
      width="min(760px, 100vw)"
      destroyOnHidden
      title={
        <span className="jmt-drawer-title">
          {kind ? titleOf(t, kind, data) : ""}
          {data && <CustomsStatusTag status={data.status} subject={subject} label={data.statusLabel} />}
          {waiting && (
            <span className="jmt-live" data-testid="record-live">
              <SyncOutlined spin /> {t("customs.live")}
            </span>
          )}
        </span>
      }
      rootClassName="jmt-record-drawer"
    >
      {record.isLoading || !kind ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : record.isError || !data ? (
        <Result
          status="warning"
          title={t("customs.loadFailed")}
          subTitle={record.error?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void record.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : (
        <div className="jmt-record" data-testid="record-detail" data-status={data.status}>
          {data.status === "rejected" && (
            <Alert
              type="error"
              showIcon
              className="jmt-step-alert"
              message={t("customs.record.rejected", { label: data.returnStatusLabel ?? t("customs.status.rejected") })}
              description={data.returnInfo || undefined}
            />
          )}
          {data.status !== "rejected" && data.returnStatusLabel && (
            <div className="jmt-record-return">
              {t("customs.record.lastReceipt")}：<strong>{data.returnStatusLabel}</strong>
              {data.returnInfo ? ` · ${data.returnInfo}` : ""}
              {data.returnAt ? <span className="jmt-muted"> · {formatDateTime(data.returnAt)}</span> : null}
            </div>
          )}
          <Descriptions bordered size="small" column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
            {fields(t, kind, data).map((item) => (
              <Descriptions.Item key={item.key} label={item.label} span={item.span}>
                {item.value === null || item.value === undefined || item.value === "" ? (
                  <span className="jmt-muted">—</span>
                ) : (
                  item.value
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>

          {kind === "orders" && (
            <>
              <div className="jmt-form-section jmt-record-section">{t("customs.record.lines")}</div>
              <Table<CustomsOrderLine>
                size="small"
                rowKey={(l) => `${l.gnum ?? l.row ?? ""}-${l.itemNo}`}
                pagination={false}
                scroll={{ x: 640 }}
                dataSource={(data as CustomsOrder).lines ?? []}
                columns={[
                  {
                    title: t("customs.line.gnum"),
                    key: "gnum",
                    width: 56,
                    render: (_: unknown, l: CustomsOrderLine, i: number) => l.gnum ?? i + 1,
                  },
                  { title: t("customs.line.itemNo"), dataIndex: "itemNo" },
                  { title: t("customs.line.itemName"), dataIndex: "itemName" },
                  { title: t("customs.line.hsCode"), dataIndex: "hsCode" },
                  { title: t("customs.line.qty"), dataIndex: "qty", align: "right" },
                  { title: t("customs.line.price"), dataIndex: "price", align: "right" },
                  { title: t("customs.line.totalPrice"), dataIndex: "totalPrice", align: "right" },
                ]}
              />
            </>
          )}

          {(data.messages ?? []).length > 0 && (
            <>
              <div className="jmt-form-section jmt-record-section">{t("customs.record.messages")}</div>
              <ul className="jmt-ceb-messages">
                {(data.messages ?? []).map((m: CebMessageInfo) => (
                  <li key={m.guid}>
                    <Tag bordered={false} color="purple">
                      {m.messageType}
                    </Tag>
                    <span className="jmt-mono">{m.guid}</span>
                    <Tag
                      bordered={false}
                      color={m.status === "accepted" ? "success" : m.status === "failed" ? "error" : "default"}
                    >
                      {t(`customs.messageStatus.${m.status}`, undefined, m.status)}
                    </Tag>
                    <span className="jmt-muted">{formatDateTime(m.acceptedAt ?? m.createdAt)}</span>
                    {m.lastError && <div className="jmt-ceb-error">{m.lastError}</div>}
                  </li>
                ))}
              </ul>
            </>
          )}

          <div className="jmt-form-section jmt-record-section">{t("customs.record.receipts")}</div>
          <ReceiptTimeline
            receipts={data.timeline ?? []}
            empty={t(waiting ? "customs.timeline.waiting" : "customs.timeline.empty")}
          />
        </div>
      )}
    </Drawer>
  );
}
