/**
 * Slow downstream consumers, so the dashboard has real consumer lag to show:
 * - Kafka group `orders-service` on `replica_a.inventory.orders` (commits as it goes),
 * - JetStream durable `orders-projection` on `pg.inventory.orders` (explicit acks).
 * Each message costs a delay read live from the control file (`scripts/stack consumers
 * --delay-ms N`): raise it and lag grows, set it to 0 and lag drains.
 * Both survive broker restarts (the stack's fault verbs): they reconnect and resume from
 * their committed position. Run by scripts/stack as one process; SIGTERM stops it cleanly.
 */
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { errorMessage } from '../../lib/error-message';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

// A crash must say why in the log before the process goes: `scripts/stack up` shows the
// log's last lines when the consumers die while it waits for them.
const fatal = (what: string) => (e: unknown) => {
  console.error(
    `${new Date().toISOString()} consumers: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
  );
  process.exit(1);
};
process.on('uncaughtException', fatal('uncaught exception'));
process.on('unhandledRejection', fatal('unhandled rejection'));

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (start through scripts/stack)`);
  return v;
};
const root = env('STACK_ROOT');
const runDir = `${env('STACK_HOME')}/run`;
const delayFile = `${root}/${env('CONSUMER_DELAY_FILE')}`;
const defaultDelay = Number(env('CONSUMER_DELAY_MS_DEFAULT'));

/** How often the delay file is re-read: fast enough that a change feels immediate. */
const DELAY_POLL_MS = 200;
/** JetStream ack wait: long enough that even a 10 s delay on a full batch never redelivers. */
const ACK_WAIT_NS = 5 * 60 * 1e9;
/** Messages pulled per JetStream request; small, so a raised delay bites at once. */
const JS_BATCH = 10;
/**
 * Kafka group session: a member killed without leaving (kill -9, a crash) holds its
 * partitions until the broker has heard nothing from it for this long, and the restarted
 * process cannot be assigned them before. kafkajs's default of 30 s made every restart
 * of the consumers wait ~30 s plus a rebalance; 10 s (cdcscope's own cluster mode uses the
 * same) with a heartbeat every second still leaves ten missed heartbeats before a live
 * member is taken for dead. Not lower: the broker's minimum is 6 s, and on a loaded
 * two-core machine a tsx process can stall for seconds.
 */
const SESSION_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 1_000;

let delayMs = defaultDelay;
const readDelay = () => {
  try {
    const n = Number(readFileSync(delayFile, 'utf8').trim());
    if (Number.isFinite(n) && n >= 0) delayMs = n;
  } catch {
    delayMs = defaultDelay;
  }
};
readDelay();
setInterval(readDelay, DELAY_POLL_MS).unref();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let stopping = false;
/** Read through a call: SIGTERM sets `stopping` while the loops await, which TypeScript's narrowing cannot see. */
const stopRequested = () => stopping;

/** Wait out the current delay, noticing a change mid-wait (e.g. 5000 -> 0 drains at once). */
async function pace(): Promise<void> {
  const start = Date.now();
  while (!stopping && Date.now() - start < delayMs) await sleep(Math.min(100, delayMs - (Date.now() - start)));
}

const stats = {
  kafka: {
    group: env('KAFKA_CONSUMER_GROUP'),
    topic: env('KAFKA_CONSUMER_TOPIC'),
    processed: 0,
    subscribed: false,
    restarts: 0,
  },
  jetstream: {
    durable: env('JS_CONSUMER'),
    subject: env('JS_CONSUMER_SUBJECT'),
    processed: 0,
    subscribed: false,
    restarts: 0,
  },
};
/** Stats for `scripts/stack consumers status`; a missing or unwritable run dir (e.g. .stack/ deleted under us) is logged once, never fatal. */
let statsFailed = false;
function writeStats(): void {
  try {
    mkdirSync(runDir, { recursive: true });
    const tmp = `${runDir}/consumers.json.tmp`;
    writeFileSync(tmp, JSON.stringify({ ...stats, delayMs, updatedAt: new Date().toISOString() }));
    renameSync(tmp, `${runDir}/consumers.json`);
    if (stats.kafka.subscribed && stats.jetstream.subscribed) writeFileSync(`${runDir}/consumers.ready`, '');
    statsFailed = false;
  } catch (e) {
    if (!statsFailed) console.log(`stats: cannot write ${runDir}: ${errorMessage(e)}`);
    statsFailed = true;
  }
}
setInterval(writeStats, 1000).unref();

