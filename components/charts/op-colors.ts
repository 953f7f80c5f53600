/** Colours per op series. Keep in sync with the `--op-*` variables in app/globals.css. */
export const OP_COLORS = {
  c: '#16a34a',
  u: '#2563eb',
  d: '#dc2626',
  r: '#7c3aed',
  other: '#d97706',
} as const;

export type OpSeries = keyof typeof OP_COLORS;

/** Series drawn in stacked charts, bottom first, with legend names. */
export const OP_SERIES: readonly { key: OpSeries; name: string }[] = [
  { key: 'r', name: 'snapshot read (r)' },
  { key: 'c', name: 'create (c)' },
  { key: 'u', name: 'update (u)' },
  { key: 'd', name: 'delete (d)' },
  { key: 'other', name: 'other' },
];

export const LAG_COLORS = { capture: '#0891b2', endToEnd: '#db2777' } as const;
