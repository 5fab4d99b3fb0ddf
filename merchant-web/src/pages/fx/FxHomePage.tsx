import { Alert } from "antd";
import { useEffect, useState } from "react";
import { useLocation, useSearchParams } from "react-router";
import {
  LEDGER_TYPES,
  SETTLEMENT_STATUSES,
  type FxCurrency,
  type LedgerType,
  type SettlementStatus,
} from "@jmt/api-types";
import { ModuleGate, ModuleHero, PageCrumbs } from "../../components/ModuleShell";
import { useCanWrite } from "../../hooks/useApplications";
import { useFxAccount, useFxRates } from "../../hooks/useFx";
import { useT } from "../../i18n/useT";
import { currencyFromQuery, type FxHistoryDays } from "../../lib/fx";
import { AccountCard } from "./AccountCard";
import { FxRecords, type FxRecordsState } from "./FxRecords";
import { QuickSettlementDrawer } from "./QuickSettlementDrawer";
import { RateAlerts } from "./RateAlerts";
import { RateBoard } from "./RateBoard";

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | "" =>
  value && (list as readonly string[]).includes(value) ? (value as T) : "";

/**
 * 收结汇 home (X1–X3): the USD account and 快速结汇, the rate board with its trend chart, rate alerts, then
 * 结汇记录 and 收结汇明细. The address keeps what links point at: `?currency=USD` (rate-alert messages),
 * `?tab=ledger|settlements`, `?quick=1` (open 快速结汇), `#rates` / `#alerts` / `#records` (catalogue features).
 */
export function FxHomePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { hash } = useLocation();
  const { canWrite } = useCanWrite();
  const account = useFxAccount();
  const rates = useFxRates();
  const [days, setDays] = useState<FxHistoryDays>(30);
  const [settling, setSettling] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);

  const currency = currencyFromQuery(params.get("currency"));
  const records: FxRecordsState = {
    tab: params.get("tab") === "ledger" ? "ledger" : "settlements",
    status: oneOf<SettlementStatus>(SETTLEMENT_STATUSES, params.get("status")),
    type: oneOf<LedgerType>(LEDGER_TYPES, params.get("type")),
    page: Math.max(1, Number(params.get("page")) || 1),
  };
  const canSettle = canWrite && account.data?.profile.complete === true;

  const update = (next: Record<string, string | number | null>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (
        v === null ||
        v === "" ||
        (k === "page" && v === 1) ||
        (k === "currency" && v === "USD") ||
        (k === "tab" && v === "settlements")
      )
        merged.delete(k);
      else merged.set(k, String(v));
    }
    setParams(merged, { replace: true });
  };

  // `?quick=1` (from a rejected settlement's 重新发起) opens 快速结汇 once the account says it may.
  useEffect(() => {
    if (params.get("quick") === "1" && canSettle) {
      setSettling(true);
      update({ quick: null });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `update` is a new function each render and reads only `params`, which is listed
  }, [params, canSettle]);

  // Links to a feature (#rates, #alerts, #records) land on it once it is there.
  const focus = hash.replace(/^#/, "");
  useEffect(() => {
    if (focus && rates.data) document.getElementById(focus)?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [focus, rates.data]);

  const onRecords = (next: Partial<FxRecordsState>) =>
    update({
      ...(next.tab !== undefined ? { tab: next.tab, status: null, type: null } : {}),
      ...(next.status !== undefined ? { status: next.status } : {}),
      ...(next.type !== undefined ? { type: next.type } : {}),
      ...(next.page !== undefined ? { page: next.page } : {}),
    });

  const crumbs = [{ label: t("modules.fx.title") }];
  return (
    <ModuleGate moduleKey="fx" crumbs={crumbs}>
      <div className="jmt-page" data-testid="fx-home">
        <PageCrumbs items={crumbs} />
        <ModuleHero moduleKey="fx" title={t("modules.fx.title")} lead={t("fx.home.lead")} />
        {!canWrite && <Alert type="info" showIcon message={t("fx.readOnly")} data-testid="read-only-note" />}
        <ol className="jmt-flow-strip" aria-label={t("fx.home.flowTitle")}>
          {(["incoming", "request", "processing", "arrived"] as const).map((s, i) => (
            <li key={s}>
              <span className="jmt-flow-index">{i + 1}</span>
              <span>{t(`fx.home.flow.${s}`)}</span>
            </li>
          ))}
        </ol>
        <AccountCard canWrite={canWrite} onQuickSettle={() => setSettling(true)} />
        <div className="jmt-kind-layout">
          <div className="jmt-kind-main">
            <RateBoard
              currency={currency}
              onCurrency={(c: FxCurrency) => update({ currency: c })}
              days={days}
              onDays={setDays}
            />
          </div>
          <aside className="jmt-kind-aside">
            <RateAlerts canWrite={canWrite} currency={currency} />
          </aside>
        </div>
        <FxRecords state={records} onChange={onRecords} highlight={highlight} />
        {canWrite && (
          <QuickSettlementDrawer
            open={settling}
            account={account.data}
            usdRate={rates.data?.data.find((r) => r.currency === "USD")}
            onClose={() => setSettling(false)}
            onSubmitted={(created) => {
              setSettling(false);
              setHighlight(created.id);
              update({ tab: null, status: null, type: null, page: null });
              window.setTimeout(
                () => document.getElementById("records")?.scrollIntoView({ behavior: "smooth", block: "start" }),
                100,
              );
            }}
          />
        )}
      </div>
    </ModuleGate>
  );
}
