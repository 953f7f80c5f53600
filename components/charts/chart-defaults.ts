import type { CartesianGridProps, LegendProps, XAxisProps } from 'recharts';
import { formatClock } from '../format';

/**
 * Props every time-series chart here shares, so the charts of the table,
 * replica and lag pages keep one look. Plain props spread onto recharts' own
 * elements, not wrapper components: each chart still reads as a recharts tree
 * and renders exactly as it did with the props written out.
 */

/** Tick text of both axes. CSS variables, so the charts follow the light or dark theme (app/globals.css). */
export const AXIS_TICK = { fontSize: 11, fill: 'var(--muted)' };

export const CHART_GRID: CartesianGridProps = { stroke: 'var(--chart-grid)', vertical: false };

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
