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
