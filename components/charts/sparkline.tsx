import { memo } from 'react';

interface Props {
  values: readonly number[];
  width?: number;
  height?: number;
  label?: string;
}

/**
 * Inline SVG sparkline: one path per row, no chart library instance, so a
 * list of hundreds of tables stays cheap. Scaled to its own max (min 1).
 */
export const Sparkline = memo(function Sparkline({ values, width = 120, height = 26, label }: Props) {
  const n = values.length;
  let peak = 0;
  for (const v of values) if (Number.isFinite(v) && v > peak) peak = v;
  const max = Math.max(1, peak);
  const pad = 1.5;
  const h = height - pad * 2;
  const step = n > 1 ? width / (n - 1) : 0;
  let line = '';
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    const y = pad + h - (Math.max(0, Number.isFinite(v) ? v : 0) / max) * h;
    line += `${i === 0 ? 'M' : 'L'}${(i * step).toFixed(1)},${y.toFixed(1)}`;
  }
  const area = n > 1 ? `${line}L${width},${height}L0,${height}Z` : '';
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label ?? `last ${n} s, peak ${Math.round(peak)}/s`}
    >
      {n > 1 ? (
        <>
          <path d={area} fill="#bae6fd" fillOpacity={0.6} />
          <path d={line} fill="none" stroke="#0284c7" strokeWidth={1.25} strokeLinejoin="round" />
        </>
      ) : (
        <line x1={0} x2={width} y1={height - pad} y2={height - pad} stroke="#cbd5e1" />
      )}
    </svg>
  );
});
