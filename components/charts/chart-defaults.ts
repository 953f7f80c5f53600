import type { CartesianGridProps, LegendProps, XAxisProps } from 'recharts';
import { formatClock, formatCount, formatDuration } from '../format';

/**
 * Props every time-series chart here shares, so the charts of the table,
 * replica and lag pages keep one look. Plain props spread onto recharts' own
 * elements, not wrapper components: each chart still reads as a recharts tree
 * and renders exactly as it did with the props written out.
 */

/** Tick text of both axes. CSS variables, so the charts follow the light or dark theme (app/globals.css). */
export const AXIS_TICK = { fontSize: 11, fill: 'var(--muted)' };

/**
 * Horizontal lines only. With `vertical: false` recharts still works out where vertical lines would go on
 * every redraw (the X axis's ticks again, each clock label measured in the DOM) and then draws none: an
 * empty generator spares that work.
 */
export const CHART_GRID: CartesianGridProps = {
  stroke: 'var(--chart-grid)',
  vertical: false,
  verticalCoordinatesGenerator: () => [],
};

/*
 * What recharts keeps in its store must keep its identity from one redraw to the next: a margin object or
 * a tick formatter made anew in each render is dispatched as a changed setting (YAxis and the chart's margin
 * are compared by reference), and the layout and every axis are worked out again, tick labels measured in
 * the DOM, on top of what the new data costs. Hence constants here, not literals in the charts.
 */
export const CHART_MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
export const axisCount = (v: number) => formatCount(v);
export const axisDuration = (v: number) => formatDuration(v);

const styles = new Map<number, { width: string; height: number }>();
/** The chart's box: one object per height, for the same reason. */
export function chartStyle(height: number): { width: string; height: number } {
  let s = styles.get(height);
  if (!s) styles.set(height, (s = { width: '100%', height }));
  return s;
}

/** Tooltip box in the theme's colours (recharts draws it white by default). */
export const TOOLTIP_STYLE = {
  contentStyle: { background: 'var(--surface)', border: '1px solid var(--border-strong)', color: 'var(--text)' },
  labelStyle: { color: 'var(--text)' },
};

/** X axis over `t` (epoch ms), clock labels, spread to the data's time span. */
export const TIME_X_AXIS: XAxisProps = {
  dataKey: 't',
  type: 'number',
  scale: 'time',
  domain: ['dataMin', 'dataMax'],
  tickFormatter: formatClock,
  tick: AXIS_TICK,
  minTickGap: 40,
};

/** Legend in the order the series are declared (`itemSorter: null`). */
export const CHART_LEGEND: LegendProps = { wrapperStyle: { fontSize: 12 }, itemSorter: null };

/** Tooltip heading: the point's clock time. */
export const timeTooltipLabel = (t: unknown) => (typeof t === 'number' ? formatClock(t) : '');
