import { describe, expect, it } from 'vitest';
import { channelOf, positionOf, type RawMessage } from '../contracts/raw-message';
import { decodeMessage } from '../debezium/decode-message';
import { rawFrom } from '../debezium/fixtures';
import { RECORD_HEADER_BYTES } from './byte-ring';
import { createEventStore, type EventStoreOptions } from './event-store';
import { RING_INITIAL_BYTES, RING_SHARE } from './event-store-limits';
import { detached, LAZY_ENTRY_OVERHEAD_BYTES, LazyStoredEvent } from './stored-event';

/**
 * The inspector's per-table byte rings as the store uses them: what a table
 * keeps when its ring is full, what it counts, and a value too long for it.
 */

const decode = (raw: RawMessage) => decodeMessage(raw);
const utf8 = new TextDecoder();
let offset = 0;

/** A create on `table` whose value is `size` bytes (±1), its key `{"id":n}`. */
function change(n: number, size: number, table = 'customers'): RawMessage {
  const value = { op: 'c', before: null, after: { id: n, pad: '' }, source: { connector: 'postgresql', table } };
  const bare = JSON.stringify(value).length;
  value.after.pad = 'p'.repeat(Math.max(0, size - bare));
  return rawFrom({ topic: `pg.inventory.${table}`, key: { id: n }, value, offset: offset++ });
}

const idOf = (raw: RawMessage) => `${raw.sourceId}:${channelOf(raw.origin)}:${positionOf(raw.origin)}`;

function keep(options: EventStoreOptions, raws: RawMessage[]) {
  const store = createEventStore({ decode, perTableCount: 1e6, globalBytes: 1e12, ...options });
  for (const raw of raws) expect(store.add(decode(raw), raw)).toBe(true);
  return store;
}

