/**
 * Kafka's default partitioner for keyed records, as the Java client (and so
 * Kafka Connect, and so Debezium) applies it: `toPositive(murmur2(keyBytes))
 * % numPartitions` (`BuiltInPartitioner.partitionForKey`). kafkajs ships the
 * same hash as its `DefaultPartitioner`; this copy is pure and typed, so the
 * browser-safe `lib/` can use it, and its output is checked against kafkajs's
 * (server/brokers/kafka/murmur2.test.ts).
 */

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/** Murmur2 (32-bit) of the bytes, as a signed 32-bit integer: Java's `Utils.murmur2`. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length - (length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k = (data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // The 1–3 trailing bytes, as Java's fall-through switch takes them.
  const tail = length % 4;
  if (tail > 0) {
    if (tail === 3) h ^= (data[whole + 2] ?? 0) << 16;
    if (tail >= 2) h ^= (data[whole + 1] ?? 0) << 8;
    h ^= data[whole] ?? 0;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition Kafka's default partitioner gives a record with these key bytes, among `partitions`. */
export function defaultPartitionFor(keyBytes: Uint8Array, partitions: number): number {
  // Java's toPositive: the sign bit cleared (not Math.abs, which differs for negative values).
  return (murmur2(keyBytes) & 0x7fffffff) % partitions;
}
