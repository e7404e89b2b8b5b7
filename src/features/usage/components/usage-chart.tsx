import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useColorScheme } from '../../../components/use-color-scheme';
import {
  chartData,
  chartOptions,
  type ChartColors,
  type ChartKind,
  type ChartSeries,
} from './usage-chart-options';

const HEIGHT = 220;

/** The theme's colours where uPlot paints on its canvas (CSS does not reach into it). */
function themeColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  return {
    text: style.getPropertyValue('--color-text-muted').trim() || '#5b6478',
    grid: style.getPropertyValue('--color-border').trim() || '#e2e5ec',
  };
}

const widthOf = (element: HTMLElement) => Math.max(element.clientWidth, 240);

/**
 * A uPlot time chart; x in seconds since the epoch (interval starts), drawn in the browser's
 * local time. Described by the table that carries the same figures (aria-describedby).
 */
export function UsageChart({
  title,
  x,
  series,
  kind,
  unit,
  intervalMs,
  describedBy,
}: {
  title: string;
  x: number[];
  series: ChartSeries[];
  kind: ChartKind;
  unit: string;
  intervalMs: number;
  describedBy: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  // The legend reads the series on screen when it is drawn, whatever the chart was made with.
  // (Declared first: the effects below see this render's series.)
  const current = useRef(series);
  useEffect(() => {
    current.current = series;
  }, [series]);
  const theme = useColorScheme();
  const shape = series.map((s) => s.label).join('|');

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const options = chartOptions({
      current: () => current.current,
      kind,
      unit,
      intervalMs,
      colors: themeColors(element),
      width: widthOf(element),
      height: HEIGHT,
    });
    const plot = new uPlot(options, chartData(x, series, intervalMs, kind), element);
    chart.current = plot;
    element.dataset.drawn = 'true';
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: widthOf(element), height: HEIGHT });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
      delete element.dataset.drawn;
    };
    // A new chart when the series change shape, the axis unit changes or the theme does; data
    // changes go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, kind, unit, intervalMs, theme]);

  useEffect(() => {
    chart.current?.setData(chartData(x, series, intervalMs, kind));
  }, [x, series, intervalMs, kind]);

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
