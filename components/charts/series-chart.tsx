'use client';

import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatInteger } from '../format';
import {
  AXIS_TICK,
  axisCount,
  axisDuration,
  CHART_GRID,
  CHART_LEGEND,
  CHART_MARGIN,
  chartStyle,
  TIME_X_AXIS,
  timeTooltipLabel,
  TOOLTIP_STYLE,
} from './chart-defaults';

/** One line of a `SeriesChart`: a numeric field of every point (null → gap). */
export interface SeriesSpec {
  key: string;
  name: string;
  color: string;
  /** `stepAfter` for gauges sampled once a second; default linear. */
  curve?: 'linear' | 'stepAfter';
  dashed?: boolean;
}

const TIP_DURATION = (v: unknown) => (typeof v === 'number' ? formatDuration(v) : '—');
const TIP_COUNT = (v: unknown) => (typeof v === 'number' ? formatInteger(v) : '—');

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
  // Module constants, not closures made in each render: recharts keeps them in its store (chart-defaults.ts).
  const fmtAxis = unit === 'duration' ? axisDuration : axisCount;
  const fmtTip = unit === 'duration' ? TIP_DURATION : TIP_COUNT;
  return (
    <figure className="chart-figure" aria-label={label} style={{ margin: 0 }}>
      <LineChart responsive data={data} style={chartStyle(height)} margin={CHART_MARGIN}>
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
