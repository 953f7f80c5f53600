'use client';

import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { LagPoint } from '@/lib/contracts/table-stats';
import { formatDuration } from '../format';
import {
  AXIS_TICK,
  axisDuration,
  CHART_GRID,
  CHART_LEGEND,
  CHART_MARGIN,
  chartStyle,
  TIME_X_AXIS,
  timeTooltipLabel,
  TOOLTIP_STYLE,
} from './chart-defaults';
import { LAG_COLORS } from './op-colors';

const tooltipValue = (v: unknown) => (typeof v === 'number' ? formatDuration(v) : '—');

/** Mean capture and end-to-end lag per second; gaps where a second had no sample. */
export const LagChart = memo(function LagChart({ data, height = 260 }: { data: readonly LagPoint[]; height?: number }) {
  return (
    <figure aria-label="Lag per second" style={{ margin: 0 }}>
      <LineChart responsive data={data} style={chartStyle(height)} margin={CHART_MARGIN}>
        <CartesianGrid {...CHART_GRID} />
        <XAxis {...TIME_X_AXIS} />
        <YAxis tickFormatter={axisDuration} tick={AXIS_TICK} width={62} />
        <Tooltip
          formatter={tooltipValue}
          labelFormatter={timeTooltipLabel}
          isAnimationActive={false}
          {...TOOLTIP_STYLE}
        />
        <Legend {...CHART_LEGEND} />
        {/* End-to-end first, capture on top and dashed: capture is usually the smaller part of end-to-end and
            would otherwise hide under it. */}
        <Line
          type="linear"
          dataKey="endToEnd"
          name="end-to-end (received − source.ts_ms)"
          stroke={LAG_COLORS.endToEnd}
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
        <Line
          type="linear"
          dataKey="capture"
          name="capture (ts_ms − source.ts_ms)"
          stroke={LAG_COLORS.capture}
          dot={false}
          strokeWidth={2}
          strokeDasharray="5 3"
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
});