describe('event store rings', () => {
  it('counts a table ring whole from its first event, and gives it back with the table', () => {
    const raw = change(1, 100);
    const store = keep({}, [raw]);
    expect(store.get(idOf(raw))).toBeInstanceOf(LazyStoredEvent);
    expect(store.stats().bytes).toBe(RING_INITIAL_BYTES + LAZY_ENTRY_OVERHEAD_BYTES);
    store.forget('pg.inventory.customers');
    expect(store.stats()).toEqual({ events: 0, bytes: 0, tables: 0 });
  });

  it('evicts a full ring oldest first, keeps the table within its byte limit, and reads back what it keeps', () => {
    const perTableBytes = 64 * 1024;
    const raws = Array.from({ length: 200 }, (_, n) => change(n, 4000));
    const store = keep({ perTableBytes }, raws);
    const { events, bytes } = store.stats();
    // The ring's 48 KiB hold 12 events of ~4 KB (their overhead is within the rest): the newest ones, no gap.
    expect(events).toBe(12);
    const held = raws.map((raw) => store.get(idOf(raw)) !== undefined);
    expect(held.indexOf(true)).toBe(200 - events);
    expect(held.slice(200 - events).every(Boolean)).toBe(true);
    expect(bytes).toBeLessThanOrEqual(perTableBytes);
    // Counted: the ring at its largest (it filled), and each event's overhead.
    expect(bytes).toBe(Math.floor(perTableBytes * RING_SHARE) + events * LAZY_ENTRY_OVERHEAD_BYTES);
    for (const raw of raws.slice(200 - events)) {
      const e = store.get(idOf(raw))!;
      expect(e.record).toEqual(decode(raw));
      expect(e.rawValue).toBe(utf8.decode(raw.value!));
      expect(e.rawKey).toBe(utf8.decode(raw.key!));
      expect(e.rawValueSize).toBe(raw.value!.length);
    }
  });

  it('counts at least the bytes it holds, and tables take their own rings', () => {
    const raws = Array.from({ length: 300 }, (_, n) => change(n, 200 + n * 10, n % 2 ? 'a' : 'b'));
    const store = keep({ perTableBytes: 1e9 }, raws);
    const held = raws.reduce((sum, r) => sum + RECORD_HEADER_BYTES + r.key!.length + r.value!.length, 0);
    const counted = store.stats().bytes - 300 * LAZY_ENTRY_OVERHEAD_BYTES;
    expect(store.stats().tables).toBe(2);
    // Two rings, each at most twice what it holds (doubling) and at least all of it.
    expect(counted).toBeGreaterThanOrEqual(held);
    expect(counted).toBeLessThanOrEqual(2 * held + 2 * RING_INITIAL_BYTES);
  });

  it('under the global cap, empties the least recently written table first and frees its ring with it', () => {
    const a = Array.from({ length: 20 }, (_, n) => change(n, 2000, 'a'));
    const b = Array.from({ length: 20 }, (_, n) => change(n, 2000, 'b'));
    const alone = keep({}, a).stats().bytes;
    const store = keep({ globalBytes: alone + 1000 }, [...a, ...b]);
    // b needs what a held: a went, oldest first, and its ring (at least 4 KiB) with its last event.
    expect(store.stats().bytes).toBeLessThanOrEqual(alone + 1000);
    expect(a.filter((raw) => store.get(idOf(raw)) !== undefined)).toEqual([]);
    expect(b.every((raw) => store.get(idOf(raw)) !== undefined)).toBe(true);
    expect(store.stats().tables).toBe(1);
    expect(store.stats().bytes).toBe(alone);
  });

  it('keeps a value longer than the ring whole, decoded again from the message, raw text and all', () => {
    // Ring at most 6 KiB: a 7 KB value goes in whole, as an Avro one would.
    const perTableBytes = 8 * 1024;
    const small = change(1, 500);
    const big = rawFrom({
      topic: 'pg.inventory.customers',
      key: { id: 2 },
      value: {
        op: 'u',
        before: { id: 2, note: 'old' },
        after: { id: 2, note: 'x'.repeat(7000) },
        source: { connector: 'postgresql', table: 'customers' },
      },
      offset: offset++,
    });
    const store = createEventStore({ decode, perTableBytes });
    store.add(decode(small), small);
    // A decode worker leaves `before` out of a change it expects the inspector to decode again (slim-record.ts).
    const slim = decode(big);
    if (slim.kind !== 'change') throw new Error('expected a change');
    slim.before = null;
    expect(store.add(slim, big)).toBe(true);
    const kept = store.get(idOf(big))!;
    expect(kept).not.toBeInstanceOf(LazyStoredEvent);
    expect(kept.record).toEqual(decode(big));
    expect(kept.rawValue).toBe(utf8.decode(big.value!));
    // The table keeps its newest event past its byte limit, as always; the small one, older, is gone.
    expect(store.get(idOf(small))).toBeUndefined();
    expect(store.stats().events).toBe(1);
  });

  it('an event evicted while held throws when read, and a detached copy taken before stays readable', () => {
    const raws = [change(1, 300), change(2, 300)];
    const store = keep({}, raws);
    const held = store.get(idOf(raws[0]!))!;
    const copy = detached(held);
    expect(copy).not.toBeInstanceOf(LazyStoredEvent);
    store.forget('pg.inventory.customers');
    // Its ring went with the table; a new one must not lend it another event's bytes.
    const next = change(3, 300);
    store.add(decode(next), next);
    expect(store.get(idOf(next))!.record).toEqual(decode(next)); // the last read is cached: read another
    expect(() => held.record).toThrow(/left the inspector buffer/);
    expect(copy.record).toEqual(decode(raws[0]!));
    expect(copy.rawValue).toBe(utf8.decode(raws[0]!.value!));
  });

  it('keeps tombstones and keyless messages apart from empty ones', () => {
    const tombstone = rawFrom({ topic: 'pg.inventory.customers', key: { id: 9 }, value: null, offset: offset++ });
    const keyless = rawFrom({
      topic: 'pg.inventory.customers',
      broker: 'jetstream',
      value: { op: 'c', before: null, after: { id: 9 }, source: { connector: 'postgresql', table: 'customers' } },
      offset: offset++,
    });
    const store = keep({}, [tombstone, keyless]);
    const t = store.get(idOf(tombstone))!;
    const k = store.get(idOf(keyless))!;
    expect(t).toBeInstanceOf(LazyStoredEvent);
    expect(k).toBeInstanceOf(LazyStoredEvent);
    expect(t.rawValue).toBeNull();
    expect(t.rawValueSize).toBe(0);
    expect(t.record).toEqual(decode(tombstone));
    expect(k.rawKey).toBeNull();
    expect(k.record).toEqual(decode(keyless));
  });
});
