import { describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import type { SeekLine, SeekRequest } from '../../lib/contracts/seek';
import { registryAnswer } from '../../lib/debezium/fixtures/avro';
import { avroTables, envelopePair, rng, schemasOf } from '../../lib/debezium/fixtures/avro-envelopes';
import { createMasker } from '../../lib/masking/masker';
import type { SeekReader } from '../brokers/seek-reader';
import { createWireDecoders } from '../schema-registry/wire-decoders';
import { runSeek } from './run-seek';

/** A seek over Avro messages fetches their schemas on the way and lists them decoded and masked, never undecodable. */
const customers = avroTables[1]!;
const IDS = { key: 41, value: 42 };
const schemas = schemasOf(customers);
const config = configSchema.parse({
  sources: [
    {
      id: 'kafka-test',
      kind: 'kafka',
      brokers: ['127.0.0.1:1'],
      topics: [customers.topic],
      registry: { url: 'http://registry.test:8081' },
    },
  ],
});

describe('seek over Avro', () => {
  it('waits for each schema once and lists the decoded, masked events', async () => {
    let fetches = 0;
    const decoders = createWireDecoders(config, {
      fetch: (url) => {
        fetches++;
        const path = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
        const id = Number(path.split('/').pop());
        return Promise.resolve(Response.json(registryAnswer(id === IDS.key ? schemas.key : schemas.value)));
      },
    });
    const rand = rng(9);
    const messages = Array.from({ length: 20 }, (_, i) => envelopePair(customers, rand, i, IDS, false).avro);
    const reader: SeekReader = {
      async read(onMessage) {
        for (const m of messages) if (!(await onMessage(m, true))) return 'stopped';
        return 'end';
      },
    };
    const lines: SeekLine[] = [];
    const request: SeekRequest = {
      sourceId: 'kafka-test',
      channel: customers.topic,
      start: { kind: 'beginning' },
      filter: {},
      limit: 100,
      scan: 100,
      maxMs: 10_000,
    };
    const reason = await runSeek({
      request,
      reader,
      masker: createMasker({ fields: ['email'], replacement: '••••••', defaults: true }),
      decode: decoders.options('kafka-test') ?? {},
      decodeAwaiting: (raw) => decoders.decodeAwaiting(raw),
      write: (line) => {
        lines.push(line);
        return Promise.resolve();
      },
      signal: new AbortController().signal,
    });
    expect(reason).toBe('end');
    const events = lines.flatMap((l) => (l.type === 'event' ? [l] : []));
    expect(events).toHaveLength(20);
    expect(events.every((e) => e.item.kind === 'change')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/@example\.org/);
    expect(fetches).toBe(2);
  });
});
