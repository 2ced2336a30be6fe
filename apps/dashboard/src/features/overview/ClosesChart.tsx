import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { Swatch } from "../../components/CodeLabel.js";
import { SERIES_KEYS, seriesColor, seriesLabel } from "../../lib/codes.js";
import { formatBucket, formatClock, formatCount } from "../../lib/format.js";
import type { ChartRow } from "./chartRows.js";
import { CLOSES_CHART_HEIGHT } from "./chartSize.js";


const AXIS_TICK = { fill: "var(--text-muted)", fontSize: 12 };

interface ClosesChartProps {
  rows: readonly ChartRow[];
  bucketSeconds: number;
}

/** Stacked closes per bucket: 1008, 1009, then every other code in grey. Draws only; no animation. */
export function ClosesChart({ rows, bucketSeconds }: ClosesChartProps) {
  const byTime = useMemo(() => new Map(rows.map((r) => [r.t, r])), [rows]);

  const renderTooltip = ({ active, label }: TooltipContentProps) => {
    const row = active && typeof label === "number" ? byTime.get(label) : undefined;
    if (!row) return null;
    return (
      <div className="chart-tooltip">
        <p className="chart-tooltip-title">{formatBucket(row.t, bucketSeconds)}</p>
        <ul>
          {SERIES_KEYS.map((key) => (
            <li key={key}>
              <Swatch color={seriesColor(key)} />
              <span>{seriesLabel(key)}</span>
              <span className="num">{formatCount(row[key])}</span>
            </li>
          ))}
        </ul>
        <p className="chart-tooltip-total">
          <span>Total</span>
          <span className="num">{formatCount(row.total)}</span>
        </p>
      </div>
    );
  };

  return (
    <BarChart
      data={rows}
      responsive
      style={{ width: "100%", height: CLOSES_CHART_HEIGHT }}
      margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
      barCategoryGap="12%"
      accessibilityLayer
    >
      <CartesianGrid vertical={false} stroke="var(--grid)" />
      <XAxis
        dataKey="t"
        tickFormatter={(t: number) => formatClock(t)}
        minTickGap={48}
        tickLine={false}
        axisLine={{ stroke: "var(--border)" }}
        tick={AXIS_TICK}
      />
      <YAxis allowDecimals={false} width={44} tickLine={false} axisLine={false} tick={AXIS_TICK} />
      <Tooltip content={renderTooltip} cursor={{ fill: "var(--hover)" }} isAnimationActive={false} />
      {SERIES_KEYS.map((key) => (
        <Bar
          key={key}
          dataKey={key}
          name={seriesLabel(key)}
          stackId="closes"
          fill={seriesColor(key)}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
