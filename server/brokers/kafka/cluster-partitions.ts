import type { Consumer } from 'kafkajs';
import { partitionKey } from '../../../lib/contracts/cluster';
import type { ClusterLink } from '../source';
import { safeErrorText } from '../../../lib/redact';

/**
 * A Kafka source's partitions in cluster mode (issue #14). Kafka's group
 * decides who reads what; this decides when: a partition just assigned is
 * paused until the cluster says where its previous owner's published counts
 * end (`ClusterLink.resume`), then read from exactly there. Until then, and
 * after it is taken away, its batches are dropped unread, so nothing is
 * counted by two instances.
 */
export function createClusterPartitions({
  sourceId,
  link,
  nextOffset,
  partitionCounts,
  startOffset,
  onError,
}: {
  sourceId: string;
  link: ClusterLink;
  /** The source's own read positions, `<topic>:<partition>` → next offset. */
  nextOffset: Map<string, bigint>;
  /** Each topic's partition count as last measured, `topic` → count. */
  partitionCounts: ReadonlyMap<string, number>;
  /** Where the start policy begins a partition nobody has counted yet. */
  startOffset: (topic: string, partition: number) => Promise<string>;
  onError: (message: string) => void;
}) {
  /** `<topic>:<partition>` readable now. */
  const ready = new Set<string>();
  let assignment = new Map<string, { topic: string; partition: number }>();
  let generation = 0;

  link.attach({
    assigned: () => [...assignment.values()].map((a) => partitionKey(sourceId, a.topic, a.partition)),
    read(key) {
      const rest = key.slice(sourceId.length + 1);
      const at = rest.lastIndexOf('/');
      return nextOffset.get(`${rest.slice(0, at)}:${rest.slice(at + 1)}`)?.toString();
    },
    partitionCounts: () => Object.fromEntries(partitionCounts),
  });

  async function take(c: Consumer, gen: number, local: string, topic: string, partition: number) {
    // The start policy's offset is claimed at once, as a counted position: a partition assigned and taken away
    // before anything was read from it (`start: latest` on a quiet topic) still tells its next owner where to
    // go on, instead of that owner starting at its own later "latest" and missing what came in between.
    const next =
      (await link.resume(partitionKey(sourceId, topic, partition), () => startOffset(topic, partition))) ??
      (await startOffset(topic, partition));
    // A later rebalance may have moved it on while we waited.
    if (gen !== generation || !assignment.has(local)) return;
    nextOffset.set(local, BigInt(next));
    c.seek({ topic, partition, offset: next });
    ready.add(local);
    c.resume([{ topic, partitions: [partition] }]);
  }

  return {
    readable: (topic: string, partition: number) => ready.has(`${topic}:${partition}`),

    /** A join's assignment: partitions kept go on, new ones wait for their hand-over, lost ones stop at once. */
    assigned(c: Consumer, assigned: Record<string, number[]>): void {
      const gen = ++generation;
      const now = new Map<string, { topic: string; partition: number }>();
      for (const [topic, partitions] of Object.entries(assigned))
        for (const partition of partitions) now.set(`${topic}:${partition}`, { topic, partition });
      for (const k of ready) if (!now.has(k)) ready.delete(k);
      assignment = now;
      for (const [local, { topic, partition }] of now) {
        if (ready.has(local)) continue;
        c.pause([{ topic, partitions: [partition] }]);
        take(c, gen, local, topic, partition).catch((err: unknown) =>
          onError(`cannot take over ${topic}/${partition}: ${safeErrorText(err)}`),
        );
      }
    },
  };
}
