import type { Row } from '../contracts/change-event';
import { defaultPartitionFor } from './murmur2';

/**
 * Which Kafka partitions a row's history is read from. Debezium's records go
 * through Kafka Connect's producer, whose default partitioner puts every
 * record of one key in partition `murmur2(key bytes) % partitions`, so one
 * partition holds the row's whole history. The key bytes are what the
 * converter wrote (schema envelope included), which the key columns alone do
 * not give, so they are taken from evidence in the buffer:
 *
 * 1. an event of the row itself: its raw key is the exact bytes, and its
 *    partition checks the partitioner (a key that hashes elsewhere than where
 *    it sits means another partitioner: read every partition);
 * 2. else an event of the same table: the topic's partitioner is checked on
 *    it, and this row's key bytes are rebuilt from its key text with this
 *    key's values, only when that text is the compact JSON this code writes
 *    back identically (the JsonConverter's output is);
 * 3. else, or for binary (Avro) keys, every partition.
 *
 * Pure: the partition count comes from the broker at read time.
 */

/** A buffered event as evidence: its partition and its raw key text (null when the key is binary or absent). */
export interface KeyEvidence {
  id: string;
  partition: number;
  keyText: string | null;
}

export type PartitionChoice =
  | { partitions: number; partition: number; basis: 'row-event' | 'rebuilt-key'; note: string }
  | { partitions: number; partition: 'all'; note: string };

const encoder = new TextEncoder();
const isRow = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * This row's key text in the shape of another key of its table, or undefined
 * when that shape cannot be reproduced byte for byte: the sample must
 * re-serialise to its own text, and carry exactly this key's columns.
 */
export function rebuildKeyText(sampleText: string, key: Row): string | undefined {
  const parsed = parseJson(sampleText);
  if (!isRow(parsed) || JSON.stringify(parsed) !== sampleText) return undefined;
  const wrapped = 'schema' in parsed && 'payload' in parsed;
  const payload = wrapped ? parsed.payload : parsed;
  if (!isRow(payload)) return undefined;
  const columns = Object.keys(payload);
  if (columns.length !== Object.keys(key).length || !columns.every((c) => c in key)) return undefined;
  // Same column order as the sample (the converter's), and the sample's value types (the path gives text).
  const values: Row = {};
  for (const c of columns) {
    const sample = payload[c];
    const v = key[c];
    if (typeof sample === 'number' && typeof v === 'string') {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || String(n) !== v) return undefined;
      values[c] = n;
    } else if (typeof sample !== typeof v) return undefined;
    else values[c] = v;
  }
  return JSON.stringify(wrapped ? { ...parsed, payload: values } : values);
}

const hashOf = (text: string, partitions: number) => defaultPartitionFor(encoder.encode(text), partitions);

export function choosePartition(input: {
  partitions: number;
  key: Row;
  /** Buffered events of this row on the topic (any order). */
  rowEvents: KeyEvidence[];
  /** A buffered event of the same table and topic, any row. */
  tableSample?: KeyEvidence;
}): PartitionChoice {
  const { partitions, key } = input;
  if (partitions === 1) return { partitions, partition: 0, basis: 'row-event', note: 'the topic has one partition' };
  const all = (note: string): PartitionChoice => ({ partitions, partition: 'all', note });
  const own = input.rowEvents.find((e) => e.keyText !== null);
  if (own?.keyText != null) {
    const hashed = hashOf(own.keyText, partitions);
    if (hashed !== own.partition)
      return all(
        `event ${own.id} sits in partition ${own.partition} but its key hashes to ${hashed}: the topic was written with another partitioner, so every partition is read`,
      );
    return {
      partitions,
      partition: hashed,
      basis: 'row-event',
      note: `the key hashes to partition ${hashed} of ${partitions} (murmur2, checked on event ${own.id})`,
    };
  }
  const sample = input.tableSample;
  if (sample?.keyText == null)
    return all('no event of this table in the buffer shows how its keys are written: every partition is read');
  const sampleHash = hashOf(sample.keyText, partitions);
  if (sampleHash !== sample.partition)
    return all(
      `event ${sample.id} sits in partition ${sample.partition} but its key hashes to ${sampleHash}: the topic was written with another partitioner, so every partition is read`,
    );
  const rebuilt = rebuildKeyText(sample.keyText, key);
  if (rebuilt === undefined)
    return all(
      `this table's key bytes cannot be rebuilt from the key columns (event ${sample.id}): every partition is read`,
    );
  const partition = hashOf(rebuilt, partitions);
  return {
    partitions,
    partition,
    basis: 'rebuilt-key',
    note: `the key, written as event ${sample.id} writes its key, hashes to partition ${partition} of ${partitions} (murmur2)`,
  };
}
