import { describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import type { StoredEvent } from '../../lib/store/event-store-view';
import { createEventLookup } from './event-lookup';

/** The paths that must answer without touching a broker (the broker reads are covered by the e2e replay spec). */
const config = configSchema.parse({
  sources: [
    { id: 'kafka', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['orders', '/^replica_a\\./'] },
    { id: 'demo', kind: 'demo' },
  ],
});
const kept = { id: 'kafka:orders:p0@1' } as StoredEvent;
const lookup = createEventLookup(config, (id) => (id === kept.id ? kept : undefined));

describe('event lookup', () => {
  it('answers from the buffer first', async () => {
    expect(await lookup.find('kafka:orders:p0@1')).toEqual({ event: kept, from: 'buffer' });
  });
  it('never reads a topic its source does not read, an unknown source, a demo event or a malformed id', async () => {
    for (const id of [
      'kafka:payments:p0@1',
      'other:orders:p0@1',
      'demo:demo.replay:#1',
      'kafka:orders:#3',
      'garbage',
    ]) {
      expect(await lookup.find(id), id).toBeUndefined();
    }
  });
});