const kafka = new Kafka({
  clientId: stats.kafka.group,
  brokers: [env('KAFKA_BOOTSTRAP')],
  logLevel: logLevel.ERROR,
  retry: { retries: 8, maxRetryTime: 10_000 },
});
let consumer: Consumer | undefined;

async function runKafka(): Promise<void> {
  for (;;) {
    if (stopping) return;
    try {
      const admin = kafka.admin();
      await admin.connect();
      const exists = (await admin.listTopics()).includes(stats.kafka.topic);
      await admin.disconnect();
      if (!exists) throw new Error(`topic ${stats.kafka.topic} does not exist yet`);
      const c = kafka.consumer({
        groupId: stats.kafka.group,
        allowAutoTopicCreation: false,
        sessionTimeout: SESSION_TIMEOUT_MS,
        heartbeatInterval: HEARTBEAT_MS,
      });
      consumer = c;
      const crashed = new Promise<void>((resolve) =>
        c.on(c.events.CRASH, (e) => {
          if (!e.payload.restart) resolve();
        }),
      );
      await c.connect();
      await c.subscribe({ topic: stats.kafka.topic, fromBeginning: true });
      await c.run({
        autoCommitInterval: 1000,
        eachMessage: async () => {
          await pace();
          stats.kafka.processed++;
        },
      });
      stats.kafka.subscribed = true;
      console.log(`kafka: ${stats.kafka.group} consuming ${stats.kafka.topic}`);
      await crashed;
      console.log('kafka: consumer crashed without restart; recreating it');
      await c.disconnect().catch(() => undefined);
    } catch (e) {
      if (stopRequested()) return;
      console.log(`kafka: ${errorMessage(e)}; retrying in 3 s`);
    }
    stats.kafka.restarts++;
    await sleep(3000);
  }
}

let nc: NatsConnection | undefined;

async function runJetStream(): Promise<void> {
  const stream = env('NATS_STREAM');
  for (;;) {
    if (stopping) return;
    try {
      nc ??= await connect({
        servers: env('NATS_URL'),
        name: stats.jetstream.durable,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 1000,
      });
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.info(stream, stats.jetstream.durable).catch(async (e: unknown) => {
        if (!String(e).includes('not found')) throw e;
        await jsm.consumers.add(stream, {
          durable_name: stats.jetstream.durable,
          filter_subject: stats.jetstream.subject,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          ack_wait: ACK_WAIT_NS,
          max_ack_pending: 1000,
        });
      });
      const c = await jetstream(nc).consumers.get(stream, stats.jetstream.durable);
      const messages = await c.consume({ max_messages: JS_BATCH });
      stats.jetstream.subscribed = true;
      console.log(`jetstream: ${stats.jetstream.durable} consuming ${stats.jetstream.subject} from ${stream}`);
      for await (const m of messages) {
        await pace();
        if (stopRequested()) break;
        m.ack();
        stats.jetstream.processed++;
      }
      if (stopRequested()) return;
      console.log('jetstream: consume loop ended; resubscribing');
    } catch (e) {
      if (stopRequested()) return;
      console.log(`jetstream: ${errorMessage(e)}; retrying in 3 s`);
    }
    stats.jetstream.restarts++;
    await sleep(3000);
  }
}

async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 8000).unref();
  await Promise.allSettled([consumer?.disconnect(), nc?.drain()]);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

console.log(`consumers starting, delay ${delayMs} ms per message (file ${delayFile})`);
void runKafka();
void runJetStream();
