import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { decodeMessage } from '../../lib/debezium/decode-message';
import { controlFixtures } from '../../lib/debezium/fixtures/control';
import { toSeekEvent } from '../../lib/seek/seek-event';
import { liveReadsOf } from '../brokers/registry';
import type { Reply } from '../http/route';
import { createEventLookup } from '../event-lookup/event-lookup';
import { createSeekRoutes } from './seek-routes';

/**
 * A MySQL/MariaDB connector's schema-change topic (`replica_a`) is read beside the table topics a pattern
 * names (`schemaChangeTopics`), but no pattern names it: seek and event lookup accept it because the live
 * source reads it, and still refuse every topic the source does not read.
 */
const config = configSchema.parse({
  sources: [{ id: 'kafka-test', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['/^replica_a\\./'] }],
});
const raw = controlFixtures.schemaChangeWrapped;
const stored = toSeekEvent(decodeMessage(raw), raw, true);
/** The live Kafka source: its subscription holds the table topics and the schema-change topic. */
const live = liveReadsOf([
  { id: 'kafka-test', readsNow: (t: string) => ['replica_a', 'replica_a.inventory.orders'].includes(t) },
]);
const ctx = () => ({
  req: { socket: new EventEmitter() } as unknown as IncomingMessage,
  principal: null,
  body: undefined,
});

function messageRoute(withLive: boolean) {
  const [message] = createSeekRoutes({
    config,
    readEvent: () => Promise.resolve(stored),
    ...(withLive ? { liveReads: live } : {}),
  });
  if (!message) throw new Error('route missing');
  return (channel: string) =>
    message.handle(
      [],
      new URLSearchParams({ sourceId: 'kafka-test', channel, partition: '0', offset: '0' }),
      ctx(),
    ) as Promise<Reply>;
}

describe('reading back a schema-change topic', () => {
  it('GET /api/seek/message reads a statement of the schema-change topic the live source reads', async () => {
    const read = messageRoute(true);
    const reply = await read('replica_a');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ kind: 'schema-change', channel: 'replica_a' });
    // Not read by the live source, not named by the configuration: still refused.
    expect((await read('other')).status).toBe(400);
    // Without the live source's word, the topic is outside the configured list.
    expect(await messageRoute(false)('replica_a')).toMatchObject({
      status: 400,
      body: { error: 'topic replica_a is not among the topics source kafka-test reads' },
    });
  });

  it('GET /api/seek starts on the schema-change topic, refuses one the source does not read', () => {
    const seek = createSeekRoutes({ config, liveReads: live })[1];
    if (!seek) throw new Error('route missing');
    const start = (channel: string) =>
      seek.handle([], new URLSearchParams({ sourceId: 'kafka-test', channel, start: 'beginning' }), ctx()) as Reply;
    // The stream is not drained: the answer's status is decided before the broker is touched.
    expect(start('replica_a').status).toBe(200);
    expect(start('__consumer_offsets').status).toBe(400);
  });

  it("event lookup finds a schema-change event's id only through the live source", { timeout: 30_000 }, async () => {
    // Not in the buffer (it keeps row changes only); the broker at 127.0.0.1:1 is never reached when refused.
    const refused = createEventLookup(config, () => undefined);
    expect(await refused.find(stored.id)).toBeUndefined();
    const accepted = createEventLookup(config, () => undefined, undefined, live);
    // Accepted: it goes to the broker, which is not there.
    await expect(accepted.find(stored.id)).rejects.toThrow();
  });
});
