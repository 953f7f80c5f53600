/** Colours of the Replicas and Lag charts (side A / B as in the pair cards). */
export const REPLICA_COLORS = {
  delayMean: '#0891b2',
  delayMax: '#db2777',
  matched: '#16a34a',
  duplicates: '#d97706',
  divergent: '#dc2626',
  onlyInA: '#7c3aed',
  onlyInB: '#2563eb',
} as const;

export const CONSUMER_LAG_COLORS = { lag: '#2563eb', timeLag: '#db2777' } as const;
