/**
 * Kafka's range assignor (the Java client's `RangeAssignor`), which kafkajs
 * does not ship: for each topic, members sorted by id take consecutive runs
 * of partitions, the first `partitions % members` one more. Two topics with
 * the same partition count therefore give partition p to the same member:
 * Kafka Streams' co-partitioning rule, which replica pairing needs (both
 * copies of a change, keyed by primary key, on one instance).
 */
export function rangeAssign(
  memberIds: readonly string[],
  partitionsPerTopic: Readonly<Record<string, number>>,
): Record<string, Record<string, number[]>> {
  const members = [...memberIds].sort();
  const out: Record<string, Record<string, number[]>> = {};
  for (const m of members) out[m] = {};
  if (members.length === 0) return out;
  for (const topic of Object.keys(partitionsPerTopic).sort()) {
    const n = partitionsPerTopic[topic] ?? 0;
    const per = Math.floor(n / members.length);
    const extra = n % members.length;
    members.forEach((m, i) => {
      const start = i * per + Math.min(i, extra);
      const length = per + (i < extra ? 1 : 0);
      if (length === 0) return;
      (out[m] ??= {})[topic] = Array.from({ length }, (_, k) => start + k);
    });
  }
  return out;
}

/** A configured replica pair's topic whose counterpart has another partition count, or none. */
export interface CoPartitionProblem {
  pairId: string;
  topicA: string;
  topicB: string;
  partitionsA: number;
  /** Undefined: the counterpart topic does not exist (yet). */
  partitionsB: number | undefined;
}

/**
 * Checks that each topic of a pair's side A (`<serverA>.<db>.<table>`) has a
 * counterpart on side B (`<serverB>.<db>.<table>`) with as many partitions.
 * When one does not, the two copies of a change may be read by two
 * instances: each sees only one side, and that table's pair figures (matched,
 * only in A/B) are wrong in cluster mode; single-process mode is unaffected.
 */
export function coPartitionProblems(
  pairs: readonly { id: string; serverA: string; serverB: string }[],
  partitionsPerTopic: Readonly<Record<string, number>>,
): CoPartitionProblem[] {
  const problems: CoPartitionProblem[] = [];
  for (const pair of pairs) {
    const prefix = `${pair.serverA}.`;
    for (const topicA of Object.keys(partitionsPerTopic).sort()) {
      if (!topicA.startsWith(prefix)) continue;
      const topicB = `${pair.serverB}.${topicA.slice(prefix.length)}`;
      const partitionsA = partitionsPerTopic[topicA] ?? 0;
      const partitionsB = partitionsPerTopic[topicB];
      if (partitionsB !== partitionsA) problems.push({ pairId: pair.id, topicA, topicB, partitionsA, partitionsB });
    }
  }
  return problems;
}
