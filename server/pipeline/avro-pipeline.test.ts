import { afterEach, describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { registryAnswer } from '../../lib/debezium/fixtures/avro';
import { avroTables, envelopePair, rng, schemasOf } from '../../lib/debezium/fixtures/avro-envelopes';
import type { RawMessage } from '../../lib/contracts/raw-message';
import { createWireDecoders } from '../schema-registry/wire-decoders';
import type { Source } from '../brokers/source';
import { createPipeline, type Pipeline } from './pipeline';

/**
 * The server's Avro path end to end without a broker: batches of Avro
 * messages through the pipeline with a fake Schema Registry that can be
 * down, unknown an id, or answer; what the dashboard then shows.
 */
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
      registry: { url: 'http://user:secret@registry.test:8081/apis/ccompat/v7/', retryMs: 1_000 },
    },
  ],
  masking: { fields: ['email'] },
});

let clock = 1_700_000_000_000;
let registryUp = false;
const requests: string[] = [];
const fakeFetch = vi.fn((url: string | URL | Request): Promise<Response> => {
  const path = typeof url === 'string' ? url : url instanceof URL ? url.href : url.url;
  requests.push(path);
  if (!registryUp) return Promise.reject(new TypeError('fetch failed: connect ECONNREFUSED'));
  const id = Number(path.slice(path.lastIndexOf('/') + 1));
  const body = id === IDS.key ? schemas.key : id === IDS.value ? schemas.value : undefined;
  return Promise.resolve(
    body === undefined
      ? new Response('{"error_code":40403,"message":"Schema not found"}', { status: 404 })
      : Response.json(registryAnswer(body)),
  );
});

/** A source that delivers nothing itself (the test calls ingest), so the summaries have a row for it. */
const quietSource: Source = {
  id: 'kafka-test',
  kind: 'kafka',
  target: 'test',
  channels: [customers.topic],
  async *batches() {},
  status: () => ({ status: { type: 'live', since: 0 }, reconnects: 0 }),
  onStatus: () => () => undefined,
  close: () => Promise.resolve(),
};

let pipeline: Pipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
});

function messages(from: number, n: number): RawMessage[] {
  const rand = rng(from);
  return Array.from({ length: n }, (_, i) => envelopePair(customers, rand, from + i, IDS, false).avro);
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('Avro through the pipeline', () => {
  it('registry down: undecodable with the reason, status says so; back: decoded, masked, shown decoded', async () => {
    const decoders = createWireDecoders(config, { fetch: fakeFetch, now: () => clock });
    pipeline = createPipeline({ config, sources: [quietSource], decoders });
    const p = pipeline;

    p.ingest(messages(0, 5));
    await vi.waitFor(() =>
      expect(p.state.events({ limit: 100 }).ok && p.state.events({ limit: 100 })).toMatchObject({
        value: { items: { length: 5 } },
      }),
    );
    const down = decoders.registryStatus('kafka-test');
    expect(down).toMatchObject({ state: 'unreachable', url: 'http://registry.test:8081/apis/ccompat/v7' });
    expect(down?.lastError).toMatch(/registry unreachable: fetch failed/);
    const page = p.state.events({ limit: 100 });
    if (!page.ok) throw new Error(page.error);
    expect(page.value.items.every((e) => e.kind === 'undecodable' && /registry unreachable/.test(e.reason ?? ''))).toBe(
      true,
    );
    // Failed ids are not asked for again before retryMs: a down registry costs one request per id per 1 s, not per message.
    const asked = requests.length;
    p.ingest(messages(5, 5));
    await settle();
    expect(requests.length).toBe(asked);

    registryUp = true;
    clock += 1_001;
    p.ingest(messages(10, 5));
    const changesNow = () => {
      const page = p.state.events({ table: 'pg.inventory.customers', limit: 100 });
      return page.ok ? page.value.items.filter((e) => e.kind === 'change') : [];
    };
    await vi.waitFor(() => expect(changesNow()).toHaveLength(5));
    const decoded = changesNow();
    expect(p.state.table('pg.inventory.customers')?.undecodable).toBe(10);
    const summary = p.state.sources()[0];
    expect(summary?.registry).toMatchObject({ state: 'ok', schemas: 2, failedIds: 0 });

    const withEmail = decoded
      .map((e) => p.state.event(e.id))
      .find((d) => typeof (d?.change?.after ?? d?.change?.before)?.email === 'string');
    if (withEmail === undefined) throw new Error('no event with an email');
    expect((withEmail.change?.after ?? withEmail.change?.before)?.email).toBe('••••••');
    expect(withEmail.raw.decodedFrom).toEqual({ format: 'avro', valueSchemaId: 42, keySchemaId: 41 });
    expect(withEmail.raw.masking).toBe('reserialized');
    const rawValue = JSON.parse(withEmail.raw.value ?? 'null') as { op: string; after: unknown; before: unknown };
    expect(['c', 'u', 'd', 'r']).toContain(rawValue.op);
    expect(JSON.stringify(rawValue)).not.toMatch(/@example\.org/);
    expect(withEmail.raw.value).toContain('••••••');
  });

  it('an id the registry does not know is undecodable with that reason, and nothing else waits for it', async () => {
    registryUp = true;
    const decoders = createWireDecoders(config, { fetch: fakeFetch, now: () => clock });
    pipeline = createPipeline({ config, sources: [quietSource], decoders });
    const p = pipeline;
    const good = messages(100, 3);
    const unknown = envelopePair(customers, rng(1), 200, { key: IDS.key, value: 777 }, false).avro;
    p.ingest([good[0]!, unknown, good[1]!, good[2]!]);
    await vi.waitFor(() => expect(p.state.sources()[0]?.messages).toBe(4));
    const page = p.state.events({ kind: 'undecodable', limit: 100 });
    if (!page.ok) throw new Error(page.error);
    expect(page.value.items).toHaveLength(1);
    expect(page.value.items[0]?.reason).toMatch(/schema id 777: unknown to the registry \(HTTP 404\)/);
    expect(p.state.sources()[0]?.registry).toMatchObject({ state: 'ok', failedIds: 1 });
  });
});
