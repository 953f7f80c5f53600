import type { CoPartitionProblem } from '@/lib/contracts/replicas';

/**
 * What a replica pair's co-partitioning problems (cluster mode, issue #14)
 * mean for its figures, as plain text: the pair card and the pair page show
 * it, and it is tested here rather than through the DOM.
 */

/** One split table, e.g. `inv.orders: replica_a.inv.orders has 3 partitions, replica_b.inv.orders 6`. */
export function coPartitionLine(p: CoPartitionProblem): string {
  if (p.kind === 'sources') {
    if (p.topicA === null || p.topicB === null)
      return `all tables: side A is read by source ${p.sourceA ?? '?'}, side B by source ${p.sourceB ?? '?'}`;
    return `${p.table}: ${p.topicA} is read by source ${p.sourceA ?? '?'}, ${p.topicB} by source ${p.sourceB ?? '?'}`;
  }
  if (p.kind === 'shards') {
    const shard = (s: string | null | undefined) => (s ? `shard ${s}` : 'no shard (read by no instance)');
    return `${p.table}: ${p.topicA ?? '?'} is in ${shard(p.shardA)}, ${p.topicB ?? '?'} in ${shard(p.shardB)}`;
  }
  return `${p.table}: ${p.topicA ?? '?'} has ${p.partitionsA ?? '?'} partitions, ${p.topicB ?? '?'} ${p.partitionsB ?? '?'}`;
}

/** The heading: how many tables are affected. */
export function coPartitionTitle(problems: readonly CoPartitionProblem[]): string {
  if (problems.some((p) => p.table === '*')) return 'Split across instances: every table of this pair';
  return problems.length === 1
    ? 'Split across instances: 1 table of this pair is not co-partitioned'
    : `Split across instances: ${problems.length} tables of this pair are not co-partitioned`;
}

/** Why, and which figures of those tables can and cannot be trusted. */
export const CO_PARTITION_MEANING = [
  "Kafka's range assignor gives partition p of two topics to one instance only when one source reads both and they have",
  'the same partition count; a JetStream shard is read by one instance, so both subjects must be in one shard. For the',
  'tables below this does not hold: the two copies of some changes are read by two',
  "instances and each instance's pair sees one copy only. For these tables, on every instance: only-in-A/B and lost",
  'include changes whose other copy another instance read (not loss), and matched, late matches, divergent and the',
  'A ⇄ B delay leave those changes out. Duplicates on each side are still right (a re-sent copy has the same key,',
  'so the same partition and instance). Fix: give both topics the same partition count, read by one source; on',
  "JetStream, shards that cut by table rather than by server (e.g. '*.inventory.orders').",
].join(' ');
