/**
 * Realistic ~1 KB Debezium events (MariaDB envelope, schema-less JSON converter)
 * for the Kafka benchmark: ten tables of one connector, mostly updates.
 */
import type { RawMessage } from '../lib/contracts/raw-message';
const encoder = new TextEncoder();
const OPS = ['c', 'u', 'u', 'u', 'd'] as const;
const pad = 'x'.repeat(320);

export function benchEvent(i: number): { key: Buffer; value: Buffer } {
  const table = `t${i % 10}`;
  const op = OPS[i % OPS.length] as string;
  const row = (v: number) => ({
    id: i,
    name: `customer ${i}`,
    email: `c${i}@example.com`,
    balance: (v * 1.5).toFixed(2),
    note: pad,
    tags: ['a', 'b'],
    updated_at: 1_732_000_000_000 + v,
  });
  const now = Date.now();
  const value = {
    before: op === 'c' ? null : row(i - 1),
    after: op === 'd' ? null : row(i),
    source: {
      version: '3.5.0.Final',
      connector: 'mariadb',
      name: 'bench',
      ts_ms: now - 20,
      snapshot: 'false',
      db: 'shop',
      table,
      server_id: 1,
      gtid: `0-1-${i}`,
      file: 'mysql-bin.000001',
      pos: 4 + i * 700,
      row: 0,
      thread: 9,
      query: null,
    },
    op,
    ts_ms: now - 5,
    transaction: null,
  };
  return {
    key: Buffer.from(encoder.encode(JSON.stringify({ id: i }))),
    value: Buffer.from(encoder.encode(JSON.stringify(value))),
  };
}

/**
 * The pipeline benches' input: 20,000 distinct events replayed as one Kafka
 * partition of `bench.shop.t`, each message with the next offset.
 */
export function createBenchMessages(): (i: number) => RawMessage {
  const events = Array.from({ length: 20_000 }, (_, i) => benchEvent(i));
  let offset = 0;
  return (i) => {
    const e = events[i % events.length] as { key: Buffer; value: Buffer };
    const now = Date.now();
    const origin = {
      kind: 'kafka',
      topic: 'bench.shop.t',
      partition: 0,
      offset: String(offset++),
      timestamp: now,
    } as const;
    return { sourceId: 'bench', origin, key: e.key, value: e.value, headers: {}, receivedAt: now };
  };
}
