'use client';

import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatRate } from '../format';
import {
  AXIS_TICK,
  axisCount,
  CHART_GRID,
  CHART_LEGEND,
  CHART_MARGIN,
  chartStyle,
  TIME_X_AXIS,
  timeTooltipLabel,
  TOOLTIP_STYLE,
} from './chart-defaults';
import { OP_COLORS, OP_SERIES } from './op-colors';

/** One second of events by op (events/s); null where the page has no figure for that second (drawn as a gap). */
export interface OpRatePoint {
  t: number;
  c: number | null;
  u: number | null;
  d: number | null;
  r: number | null;
  other: number | null;
}

interface Props {
  data: readonly OpRatePoint[];
  height?: number;
  /** Accessible name of the chart. */
  label: string;
}

const tooltipValue = (v: unknown) => (typeof v === 'number' ? formatRate(v) : String(v));

/** Stacked area chart of throughput by op, 1-second buckets. */
export const ThroughputChart = memo(function ThroughputChart({ data, height = 260, label }: Props) {
  return (
    <figure className="chart-figure" aria-label={label} style={{ margin: 0 }}>
      <AreaChart responsive data={data} style={chartStyle(height)} margin={CHART_MARGIN}>
        <CartesianGrid {...CHART_GRID} />
        <XAxis {...TIME_X_AXIS} />
        <YAxis tickFormatter={axisCount} tick={AXIS_TICK} width={44} allowDecimals={false} />
        <Tooltip
          formatter={tooltipValue}
          labelFormatter={timeTooltipLabel}
          isAnimationActive={false}
          {...TOOLTIP_STYLE}
        />
        <Legend {...CHART_LEGEND} />
        {OP_SERIES.map((s) => (
          <Area
            key={s.key}
            type="linear"
            dataKey={s.key}
            name={s.name}
            stackId="ops"
            stroke={OP_COLORS[s.key]}
            fill={OP_COLORS[s.key]}
            fillOpacity={0.35}
            strokeWidth={1.5}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </figure>
  );
});
