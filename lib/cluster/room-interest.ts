/**
 * Which tables someone in the cluster is watching (issue #14), so an instance
 * pushes the events it read of a table to browsers on other instances only
 * while somebody there has the table open. Each instance publishes, with its
 * snapshot, `watching`: per table room it has sockets in, when a socket last
 * joined it. The events read before a join come by asking the owners
 * (server/realtime/cluster-events.ts, `recent`), not through this.
 */

/** Per table key, the time (epoch ms) a socket of this instance last joined its room. */
export type Watching = Record<string, number>;

/** Per table key, per incarnation watching it, its last join time. */
export type Interest = Map<string, Map<string, number>>;

/** The cluster's interest from every live instance's snapshot. */
export function interestOf(snapshots: readonly { incarnation: string; watching?: Watching }[]): Interest {
  const out: Interest = new Map();
  for (const s of snapshots) {
    for (const [table, since] of Object.entries(s.watching ?? {})) {
      let by = out.get(table);
      if (!by) out.set(table, (by = new Map<string, number>()));
      by.set(s.incarnation, since);
    }
  }
  return out;
}
