import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  CloudDownloadOutlined,
  EditOutlined,
  LineChartOutlined,
  PlusOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { FX_CURRENCIES, type FxCurrency, type FxFetchResult, type FxRate, type FxRateHistory } from "@jmt/api-types";
import type { ApiHttpError } from "@jmt/strapi-provider";
import { List } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Segmented,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { RefreshButton } from "../../components/common/RefreshButton";
import { Rate } from "../../components/fx/Money";
import { RateChart } from "../../components/fx/RateChart";
import { formatDateTime } from "../../lib/format";
import { decimalSign, extremes, HISTORY_WINDOWS, RATE_SOURCE_COLORS, subtractDecimal } from "../../lib/fx";
import { fxApi } from "../../providers/data-provider";
import { FX_KEYS, useFxPermissions } from "./hooks";
import { RateEntryModal, type RateEntryStart } from "./RateEntryModal";

/** A rate's change since the previous quote: red up, green down (the Chinese market convention). */
const Change = ({ rate }: { rate: FxRate }) => {
  const sign = decimalSign(rate.change);
  if (rate.change === null || rate.change === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span className={`fx-change fx-change--${sign > 0 ? "up" : sign < 0 ? "down" : "flat"}`} data-testid="rate-change">
      {sign > 0 ? <ArrowUpOutlined /> : sign < 0 ? <ArrowDownOutlined /> : null}
      <span className="mono">{rate.change.replace(/^-/, "")}</span>
      {rate.changePct !== null && <span className="fx-change__pct">({rate.changePct.replace(/^-/, "")}%)</span>}
    </span>
  );
};

const SourceTag = ({ source, label }: { source: string; label?: string | null }) => {
  const t = useTranslate();
  return (
    <Tag bordered={false} color={RATE_SOURCE_COLORS[source] ?? "default"} data-testid="rate-source" data-source={source}>
      {label || t(`fx.rates.sources.${source}`, source)}
    </Tag>
  );
};

/** One provider's answer to 立即抓取: 成功 (date, count) or its error code and message. */
const FetchResults = ({ results, onClose }: { results: FxFetchResult[]; onClose(): void }) => {
  const t = useTranslate();
  const allOk = results.length > 0 && results.every((result) => result.ok);
  return (
    <Alert
      type={allOk ? "success" : results.some((result) => result.ok) ? "warning" : "error"}
      showIcon
      closable
      onClose={onClose}
      data-testid="fetch-results"
      message={t("fx.rates.fetch.resultTitle")}
      description={
        results.length === 0 ? (
          t("fx.rates.fetch.noProviders")
        ) : (
          <Flex vertical gap={6}>
            {results.map((result) => (
              <Space key={result.provider} size={8} wrap data-testid="fetch-result" data-provider={result.provider} data-ok={String(result.ok)}>
                {result.ok ? <CheckCircleFilled className="fx-ok" /> : <CloseCircleFilled className="fx-bad" />}
                <Typography.Text strong>{t(`fx.rates.providers.${result.provider}`, result.provider)}</Typography.Text>
                {result.ok ? (
                  <span>{t("fx.rates.fetch.ok", { date: result.date ?? "—", count: result.count })}</span>
                ) : (
                  <>
                    <Typography.Text type="danger">{result.error?.message ?? t("fx.rates.fetch.failedShort")}</Typography.Text>
                    {result.error?.code && (
                      <Tag bordered={false} className="mono">
                        {result.error.code}
                      </Tag>
                    )}
                  </>
                )}
              </Space>
            ))}
          </Flex>
        )
      }
    />
  );
};

/**
 * 汇率管理 (X1): the latest rate of each currency (source, change, stale flag), 立即抓取 with every provider's answer,
 * staff rates for a date (录入 / 修正), and each currency's history as a chart.
 */
