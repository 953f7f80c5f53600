import type { Redis } from 'ioredis';
import {
  clusterArchiveSchema,
  instanceSnapshotSchema,
  type ClusterArchive,
  type InstanceSnapshot,
} from '../../lib/contracts/cluster';
import { EMPTY_ARCHIVE, foldIntoArchive } from '../../lib/cluster/archive';

/**
 * A deployment's shared state in Redis (issue #14), under `cdcscope:<name>:`:
 * `members` (a set of incarnations), `snap:<incarnation>` (each one's last
 * snapshot, JSON) and `archive` (what gone incarnations left). Redis does the
 * coordination: a snapshot is created with NX and replaced with XX, so an
 * incarnation that was folded as dead (its key deleted) finds out on its next
 * publish instead of counting twice; folding is one WATCH/MULTI transaction,
 * so two instances folding the same one fold it once.
 */
export function createClusterStore(redis: Redis, name: string) {
  const prefix = `cdcscope:${name}:`;
  const members = `${prefix}members`;
  const archiveKey = `${prefix}archive`;
  const snapKey = (incarnation: string) => `${prefix}snap:${incarnation}`;

  function parseSnapshot(text: string | null): InstanceSnapshot | undefined {
    if (text === null) return undefined;
    try {
      const r = instanceSnapshotSchema.safeParse(JSON.parse(text));
      return r.success ? r.data : undefined;
    } catch {
      return undefined;
    }
  }

  function parseArchive(text: string | null): ClusterArchive {
    if (text === null) return EMPTY_ARCHIVE;
    try {
      const r = clusterArchiveSchema.safeParse(JSON.parse(text));
      return r.success ? r.data : EMPTY_ARCHIVE;
    } catch {
      return EMPTY_ARCHIVE;
    }
  }

  return {
    /** `fenced`: this incarnation was taken for dead and folded; it must not publish again. */
    async publish(snapshot: InstanceSnapshot, first: boolean): Promise<'ok' | 'fenced'> {
      const json = JSON.stringify(snapshot);
      if (first) {
        await redis.sadd(members, snapshot.incarnation);
        const set = await redis.set(snapKey(snapshot.incarnation), json, 'NX');
        return set === 'OK' ? 'ok' : 'fenced';
      }
      const set = await redis.set(snapKey(snapshot.incarnation), json, 'XX');
      return set === 'OK' ? 'ok' : 'fenced';
    },

    /** Every incarnation's last snapshot (unreadable ones left out) and the archive. */
    async read(): Promise<{ snapshots: InstanceSnapshot[]; archive: ClusterArchive }> {
      const ids = await redis.smembers(members);
      // One transaction: a fold between the two reads would show its counts twice or not at all.
      const tx = redis.multi().get(archiveKey);
      if (ids.length) tx.mget(ids.map(snapKey));
      const replies = (await tx.exec()) ?? [];
      const archive = parseArchive(typeof replies[0]?.[1] === 'string' ? replies[0][1] : null);
      const texts = Array.isArray(replies[1]?.[1]) ? (replies[1][1] as unknown[]) : [];
      const snapshots: InstanceSnapshot[] = [];
      for (const t of texts) {
        const s = parseSnapshot(typeof t === 'string' ? t : null);
        if (s && !archive.folded.includes(s.incarnation)) snapshots.push(s);
      }
      return { snapshots, archive };
    },

    /** Folds a gone incarnation into the archive and forgets its snapshot; false when another instance was quicker. */
    async fold(incarnation: string, maxTables: number): Promise<boolean> {
      const key = snapKey(incarnation);
      await redis.watch(key, archiveKey);
      try {
        const [text, archiveText] = await Promise.all([redis.get(key), redis.get(archiveKey)]);
        const gone = parseSnapshot(text);
        const archive = gone ? foldIntoArchive(parseArchive(archiveText), gone, maxTables) : undefined;
        const tx = redis.multi();
        if (archive) tx.set(archiveKey, JSON.stringify(archive));
        tx.del(key).srem(members, incarnation);
        return (await tx.exec()) !== null;
      } finally {
        await redis.unwatch().catch(() => undefined);
      }
    },
  };
}

export type ClusterStore = ReturnType<typeof createClusterStore>;
