/**
 * JetStream ingest benchmark (issue #11, target 2): 1 million ~1 KB Debezium
 * events published once to a stream on the local NATS server (127.0.0.1:4222,
 * always running here: no stack needed), read from the start (a) by a bare
 * ordered consumer that only counts, (a') by the same consumer parsing each
 * value as JSON (the least any consumer that looks at a change must do), and
 * (b) by cdcscope's JetStream source feeding the whole pipeline with its
 * defaults (decode, per-table statistics, inspector buffer, replica trackers,
 * metrics). Each mode is its own process, so each peak RSS is its own.
 *
 *   npx tsx bench/jetstream-ingest.ts --mode produce|bare|bare-parse|cdcscope [--events N] [--read N] [--server URL]
 *   npx tsx bench/jetstream-ingest.ts --mode drop      # deletes the benchmark's stream (~1 GB on disk)
 */
import { connect } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { configSchema } from '../lib/config/schema';
import { createJetStreamSource } from '../server/brokers/jetstream/consumer';
import { timePipeline } from './time-pipeline';
import { benchEvent } from './bench-events';
import { errorMessage } from '../lib/error-message';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const mode = arg('mode', 'bare');
const events = Number(arg('events', '1000000'));
const server = arg('server', '127.0.0.1:4222');
/** How many of the stream's messages a reading mode reads (default all), e.g. for a shorter profile. */
const reads = Number(arg('read', String(events)));
const stream = `CDCSCOPE_BENCH_${events}`;
// The subject is the Debezium topic name, as Debezium Server's sink writes it.
const subjectPrefix = `cdcscope-bench-${events}`;

async function streamSize(): Promise<number> {
  const nc = await connect({ servers: server });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stream).catch(() => undefined);
    return info === undefined ? -1 : info.state.messages;
  } finally {
    await nc.close();
  }
}

async function produce() {
  const have = await streamSize();
  if (have === events) {
    console.log(`produce: ${stream} already holds ${events} messages`);
    return;
  }
  const nc = await connect({ servers: server });
  const jsm = await jetstreamManager(nc);
  if (have >= 0) await jsm.streams.delete(stream);
  await jsm.streams.add({ name: stream, subjects: [`${subjectPrefix}.>`], storage: StorageType.File });
  const js = jetstream(nc);
  const started = Date.now();
  const IN_FLIGHT = 1_000;
  for (let i = 0; i < events; i += IN_FLIGHT) {
    const acks: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(events, i + IN_FLIGHT); j++) {
      acks.push(js.publish(`${subjectPrefix}.shop.t${j % 10}`, benchEvent(j).value));
    }
    await Promise.all(acks);
  }
  await nc.close();
  console.log(`produce: ${events} messages to ${stream} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function drop() {
  const nc = await connect({ servers: server });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(stream).catch(() => false);
  await nc.close();
  console.log(`drop: ${stream} deleted`);
}

/** An ordered consumer from the first message, as cdcscope's source makes one (1,000 messages per pull). */
async function bare(parse: boolean): Promise<number> {
  const nc = await connect({ servers: server });
  const js = jetstream(nc);
  const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.All });
  const messages = await consumer.consume({ max_messages: 1_000 });
  const utf8 = new TextDecoder();
  let count = 0;
  let parsed = 0;
  let started = 0;
  for await (const m of messages) {
    if (!started) started = performance.now();
    count++;
    // Parsed and dropped: what a consumer that reads the change, and nothing more, pays.
    if (parse && JSON.parse(utf8.decode(m.data)) !== undefined) parsed++;
    if (count >= reads) break;
  }
  const secs = (performance.now() - started) / 1000;
  await nc.close();
  if (parse && parsed !== reads) throw new Error(`parsed ${parsed} of ${reads}`);
  return secs;
}

async function cdcscope(): Promise<number> {
  const config = configSchema.parse({
    sources: [{ id: 'bench', kind: 'jetstream', servers: [server], stream, start: 'all' }],
    ...(process.env.BENCH_LIMITS ? { limits: JSON.parse(process.env.BENCH_LIMITS) as unknown } : {}),
  });
  const source = createJetStreamSource(config.sources[0] as never);
  return timePipeline(config, source, reads);
}

async function main() {
  if (mode === 'produce') return produce();
  if (mode === 'drop') return drop();
  if ((await streamSize()) < events)
    throw new Error(`${stream} holds fewer than ${events} messages: run --mode produce first`);
  const secs = mode === 'bare' || mode === 'bare-parse' ? await bare(mode === 'bare-parse') : await cdcscope();
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      broker: 'jetstream',
      mode,
      events: reads,
      seconds: Number(secs.toFixed(2)),
      eventsPerSecond: Math.round(reads / secs),
      peakRssMiB: Math.round(rss),
    }),
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(`jetstream-ingest: ${errorMessage(err)}`);
  process.exit(1);
});
