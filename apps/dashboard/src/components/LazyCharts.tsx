import { lazy, Suspense, type ComponentProps } from "react";
import { HISTOGRAM_HEIGHT } from "../features/insights/histogramSize.js";
import { CLOSES_CHART_HEIGHT } from "../features/overview/chartSize.js";

/*
 * Recharts (and the d3 and redux code under it) is most of the bundle's
 * weight, and nothing on the overview needs it before the numbers are on
 * screen. The charts load on demand, in a placeholder of their final height
 * so nothing jumps when they arrive.
 */

const loadClosesChart = () => import("../features/overview/ClosesChart.js");
const loadHistogramChart = () => import("../features/insights/HistogramChart.js");

const ClosesChartImpl = lazy(() => loadClosesChart().then((m) => ({ default: m.ClosesChart })));
const HistogramChartImpl = lazy(() => loadHistogramChart().then((m) => ({ default: m.HistogramChart })));

/**
 * Start downloading the chart code now, while the charts' data is still on its
 * way, so the two waits overlap instead of following each other. The module
 * cache makes the later lazy() import resolve at once.
 */
export function preloadCharts(): void {
  void loadClosesChart().catch(() => {});
  void loadHistogramChart().catch(() => {});
}

function ChartSpace({ height }: { height: number }) {
  return <div className="chart-loading" style={{ height }} aria-hidden="true" />;
}

export function ClosesChart(props: ComponentProps<typeof ClosesChartImpl>) {
  return (
    <Suspense fallback={<ChartSpace height={CLOSES_CHART_HEIGHT} />}>
      <ClosesChartImpl {...props} />
    </Suspense>
  );
}

export function HistogramChart(props: ComponentProps<typeof HistogramChartImpl>) {
  return (
    <Suspense fallback={<ChartSpace height={HISTOGRAM_HEIGHT} />}>
      <HistogramChartImpl {...props} />
    </Suspense>
  );
}
