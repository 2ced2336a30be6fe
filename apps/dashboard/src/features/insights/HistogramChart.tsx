import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { formatCount } from "../../lib/format.js";
import type { HistogramChart as Chart } from "./histogram.js";
import { HISTOGRAM_HEIGHT } from "./histogramSize.js";


const AXIS_TICK = { fill: "var(--text-muted)", fontSize: 11 };

interface HistogramChartProps {
  chart: Chart;
  /** Bar colour: the finding's close code colour. */
  color: string;
  /** Accessible name, e.g. "Attempted message sizes". */
  label: string;
}

/** Distribution behind a finding, with its marker (the limit) as a labelled line. Draws only; no animation. */
export function HistogramChart({ chart, color, label }: HistogramChartProps) {
  const { rows, marker } = chart;
  const byKey = new Map(rows.map((r) => [r.key, r]));

  const renderTooltip = ({ active, label: key }: TooltipContentProps) => {
    const row = active && typeof key === "string" ? byKey.get(key) : undefined;
    if (!row) return null;
    return (
      <div className="chart-tooltip">
        <p className="chart-tooltip-title">{row.key}</p>
        <p className="chart-tooltip-total">
          <span>Closes</span>
          <span className="num">{formatCount(row.count)}</span>
        </p>
      </div>
    );
  };

  return (
    <figure className="histogram" aria-label={label}>
      <BarChart
        data={rows}
        responsive
        style={{ width: "100%", height: HISTOGRAM_HEIGHT }}
        margin={{ top: 22, right: 8, bottom: 0, left: 0 }}
        barCategoryGap="8%"
        accessibilityLayer
      >
        <CartesianGrid vertical={false} stroke="var(--grid)" />
        <XAxis
          dataKey="key"
          interval="preserveStartEnd"
          minTickGap={12}
          tickLine={false}
          axisLine={{ stroke: "var(--border)" }}
          tick={AXIS_TICK}
        />
        <YAxis allowDecimals={false} width={36} tickLine={false} axisLine={false} tick={AXIS_TICK} />
        <Tooltip content={renderTooltip} cursor={{ fill: "var(--hover)" }} isAnimationActive={false} />
        <Bar dataKey="below" stackId="n" fill={color} fillOpacity={0.4} isAnimationActive={false} />
        <Bar dataKey="beyond" stackId="n" fill={color} isAnimationActive={false} />
        {marker ? (
          <ReferenceLine
            x={marker.key}
            position={marker.position}
            stroke="var(--text)"
            strokeDasharray="4 3"
            strokeWidth={1.5}
            ifOverflow="extendDomain"
            label={{
              value: marker.label,
              position: "top",
              textAnchor: marker.anchor,
              fill: "var(--text)",
              fontSize: 12,
              fontWeight: 600,
            }}
          />
        ) : null}
      </BarChart>
      {marker ? (
        <figcaption className="visually-hidden">
          Dashed line: {marker.label}. Bars at or past it are drawn in full colour.
        </figcaption>
      ) : null}
    </figure>
  );
}
