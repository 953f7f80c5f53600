/**
 * Kafka ingest benchmark: 1 million ~1 KB Debezium events pre-produced to a
 * topic on the local stack's broker, read (a) by a bare kafkajs consumer loop
 * that only counts messages, (a') by the same loop also parsing each value as
 * JSON (the least any consumer that looks at a change must do), and (b) by
 * cdcscope's Kafka source feeding the full pipeline (decode, per-table
 * statistics, recent events, metrics). Each mode runs in its own process
 * (`--mode bare|bare-parse|cdcscope`) so peak RSS is its own.
 *
 *   npx tsx bench/kafka-ingest.ts --mode produce|bare|bare-parse|cdcscope [--events N] [--brokers HOST:PORT] [--workers N]
 *
 * `BENCH_LIMITS='{"inspectorEventsPerTable":1}'` overrides `limits:` of the
 * cdcscope run, e.g. to see what the inspector's buffer costs.
 */
import { Kafka, logLevel, CompressionTypes } from 'kafkajs';
import { configSchema } from '../lib/config/schema';
import { createKafkaSource } from '../server/brokers/kafka/consumer';
import { timePipelineCpu } from './time-pipeline';
import { benchEvent } from './bench-events';
import { errorMessage } from '../lib/error-message';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const mode = arg('mode', 'bare');
const events = Number(arg('events', '1000000'));
const brokers = [arg('brokers', '127.0.0.1:39092')];
const topic = `cdcscope-bench-${events}`;
/** `ingest.workers` of the cdcscope run (issue #11, target 3; bench/ingest-cores.ts compares 1 and 2 cores). */
const workers = Number(arg('workers', '0'));
const kafka = new Kafka({ clientId: 'cdcscope-bench', brokers, logLevel: logLevel.NOTHING });

async function topicSize(): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) return -1;
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

async function produce() {
  const have = await topicSize();
  if (have === events) {
    console.log(`produce: ${topic} already holds ${events} events`);
    return;
  }
  const admin = kafka.admin();
  await admin.connect();
  if (have >= 0) await admin.deleteTopics({ topics: [topic] });
  await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  const BATCH = 2_000;
  for (let i = 0; i < events; i += BATCH) {
    const messages = Array.from({ length: Math.min(BATCH, events - i) }, (_, j) => {
      const e = benchEvent(i + j);
      return { key: e.key, value: e.value };
    });
    await producer.send({ topic, messages, acks: 1, compression: CompressionTypes.None });
  }
  await producer.disconnect();
  console.log(`produce: ${events} events to ${topic} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function bare(parse: boolean): Promise<number> {
  const consumer = kafka.consumer({ groupId: `cdcscope-bench-bare-${Date.now()}`, maxBytes: 10 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let count = 0;
  let parsed = 0;
  let started = 0;
  return new Promise((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }) => {
        if (!started) started = performance.now();
        count += batch.messages.length;
        // Parsed and dropped: what a consumer that reads the change, and nothing more, pays.
        if (parse) {
          for (const m of batch.messages) {
            if (!m.value) continue;
            const value: unknown = JSON.parse(m.value.toString('utf8'));
            if (value !== undefined) parsed++;
          }
        }
        if (count >= events) {
          const secs = (performance.now() - started) / 1000;
          void consumer.disconnect().then(() => {
            resolve(secs);
          });
        }
        return Promise.resolve();
      },
    });
  });
}

/** CPU per event of the cdcscope run (main thread, whole process), printed beside its rate. */
let cpu: { mainCpuMicros?: number; processCpuMicros?: number } = {};

async function cdcscope(): Promise<number> {
  const config = configSchema.parse({
    sources: [{ id: 'bench', kind: 'kafka', brokers, topics: [topic], start: 'earliest', clientId: 'bench' }],
    ingest: { workers },
    ...(process.env.BENCH_LIMITS ? { limits: JSON.parse(process.env.BENCH_LIMITS) as unknown } : {}),
  });
  const source = createKafkaSource(config.sources[0] as never);
  const { seconds, ...perEvent } = await timePipelineCpu(config, source, events);
  cpu = perEvent;
  return seconds;
}

async function main() {
  if (mode === 'produce') return produce();
  if ((await topicSize()) < events)
    throw new Error(`${topic} holds fewer than ${events} events: run --mode produce first`);
  const secs = mode === 'bare' || mode === 'bare-parse' ? await bare(mode === 'bare-parse') : await cdcscope();
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      mode,
      events,
      ...(mode === 'cdcscope' ? { workers } : {}),
      seconds: Number(secs.toFixed(2)),
      eventsPerSecond: Math.round(events / secs),
      peakRssMiB: Math.round(rss),
      ...cpu,
    }),
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(`kafka-ingest: ${errorMessage(err)}`);
  process.exit(1);
});
