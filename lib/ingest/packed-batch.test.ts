import { describe, expect, it } from 'vitest';
import type { RawMessage } from '../contracts/raw-message';
import { packBatch, unpackBatch } from './packed-batch';

const bytes = (s: string) => new TextEncoder().encode(s);

const batch: RawMessage[] = [
  {
    sourceId: 'k',
    origin: { kind: 'kafka', topic: 'a.db.t', partition: 3, offset: '42', timestamp: 1 },
    key: bytes('{"id":1}'),
    value: bytes('{"op":"c"}'),
    headers: { h: 'v' },
    receivedAt: 10,
  },
  // A tombstone, keyless, and an empty value: null and zero length stay apart.
  {
    sourceId: 'k',
    origin: { kind: 'demo', topic: 't', seq: 7, timestamp: 2 },
    key: null,
    value: null,
    headers: {},
    receivedAt: 11,
  },
  {
    sourceId: 'j',
    origin: { kind: 'jetstream', stream: 'S', subject: 'a.b.c', seq: 9, timestamp: 3 },
    key: new Uint8Array(0),
    value: new Uint8Array([0, 1, 2, 255]),
    headers: {},
    receivedAt: 12,
  },
];

describe('packBatch / unpackBatch', () => {
  it('round-trips keys, values (null and empty apart), origins, headers and receive times', () => {
    const packed = packBatch(batch);
    expect(packed.bytes.byteLength).toBe(8 + 10 + 0 + 4);
    const back = unpackBatch(structuredClone(packed, { transfer: [packed.bytes] }));
    expect(back.map((m) => ({ ...m, key: m.key && [...m.key], value: m.value && [...m.value] }))).toEqual(
      batch.map((m) => ({ ...m, key: m.key && [...m.key], value: m.value && [...m.value] })),
    );
  });

  it('copies the bytes: a broker buffer reused afterwards does not change the packed batch', () => {
    const value = bytes('{"x":1}');
    const packed = packBatch([{ ...(batch[0] as RawMessage), value }]);
    value.fill(0);
    expect(new TextDecoder().decode(unpackBatch(packed)[0]?.value ?? undefined)).toBe('{"x":1}');
  });
});
