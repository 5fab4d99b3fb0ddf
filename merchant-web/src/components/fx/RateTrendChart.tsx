import { Empty } from "antd";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { formatAmount, type FxRatePoint } from "@jmt/api-types";
import { useT } from "../../i18n/useT";
import { RATE_PLACES, historyStats, labelIndexes, niceTicks } from "../../lib/fx";
import { BRAND } from "../../theme";

const PAD = { top: 28, right: 24, bottom: 34, left: 64 };

/** The width of an element, kept current as the layout changes. */
function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || fallback);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return { ref, width };
}

/**
 * A small SVG line chart of one currency's rate history (X1 历史趋势): y axis with round ticks, dates along the
 * x axis, the lowest and highest point marked, a tooltip following the pointer (or the arrow keys).
 * Rates become numbers here only to place points; every label shows the server's decimal string.
 */
export function RateTrendChart({
  points,
  pair,
  height = 300,
  testId = "rate-chart",
}: {
  points: FxRatePoint[];
  /** "USD/CNY", shown in the tooltip. */
  pair: string;
  height?: number;
  testId?: string;
}) {
  const t = useT();
  const gradientId = useId().replace(/:/g, "");
  const { ref, width } = useWidth<HTMLDivElement>(720);
  const [active, setActive] = useState<number | null>(null);

  const model = useMemo(() => {
    const n = points.length;
    const values = points.map((p) => Number(p.rate));
    const stats = historyStats(points);
    if (n === 0 || !stats) return null;
    const ticks = niceTicks(Math.min(...values), Math.max(...values), 5);
    const yMin = ticks[0];
    const yMax = ticks[ticks.length - 1];
    const plotW = Math.max(40, width - PAD.left - PAD.right);
    const plotH = Math.max(40, height - PAD.top - PAD.bottom);
    const x = (i: number) => PAD.left + (n === 1 ? plotW / 2 : (i * plotW) / (n - 1));
    const y = (v: number) => PAD.top + ((yMax - v) / (yMax - yMin || 1)) * plotH;
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    const tickPlaces = step < 0.01 ? 4 : step < 1 ? 2 : 1;
    const line = values.map((v, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
    const area = `${line} L${x(n - 1).toFixed(1)},${PAD.top + plotH} L${x(0).toFixed(1)},${PAD.top + plotH} Z`;
    const long = n > 0 && Date.parse(points[n - 1].date) - Date.parse(points[0].date) > 120 * 86_400_000;
    const xLabels = labelIndexes(n, Math.max(2, Math.floor(plotW / 84))).map((i) => ({
      i,
      text: long ? points[i].date.slice(0, 7) : points[i].date.slice(5),
    }));
    return {
      n,
      values,
      stats,
      ticks,
      plotW,
      plotH,
      x,
      y,
      tickPlaces,
      line,
      area,
      xLabels,
      minIndex: points.indexOf(stats.min),
      maxIndex: points.indexOf(stats.max),
    };
  }, [points, width, height]);

  if (!model) {
    return (
      <div ref={ref} className="jmt-chart" data-testid={testId} data-points={0}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fx.chart.empty")} />
      </div>
    );
  }

  const { n, x, y, values, plotW, plotH } = model;
  const indexAt = (clientX: number, rect: DOMRect) => {
    const px = clientX - rect.left - PAD.left;
    return Math.min(n - 1, Math.max(0, n === 1 ? 0 : Math.round((px / plotW) * (n - 1))));
  };
  const onMove = (e: MouseEvent<SVGRectElement>) =>
    setActive(indexAt(e.clientX, (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect()));
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key === "ArrowRight") setActive((i) => Math.min(n - 1, (i ?? -1) + 1));
    else if (e.key === "ArrowLeft") setActive((i) => Math.max(0, (i ?? n) - 1));
    else if (e.key === "Escape") setActive(null);
    else return;
    e.preventDefault();
  };

  const marker = (i: number, kind: "max" | "min") => {
    const above = kind === "max";
    const cx = x(i);
    const cy = y(values[i]);
    const label = `${t(`fx.chart.${kind}`)} ${formatAmount(points[i].rate, RATE_PLACES)}`;
    const anchor = cx < PAD.left + 60 ? "start" : cx > PAD.left + plotW - 60 ? "end" : "middle";
    return (
      <g className={`jmt-chart-mark is-${kind}`} data-testid={`chart-${kind}`}>
        <circle cx={cx} cy={cy} r={4} />
        <text x={cx} y={above ? cy - 10 : cy + 18} textAnchor={anchor}>
          {label}
        </text>
      </g>
    );
  };

  const point = active !== null ? points[active] : null;
  const tipLeft = active !== null ? x(active) : 0;
  return (
    <div
      ref={ref}
      className="jmt-chart"
      data-testid={testId}
      data-points={n}
      data-first={points[0].date}
      data-last={points[n - 1].date}
    >
      <svg
        width={width}
        height={height}
        role="img"
        tabIndex={0}
        aria-label={t("fx.chart.aria", {
          pair,
          from: points[0].date,
          to: points[n - 1].date,
          min: formatAmount(model.stats.min.rate, RATE_PLACES),
          max: formatAmount(model.stats.max.rate, RATE_PLACES),
        })}
        onKeyDown={onKey}
        onBlur={() => setActive(null)}
      >
        <defs>
          <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={BRAND.primary} stopOpacity={0.22} />
            <stop offset="100%" stopColor={BRAND.primary} stopOpacity={0.01} />
          </linearGradient>
        </defs>
        <g className="jmt-chart-grid">
          {model.ticks.map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={PAD.left + plotW} y1={y(v)} y2={y(v)} />
              <text x={PAD.left - 10} y={y(v) + 4} textAnchor="end">
                {v.toFixed(model.tickPlaces)}
              </text>
            </g>
          ))}
        </g>
        <g className="jmt-chart-xaxis">
          <line x1={PAD.left} x2={PAD.left + plotW} y1={PAD.top + plotH} y2={PAD.top + plotH} />
          {model.xLabels.map(({ i, text }) => (
            <text
              key={i}
              x={x(i)}
              y={PAD.top + plotH + 22}
              textAnchor={n === 1 ? "middle" : i === 0 ? "start" : i === n - 1 ? "end" : "middle"}
            >
              {text}
            </text>
          ))}
        </g>
        <path d={model.area} fill={`url(#${gradientId})`} />
        <path d={model.line} className="jmt-chart-line" />
        {n === 1 && <circle cx={x(0)} cy={y(values[0])} r={4} className="jmt-chart-dot" />}
        {model.maxIndex !== model.minIndex && marker(model.maxIndex, "max")}
        {marker(model.minIndex, "min")}
        {active !== null && (
          <g className="jmt-chart-cursor">
            <line x1={x(active)} x2={x(active)} y1={PAD.top} y2={PAD.top + plotH} />
            <circle cx={x(active)} cy={y(values[active])} r={5} />
          </g>
        )}
        <rect
          x={PAD.left}
          y={PAD.top}
          width={plotW}
          height={plotH}
          fill="transparent"
          onMouseMove={onMove}
          onMouseLeave={() => setActive(null)}
          data-testid={`${testId}-hover`}
        />
      </svg>
      {point && (
        <div
          className={`jmt-chart-tip${tipLeft > PAD.left + plotW / 2 ? " is-left" : ""}`}
          style={{ left: tipLeft, top: PAD.top }}
          data-testid="chart-tooltip"
        >
          <div className="jmt-chart-tip-date">{point.date}</div>
          <div className="jmt-chart-tip-rate">
            <span className="jmt-muted">{pair}</span> <strong>{formatAmount(point.rate, RATE_PLACES)}</strong>
          </div>
          <div className="jmt-muted">{t(`fx.source.${point.source}`, undefined, point.source)}</div>
        </div>
      )}
    </div>
  );
}