export const FxRatesPage = () => {
  const t = useTranslate();
  const client = useQueryClient();
  const { notification } = AntdApp.useApp();
  const { rates: mayEdit } = useFxPermissions();
  const [entry, setEntry] = useState<RateEntryStart | null>(null);
  const [fetchResults, setFetchResults] = useState<FxFetchResult[] | null>(null);
  const [currency, setCurrency] = useState<FxCurrency>("USD");
  const [days, setDays] = useState<number>(30);

  const board = useQuery({ queryKey: FX_KEYS.rates, queryFn: () => fxApi.rates() });
  const history = useQuery<FxRateHistory>({
    queryKey: FX_KEYS.history(currency, days),
    queryFn: () => fxApi.history(currency, days),
    placeholderData: (previous) => (previous?.currency === currency ? previous : undefined),
  });
  const refreshRates = () => client.invalidateQueries({ queryKey: FX_KEYS.rates });

  const fetchNow = useMutation<FxFetchResult[], ApiHttpError>({
    mutationFn: () => fxApi.fetchRates(),
    onSuccess: async (results) => {
      setFetchResults(results);
      await refreshRates();
    },
    onError: (error) => notification.error({ message: t("fx.rates.fetch.failed"), description: error.message }),
  });

  const rates = board.data?.data ?? [];
  const meta = board.data?.meta;
  const points = history.data?.points ?? [];
  const firstPoint = points[0];
  const lastPoint = points.at(-1);
  const unit = history.data?.unit ?? rates.find((rate) => rate.currency === currency)?.unit ?? 1;
  const unitLabel = t("fx.rates.unitLabel", { unit, name: t(`fx.currencies.${currency}`) });
  const { min: minPoint, max: maxPoint } = extremes(points);
  const span = firstPoint && lastPoint ? subtractDecimal(lastPoint.rate, firstPoint.rate, 4) : undefined;

  if ((board.error as { statusCode?: number } | null)?.statusCode === 403) {
    return (
      <List title={t("fx.rates.title")} headerButtons={() => null}>
        <Result status="403" title={t("fx.common.forbidden")} subTitle={t("fx.common.forbiddenHint", { permission: "fx.rates" })} />
      </List>
    );
  }

  return (
    <List
      title={t("fx.rates.title")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("fx.rates.subtitle")}</span> }}
      headerButtons={() => (
        <Space wrap>
          {mayEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setEntry({ currency })} data-testid="rate-entry-open">
              {t("fx.rates.entry.open")}
            </Button>
          )}
          {mayEdit && (
            <Button type="primary" icon={<CloudDownloadOutlined />} loading={fetchNow.isPending} onClick={() => fetchNow.mutate()} data-testid="rates-fetch">
              {t("fx.rates.fetch.open")}
            </Button>
          )}
          <RefreshButton
            query={board}
            onRefresh={() => {
              void board.refetch();
              void history.refetch();
            }}
          />
        </Space>
      )}
    >
      <Flex vertical gap={20}>
        {fetchResults && <FetchResults results={fetchResults} onClose={() => setFetchResults(null)} />}
        {meta && (
          <Alert
            type={meta.stale ? "warning" : meta.lastFetch && !meta.lastFetch.ok ? "warning" : "info"}
            showIcon
            icon={meta.stale ? <WarningOutlined /> : undefined}
            data-testid="rates-status"
            data-stale={String(meta.stale)}
            message={meta.stale ? t("fx.rates.staleTitle") : t("fx.rates.freshTitle")}
            description={
              meta.lastFetch
                ? t(meta.lastFetch.ok ? "fx.rates.lastFetchOk" : "fx.rates.lastFetchFailed", {
                    at: formatDateTime(meta.lastFetch.at),
                    provider: t(`fx.rates.providers.${meta.lastFetch.provider}`, meta.lastFetch.provider),
                    error: meta.lastFetch.error ?? "",
                  })
                : t("fx.rates.neverFetched")
            }
          />
        )}

        <Table<FxRate>
          rowKey="currency"
          dataSource={rates}
          loading={board.isLoading}
          pagination={false}
          data-testid="rates-table"
          scroll={{ x: 980 }}
          locale={{ emptyText: board.isLoading ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fx.rates.empty")} /> }}
          onRow={(rate) =>
            ({
              "data-currency": rate.currency,
              "data-source": rate.source,
              "data-date": rate.date,
              "data-rate": rate.rate,
              className: rate.currency === currency ? "fx-rate-row--active" : undefined,
            }) as React.HTMLAttributes<HTMLElement>
          }
        >
          <Table.Column<FxRate>
            dataIndex="currency"
            title={t("fx.rates.fields.currency")}
            width={200}
            render={(code: FxCurrency, rate) => (
              <Space size={10}>
                <span className="fx-currency-badge">{code}</span>
                <div className="two-line">
                  <span>{rate.name || t(`fx.currencies.${code}`)}</span>
                  <Typography.Text type="secondary" className="mono">
                    {rate.pair}
                  </Typography.Text>
                </div>
              </Space>
            )}
          />
          <Table.Column<FxRate>
            dataIndex="rate"
            title={t("fx.rates.fields.rate")}
            width={150}
            align="right"
            render={(value: string, rate) => (
              <Tooltip title={rate.unit !== 1 ? t("fx.rates.perUnit", { unit: rate.unit, code: rate.currency }) : undefined}>
                <span className="fx-rate-value">
                  <Rate value={value} testId="rate-value" />
                </span>
              </Tooltip>
            )}
          />
          <Table.Column<FxRate> key="change" title={t("fx.rates.fields.change")} width={170} render={(_, rate) => <Change rate={rate} />} />
          <Table.Column<FxRate> dataIndex="date" title={t("fx.rates.fields.date")} width={120} />
          <Table.Column<FxRate>
            dataIndex="source"
            title={t("fx.rates.fields.source")}
            width={130}
            render={(value: string, rate) => <SourceTag source={value} label={rate.sourceLabel} />}
          />
          <Table.Column<FxRate>
            dataIndex="stale"
            title={t("fx.rates.fields.state")}
            width={110}
            render={(stale: boolean) =>
              stale ? (
                <Tooltip title={t("fx.rates.staleHint")}>
                  <Tag bordered={false} color="warning" icon={<WarningOutlined />} data-testid="rate-stale">
                    {t("fx.rates.stale")}
                  </Tag>
                </Tooltip>
              ) : (
                <Tag bordered={false} color="success">
                  {t("fx.rates.fresh")}
                </Tag>
              )
            }
          />
          <Table.Column<FxRate>
            key="actions"
            title={t("fx.fields.actions")}
            width={170}
            render={(_, rate) => (
              <Space size={4}>
                <Button size="small" type="text" icon={<LineChartOutlined />} onClick={() => setCurrency(rate.currency)} data-testid="rate-show-history">
                  {t("fx.rates.history")}
                </Button>
                {mayEdit && (
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    onClick={() => setEntry({ currency: rate.currency, date: rate.date, rate: rate.rate })}
                    data-testid="rate-edit"
                  >
                    {t("fx.rates.edit")}
                  </Button>
                )}
              </Space>
            )}
          />
        </Table>

        <Card
          variant="borderless"
          className="section-card"
          title={t("fx.rates.chart.title", { name: t(`fx.currencies.${currency}`) })}
          data-testid="rate-history"
          extra={
            <Segmented<number>
              size="small"
              value={days}
              onChange={setDays}
              options={HISTORY_WINDOWS.map((window) => ({ value: window, label: t("fx.rates.chart.days", { days: window }) }))}
              data-testid="rate-history-days"
            />
          }
        >
          <Flex vertical gap={16}>
            <Segmented<FxCurrency>
              value={currency}
              onChange={setCurrency}
              options={FX_CURRENCIES.map((code) => ({ value: code, label: `${code} ${t(`fx.currencies.${code}`)}` }))}
              data-testid="rate-history-currency"
              className="fx-currency-switch"
            />
            {history.isLoading ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : history.isError ? (
              <Alert type="error" showIcon message={t("fx.rates.chart.failed")} description={(history.error as { message?: string })?.message} />
            ) : points.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fx.rates.chart.empty")} />
            ) : (
              <Row gutter={[24, 16]} align="middle">
                <Col xs={24} xl={18}>
                  <RateChart points={points} unitLabel={unitLabel} testId="rate-chart" />
                  <Typography.Text type="secondary" className="fx-chart-note">
                    {unitLabel} · {t("fx.rates.chart.manualMark")}
                  </Typography.Text>
                </Col>
                <Col xs={24} xl={6}>
                  <Row gutter={[16, 16]}>
                    <Col xs={12} xl={24}>
                      <Statistic title={t("fx.rates.chart.latest", { date: lastPoint?.date ?? "" })} value={lastPoint?.rate ?? "—"} />
                    </Col>
                    <Col xs={12} xl={24}>
                      <Statistic
                        title={t("fx.rates.chart.span", { days })}
                        value={span ?? "—"}
                        valueStyle={{ color: decimalSign(span) > 0 ? "#e0464e" : decimalSign(span) < 0 ? "#22a06b" : undefined }}
                        prefix={decimalSign(span) > 0 ? "+" : undefined}
                      />
                    </Col>
                    <Col xs={12} xl={24}>
                      <Statistic title={t("fx.rates.chart.high", { date: maxPoint?.date ?? "" })} value={maxPoint?.rate ?? "—"} />
                    </Col>
                    <Col xs={12} xl={24}>
                      <Statistic title={t("fx.rates.chart.low", { date: minPoint?.date ?? "" })} value={minPoint?.rate ?? "—"} />
                    </Col>
                  </Row>
                </Col>
              </Row>
            )}
          </Flex>
        </Card>
      </Flex>

      <RateEntryModal
        start={entry}
        rates={rates}
        onClose={() => setEntry(null)}
        onSaved={async (saved) => {
          setEntry(null);
          setCurrency(saved);
          await client.invalidateQueries({ queryKey: FX_KEYS.rates });
        }}
      />
    </List>
  );
};
