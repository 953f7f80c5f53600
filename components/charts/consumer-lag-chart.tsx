'use client';

import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ConsumerLagPoint } from '@/lib/contracts/lag-api';
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
import { CONSUMER_LAG_COLORS } from './replica-colors';

/** Two Y axes: a narrower right margin than the other charts (a constant: see chart-defaults.ts). */
const MARGIN = { ...CHART_MARGIN, right: 4 };

const tooltipValue = (v: unknown, name: unknown) =>
  typeof v !== 'number' ? '—' : String(name).startsWith('time') ? formatDuration(v) : `${formatInteger(v)} messages`;

/** One downstream consumer's history: messages behind (left axis) and time lag (right axis), one point per poll. */
export const ConsumerLagChart = memo(function ConsumerLagChart({
  data,
  height = 200,
  label,
}: {
  data: readonly ConsumerLagPoint[];
  height?: number;
  label: string;
}) {
  return (
    <figure className="chart-figure" aria-label={label} style={{ margin: 0 }}>
      <LineChart responsive data={data} style={chartStyle(height)} margin={MARGIN}>
        <CartesianGrid {...CHART_GRID} />
        <XAxis {...TIME_X_AXIS} />
        <YAxis yAxisId="lag" tickFormatter={axisCount} tick={AXIS_TICK} width={44} allowDecimals={false} />
        <YAxis yAxisId="time" orientation="right" tickFormatter={axisDuration} tick={AXIS_TICK} width={62} />
        <Tooltip
          formatter={tooltipValue}
          labelFormatter={timeTooltipLabel}
          isAnimationActive={false}
          {...TOOLTIP_STYLE}
        />
        <Legend {...CHART_LEGEND} />
        <Line
          yAxisId="lag"
          type="linear"
          dataKey="lag"
          name="offset lag (messages)"
          stroke={CONSUMER_LAG_COLORS.lag}
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
        <Line
          yAxisId="time"
          type="linear"
          dataKey="timeLagMs"
          name="time lag"
          stroke={CONSUMER_LAG_COLORS.timeLag}
          dot={false}
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
});
