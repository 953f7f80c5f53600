import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { parseSeekLine } from '../../lib/contracts/seek';
import { createSource, liveReadsOf } from '../../server/brokers/registry';
import { createEventLookup } from '../../server/event-lookup/event-lookup';
import type { Reply, StreamReply } from '../../server/http/route';
import { createSeekRoutes } from '../../server/seek/seek-routes';
import { ndjsonLines, streamedText } from '../support/api-harness';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * On the real stack: replica_a's schema-change topic (`replica_a`, its snapshot's CREATE statements at
 * least) is read by a source whose only pattern names the table topics. A seek on it lists the statements,
 * and one of them is read back by its inspector id.
 */
const env = stackEnv();
const config = configSchema.parse({
  sources: [
    {
      id: 'k',
      kind: 'kafka',
      brokers: [env.KAFKA_BOOTSTRAP],
      clientId: `it-ddl-${Date.now().toString(36)}`,
      topics: ['/^replica_a\\./'],
      start: 'latest',
      topicRefreshMs: 2_000,
    },
  ],
  seek: { concurrent: 1, maxSeconds: 60 },
});
const source = createSource(config.sources[0]!);
afterAll(() => source.close());

describe('a connector’s schema-change topic on the real stack', () => {
  it('is sought and read back by id through the live source', { timeout: 120_000 }, async () => {
    const live = liveReadsOf([source]);
    await waitFor('the live source subscribed to replica_a', () => live('k', 'replica_a'), 90_000, 250);
    const seek = createSeekRoutes({ config, liveReads: live })[1]!;
    const req = { socket: new EventEmitter() } as unknown as IncomingMessage;
    const reply = await seek.handle(
      [],
      new URLSearchParams({ sourceId: 'k', channel: 'replica_a', start: 'beginning', limit: '20' }),
      { req, principal: null, body: undefined },
    );
    expect((reply as Reply).status).toBe(200);
    const lines = ndjsonLines(await streamedText(reply as StreamReply), parseSeekLine);
    expect(lines.at(-1)?.type).toBe('done');
    const statements = lines.flatMap((l) => (l.type === 'event' ? [l.item] : []));
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.kind === 'schema-change' && s.channel === 'replica_a')).toBe(true);
    expect(statements.some((s) => /CREATE TABLE/i.test(s.summary ?? ''))).toBe(true);

    // Not in any buffer: read again from Kafka by the id the seek gave.
    const lookup = createEventLookup(config, () => undefined, undefined, live);
    const found = await lookup.find(statements[0]!.id);
    expect(found?.from).toBe('broker');
    expect(found?.event.record.kind).toBe('schema-change');
  });
});
