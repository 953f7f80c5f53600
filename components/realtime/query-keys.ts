/** TanStack Query keys for everything the socket also writes. One place, so pushes and fetches meet. */
export const queryKeys = {
  overview: ['overview'] as const,
  /** All tables' throughput by op (`ThroughputPoint[]`): HTTP, then the seconds each overview push carries. */
  throughput: ['throughput'] as const,
  table: (table: string) => ['table', table] as const,
  tableEvents: (table: string) => ['table-events', table] as const,
  /** `{ pairs, suggestions }`: HTTP; the `replicas` room's pushes replace `pairs`. */
  replicas: ['replicas'] as const,
  /** One pair with its series: HTTP, then the `replica-pair` room's pushes. */
  replicaPair: (pair: string) => ['replica-pair', pair] as const,
  /** One table of a pair with its lists: HTTP only (polled). */
  replicaTable: (pair: string, table: string) => ['replica-table', pair, table] as const,
  /** Consumer lag snapshot: HTTP, then the `lag` room's pushes. */
  lag: ['lag'] as const,
};

/** Stable string for a query key, for bookkeeping maps. */
export function keyString(key: readonly unknown[]): string {
  return JSON.stringify(key);
}
