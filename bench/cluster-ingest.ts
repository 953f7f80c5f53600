/**
 * Cluster ingest benchmark (issue #14): the same pre-produced topic (~1 KB
 * Debezium events, 8 partitions) read by one cdcscope instance pinned to core
 * 0, then by two instances of one deployment pinned to cores 0 and 1 (Kafka's
 * consumer group splits the partitions, Redis carries the counts). Each
 * instance is the real thing minus HTTP: Kafka source in cluster mode, full
 * pipeline, metrics, cluster node publishing to Redis. Prints each run's
 * events/s and the ratio (issue target: two instances ≥ 1.8 × one).
 *
 *   bash bench/private-kafka.sh start            # or use the stack's broker: --brokers 127.0.0.1:39092
 *   npx tsx bench/cluster-ingest.ts [--events 1000000] [--brokers 127.0.0.1:49092] [--redis redis://127.0.0.1:6379]
 *   bash bench/private-kafka.sh stop
 *
 * A run is timed from the first message any instance read to the last one,
 * and ends when the merged view (every instance's counts, through Redis)
 * holds every event. `--mode produce` only fills the topic; `--mode instance`
 * is one instance (the orchestrator starts them).
 */
import { spawn } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { configSchema } from '../lib/config/schema';
import { errorMessage } from '../lib/error-message';
import { createSource } from '../server/brokers/registry';
import { createClusterNode } from '../server/cluster/cluster-node';
import { createMetrics } from '../server/metrics/metrics';
import { createPipeline, type Pipeline } from '../server/pipeline/pipeline';
import { benchEvent } from './bench-events';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const mode = arg('mode', 'compare');
const events = Number(arg('events', '1000000'));
const broker = arg('brokers', '127.0.0.1:49092');
const brokers = [broker];
const redisUrl = arg('redis', 'redis://127.0.0.1:6379');
const PARTITIONS = 8;
const topic = `cdcscope-cluster-bench-${events}-p${PARTITIONS}`;
const kafka = new Kafka({ clientId: 'cdcscope-bench', brokers, logLevel: logLevel.NOTHING });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one instance reports: how many events it read itself, and when its first and last arrived (epoch ms). */
interface InstanceResult {
  id: string;
  own: number;
  firstAt: number;
  lastAt: number;
  cpuSeconds: number;
}

async function produce(): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) {
      const have = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
      if (have === events) {
        console.log(`produce: ${topic} already holds ${events} events`);
        return;
      }
      await admin.deleteTopics({ topics: [topic] });
    }
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  for (let i = 0; i < events; i += 2_000) {
    const messages = Array.from({ length: Math.min(2_000, events - i) }, (_, j) => benchEvent(i + j));
    await producer.send({ topic, messages, acks: 1, compression: CompressionTypes.None });
  }
  await producer.disconnect();
  console.log(`produce: ${events} events to ${topic} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** One instance of deployment `--run`; starts reading once all `--instances` of it are up (a Redis barrier). */
async function instance(): Promise<void> {
  const id = arg('id', 'solo');
  const run = arg('run', 'bench');
  const members = Number(arg('instances', '1'));
  const redis = new Redis(redisUrl);
  const ready = `cdcscope:${run}:bench-ready`;
  await redis.incr(ready);
  await redis.pexpire(ready, 600_000);
  while (Number(await redis.get(ready)) < members) await sleep(10);
  const config = configSchema.parse({
    sources: [{ id: 'bench', kind: 'kafka', brokers, topics: [topic], start: 'earliest', clientId: `bench-${id}` }],
    audit: { kind: 'postgres', connectionString: 'postgres://unused/unused' },
    cluster: { redis: redisUrl, instanceId: id, name: run, publishMs: 1_000, staleMs: 10_000 },
  });
  const late: { pipeline?: Pipeline } = {};
  if (!config.cluster) throw new Error('no cluster section');
  const node = createClusterNode({
    cluster: config.cluster,
    maxTables: config.limits.maxTables,
    redis,
    partials: (now) => late.pipeline?.partials(now) ?? [],
    onFenced: () => {
      console.error(`${id}: fenced (silent longer than staleMs)`);
      process.exit(3);
    },
  });
  const sources = config.sources.map((s) => createSource(s, node.link(s.id)));
  const pipeline = createPipeline({ config, sources, metrics: createMetrics(), onCounted: (b) => node.counted(b) });
  late.pipeline = pipeline;
  const own = () => pipeline.state.sources()[0]?.messages ?? 0;
  const merged = () =>
    node.tables(Date.now()).reduce((n, t) => n + Object.values(t.totals).reduce((a, b) => a + b, 0), 0);
  let firstAt = 0;
  let lastAt = 0;
  let seen = 0;
  const deadline = Date.now() + 20 * 60_000;
  const cpu0 = process.cpuUsage();
  while (merged() < events) {
    const n = own();
    if (n !== seen) {
      lastAt = Date.now();
      firstAt ||= lastAt;
      seen = n;
    }
    if (Date.now() > deadline) throw new Error(`${id}: the merged view holds ${merged()} of ${events} after 20 min`);
    await sleep(5);
  }
  const cpu = process.cpuUsage(cpu0);
  const result: InstanceResult = { id, own: own(), firstAt, lastAt, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  console.log(JSON.stringify(result));
  await node.close();
  await pipeline.close();
  redis.disconnect();
  process.exit(0);
}

const hasTaskset = spawnSync('sh', ['-c', 'command -v taskset']).status === 0;

/** Runs `ids.length` instances of one deployment, instance i pinned to core i; resolves with their results. */
async function runDeployment(run: string, ids: string[]): Promise<InstanceResult[]> {
  return Promise.all(
    ids.map(
      (id, core) =>
        new Promise<InstanceResult>((resolve, reject) => {
          const args = ['bench/cluster-ingest.ts', '--mode', 'instance', '--id', id, '--run', run];
          const common = ['--instances', String(ids.length), '--events', String(events), '--brokers', broker];
          const cmd = [
            ...(hasTaskset ? ['taskset', '-c', String(core)] : []),
            'node_modules/.bin/tsx',
            ...args,
            ...common,
            '--redis',
            redisUrl,
          ];
          const [exe = 'node_modules/.bin/tsx', ...rest] = cmd;
          const child = spawn(exe, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (b: Buffer) => (out += b.toString()));
          child.on('exit', (code) => {
            const line = out
              .trim()
              .split('\n')
              .reverse()
              .find((l) => l.startsWith('{'));
            if (code !== 0 || !line) reject(new Error(`instance ${id} exited with ${code}: ${out.trim()}`));
            else resolve(JSON.parse(line) as InstanceResult);
          });
        }),
    ),
  );
}

async function clearRun(run: string): Promise<void> {
  const r = new Redis(redisUrl);
  const keys = await r.keys(`cdcscope:${run}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
}

