import { CheckCircleFilled, CloseCircleFilled, SyncOutlined } from "@ant-design/icons";
import { Tag } from "antd";
import type { ReactNode } from "react";
import type { LedgerType, SettlementStatus } from "@jmt/api-types";
import { useT } from "../../i18n/useT";

const SETTLEMENT_LOOK: Record<SettlementStatus, { color: string; icon: ReactNode }> = {
  processing: { color: "processing", icon: <SyncOutlined spin /> },
  completed: { color: "success", icon: <CheckCircleFilled /> },
  rejected: { color: "error", icon: <CloseCircleFilled /> },
};

/** A settlement's status: 结汇中 / 已完成 / 已驳回 (the server's label when it sends one). */
export function SettlementStatusTag({ status, label }: { status: SettlementStatus; label?: string | null }) {
  const t = useT();
  const look = SETTLEMENT_LOOK[status] ?? SETTLEMENT_LOOK.processing;
  return (
    <Tag color={look.color} icon={look.icon} bordered={false} data-testid="settlement-status" data-status={status}>
      {label || t(`fx.status.${status}`, undefined, status)}
    </Tag>
  );
}

const LEDGER_COLOR: Record<LedgerType, string> = {
  balance_update: "blue",
  freeze: "orange",
  unfreeze: "default",
  settlement: "green",
};

/** A ledger row's type: 余额更新 / 结汇冻结 / 结汇解冻 / 结汇. */
export function LedgerTypeTag({ type, label }: { type: LedgerType; label?: string | null }) {
  const t = useT();
  return (
    <Tag color={LEDGER_COLOR[type] ?? "default"} bordered={false} data-testid="ledger-type" data-type={type}>
      {label || t(`fx.ledgerType.${type}`, undefined, type)}
    </Tag>
  );
}
