import type { CoPartitionProblem, ReplicaSideSelector } from '../contracts/replicas';

/** What the check needs of a configured replica pair. */
export interface PairTopology {
  a: ReplicaSideSelector;
  b: ReplicaSideSelector;
  /** The tables compared (without server prefix); all when absent. */
  tables?: readonly string[];
}

/** Per Kafka source id, its topics' partition counts as last read from the brokers. */
export type KafkaPartitionCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;

interface SideTopic {
  topic: string;
  sourceId: string;
  partitions: number;
}

/** One side's topics by table: `<serverName>.<table>` in every Kafka source the side may come from. */
function sideTopics(side: ReplicaSideSelector & { serverName: string }, kafka: KafkaPartitionCounts) {
  const prefix = `${side.serverName}.`;
  const out = new Map<string, SideTopic>();
  for (const sourceId of Object.keys(kafka).sort()) {
    if (side.sourceId !== undefined && side.sourceId !== sourceId) continue;
    for (const [topic, partitions] of Object.entries(kafka[sourceId] ?? {})) {
      if (!topic.startsWith(prefix)) continue;
      const table = topic.slice(prefix.length);
      if (!out.has(table)) out.set(table, { topic, sourceId, partitions });
    }
  }
  return out;
}

/**
 * The tables of a replica pair whose two copies of a change may be read by
 * two instances in cluster mode (issue #14). The instances of a deployment
 * join one consumer group per Kafka source with the range assignor
 * (lib/cluster/range-assign.ts), which gives partition p of two topics to the
 * same instance only when both topics are in the same group and have the
 * same partition count (Kafka Streams' co-partitioning rule; both keyed by
 * primary key, as Debezium keys them). A table whose topics differ in
 * partition count, or come from two sources (two groups, assigned
 * independently), is split: each instance's pair sees one copy of some of
 * its changes. Tables present on one side only are not reported: nothing is
 * split there, the other side has no such topic at all.
 */
export function pairCoPartitionProblems(pair: PairTopology, kafka: KafkaPartitionCounts): CoPartitionProblem[] {
  const { a, b } = pair;
  if (a.serverName === undefined || b.serverName === undefined) {
    // Sides chosen by source alone: the topics cannot be matched by prefix, only the two groups are known.
    const split =
      a.sourceId !== undefined &&
      b.sourceId !== undefined &&
      a.sourceId !== b.sourceId &&
      a.sourceId in kafka &&
      b.sourceId in kafka;
    return split
      ? [
          {
            kind: 'sources',
            table: '*',
            topicA: null,
            topicB: null,
            partitionsA: null,
            partitionsB: null,
            sourceA: a.sourceId ?? null,
            sourceB: b.sourceId ?? null,
          },
        ]
      : [];
  }
  const topicsA = sideTopics({ ...a, serverName: a.serverName }, kafka);
  const topicsB = sideTopics({ ...b, serverName: b.serverName }, kafka);
  const wanted = pair.tables ? new Set(pair.tables) : undefined;
  const problems: CoPartitionProblem[] = [];
  for (const table of [...topicsA.keys()].sort()) {
    const x = topicsA.get(table);
    const y = topicsB.get(table);
    if (!x || !y || (wanted && !wanted.has(table))) continue;
    const kind = x.sourceId !== y.sourceId ? 'sources' : x.partitions !== y.partitions ? 'partitions' : undefined;
    if (kind)
      problems.push({
        kind,
        table,
        topicA: x.topic,
        topicB: y.topic,
        partitionsA: x.partitions,
        partitionsB: y.partitions,
        sourceA: x.sourceId,
        sourceB: y.sourceId,
      });
  }
  return problems;
}
