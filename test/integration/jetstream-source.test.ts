import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { RawMessage } from '../../lib/contracts/raw-message';
import { jetstreamSourceSchema } from '../../lib/config/schema';
import { createJetStreamSource } from '../../server/brokers/jetstream/consumer';
import type { Source } from '../../server/brokers/source';
import { stackEnv, waitFor } from '../support/stack-env';

const env = stackEnv();
const stream = `CDCSCOPE_IT_${Date.now()}`;
let nc: NatsConnection;

async function drain(source: Source, into: RawMessage[]) {
  for await (const batch of source.batches()) into.push(...batch);
}

describe('JetStream source against the stack NATS server', () => {
  beforeAll(async () => {
    nc = await connect({ servers: env.NATS_URL });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`${stream.toLowerCase()}.>`] });
  });
  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('reads every message once, in order, and leaves no durable consumer behind', async () => {
    const subject = `${stream.toLowerCase()}.inventory.customers`;
    for (let i = 0; i < 50; i++) nc.publish(subject, JSON.stringify({ op: 'c', n: i }));
    await nc.flush();
    const config = jetstreamSourceSchema.parse({
      id: 'it',
      kind: 'jetstream',
      servers: [env.NATS_URL],
      stream,
      subject: '>',
      start: 'all',
    });
    const source = createJetStreamSource(config);
    const got: RawMessage[] = [];
    const done = drain(source, got);
    await waitFor('50 messages', () => got.length >= 50);
    expect(source.status().status.type).toBe('live');
    for (let i = 50; i < 80; i++) nc.publish(subject, JSON.stringify({ op: 'c', n: i }));
    await waitFor('80 messages', () => got.length >= 80);
    await new Promise((r) => setTimeout(r, 500));
    expect(got).toHaveLength(80);
    const seqs = got.map((m) => (m.origin.kind === 'jetstream' ? m.origin.seq : -1));
    expect(seqs).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect(got[0]?.key).toBeNull();

    const jsm = await jetstreamManager(nc);
    const consumers = await jsm.consumers.list(stream).next();
    expect(consumers.filter((c) => c.config.durable_name)).toEqual([]);
    await source.close();
    await done;
    expect(source.status().status.type).toBe('stopped');
  });

  it('applies the subject filter whatever the server version', async () => {
    const prefix = stream.toLowerCase();
    for (let i = 0; i < 10; i++) nc.publish(`${prefix}.other.things`, JSON.stringify({ n: i }));
    nc.publish(`${prefix}.inventory.orders`, JSON.stringify({ n: 'wanted' }));
    await nc.flush();
    const config = jetstreamSourceSchema.parse({
      id: 'it3',
      kind: 'jetstream',
      servers: [env.NATS_URL],
      stream,
      subject: `${prefix}.*.orders`,
      start: 'all',
    });
    const source = createJetStreamSource(config);
    const got: RawMessage[] = [];
    const done = drain(source, got);
    await waitFor('the orders message', () => got.length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(got.map((m) => (m.origin.kind === 'jetstream' ? m.origin.subject : ''))).toEqual([
      `${prefix}.inventory.orders`,
    ]);
    await source.close();
    await done;
  });

  it('reports a missing stream as an error instead of crashing', async () => {
    const config = jetstreamSourceSchema.parse({
      id: 'it2',
      kind: 'jetstream',
      servers: [env.NATS_URL],
      stream: 'NO_SUCH_STREAM',
      subject: '>',
      start: 'new',
    });
    const source = createJetStreamSource(config);
    const status = await waitFor('an error status', () => {
      const s = source.status().status;
      return s.type === 'error' ? s : undefined;
    });
    expect(status.message).toMatch(/stream/i);
    await source.close();
  });
});
