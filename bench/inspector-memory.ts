/**
 * What one event kept by the inspector costs in heap, against what the store
 * counts for it (issue #11, target 4: the buffer's bytes counted honestly).
 * Fills a store through the pipeline's decoder with the Kafka benchmark's
 * ~1 KB events, kept as raw bytes (lazily decoded, the default) and, for
 * comparison, as whole decoded records; "heap" is the JS heap plus array
 * buffers, where the rings are.
 *
 *   npx tsx bench/inspector-memory.ts [--events N]
 */
import type { RawMessage } from '../lib/contracts/raw-message';
import { decodeMessage } from '../lib/debezium/decode-message';
import { createEventStore, EVENT_STORE_DEFAULTS, type EventStoreOptions } from '../lib/store/event-store';
import { benchEvent } from './bench-events';
import { forceGc, liveBytes } from './heap';

const i = process.argv.indexOf('--events');
const events = i >= 0 ? Number(process.argv[i + 1]) : 50_000;

const UNBOUNDED = { perTableCount: events, perTableBytes: 2 ** 40, globalBytes: 2 ** 40 };

function fill(
  lazy: boolean,
  limits: EventStoreOptions,
): { kept: number; heapPerEvent: number; countedPerEvent: number } {
  forceGc();
  const before = liveBytes();
  const store = createEventStore({ ...limits, ...(lazy ? { decode: (raw: RawMessage) => decodeMessage(raw) } : {}) });
  for (let n = 0; n < events; n++) {
    const e = benchEvent(n);
    const raw: RawMessage = {
      sourceId: 'bench',
      origin: { kind: 'kafka', topic: 'bench.shop.t0', partition: n % 4, offset: String(n), timestamp: Date.now() },
      key: e.key,
      value: e.value,
      headers: {},
      receivedAt: Date.now(),
    };
    store.add(decodeMessage(raw), raw);
  }
  forceGc();
  const kept = store.stats().events;
  if (limits === UNBOUNDED && kept !== events) throw new Error('the store dropped events');
  return { kept, heapPerEvent: (liveBytes() - before) / kept, countedPerEvent: store.stats().bytes / kept };
}

// The pipeline's default limits too: 500 events in each of the ten tables, where a ring's unused room shows.
for (const [lazy, limits] of [
  [true, UNBOUNDED],
  [false, UNBOUNDED],
  [true, EVENT_STORE_DEFAULTS],
] as const) {
  const r = fill(lazy, limits);
  console.log(
    JSON.stringify({
      kept: lazy ? "raw bytes in its table's ring, decoded on read" : 'whole decoded record',
      limits: limits === UNBOUNDED ? 'none' : 'defaults',
      events: r.kept,
      heapBytesPerEvent: Math.round(r.heapPerEvent),
      countedBytesPerEvent: Math.round(r.countedPerEvent),
      countedOverHeap: Number((r.countedPerEvent / r.heapPerEvent).toFixed(2)),
    }),
  );
}
