'use client';

import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { LagPoint } from '@/lib/contracts/table-stats';
import { formatClock, formatDuration } from '../format';
import { LAG_COLORS } from './op-colors';

const tooltipValue = (v: unknown) => (typeof v === 'number' ? formatDuration(v) : '—');
const tooltipLabel = (t: unknown) => (typeof t === 'number' ? formatClock(t) : '');

/** Mean capture and end-to-end lag per second; gaps where a second had no sample. */
export const LagChart = memo(function LagChart({ data, height = 260 }: { data: readonly LagPoint[]; height?: number }) {
  return (
    <figure aria-label="Lag per second" style={{ margin: 0 }}>
      <LineChart responsive data={data as LagPoint[]} style={{ width: '100%', height }} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
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
        <YAxis tickFormatter={(v: number) => formatDuration(v)} tick={{ fontSize: 11, fill: '#5b6778' }} width={62} />
        <Tooltip formatter={tooltipValue} labelFormatter={tooltipLabel} isAnimationActive={false} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <Line type="linear" dataKey="capture" name="capture (ts_ms − source.ts_ms)" stroke={LAG_COLORS.capture} dot={false} strokeWidth={1.5} isAnimationActive={false} />
        <Line type="linear" dataKey="endToEnd" name="end-to-end (received − source.ts_ms)" stroke={LAG_COLORS.endToEnd} dot={false} strokeWidth={1.5} isAnimationActive={false} />
      </LineChart>
    </figure>
  );
});
