import { mkdirSync, writeFileSync } from 'node:fs';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import pg from 'pg';
import { ServerProcess } from '../../e2e/server-process';
import { clearRun, TEST_REDIS } from './cluster-run';
import { freePort } from './private-redis';
import { stackEnv } from './stack-env';

/*
 * Several real cdcscope processes (`tsx server/main.ts`) of one deployment
 * (issue #14): one configuration file, the machine's Redis, the stack's Kafka
 * and PostgreSQL. Shared by the lifecycle test and the Playwright spec; no
 * server code is imported, so Playwright can load it.
 */

export interface ProcessCluster {
  /** The deployment's name: its consumer group, Redis keys, config file and audit table. */
  run: string;
  topics: string[];
  admin: Admin;
  producer: Producer;
  /** Creates the topics (all with `numPartitions`) once admin and producer are connected. */
  createTopics(numPartitions: number): Promise<void>;
  /**
   * Writes the configuration and starts one process per id, named `<run>-<id>`,
   * with `CDCSCOPE_INSTANCE=<id>`.
   */
  start(ids: string[]): Promise<ServerProcess[]>;
  /** Stops the processes and removes what the run left: topics, group, Redis keys, audit table. */
  close(): Promise<void>;
}

/**
 * `source` adds fields to the Kafka source of the configuration (e.g. a
 * client id carrying `${CDCSCOPE_INSTANCE}`).
 */
export function processCluster({
  run,
  topics,
  source = {},
}: {
  run: string;
  topics: string[];
  source?: Record<string, unknown>;
}): ProcessCluster {
  const env = stackEnv();
  const pgUrl = `postgres://${env.PG_USER}:${env.PG_PASSWORD}@${env.STACK_HOST}:${env.PG_PORT}/${env.PG_DATABASE}`;
  const auditTable = `cluster_audit_${run}`;
  const kafka = new Kafka({
    clientId: 'cdcscope-test',
    brokers: [env.KAFKA_BOOTSTRAP as string],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer();
  let servers: ServerProcess[] = [];

  function writeConfig(): string {
    mkdirSync('test-results', { recursive: true });
    const file = `test-results/${run}.config.json`;
    writeFileSync(
      file,
      JSON.stringify({
        sources: [{ id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics, start: 'earliest', ...source }],
        audit: { kind: 'postgres', connectionString: pgUrl, table: auditTable },
        // The instance's name comes from its environment, as `${HOSTNAME}` would on separate hosts.
        cluster: { redis: TEST_REDIS, instanceId: '${CDCSCOPE_INSTANCE}', name: run, publishMs: 500, staleMs: 2_500 },
      }),
    );
    return file;
  }

  return {
    run,
    topics,
    admin,
    producer,
    async createTopics(numPartitions) {
      await Promise.all([admin.connect(), producer.connect()]);
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })), waitForLeaders: true });
    },
    async start(ids) {
      const file = writeConfig();
      servers = [];
      for (const id of ids)
        servers.push(
          new ServerProcess(`${run}-${id}`, await freePort(), { CDCSCOPE_CONFIG: file, CDCSCOPE_INSTANCE: id }),
        );
      // One after another: several Next.js start-ups at once on a small machine can outlast the audit log's 5 s connect timeout.
      for (const s of servers) await s.start();
      return servers;
    },
    async close() {
      await Promise.allSettled(servers.map((s) => s.stop()));
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.deleteGroups([`cdcscope-cluster-${run}-k`]).catch(() => undefined);
      await clearRun(run);
      const db = new pg.Client({ connectionString: pgUrl });
      await db.connect();
      await db.query(`DROP TABLE IF EXISTS ${auditTable}`).catch(() => undefined);
      await db.end();
      await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
    },
  };
}
