import type { CoPartitionProblem } from '../contracts/replicas';
import { createSubjectMatcher } from '../nats/subject-match';
import type { PairTopology } from './co-partition';

/** Per JetStream source id with `shards:`, its shard filters in configured order. */
export type JetStreamShards = Readonly<Record<string, readonly string[]>>;

/** The first shard whose filter matches `subject` (shards do not overlap: the configuration refuses it), or null. */
function shardOf(filters: readonly string[], subject: string): string | null {
  return filters.find((f) => createSubjectMatcher(f)(subject)) ?? null;
}

/** The tables (without server prefix) a side has among the table keys seen. */
function tablesOf(serverName: string, tableKeys: readonly string[]): Set<string> {
  const prefix = `${serverName}.`;
  return new Set(tableKeys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
}

/**
 * The tables of a replica pair whose two copies of a change may be read by
 * two instances because their JetStream subjects fall in two shards (issue
 * #14). In cluster mode each shard of a source is read by the one instance
 * holding its lease (server/brokers/jetstream/cluster-shards.ts), so a pair is
 * compared whole only where one shard covers both subjects; two shards may
 * be held by two instances. A table's subject on a side is
 * `<serverName>.<table>` (Debezium Server's NATS sink naming, which is also
 * its table key). The tables are the pair's configured ones, else those seen
 * on both sides (`tableKeys`); a table on one side only splits nothing. Sides
 * without a server name cannot name their subjects and are not checked, nor
 * sides of two different sources (the Kafka check says that for Kafka).
 */
export function pairShardProblems(
  pair: PairTopology,
  shards: JetStreamShards,
  tableKeys: readonly string[],
): CoPartitionProblem[] {
  const { a, b } = pair;
  if (a.serverName === undefined || b.serverName === undefined) return [];
  if (a.sourceId !== undefined && b.sourceId !== undefined && a.sourceId !== b.sourceId) return [];
  const sourceId = a.sourceId ?? b.sourceId;
  const sourceIds = sourceId !== undefined ? [sourceId] : Object.keys(shards).sort();
  let tables: string[];
  if (pair.tables) tables = [...pair.tables].sort();
  else {
    const onB = tablesOf(b.serverName, tableKeys);
    tables = [...tablesOf(a.serverName, tableKeys)].filter((t) => onB.has(t)).sort();
  }
  const problems: CoPartitionProblem[] = [];
  for (const id of sourceIds) {
    const filters = shards[id];
    if (!filters) continue;
    for (const table of tables) {
      const subjectA = `${a.serverName}.${table}`;
      const subjectB = `${b.serverName}.${table}`;
      const shardA = shardOf(filters, subjectA);
      const shardB = shardOf(filters, subjectB);
      if (shardA === shardB) continue;
      problems.push({
        kind: 'shards',
        table,
        topicA: subjectA,
        topicB: subjectB,
        partitionsA: null,
        partitionsB: null,
        sourceA: id,
        sourceB: id,
        shardA,
        shardB,
      });
    }
  }
  return problems;
}

/** The sharded JetStream sources of a configuration: what `pairShardProblems` checks. */
export function jetStreamShards(
  sources: readonly { id: string; kind: string; shards?: readonly string[] }[],
): JetStreamShards {
  const out: Record<string, readonly string[]> = {};
  for (const s of sources) if (s.kind === 'jetstream' && s.shards) out[s.id] = s.shards;
  return out;
}
