import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server } from 'node:net';
import mysql from 'mysql2/promise';
import type { Kafka } from 'kafkajs';
import {
  eventually,
  kafkaClient,
  kafkaEnd,
  kafkaFind,
  stack,
  stackEnv,
  stackOk,
  stackPids,
  stackProcesses,
} from '../../scripts/stack.d/testkit';

/**
 * The stack's own lifecycle (issue #2): idempotent `up`, recovery after kill -9, the
 * stop/start fault verbs, a clean `down`, one-line errors on a bad machine, and a cold
 * `up` from an empty .stack/. Runs LAST (vitest.lifecycle.config.mts) and leaves the
 * stack DOWN.
 */
const env = stackEnv();
const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const PORTS = [
  'NATS_PORT',
  'NATS_MONITOR_PORT',
  'KAFKA_PORT',
  'KAFKA_CONTROLLER_PORT',
  'CONNECT_PORT',
  'MARIADB_PRIMARY_PORT',
  'MARIADB_REPLICA_A_PORT',
  'MARIADB_REPLICA_B_PORT',
  'PG_PORT',
  'DEBEZIUM_SERVER_PORT',
  'SCHEMA_REGISTRY_PORT',
].map((k) => Number(env[k]));
const COMPONENTS = [
  'nats',
  'kafka',
  'connect',
  'schema-registry',
  'mariadb-primary',
  'mariadb-replica-a',
  'mariadb-replica-b',
  'postgres',
  'debezium-server',
  'consumers',
];

/** Running, not a zombie: an exited daemon stays a zombie until init gets round to reaping it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = tcpConnect({ host: env.STACK_HOST!, port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/** A change on the primary must reach both replica topics: the whole MariaDB path works. */
async function mariaFlows(kafka: Kafka, timeoutMs: number): Promise<void> {
  const topics = ['replica_a', 'replica_b'].map((c) => `${c}.${env.MARIADB_DATABASE}.customers`);
  const from = await Promise.all(topics.map((t) => kafkaEnd(kafka, t)));
  const email = `life-${uniq()}@example.com`;
  const db = await eventually(
    'MariaDB primary accepting connections',
    () =>
      mysql.createConnection({
        host: env.STACK_HOST,
        port: Number(env.MARIADB_PRIMARY_PORT),
        user: env.MARIADB_USER,
        password: env.MARIADB_PASSWORD,
        database: env.MARIADB_DATABASE,
      }),
    30_000,
  );
  try {
    await db.query(`INSERT INTO customers (first_name, last_name, email, password) VALUES ('Life', 'Cycle', ?, 'x')`, [
      email,
    ]);
  } finally {
    await db.end();
  }
  const hits = await Promise.all(
    topics.map((t, i) => kafkaFind(kafka, t, from[i]!, (v) => v.after?.email === email, timeoutMs)),
  );
  expect(hits.map((h) => h.value.op)).toEqual(['c', 'c']);
  expect(hits[0]!.value.source.gtid).toBe(hits[1]!.value.source.gtid);
}

function expectAllHealthy(): void {
  const out = stackOk(['status']).stdout;
  for (const c of COMPONENTS) {
    expect(
      out.split('\n').find((l) => l.startsWith(`${c} `)),
      c,
    ).toMatch(/\s\d+\s+(ok|UP)/);
  }
  for (const c of env.CONNECTORS!.split(' ')) expect(out).toMatch(new RegExp(`connector:${c}\\s.*RUNNING RUNNING`));
}

/** A bad machine must end in exactly one `stack: error:` line, quickly. */
function expectOneLineError(r: ReturnType<typeof stack>, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.ms).toBeLessThan(60_000);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('stack: error:'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(pattern);
}

describe('stack lifecycle', { concurrent: false }, () => {
  const kafka = kafkaClient(env);

  beforeAll(() => {
    stackOk(['up']);
  });
  afterAll(() => {
    stack(['down']);
  });

  it('up twice in a row is harmless: same processes, still healthy', () => {
    const before = stackPids(env);
    stackOk(['up']);
    const second = stackOk(['up']);
    expect(second.stderr).toMatch(/stack is up in \d+s/);
    expect(second.ms).toBeLessThan(60_000);
    expect(stackPids(env)).toEqual(before);
    expectAllHealthy();
  });

  it('up after kill -9 of Kafka brings it back and the pipeline flows again', async () => {
    const pid = stackPids(env).kafka!;
    process.kill(pid, 'SIGKILL');
    await eventually('kafka gone', async () => !alive(pid), 10_000);
    const r = stackOk(['up']);
    expect(r.stderr).toMatch(/starting kafka/);
    const now = stackPids(env).kafka!;
    expect(now).not.toBe(pid);
    expect(alive(now)).toBe(true);
    expectAllHealthy();
    await mariaFlows(kafka, 90_000);
  });

  it('stop/start of the MariaDB primary: replicas reconnect and changes flow again', async () => {
    stackOk(['stop', 'mariadb-primary']);
    expect(stackOk(['status']).stdout).toMatch(/mariadb-primary\s.*\s-\s+down/);
    expect(await listening(Number(env.MARIADB_PRIMARY_PORT))).toBe(false);
    stackOk(['start', 'mariadb-primary']);
    await mariaFlows(kafka, 60_000);
  });

  it('down stops every process of the stack and frees every port', async () => {
    const pids = Object.values(stackPids(env));
    expect(pids.length).toBeGreaterThanOrEqual(COMPONENTS.length);
    stackOk(['down']);
    expect(stackProcesses(env)).toEqual([]);
    expect(pids.filter(alive)).toEqual([]);
    for (const port of PORTS) expect(await listening(port), `port ${port}`).toBe(false);
    expect(stackOk(['status']).stdout).not.toMatch(/\s(ok|UP)/);
  });

  it('a port taken by another process ends in one clear line and starts nothing', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((r) => squatter.listen(Number(env.KAFKA_PORT), env.STACK_HOST, r));
    try {
      const r = stack(['up'], 60_000);
      expectOneLineError(r, new RegExp(`port ${env.KAFKA_PORT} .*taken by pid ${process.pid}`));
      expect(stackProcesses(env)).toEqual([]);
    } finally {
      squatter.close();
    }
  });

  it('missing Java and an unreachable Maven end in one clear line each', () => {
    process.env.STACK_JAVA = '/nonexistent/java';
    try {
      expectOneLineError(stack(['up'], 60_000), /java not found .*openjdk-17/);
    } finally {
      delete process.env.STACK_JAVA;
    }
    // A Kafka version whose jars are not in .stack/, with Maven forced offline.
    process.env.KAFKA_VERSION = '4.0.0';
    process.env.STACK_MAVEN_ARGS = '-o -Dmaven.repo.local=/nonexistent-m2';
    try {
      expectOneLineError(stack(['up'], 60_000), /Maven could not fetch .*Maven Central/);
    } finally {
      delete process.env.KAFKA_VERSION;
      delete process.env.STACK_MAVEN_ARGS;
    }
    expect(stackProcesses(env)).toEqual([]);
  });

  it('cold up from an empty .stack/ (Maven cache warm) is healthy in under 3 minutes, then down', async () => {
    rmSync(env.STACK_HOME!, { recursive: true, force: true });
    const r = stackOk(['up'], 290_000);
    console.log(`cold up took ${(r.ms / 1000).toFixed(1)} s`);
    expect(r.ms).toBeLessThan(180_000);
    expectAllHealthy();
    await mariaFlows(kafka, 60_000);
    stackOk(['down']);
    expect(stackProcesses(env)).toEqual([]);
  });
});
