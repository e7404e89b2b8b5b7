import { useMemo } from 'react';
import type { UsageSeries } from '../api/usage-range';
import { UsageChart } from './usage-chart';
import type { ChartSeries } from './usage-chart-options';

const COLORS = { success: '#2e7d32', blocked: '#ed8b00', failed: '#c62828', other: '#6d6d6d' };

function stack(...layers: number[][]): number[][] {
  const sums: number[][] = [];
  let running: number[] | undefined;
  for (const layer of layers) {
    running = layer.map((v, i) => v + (running?.[i] ?? 0));
    sums.push(running);
  }
  return sums;
}

/** Calls stacked by outcome and latency over time; loaded with uPlot only when the view opens. */
export function UsageCharts({
  series,
  intervalMs,
  tableId,
}: {
  series: UsageSeries;
  intervalMs: number;
  tableId: string;
}) {
  const calls = useMemo((): ChartSeries[] => {
    const [success = [], blocked = [], failed = [], other = []] = stack(
      series.success,
      series.blocked,
      series.failed,
      series.other,
    );
    // Drawn top layer first, so each lower band covers the one above it down to the axis.
    return [
      { label: 'Other', color: COLORS.other, values: other, legend: series.other, fill: true },
      { label: 'Failed', color: COLORS.failed, values: failed, legend: series.failed, fill: true },
      {
        label: 'Blocked',
        color: COLORS.blocked,
        values: blocked,
        legend: series.blocked,
        fill: true,
      },
      {
        label: 'Successful',
        color: COLORS.success,
        values: success,
        legend: series.success,
        fill: true,
      },
    ];
  }, [series]);
  const latency = useMemo(
    (): ChartSeries[] => [
      { label: 'API time, average', color: '#1565c0', values: series.apiTimeAvg },
      { label: 'API time, max', color: '#1565c0', values: series.apiTimeMax, dash: [4, 4] },
      { label: 'Service time, average', color: '#6a1b9a', values: series.serviceTimeAvg },
      { label: 'Service time, max', color: '#6a1b9a', values: series.serviceTimeMax, dash: [4, 4] },
    ],
    [series],
  );
  return (
    <div className="usage-charts">
      <UsageChart
        title="Calls over time, by outcome"
        x={series.x}
        series={calls}
        kind="counts"
        unit=""
        intervalMs={intervalMs}
        describedBy={tableId}
      />
      <UsageChart
        title="Latency over time (ms)"
        x={series.x}
        series={latency}
        kind="times"
        unit=" ms"
        intervalMs={intervalMs}
        describedBy={tableId}
      />
    </div>
  );
}
