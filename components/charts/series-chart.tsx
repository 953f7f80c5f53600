'use client';

import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatDuration, formatInteger } from '../format';
import { AXIS_TICK, CHART_GRID, CHART_LEGEND, TIME_X_AXIS, timeTooltipLabel, TOOLTIP_STYLE } from './chart-defaults';

/** One line of a `SeriesChart`: a numeric field of every point (null → gap). */
export interface SeriesSpec {
  key: string;
  name: string;
  color: string;
  /** `stepAfter` for gauges sampled once a second; default linear. */
  curve?: 'linear' | 'stepAfter';
  dashed?: boolean;
}

interface Props {
  data: readonly { t: number }[];
  series: readonly SeriesSpec[];
  /** Values are milliseconds (`duration`) or counts (`count`, default). */
  unit?: 'count' | 'duration';
  height?: number;
  /** Accessible name of the chart. */
  label: string;
}

/** Per-second lines over time, e.g. a replica pair's delay or its matched/s (1-second buckets). */
export const SeriesChart = memo(function SeriesChart({ data, series, unit = 'count', height = 220, label }: Props) {
  const fmtAxis = unit === 'duration' ? (v: number) => formatDuration(v) : (v: number) => formatCount(v);
  const fmtTip = (v: unknown) =>
    typeof v === 'number' ? (unit === 'duration' ? formatDuration(v) : formatInteger(v)) : '—';
  return (
    <figure className="chart-figure" aria-label={label} style={{ margin: 0 }}>
      <LineChart
        responsive
        data={data}
        style={{ width: '100%', height }}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid {...CHART_GRID} />
        <XAxis {...TIME_X_AXIS} />
        <YAxis
          tickFormatter={fmtAxis}
          tick={AXIS_TICK}
          width={unit === 'duration' ? 62 : 44}
          allowDecimals={unit === 'duration'}
        />
        <Tooltip formatter={fmtTip} labelFormatter={timeTooltipLabel} isAnimationActive={false} {...TOOLTIP_STYLE} />
        <Legend {...CHART_LEGEND} />
        {series.map((s) => (
          <Line
            key={s.key}
            type={s.curve ?? 'linear'}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeDasharray={s.dashed ? '4 3' : undefined}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </figure>
  );
});
