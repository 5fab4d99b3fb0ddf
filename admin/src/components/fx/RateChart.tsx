import type { FxRatePoint } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { useId, useMemo, useRef, useState, type MouseEvent } from "react";
import { chartLayout, nearestPoint } from "../../lib/fx";

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { top: 16, right: 20, bottom: 30, left: 64 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/**
 * A rate history as a line chart in plain SVG (no chart library): round y ticks, a few dates on the x axis, an area
 * under the line, manual rates marked, and a hover guide with the date, rate and source of the nearest day.
 * The viewBox scales with the card, so it stays sharp at any width.
 */
export const RateChart = ({ points, unitLabel, testId }: { points: readonly FxRatePoint[]; unitLabel: string; testId?: string }) => {
  const t = useTranslate();
  const gradientId = useId().replace(/:/g, "");
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<number>(-1);
  const layout = useMemo(() => chartLayout(points, { width: PLOT_W, height: PLOT_H }), [points]);
  const line = layout.points.map((point, index) => `${index === 0 ? "M" : "L"}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(" ");
  const first = layout.points[0];
  const last = layout.points.at(-1);
  const area = first && last ? `${line} L${last.x.toFixed(1)},${PLOT_H} L${first.x.toFixed(1)},${PLOT_H} Z` : "";
  const active = hover >= 0 ? layout.points[hover] : undefined;

  const onMove = (event: MouseEvent<SVGRectElement>) => {
    const box = svgRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    const x = ((event.clientX - box.left) / box.width) * WIDTH - PAD.left;
    setHover(nearestPoint(layout.points, x));
  };

  const tipX = active ? Math.min(Math.max(active.x + PAD.left, PAD.left + 82), WIDTH - PAD.right - 82) : 0;

  return (
    <svg
      ref={svgRef}
      className="rate-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t("fx.rates.chart.aria", { unit: unitLabel })}
      data-testid={testId}
      data-points={layout.points.length}
    >
      <defs>
        <linearGradient id={gradientId} x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stopColor="#5b3cc4" stopOpacity={0.22} />
          <stop offset="100%" stopColor="#5b3cc4" stopOpacity={0} />
        </linearGradient>
      </defs>
      <g transform={`translate(${PAD.left},${PAD.top})`}>
        {layout.ticks.map((tick) => (
          <g key={tick.value} className="rate-chart__tick">
            <line x1={0} x2={PLOT_W} y1={tick.y} y2={tick.y} />
            <text x={-10} y={tick.y} dy="0.32em" textAnchor="end">
              {tick.value}
            </text>
          </g>
        ))}
        {layout.labels.map((label) => (
          <text key={label.date} className="rate-chart__date" x={label.x} y={PLOT_H + 20} textAnchor="middle">
            {label.date.slice(5)}
          </text>
        ))}
        {area && <path d={area} fill={`url(#${gradientId})`} />}
        {line && <path d={line} className="rate-chart__line" />}
        {layout.points
          .filter((point) => point.source === "manual")
          .map((point) => (
            <circle key={`manual-${point.date}`} cx={point.x} cy={point.y} r={4} className="rate-chart__manual" />
          ))}
        {active && (
          <g className="rate-chart__hover">
            <line x1={active.x} x2={active.x} y1={0} y2={PLOT_H} />
            <circle cx={active.x} cy={active.y} r={5} />
          </g>
        )}
        <rect
          x={0}
          y={0}
          width={PLOT_W}
          height={PLOT_H}
          fill="transparent"
          onMouseMove={onMove}
          onMouseLeave={() => setHover(-1)}
          data-testid={testId ? `${testId}-overlay` : undefined}
        />
      </g>
      {active && (
        <g className="rate-chart__tip" transform={`translate(${tipX},${PAD.top + 4})`} pointerEvents="none">
          <rect x={-82} y={0} width={164} height={44} rx={8} />
          <text x={0} y={17} textAnchor="middle" className="rate-chart__tip-date">
            {active.date} · {t(`fx.rates.sources.${active.source}`, active.source)}
          </text>
          <text x={0} y={35} textAnchor="middle" className="rate-chart__tip-rate">
            {active.rate}
          </text>
        </g>
      )}
    </svg>
  );
};
