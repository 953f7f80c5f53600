'use client';

import { memo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatClock, formatCount, formatRate } from '../format';
import { OP_COLORS, OP_SERIES } from './op-colors';

/** One second of events by op (events/s). */
export interface OpRatePoint {
  t: number;
  c: number;
  u: number;
  d: number;
  r: number;
  other: number;
}

interface Props {
  data: readonly OpRatePoint[];
  height?: number;
  /** Accessible name of the chart. */
  label: string;
}

const tooltipValue = (v: unknown) => (typeof v === 'number' ? formatRate(v) : String(v));
const tooltipLabel = (t: unknown) => (typeof t === 'number' ? formatClock(t) : '');

/** Stacked area chart of throughput by op, 1-second buckets. */
export const ThroughputChart = memo(function ThroughputChart({ data, height = 260, label }: Props) {
  return (
    <figure className="chart-figure" aria-label={label} style={{ margin: 0 }}>
      <AreaChart responsive data={data as OpRatePoint[]} style={{ width: '100%', height }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#e5e9ef" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={formatClock}
          tick={{ fontSize: 11, fill: '#5b6778' }}
          minTickGap={40}
        />
        <YAxis tickFormatter={(v: number) => formatCount(v)} tick={{ fontSize: 11, fill: '#5b6778' }} width={44} allowDecimals={false} />
        <Tooltip formatter={tooltipValue} labelFormatter={tooltipLabel} isAnimationActive={false} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
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
