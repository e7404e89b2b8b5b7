import { useEffect, useRef } from 'react';
import { hasIsolatedValue } from './isolated-values';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  values: Array<number | null>;
  /** Drawn filled down to the axis (a stacked band). */
  fill?: boolean;
  /** The figure shown in the legend when `values` holds stacked sums. */
  legend?: Array<number | null>;
  dash?: number[];
}

/**
 * A uPlot time chart; x in seconds since the epoch, drawn in the browser's local time.
 * Described by the table that carries the same figures (aria-describedby).
 */
export function UsageChart({
  title,
  x,
  series,
  unit,
  describedBy,
}: {
  title: string;
  x: number[];
  series: ChartSeries[];
  unit: string;
  describedBy: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const shape = series.map((s) => s.label).join('|');

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const opts: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height: 220,
      series: [
        {},
        ...series.map((s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          fill: s.fill ? `${s.color}cc` : undefined,
          width: 1.5,
          dash: s.dash,
          spanGaps: false,
          // A line needs two neighbouring values: an interval alone (the first call of a
          // range, or one between gaps) is drawn as a dot, or the chart would look empty.
          points: { show: hasIsolatedValue(s.values), size: 6 },
          value: (_u, value, _si, index) => {
            const shown = s.legend && index !== null ? s.legend[index] : value;
            return shown === null || shown === undefined
              ? '–'
              : `${Math.round(shown * 10) / 10}${unit}`;
          },
        })),
      ],
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => `${t}${unit}`), size: 60 }],
      scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      legend: { live: true },
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, element);
    chart.current = plot;
    element.dataset.drawn = 'true';
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(element.clientWidth, 280), height: 220 });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
      delete element.dataset.drawn;
    };
    // A new chart only when the series change shape; data changes go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, unit]);

  useEffect(() => {
    chart.current?.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [x, series]);

  return (
    <figure className="usage-chart">
      <figcaption>{title}</figcaption>
      <div
        ref={box}
        className="usage-chart__plot"
        role="img"
        aria-label={title}
        aria-describedby={describedBy}
      />
    </figure>
  );
}
