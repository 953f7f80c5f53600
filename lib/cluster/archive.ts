import type { ArchivedTable, ClusterArchive, InstanceSnapshot } from '../contracts/cluster';
import { MAX_CHANNELS_PER_TABLE, MAX_SOURCES_PER_TABLE } from '../analytics/table-stats';

/**
 * Incarnations remembered as folded: enough for years of restarts of a
 * handful of instances; past it the oldest names are forgotten (a snapshot
 * that old is long gone from Redis, so it cannot be folded twice).
 */
export const MAX_FOLDED = 1_000;

export const EMPTY_ARCHIVE: ClusterArchive = { tables: [], partitions: {}, folded: [] };

const maxOffset = (a: string | undefined, b: string) => (a === undefined || BigInt(b) > BigInt(a) ? b : a);

/**
 * Adds a gone incarnation's last snapshot to the archive (issue #14): its
 * counts stay in the merged view, and its position on each partition stays
 * the place the partition's next owner resumes from, so a death neither
 * loses nor double-counts an event. Its windows (rate, spark, lag) are
 * dropped: they describe a moment that has passed. Folding the same
 * incarnation twice changes nothing. At most `maxTables` tables are kept;
 * past it the one with the oldest last event is dropped, as a live instance
 * evicts its least recently updated table.
 */
export function foldIntoArchive(archive: ClusterArchive, gone: InstanceSnapshot, maxTables: number): ClusterArchive {
  if (archive.folded.includes(gone.incarnation)) return archive;
  const tables = new Map(archive.tables.map((t) => [t.tableKey, structuredClone(t)]));
  for (const p of gone.tables) {
    const a = tables.get(p.tableKey);
    if (!a) {
      tables.set(p.tableKey, {
        tableKey: p.tableKey,
        table: p.table,
        ...(p.serverName !== undefined ? { serverName: p.serverName } : {}),
        sourceIds: [...p.sourceIds],
        channels: [...p.channels],
        totals: { ...p.totals },
        tombstones: p.tombstones,
        bytes: p.bytes,
        undecodable: p.undecodable,
        ...(p.replays !== undefined ? { replays: p.replays } : {}),
        snapshotEvents: p.snapshotEvents,
        streamingEvents: p.streamingEvents,
        firstEventAt: p.firstEventAt,
        lastEventAt: p.lastEventAt,
      });
      continue;
    }
    addInto(a, p);
  }
  const partitions = { ...archive.partitions };
  for (const [key, claim] of Object.entries(gone.partitions)) partitions[key] = maxOffset(partitions[key], claim.next);
  let kept = [...tables.values()];
  if (kept.length > maxTables) {
    kept.sort((x, y) => (y.lastEventAt ?? 0) - (x.lastEventAt ?? 0));
    kept = kept.slice(0, maxTables);
  }
  return { tables: kept, partitions, folded: [...archive.folded, gone.incarnation].slice(-MAX_FOLDED) };
}

function addInto(a: ArchivedTable, p: ArchivedTable): void {
  for (const [op, n] of Object.entries(p.totals) as [keyof ArchivedTable['totals'], number][]) a.totals[op] += n;
  a.tombstones += p.tombstones;
  a.bytes += p.bytes;
  a.undecodable += p.undecodable;
  if (p.replays !== undefined) a.replays = (a.replays ?? 0) + p.replays;
  a.snapshotEvents += p.snapshotEvents;
  a.streamingEvents += p.streamingEvents;
  if (p.firstEventAt !== null) a.firstEventAt = Math.min(a.firstEventAt ?? p.firstEventAt, p.firstEventAt);
  if (p.lastEventAt !== null) a.lastEventAt = Math.max(a.lastEventAt ?? p.lastEventAt, p.lastEventAt);
  for (const s of p.sourceIds)
    if (a.sourceIds.length < MAX_SOURCES_PER_TABLE && !a.sourceIds.includes(s)) a.sourceIds.push(s);
  for (const c of p.channels)
    if (a.channels.length < MAX_CHANNELS_PER_TABLE && !a.channels.includes(c)) a.channels.push(c);
  a.serverName ??= p.serverName;
}
