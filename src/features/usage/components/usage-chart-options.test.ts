import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import {
  COUNT_INCRS,
  chartData,
  chartOptions,
  countAxisLabel,
  type ChartSeries,
} from './usage-chart-options';

const colors = { text: '#a8b0c2', grid: '#2c3342' };
const calls = (success: number[]): ChartSeries[] => [
  { label: 'Successful', color: '#2e7d32', values: success, legend: success, fill: true },
];
const legendOf = (options: uPlot.Options, index: number | null) => {
  const series = options.series[1];
  const value = series?.value;
  return typeof value === 'function' ? value({} as uPlot, 0, 1, index) : undefined;
};

describe('chartOptions', () => {
  it('reads the legend from the series on screen now, not those the chart was made with', () => {
    let onScreen = calls([0, 0, 0]);
    const options = chartOptions({
      current: () => onScreen,
      kind: 'counts',
      unit: '',
      intervalMs: 60_000,
      colors,
      width: 400,
      height: 220,
    });
    expect(legendOf(options, 2)).toBe('0');
    onScreen = calls([0, 1, 3]);
    expect([legendOf(options, 2), legendOf(options, 3), legendOf(options, null)]).toEqual([
      '3',
      '–',
      '–',
    ]);
  });

  it('paints axis labels, ticks and grid in the theme colours; counts in whole numbers, with their unit', () => {
    const options = chartOptions({
      current: () => calls([1]),
      kind: 'counts',
      unit: '',
      intervalMs: 300_000,
      colors,
      width: 400,
      height: 220,
    });
    const [x, y] = options.axes ?? [];
    for (const axis of [x, y])
      expect([axis?.stroke, axis?.grid?.stroke, axis?.ticks?.stroke]).toEqual([
        '#a8b0c2',
        '#2c3342',
        '#2c3342',
      ]);
    expect(y?.label).toBe('Calls per 5 minutes');
    expect(y?.incrs).toBe(COUNT_INCRS);
    expect(COUNT_INCRS.every((n) => Number.isInteger(n))).toBe(true);
    // Counts are steps (a path builder), times are lines between values.
    expect(typeof options.series[1]?.paths).toBe('function');
    const times = chartOptions({
      current: () => [{ label: 'API time', color: '#1565c0', values: [5, null, 7] }],
      kind: 'times',
      unit: ' ms',
      intervalMs: 60_000,
      colors,
      width: 400,
      height: 220,
    });
    expect(times.series[1]?.paths).toBeUndefined();
    expect(times.series[1]?.points?.show).toBe(true);
  });
});

describe('countAxisLabel', () => {
  it('names the interval the calls are counted over', () => {
    expect([60_000, 300_000, 900_000, 3_600_000, 86_400_000].map(countAxisLabel)).toEqual([
      'Calls per minute',
      'Calls per 5 minutes',
      'Calls per 15 minutes',
      'Calls per hour',
      'Calls per day',
    ]);
  });
});

describe('chartData', () => {
  it('closes the last interval at its end: 0 calls, no time', () => {
    const series: ChartSeries[] = [
      { label: 'a', color: '#000', values: [1, 2] },
      { label: 'b', color: '#000', values: [null, 4] },
    ];
    expect(chartData([60, 120], series.slice(0, 1), 60_000, 'counts')).toEqual([
      [60, 120, 180],
      [1, 2, 0],
    ]);
    expect(chartData([60, 120], series.slice(1), 60_000, 'times')).toEqual([
      [60, 120, 180],
      [null, 4, null],
    ]);
    expect(chartData([], [], 60_000, 'counts')).toEqual([[]]);
  });
});
