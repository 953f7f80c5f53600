/** TanStack Query keys for everything the socket also writes. One place, so pushes and fetches meet. */
export const queryKeys = {
  overview: ['overview'] as const,
  table: (table: string) => ['table', table] as const,
  tableEvents: (table: string) => ['table-events', table] as const,
};

/** Stable string for a query key, for bookkeeping maps. */
export function keyString(key: readonly unknown[]): string {
  return JSON.stringify(key);
}
