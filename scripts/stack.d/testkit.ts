/**
 * What the stack's own tests (test/integration/stack.test.ts, test/lifecycle/) use to drive
 * scripts/stack and watch what comes out of Kafka and JetStream. Kept beside the stack so
 * a change of names or shapes there is made in one place.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import type { NatsConnection } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { z } from 'zod';
import { errorMessage } from '../../lib/error-message';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const STACK = resolve(ROOT, 'scripts/stack');

export interface StackRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run scripts/stack; bounded, so a hang fails the test instead of stalling the suite. */
export function stack(args: string[], timeoutMs = 290_000): StackRun {
  const t0 = Date.now();
  const r = spawnSync(STACK, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, CI: process.env.CI ?? '' },
  });
  // stdout and stderr are null when the command could not be started at all (the types say string).
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - t0 };
}

/** Like stack() but throws with the output when the command fails. */
export function stackOk(args: string[], timeoutMs?: number): StackRun {
  const r = stack(args, timeoutMs);
  if (r.code !== 0) throw new Error(`scripts/stack ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

export function stackEnv(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stackOk(['env']).stdout.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Pids recorded by the stack, by component. */
export function stackPids(env: Record<string, string>): Record<string, number> {
  const dir = `${env.STACK_HOME}/run`;
  const pids: Record<string, number> = {};
  for (const f of readdirSync(dir)) {
    const m = /^([a-z-]+)\.pid$/.exec(f);
    if (m?.[1] && !f.includes('mariadbd')) pids[m[1]] = Number(readFileSync(`${dir}/${f}`, 'utf8').trim());
  }
  return pids;
}

/** Every daemon whose command line points into the stack (what `down` must leave none of); a `tail` of its logs does not count. */
export function stackProcesses(env: Record<string, string>): string[] {
  const found: string[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const daemon = /^(java|mariadbd|postgres|nats-server|node|tsx|setsid)$/.test(
      (cmd.split(' ')[0] ?? '').split('/').pop() ?? '',
    );
    if (daemon && (cmd.includes(`${env.STACK_HOME}/`) || cmd.includes(`${ROOT}/scripts/stack.d/`)))
      found.push(`${p}: ${cmd.slice(0, 120)}`);
  }
  return found;
}

const rowSchema = z.record(z.string(), z.unknown());
/** What the stack's tests read of a Debezium change event; its other fields pass through unchecked. */
const envelopeSchema = z.looseObject({
  op: z.string(),
  before: rowSchema.nullish(),
  after: rowSchema.nullish(),
  source: rowSchema,
  transaction: rowSchema.nullish(),
});
export type Envelope = z.infer<typeof envelopeSchema>;
const wrappedSchema = z.object({ schema: z.unknown(), payload: z.unknown() });

/** The JSON of a message's bytes. */
const jsonOf = (raw: Buffer | Uint8Array): unknown => JSON.parse(Buffer.from(raw).toString('utf8'));

/**
 * The Debezium change event in a message, whether the JSON converter wrapped it in {schema, payload} or not;
 * null for anything else (tombstones, heartbeats, schema changes, transaction markers).
 */
export function envelope(raw: Buffer | Uint8Array | null | undefined): Envelope | null {
  if (!raw) return null;
  const v = jsonOf(raw);
  const wrapped = wrappedSchema.safeParse(v);
  const event = envelopeSchema.safeParse(wrapped.success ? wrapped.data.payload : v);
  return event.success ? event.data : null;
}

export interface KafkaHit {
  value: Envelope;
  raw: unknown;
  headers: IHeaders;
  partition: number;
  offset: string;
}

export function kafkaClient(env: Record<string, string>): Kafka {
  const bootstrap = env.KAFKA_BOOTSTRAP;
  if (!bootstrap) throw new Error('KAFKA_BOOTSTRAP is not set: run scripts/stack up first');
  return new Kafka({ clientId: 'stack-test', brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

/** A consumer in a group of its own, so reading a topic here never moves anyone's offsets. */
function throwawayConsumer(kafka: Kafka) {
  return kafka.consumer({
    groupId: `stack-test-${process.pid}-${Date.now()}-${Math.random()}`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 250,
  });
}

/** Current end offsets of a topic: read from here to see only what happens next. */
export async function kafkaEnd(kafka: Kafka, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
  } finally {
    await admin.disconnect();
  }
}

/** First record from `from` on whose envelope `match` holds; rejects after timeoutMs. */
export async function kafkaFind(
  kafka: Kafka,
  topic: string,
  from: Map<number, string>,
  match: (v: Envelope) => boolean,
  timeoutMs: number,
): Promise<KafkaHit> {
  const consumer = throwawayConsumer(kafka);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<KafkaHit>((resolveHit, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching record on ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const value = envelope(message.value);
            if (message.value && value && match(value)) {
              clearTimeout(timer);
              resolveHit({
                value,
                raw: jsonOf(message.value),
                headers: message.headers ?? {},
                partition,
                offset: message.offset,
              });
            }
            return Promise.resolve();
          },
        })
        .then(() => {
          for (const [partition, offset] of from) consumer.seek({ topic, partition, offset });
        }, reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** A record as it is on the topic: bytes, not parsed (Avro, strings, JSON alike). */
export interface RawRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  partition: number;
  offset: number;
}

function rawRecord(
  partition: number,
  m: { key: Buffer | null; value: Buffer | null; headers?: IHeaders; offset: string },
): RawRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v !== undefined) headers[k] = (Array.isArray(v) ? v : [v]).map((x) => x.toString()).join(',');
  }
  return { key: m.key, value: m.value, headers, partition, offset: Number(m.offset) };
}

/** End offsets like kafkaEnd, or none for a topic that does not exist yet (a connector creates its topics on their first record): read it from the beginning. */
export async function kafkaEndOrNone(kafka: Kafka, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return new Map();
    return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
  } finally {
    await admin.disconnect();
  }
}

/** Every record of `topic` from `from` (per partition; beginning if absent) up to `until` (exclusive), as bytes. */
export async function kafkaReadRaw(
  kafka: Kafka,
  topic: string,
  from: Map<number, string>,
  until: Map<number, string>,
  timeoutMs: number,
): Promise<RawRecord[]> {
  const start = (p: number) => Number(from.get(p) ?? 0);
  const open = new Set([...until].filter(([p, end]) => Number(end) > start(p)).map(([p]) => p));
  if (!open.size) return [];
  const consumer = throwawayConsumer(kafka);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const out: RawRecord[] = [];
    return await new Promise<RawRecord[]>((resolveAll, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `${topic}: read ${out.length} records, partitions ${[...open].join(',')} not at their end within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      void consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const offset = Number(message.offset);
            const end = Number(until.get(partition) ?? 0);
            if (offset >= start(partition) && offset < end) {
              out.push(rawRecord(partition, message));
              if (offset + 1 >= end) open.delete(partition);
              if (!open.size) {
                clearTimeout(timer);
                resolveAll(out);
              }
            }
            return Promise.resolve();
          },
        })
        .then(() => {
          for (const [partition, offset] of from) consumer.seek({ topic, partition, offset });
        }, reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** First record from `from` on (beginning if absent) that `match` accepts, as bytes; rejects after timeoutMs. */
export async function kafkaFindRaw(
  kafka: Kafka,
  topic: string,
  from: Map<number, string>,
  match: (r: RawRecord) => boolean,
  timeoutMs: number,
): Promise<RawRecord> {
  const consumer = throwawayConsumer(kafka);
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<RawRecord>((resolveHit, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching record on ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer
        .run({
          eachMessage: ({ partition, message }) => {
            if (Number(message.offset) >= Number(from.get(partition) ?? 0)) {
              const r = rawRecord(partition, message);
              if (match(r)) {
                clearTimeout(timer);
                resolveHit(r);
              }
            }
            return Promise.resolve();
          },
        })
        .then(() => {
          for (const [partition, offset] of from) consumer.seek({ topic, partition, offset });
        }, reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Committed-offset lag of a consumer group on a topic (sum over partitions). */
export async function kafkaLag(kafka: Kafka, group: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const end = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return end.reduce((sum, p) => {
      const c = Number(committed?.partitions.find((x) => x.partition === p.partition)?.offset ?? -1);
      return sum + Number(p.high) - Math.max(c, 0);
    }, 0);
  } finally {
    await admin.disconnect();
  }
}

export async function streamLastSeq(nc: NatsConnection, stream: string): Promise<number> {
  return (await (await jetstreamManager(nc)).streams.info(stream)).state.last_seq;
}

/** First JetStream message after `afterSeq` on `subject` whose envelope matches. */
export async function jsFind(
  nc: NatsConnection,
  stream: string,
  subject: string,
  afterSeq: number,
  match: (v: Envelope) => boolean,
  timeoutMs: number,
): Promise<{ value: Envelope; raw: unknown; seq: number }> {
  // No server-side filter: NATS 2.9 (the machine's version) rejects filter_subjects on
  // ordered consumers, so the subject is checked here.
  const c = await jetstream(nc).consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: afterSeq + 1,
  });
  const messages = await c.consume();
  const timer = setTimeout(() => messages.stop(), timeoutMs);
  try {
    for await (const m of messages) {
      if (m.subject !== subject) continue;
      const value = envelope(m.data);
      if (value && match(value)) return { value, raw: jsonOf(m.data), seq: m.seq };
    }
  } finally {
    clearTimeout(timer);
    messages.stop();
  }
  throw new Error(`no matching message on ${subject} in ${stream} within ${timeoutMs} ms`);
}

/** Pending work of a durable JetStream consumer: not yet delivered + delivered but unacked. */
export async function jsLag(nc: NatsConnection, stream: string, durable: string): Promise<number> {
  const info = await (await jetstreamManager(nc)).consumers.info(stream, durable);
  return info.num_pending + info.num_ack_pending;
}

export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs: number,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not true within ${timeoutMs} ms${last ? ` (last error: ${errorMessage(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
