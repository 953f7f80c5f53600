/**
 * Which tables someone in the cluster is watching (issue #14), so an instance
 * pushes the events it read of a table to browsers on other instances only
 * while somebody there has the table open. Each instance publishes, with its
 * snapshot, `watching`: per table room it has sockets in, when a socket last
 * joined it. An owner of a table's partitions sends its whole recent event
 * list when a join is new to it (the joiner's own instance has only its own
 * events to give), and only newer events after that.
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

/**
 * Whether `next` holds a join `prev` did not: a new watcher, or a new join on
 * an instance that already watched. Either way that room has a socket that
 * has not seen this instance's earlier events of the table.
 */
export function hasNewJoin(prev: ReadonlyMap<string, number> | undefined, next: ReadonlyMap<string, number>): boolean {
  for (const [incarnation, since] of next) if (prev?.get(incarnation) !== since) return true;
  return false;
}
