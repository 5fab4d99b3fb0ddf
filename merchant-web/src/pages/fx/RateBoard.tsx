import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  LineChartOutlined,
  MinusOutlined,
  ReloadOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Empty, Result, Segmented, Skeleton, Tag, Tooltip } from "antd";
import { formatAmount, type FxCurrency, type FxRate } from "@jmt/api-types";
import { RateTrendChart } from "../../components/fx/RateTrendChart";
import { useFxHistory, useFxRates } from "../../hooks/useFx";
import { useT } from "../../i18n/useT";
import {
  FX_HISTORY_DAYS,
  RATE_PLACES,
  formatSigned,
  historyStats,
  subtractDecimal,
  toneOf,
  type FxHistoryDays,
} from "../../lib/fx";
import { formatDateTime } from "../../lib/format";

const TONE_ICON = { up: <ArrowUpOutlined />, down: <ArrowDownOutlined />, flat: <MinusOutlined /> };

/** One currency: rate per unit, pair, change against the previous date, date, source, staleness. */
function RateCard({ rate, selected, onSelect }: { rate: FxRate; selected: boolean; onSelect: () => void }) {
  const t = useT();
  const tone = toneOf(rate.change);
  return (
    <button
      type="button"
      className={`jmt-rate-card${selected ? " is-selected" : ""}${rate.stale ? " is-stale" : ""}`}
      aria-pressed={selected}
      onClick={onSelect}
      data-testid="rate-card"
      data-currency={rate.currency}
      data-stale={String(rate.stale)}
    >
      <div className="jmt-rate-head">
        <span className="jmt-rate-code">{rate.currency}</span>
        <span className="jmt-rate-name">{rate.name || t(`fx.currency.${rate.currency}`)}</span>
        {rate.stale && (
          <Tooltip title={t("fx.rates.staleHint")}>
            <Tag color="warning" bordered={false} icon={<WarningOutlined />} data-testid="rate-stale">
              {t("fx.rates.stale")}
            </Tag>
          </Tooltip>
        )}
      </div>
      <div className="jmt-rate-value" data-testid="rate-value">
        {formatAmount(rate.rate, RATE_PLACES)}
      </div>
      <div className="jmt-rate-pair">
        {rate.pair}
        {rate.unit !== 1 && (
          <span className="jmt-muted"> · {t("fx.rates.perUnit", { unit: rate.unit, name: rate.name })}</span>
        )}
      </div>
      <div className={`jmt-rate-change${tone ? ` is-${tone}` : ""}`} data-testid="rate-change" data-tone={tone ?? ""}>
        {tone ? (
          <>
            {TONE_ICON[tone]} {formatSigned(rate.change, RATE_PLACES)}
            {rate.changePct !== null && <span> ({formatSigned(rate.changePct, 2)}%)</span>}
          </>
        ) : (
          <span className="jmt-muted">{t("fx.rates.noPrevious")}</span>
        )}
      </div>
      <div className="jmt-rate-foot">
        <span>{rate.date}</span>
        <span className="jmt-rate-source" data-source={rate.source}>
          {rate.sourceLabel || t(`fx.source.${rate.source}`, undefined, rate.source)}
        </span>
      </div>
    </button>
  );
}

/** The selected currency's history, 7 / 30 / 90 / 365 days. */
function TrendPanel({ rate, days, onDays }: { rate: FxRate; days: FxHistoryDays; onDays: (d: FxHistoryDays) => void }) {
  const t = useT();
  const history = useFxHistory(rate.currency, days);
  const points = history.data?.currency === rate.currency ? history.data.points : [];
  const stats = historyStats(points);
  const diff = stats ? subtractDecimal(stats.last.rate, stats.first.rate) : null;
  const tone = toneOf(diff);

  return (
    <div className="jmt-rate-trend" data-testid="rate-trend" data-currency={rate.currency} data-days={days}>
      <div className="jmt-rate-trend-head">
        <div>
          <div className="jmt-rate-trend-title">
            <LineChartOutlined /> {t("fx.chart.title", { name: rate.name, pair: rate.pair })}
          </div>
          {stats && (
            <div className="jmt-rate-stats">
              <span>
                {t("fx.chart.max")} <strong>{formatAmount(stats.max.rate, RATE_PLACES)}</strong>
              </span>
              <span>
                {t("fx.chart.min")} <strong>{formatAmount(stats.min.rate, RATE_PLACES)}</strong>
              </span>
              <span className={tone ? `is-${tone}` : undefined}>
                {t("fx.chart.rangeChange")} <strong>{formatSigned(diff, RATE_PLACES)}</strong>
              </span>
            </div>
          )}
        </div>
        <Segmented<FxHistoryDays>
          value={days}
          onChange={onDays}
          options={FX_HISTORY_DAYS.map((d) => ({ value: d, label: t(`fx.chart.days.${d}`) }))}
          data-testid="chart-days"
        />
      </div>
      {history.isLoading ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : history.isError ? (
        <Result
          status="warning"
          title={t("fx.chart.loadFailed")}
          subTitle={history.error?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void history.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : (
        <div className={history.isPlaceholderData ? "jmt-chart-busy" : undefined}>
          <RateTrendChart points={points} pair={rate.pair} />
        </div>
      )}
    </div>
  );
}

/** X1 汇率看板: six currencies and the trend of the selected one. */
export function RateBoard({
  currency,
  onCurrency,
  days,
  onDays,
}: {
  currency: FxCurrency;
  onCurrency: (c: FxCurrency) => void;
  days: FxHistoryDays;
  onDays: (d: FxHistoryDays) => void;
}) {
  const t = useT();
  const rates = useFxRates();
  const list = rates.data?.data ?? [];
  const selected = list.find((r) => r.currency === currency) ?? list[0];
  const lastFetch = rates.data?.meta.lastFetch;

  return (
    <Card
      id="rates"
      className="jmt-panel jmt-scroll-target"
      data-testid="rate-board"
      title={
        <span className="jmt-panel-title">
          <LineChartOutlined /> {t("fx.rates.title")}
        </span>
      }
      extra={
        lastFetch && (
          <span className="jmt-panel-extra" data-testid="rates-last-fetch">
            {t("fx.rates.lastFetch", { time: formatDateTime(lastFetch.at) })}
          </span>
        )
      }
    >
      {rates.isLoading ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : rates.isError ? (
        <Result
          status="warning"
          title={t("fx.rates.loadFailed")}
          subTitle={rates.error?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void rates.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fx.rates.empty")} />
      ) : (
        <div className="jmt-rate-board">
          {rates.data?.meta.stale && (
            <Alert
              type="warning"
              showIcon
              data-testid="rates-stale"
              message={t("fx.rates.staleTitle")}
              description={
                lastFetch && !lastFetch.ok
                  ? t("fx.rates.staleFetchFailed", { time: formatDateTime(lastFetch.at) })
                  : t("fx.rates.staleOld")
              }
            />
          )}
          <div className="jmt-rate-grid" role="group" aria-label={t("fx.rates.title")}>
            {list.map((r) => (
              <RateCard
                key={r.currency}
                rate={r}
                selected={r.currency === selected?.currency}
                onSelect={() => onCurrency(r.currency)}
              />
            ))}
          </div>
          <div className="jmt-muted jmt-rate-note">{t("fx.rates.note")}</div>
          {selected && <TrendPanel rate={selected} days={days} onDays={onDays} />}
        </div>
      )}
    </Card>
  );
}
