import type { ClusterArchive, InstanceSnapshot } from '../contracts/cluster';

/** Whether an instance's last snapshot is recent enough to count it as alive. */
export function isFresh(s: Pick<InstanceSnapshot, 'at'>, now: number, staleMs: number): boolean {
  return now - s.at < staleMs;
}

/** Snapshots split by freshness: the live ones are merged whole, the stale ones are folded into the archive. */
export function splitByFreshness<T extends Pick<InstanceSnapshot, 'at'>>(
  snapshots: readonly T[],
  now: number,
  staleMs: number,
): { live: T[]; stale: T[] } {
  const live: T[] = [];
  const stale: T[] = [];
  for (const s of snapshots) (isFresh(s, now, staleMs) ? live : stale).push(s);
  return { live, stale };
}

/** What a new owner of a partition does before reading it. */
export type Resume =
  /** Another live instance still claims it: its last counts are not published yet. Ask again after its next publish. */
  | { kind: 'wait'; holder: string }
  /** Read from `next` (the offset after the last one anybody counted), or from the start policy when nobody has. */
  | { kind: 'resume'; next: string | null };

/**
 * Where the instance `self` (an incarnation) starts a partition Kafka just
 * assigned it (issue #14). Kafka's rebalance moves a partition before its old
 * owner has published what it counted: resuming from the old owner's last
 * published offset at once would count again what it counted since. So the
 * new owner waits while a live instance still claims the partition; the old
 * owner publishes its final counts together with the release (`owned:
 * false`), or it dies, goes stale after `staleMs`, and its last publish is
 * final. Either way counts and offset came in one snapshot, so resuming from
 * the highest published offset (live, stale or archived) counts every event
 * once. Offsets only grow along a partition's chain of owners, so the highest
 * is the latest owner's.
 */
export function resumePoint(
  key: string,
  self: string,
  snapshots: readonly InstanceSnapshot[],
  archive: ClusterArchive,
  now: number,
  staleMs: number,
): Resume {
  let next: string | null = archive.partitions[key] ?? null;
  for (const s of snapshots) {
    const claim = s.partitions[key];
    if (!claim) continue;
    if (s.incarnation !== self && claim.owned && isFresh(s, now, staleMs))
      return { kind: 'wait', holder: s.instanceId };
    if (next === null || BigInt(claim.next) > BigInt(next)) next = claim.next;
  }
  return { kind: 'resume', next };
}