function summarize(label: string, results: InstanceResult[]) {
  const first = Math.min(...results.map((r) => r.firstAt));
  const last = Math.max(...results.map((r) => r.lastAt));
  const seconds = (last - first) / 1000;
  const rate = Math.round(events / seconds);
  const at = (t: number) => ((t - first) / 1000).toFixed(2);
  const parts = results
    .map(
      (r) => `${r.id} read ${r.own} from +${at(r.firstAt)} s to +${at(r.lastAt)} s (${r.cpuSeconds.toFixed(1)} s CPU)`,
    )
    .join(', ');
  // Each instance's own rate over its own reading time, added up: the aggregate without the start-up skew.
  const steady = Math.round(results.reduce((n, r) => n + r.own / Math.max(0.001, (r.lastAt - r.firstAt) / 1000), 0));
  console.log(
    `${label}: ${events} events in ${seconds.toFixed(2)} s = ${rate} events/s (sum of instances' own rates ${steady}/s); ${parts}`,
  );
  return {
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: rate,
    steadyEventsPerSecond: steady,
    perInstance: results.map((r) => r.own),
  };
}

async function compare(): Promise<void> {
  if (!hasTaskset) console.log('taskset not found: instances are NOT pinned to cores');
  await produce();
  const stamp = Date.now().toString(36);
  const solo = summarize('one instance, core 0', await runDeployment(`bench1-${stamp}`, ['i1']));
  const pair = summarize('two instances, cores 0 and 1', await runDeployment(`bench2-${stamp}`, ['i1', 'i2']));
  await Promise.all([clearRun(`bench1-${stamp}`), clearRun(`bench2-${stamp}`)]);
  const ratio = Number((pair.eventsPerSecond / solo.eventsPerSecond).toFixed(2));
  const steadyRatio = Number((pair.steadyEventsPerSecond / solo.steadyEventsPerSecond).toFixed(2));
  console.log(`two instances / one: ${ratio}× first-to-last, ${steadyRatio}× by own rates (issue #14 target ≥ 1.8×)`);
  console.log(
    JSON.stringify({
      bench: 'cluster-ingest',
      events,
      partitions: PARTITIONS,
      one: solo,
      two: pair,
      ratio,
      steadyRatio,
    }),
  );
}

const modes: Record<string, () => Promise<void>> = { produce, instance, compare };
const run = modes[mode];
if (!run) {
  console.error(`cluster-ingest: unknown --mode ${mode} (produce, instance, compare)`);
  process.exit(2);
}
run()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(`cluster-ingest: ${errorMessage(err)}`);
    process.exit(1);
  });
