import uPlot from 'uplot';
import { hasIsolatedValue } from './isolated-values';

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

/** What a chart draws: calls counted per interval, or times in ms. */
export type ChartKind = 'counts' | 'times';

/** The page's colours for the parts uPlot paints on its canvas, read from the theme. */
export interface ChartColors {
  text: string;
  grid: string;
}

/** Whole numbers only: a count has no tick at 0.5. */
export const COUNT_INCRS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000,
  500_000, 1_000_000,
];

const UNIT_NAMES: ReadonlyArray<[number, string]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
];

/** The calls axis' unit: `Calls per minute`, `Calls per 5 minutes`, `Calls per hour`. */
export function countAxisLabel(intervalMs: number): string {
  const [size, name] = UNIT_NAMES.find(([ms]) => intervalMs % ms === 0) ?? [60_000, 'minute'];
  const count = intervalMs / size;
  return count === 1 ? `Calls per ${name}` : `Calls per ${count} ${name}s`;
}

/**
 * The chart's data: x is each interval's start, and one more point at the end of the last
 * interval, so that every interval (the last one too) is drawn as wide as it is. Counts close
 * at 0; times have no value there.
 */
export function chartData(
  x: readonly number[],
  series: readonly ChartSeries[],
  intervalMs: number,
  kind: ChartKind,
): uPlot.AlignedData {
  const last = x[x.length - 1];
  const end = last === undefined ? [] : [last + intervalMs / 1000];
  return [
    [...x, ...end],
    ...series.map((s) => [...s.values, ...end.map(() => (kind === 'counts' ? 0 : null))]),
  ] as uPlot.AlignedData;
}

function legendText(shown: number | null | undefined, unit: string): string {
  return shown === null || shown === undefined ? '–' : `${Math.round(shown * 10) / 10}${unit}`;
}

/**
 * uPlot options for a usage chart. `current` is read whenever the legend is drawn, so that it
 * shows the figures on screen, not those the chart was created with.
 */
export function chartOptions({
  current,
  kind,
  unit,
  intervalMs,
  colors,
  width,
  height,
}: {
  current: () => readonly ChartSeries[];
  kind: ChartKind;
  unit: string;
  intervalMs: number;
  colors: ChartColors;
  width: number;
  height: number;
}): uPlot.Options {
  const axis = {
    stroke: colors.text,
    grid: { stroke: colors.grid, width: 1 },
    ticks: { stroke: colors.grid, width: 1 },
  };
  return {
    width,
    height,
    series: [
      {},
      ...current().map((s, i): uPlot.Series => ({
        label: s.label,
        stroke: s.color,
        fill: s.fill ? `${s.color}cc` : undefined,
        width: 1.5,
        dash: s.dash,
        spanGaps: false,
        // Counts are per interval: each is a flat step as wide as its interval, never a
        // ramp towards the next one.
        paths: kind === 'counts' ? uPlot.paths.stepped?.({ align: 1 }) : undefined,
        // A line needs two neighbouring values: an interval alone (the first call of a
        // range, or one between gaps) is drawn as a dot, or the chart would look empty.
        points: { show: kind === 'times' && hasIsolatedValue(s.values), size: 6 },
        value: (_u, value, _si, index) => {
          const now = current()[i];
          if (index === null || !now || index >= now.values.length)
            return legendText(undefined, unit);
          return legendText(now.legend ? now.legend[index] : value, unit);
        },
      })),
    ],
    axes: [
      { ...axis },
      kind === 'counts'
        ? {
            ...axis,
            incrs: COUNT_INCRS,
            values: (_u, ticks) => ticks.map((t) => String(t)),
            label: countAxisLabel(intervalMs),
            labelSize: 20,
            size: 50,
          }
        : { ...axis, values: (_u, ticks) => ticks.map((t) => `${t}${unit}`), size: 60 },
    ],
    scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
    legend: { live: true },
  };
}
