import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { configSchema } from '../../lib/config/schema';
import type { OutgoingMessage } from '../../lib/contracts/replay';
import type { SinkSender } from '../../server/brokers/sink-sender';
import { createSinkSenders } from '../../server/brokers/registry';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Each sink kind against the real broker: what arrives (value, key, headers),
 * the JetStream de-duplication by replay id, core NATS, and a sink that is
 * down reported as a failure within the send timeout, never thrown.
 */
const env = stackEnv();
const run = Date.now();
const topic = `cdcscope-replay-it-${run}`;
const stream = `CDCSCOPE_REPLAY_IT_${run}`;
const jsSubject = `replayit.${run}.js`;
const coreSubject = `replayit.${run}.core`;
const kafka = new Kafka({
  clientId: 'cdcscope-replay-it',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
let nc: NatsConnection;
let http: Server;
const posts: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let senders: Map<string, SinkSender>;

const message = (
  replayId: string,
  value: string | null = '{"op":"c","after":{"id":1,"name":"Zoë"}}',
): OutgoingMessage => ({
  key: '{"id":1}',
  value,
  headers: { 'cdcscope-replay-id': replayId, 'cdcscope-original-key': '{"name":"Zoë"}' },
});

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  nc = await connect({ servers: env.NATS_URL });
  await (await jetstreamManager(nc)).streams.add({ name: stream, subjects: [jsSubject] });
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posts.push({ headers: req.headers, body });
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  const config = configSchema.parse({
    sources: [{ id: 'nats', kind: 'jetstream', servers: [env.NATS_URL], stream: 'DebeziumStream' }],
    sinks: [
      { id: 'topic', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topic },
      { id: 'missing-topic', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topic: `no-such-topic-${run}` },
      { id: 'js', kind: 'nats', cluster: 'nats', subject: jsSubject },
      { id: 'core', kind: 'nats', servers: [env.NATS_URL], subject: coreSubject, mode: 'core' },
      { id: 'hook', kind: 'http', url: `http://127.0.0.1:${port}/hook`, headers: { 'x-sink-secret': 's3' } },
      { id: 'hook-500', kind: 'http', url: `http://127.0.0.1:${port}/fail` },
      { id: 'hook-down', kind: 'http', url: 'http://127.0.0.1:1/hook', timeoutMs: 1000 },
    ],
  });
  senders = createSinkSenders(config, () => undefined);
});

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await Promise.allSettled([...(senders?.values() ?? [])].map((s) => s.close()));
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await nc?.close();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await new Promise((r) => http?.close(r));
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('replay sinks against the real brokers', () => {
  it('Kafka: key, value and headers as sent, and a tombstone as a null value', async () => {
    expect(await senders.get('topic')!.send(message('k-1'))).toEqual({ ok: true, detail: `${topic} p0@0` });
    expect(await senders.get('topic')!.send(message('k-2', null))).toMatchObject({ ok: true });
    const got: { key: string; value: string | null; id: string }[] = [];
    const consumer = kafka.consumer({ groupId: `cdcscope-replay-it-${run}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message: m }) =>
        void got.push({
          key: m.key?.toString() ?? '',
          value: m.value === null ? null : m.value.toString(),
          id: String(m.headers?.['cdcscope-replay-id']),
        }),
    });
    await waitFor('both Kafka messages', () => got.length >= 2, 30_000);
    await consumer.disconnect();
    expect(got).toEqual([
      { key: '{"id":1}', value: '{"op":"c","after":{"id":1,"name":"Zoë"}}', id: 'k-1' },
      { key: '{"id":1}', value: null, id: 'k-2' },
    ]);
  });

  it('Kafka: a topic that does not exist is a failed result, not an exception', async () => {
    const r = await senders.get('missing-topic')!.send(message('k-3'));
    expect(r.ok).toBe(false);
  }, 30_000);

  it('JetStream: stored once per replay id, with the id as Nats-Msg-Id and headers made transport-safe', async () => {
    const first = await senders.get('js')!.send(message('js-1'));
    const again = await senders.get('js')!.send(message('js-1'));
    expect(first).toEqual({ ok: true, detail: `${stream} seq 1` });
    expect(again).toEqual({ ok: true, detail: `${stream} seq 1 (duplicate: already stored)` });
    const jsm = await jetstreamManager(nc);
    expect((await jsm.streams.info(stream)).state.messages).toBe(1);
    const stored = await jsm.streams.getMessage(stream, { seq: 1 });
    expect(stored?.header.get('Nats-Msg-Id')).toBe('js-1');
    expect(stored?.header.get('cdcscope-original-key')).toBe(encodeURIComponent('{"name":"Zoë"}'));
    expect(stored?.string()).toBe('{"op":"c","after":{"id":1,"name":"Zoë"}}');
  });

  it('core NATS: delivered to a subscriber with its headers', async () => {
    const sub = nc.subscribe(coreSubject, { max: 1 });
    const received = (async () => {
      for await (const m of sub) return { id: m.headers?.get('cdcscope-replay-id'), body: m.string() };
      return undefined;
    })();
    await nc.flush();
    expect(await senders.get('core')!.send(message('core-1'))).toEqual({
      ok: true,
      detail: `${coreSubject} (core NATS, flushed)`,
    });
    expect(await received).toEqual({ id: 'core-1', body: '{"op":"c","after":{"id":1,"name":"Zoë"}}' });
  });

  it('HTTP: a JSON POST with provenance, Idempotency-Key and the sink headers; non-2xx and unreachable are failures', async () => {
    expect(await senders.get('hook')!.send(message('h-1'))).toEqual({ ok: true, detail: 'HTTP 204' });
    const post = posts.find((p) => p.headers['cdcscope-replay-id'] === 'h-1');
    expect(post?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': 'h-1',
      'x-sink-secret': 's3',
    });
    expect(post?.body).toBe('{"op":"c","after":{"id":1,"name":"Zoë"}}');
    expect(await senders.get('hook-500')!.send(message('h-2'))).toEqual({
      ok: false,
      error: 'HTTP 500 Internal Server Error',
    });
    const down = await senders.get('hook-down')!.send(message('h-3'));
    expect(down.ok).toBe(false);
  });
});
