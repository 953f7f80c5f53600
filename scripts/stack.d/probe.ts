/**
 * Small protocol-level checks for scripts/stack, where bash has no client:
 *   probe.ts ensure-stream  create (or align) the JetStream stream Debezium Server writes to
 *   probe.ts topic NAME     exit 0 when the Kafka topic exists
 * Every call is bounded by a timer, so a hung service can never hang `scripts/stack`.
 * (Kafka's health is status.sh's kafka_metadata_ok: a tsx process cost 1-5 s a probe.)
 */
import { Kafka, logLevel } from 'kafkajs';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { errorMessage } from '../../lib/error-message';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (run through scripts/stack)`);
  return v;
};

/** Long enough for a broker busy with recovery, short enough to keep polling loops snappy. */
const PROBE_TIMEOUT_MS = 8_000;

function kafkaAdmin() {
  return new Kafka({
    clientId: 'stack-probe',
    brokers: [env('KAFKA_BOOTSTRAP')],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  }).admin();
}

async function topicExists(name: string): Promise<void> {
  const admin = kafkaAdmin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (!topics.includes(name)) throw new Error(`no topic ${name}`);
  } finally {
    await admin.disconnect();
  }
}

async function ensureStream(): Promise<void> {
  const nc = await connect({ servers: env('NATS_URL'), timeout: 3_000, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc);
    const name = env('NATS_STREAM');
    const subjects = env('NATS_SUBJECTS').split(',');
    try {
      const info = await jsm.streams.info(name);
      const have = [...info.config.subjects].sort().join(',');
      if (have !== [...subjects].sort().join(',')) {
        await jsm.streams.update(name, { ...info.config, subjects });
        console.log(`stream ${name}: subjects set to ${subjects.join(',')}`);
      }
    } catch (e) {
      if (!String(e).includes('not found')) throw e;
      await jsm.streams.add({
        name,
        subjects,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        // Bounded so a long load run cannot fill the disk; a day of history is plenty.
        max_bytes: 1024 * 1024 * 1024,
        max_age: 24 * 60 * 60 * 1e9,
        description: 'Debezium Server (PostgreSQL) change events for the cdcscope stack',
      });
      console.log(`stream ${name} created with subjects ${subjects.join(',')}`);
    }
  } finally {
    await nc.close();
  }
}

async function main(): Promise<void> {
  const [cmd, arg] = process.argv.slice(2);
  const timer = setTimeout(() => {
    console.error(`probe ${cmd}: timed out after ${PROBE_TIMEOUT_MS} ms`);
    process.exit(2);
  }, PROBE_TIMEOUT_MS);
  if (cmd === 'ensure-stream') await ensureStream();
  else if (cmd === 'topic' && arg) await topicExists(arg);
  else throw new Error(`usage: probe.ts ensure-stream | topic NAME`);
  clearTimeout(timer);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`probe: ${errorMessage(e)}`);
    process.exit(1);
  },
);
