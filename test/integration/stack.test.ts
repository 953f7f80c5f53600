import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Kafka } from 'kafkajs';
import {
  eventually,
  jsFind,
  jsLag,
  kafkaClient,
  kafkaEnd,
  kafkaFind,
  kafkaLag,
  stackEnv,
  stackOk,
  streamLastSeq,
} from '../../scripts/stack.d/testkit';

/**
 * The stack's acceptance tests (issue #2). They expect `scripts/stack up` to have run
 * (beforeAll runs it again: it is idempotent and quick when everything is up) and fail
 * loudly when any piece is missing: nothing here is skipped.
 */
const env = stackEnv();
const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let kafka: Kafka;
let nc: NatsConnection;
let pgc: pg.Client;
let primary: mysql.Connection;

beforeAll(async () => {
  stackOk(['up']);
  kafka = kafkaClient(env);
  nc = await connect({ servers: env.NATS_URL });
  pgc = new pg.Client({
    host: env.STACK_HOST,
    port: Number(env.PG_PORT),
    user: env.PG_USER,
    password: env.PG_PASSWORD,
    database: env.PG_DATABASE,
  });
  await pgc.connect();
  primary = await mysql.createConnection({
    host: env.STACK_HOST,
    port: Number(env.MARIADB_PRIMARY_PORT),
    user: env.MARIADB_USER,
    password: env.MARIADB_PASSWORD,
    database: env.MARIADB_DATABASE,
  });
});

afterAll(async () => {
  stackOk(['consumers', '--delay-ms', env.CONSUMER_DELAY_MS_DEFAULT!]);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await Promise.allSettled([nc?.close(), pgc?.end(), primary?.end()]);
});

async function insertMariaCustomer(email: string): Promise<string> {
  await primary.query(
    'INSERT INTO customers (first_name, last_name, email, password, phone) VALUES (?, ?, ?, ?, NULL)',
    ['It', 'Test', email, 'secret'],
  );
  const [rows] = await primary.query('SELECT @@last_gtid AS gtid');
  return (rows as { gtid: string }[])[0]!.gtid;
}

describe('PostgreSQL -> Debezium Server -> JetStream', () => {
  const subject = `${env.PG_TOPIC_PREFIX}.${env.PG_SCHEMA}.customers`;

  it('an inserted row arrives on the stream as op "c" within 10 s', async () => {
    const email = `pg-${uniq()}@example.com`;
    const after = await streamLastSeq(nc, env.NATS_STREAM!);
    const t0 = Date.now();
    await pgc.query(
      `INSERT INTO ${env.PG_SCHEMA}.customers (first_name, last_name, email, password, loyalty_points) VALUES ('It', 'Test', $1, 'secret', 7)`,
      [email],
    );
    const hit = await jsFind(nc, env.NATS_STREAM!, subject, after, (v) => v.after?.email === email, 10_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(hit.value.op).toBe('c');
    expect(hit.value.before).toBeNull();
    expect(hit.value.after?.loyalty_points).toBe(7);
    expect(hit.value.source).toMatchObject({
      connector: 'postgresql',
      db: env.PG_DATABASE,
      schema: env.PG_SCHEMA,
      table: 'customers',
    });
    expect(typeof hit.value.source.lsn).toBe('number');
    // Debezium Server's JSON format keeps the schema wrapper, and transaction metadata is on.
    expect(hit.raw).toHaveProperty('schema');
    expect(hit.value.transaction?.id).toMatch(/\d/);
  });

  it('an update arrives as op "u" with the full before (REPLICA IDENTITY FULL) and after', async () => {
    const email = `pg-${uniq()}@example.com`;
    await pgc.query(
      `INSERT INTO ${env.PG_SCHEMA}.customers (first_name, last_name, email, password, loyalty_points) VALUES ('It', 'Test', $1, 'secret', 1)`,
      [email],
    );
    const after = await streamLastSeq(nc, env.NATS_STREAM!);
    await pgc.query(`UPDATE ${env.PG_SCHEMA}.customers SET loyalty_points = 2 WHERE email = $1`, [email]);
    const hit = await jsFind(
      nc,
      env.NATS_STREAM!,
      subject,
      after,
      (v) => v.op === 'u' && v.after?.email === email,
      10_000,
    );
    expect(hit.value.before).toMatchObject({ email, loyalty_points: 1, first_name: 'It', password: 'secret' });
    expect(hit.value.after).toMatchObject({ email, loyalty_points: 2 });
  });

  it('the stream carries one message per change (no double publish by the sink)', async () => {
    const email = `pg-${uniq()}@example.com`;
    const after = await streamLastSeq(nc, env.NATS_STREAM!);
    await pgc.query(
      `INSERT INTO ${env.PG_SCHEMA}.customers (first_name, last_name, email, password) VALUES ('It', 'Dup', $1, 'x')`,
      [email],
    );
    const first = await jsFind(nc, env.NATS_STREAM!, subject, after, (v) => v.after?.email === email, 10_000);
    await expect(
      jsFind(nc, env.NATS_STREAM!, subject, first.seq, (v) => v.after?.email === email, 3_000),
    ).rejects.toThrow(/within/);
  });
});

describe('MariaDB primary -> replicas -> Debezium connectors -> Kafka', () => {
  const topicA = `replica_a.${env.MARIADB_DATABASE}.customers`;
  const topicB = `replica_b.${env.MARIADB_DATABASE}.customers`;

  it('a row inserted on the primary appears on both replica topics with the same GTID', async () => {
    const email = `maria-${uniq()}@example.com`;
    const [fromA, fromB] = await Promise.all([kafkaEnd(kafka, topicA), kafkaEnd(kafka, topicB)]);
    const gtid = await insertMariaCustomer(email);
    expect(gtid).toMatch(/^\d+-\d+-\d+$/);
    const [a, b] = await Promise.all([
      kafkaFind(kafka, topicA, fromA, (v) => v.after?.email === email, 30_000),
      kafkaFind(kafka, topicB, fromB, (v) => v.after?.email === email, 30_000),
    ]);
    expect(a.value.op).toBe('c');
    expect(b.value.op).toBe('c');
    expect(a.value.source.gtid).toBe(gtid);
    expect(b.value.source.gtid).toBe(gtid);
    expect(a.value.source.name).toBe('replica_a');
    expect(b.value.source.name).toBe('replica_b');
    expect(a.value.source.connector).toBe('mariadb');
  });

  it('replica_a is schema-wrapped with transaction metadata; replica_b is bare JSON', async () => {
    const email = `maria-${uniq()}@example.com`;
    const [fromA, fromB] = await Promise.all([kafkaEnd(kafka, topicA), kafkaEnd(kafka, topicB)]);
    const gtid = await insertMariaCustomer(email);
    const a = await kafkaFind(kafka, topicA, fromA, (v) => v.after?.email === email, 30_000);
    const b = await kafkaFind(kafka, topicB, fromB, (v) => v.after?.email === email, 30_000);
    expect(a.raw).toHaveProperty('schema');
    expect(a.raw).toHaveProperty('payload');
    expect(a.value.transaction).toMatchObject({ id: gtid, total_order: 1 });
    expect(b.raw).not.toHaveProperty('schema');
    expect(b.raw).toMatchObject({ op: 'c' });
    const txEnd = await kafkaEnd(kafka, 'replica_a.transaction');
    expect([...txEnd.values()].reduce((s, o) => s + Number(o), 0)).toBeGreaterThan(0);
  });

  it('replica_a heartbeats about every 5 s even with no inventory traffic', async () => {
    const topic = '__debezium-heartbeat.replica_a';
    const before = [...(await kafkaEnd(kafka, topic)).values()].reduce((s, o) => s + Number(o), 0);
    await eventually(
      'a new heartbeat',
      async () => {
        const now = [...(await kafkaEnd(kafka, topic)).values()].reduce((s, o) => s + Number(o), 0);
        return now > before;
      },
      20_000,
      1_000,
    );
  });
});

describe('fault verbs', () => {
  const topicB = `replica_b.${env.MARIADB_DATABASE}.customers`;

  it('pause holds a connector back and resume delivers what it missed', async () => {
    expect(stackOk(['pause', 'replica_b']).stdout).toMatch(/replica_b: pause/);
    const state = () =>
      stackOk(['status'])
        .stdout.split('\n')
        .find((l) => l.startsWith('connector:replica_b')) ?? '';
    await eventually('replica_b PAUSED', async () => /PAUSED PAUSED/.test(state()), 30_000);
    const from = await kafkaEnd(kafka, topicB);
    const email = `pause-${uniq()}@example.com`;
    await insertMariaCustomer(email);
    await expect(kafkaFind(kafka, topicB, from, (v) => v.after?.email === email, 4_000)).rejects.toThrow(/within/);
    stackOk(['resume', 'replica_b']);
    const hit = await kafkaFind(kafka, topicB, from, (v) => v.after?.email === email, 30_000);
    expect(hit.value.op).toBe('c');
  });

  it('restart-reset re-sends the table as snapshot reads', async () => {
    const from = await kafkaEnd(kafka, topicB);
    const out = stackOk(['restart-reset', 'replica_b']);
    expect(out.stdout).toMatch(/offsets reset/);
    const hit = await kafkaFind(kafka, topicB, from, (v) => v.op === 'r', 60_000);
    expect(hit.value.source.snapshot).not.toBe('false');
  });
});

describe('slow consumers', () => {
  it('lag grows with a high delay and drains with --delay-ms 0 (Kafka group and JetStream durable)', async () => {
    stackOk(['consumers', '--delay-ms', '1000']);
    await new Promise((r) => setTimeout(r, 1_500));
    for (let i = 0; i < 15; i++) {
      await primary.query(
        `INSERT INTO orders (customer_id, product_id, quantity, unit_price, total, order_date) VALUES (1, 1, 1, 9.99, 9.99, CURRENT_DATE)`,
      );
      await pgc.query(
        `INSERT INTO ${env.PG_SCHEMA}.orders (customer_id, product_id, quantity, unit_price, total, order_date) VALUES (1, 1, 1, 9.99, 9.99, CURRENT_DATE)`,
      );
    }
    await eventually(
      'Kafka lag >= 5',
      async () => (await kafkaLag(kafka, env.KAFKA_CONSUMER_GROUP!, env.KAFKA_CONSUMER_TOPIC!)) >= 5,
      20_000,
    );
    await eventually(
      'JetStream lag >= 5',
      async () => (await jsLag(nc, env.NATS_STREAM!, env.JS_CONSUMER!)) >= 5,
      20_000,
    );
    stackOk(['consumers', '--delay-ms', '0']);
    await eventually(
      'Kafka lag 0',
      async () => (await kafkaLag(kafka, env.KAFKA_CONSUMER_GROUP!, env.KAFKA_CONSUMER_TOPIC!)) === 0,
      60_000,
      1_000,
    );
    await eventually(
      'JetStream lag 0',
      async () => (await jsLag(nc, env.NATS_STREAM!, env.JS_CONSUMER!)) === 0,
      60_000,
      1_000,
    );
  });
});

describe('load generator and status', () => {
  it('load runs at the asked rate on both databases and stops by itself', () => {
    const r = stackOk(['load', '--rate', '20', '--seconds', '4'], 60_000);
    const mariadb = /load: mariadb: (\d+) operations, \d+ rows changed, (\d+) errors/.exec(r.stdout);
    const postgres = /load: postgres: (\d+) operations, \d+ rows changed, (\d+) errors/.exec(r.stdout);
    expect(Number(mariadb?.[1])).toBeGreaterThanOrEqual(60);
    expect(Number(postgres?.[1])).toBeGreaterThanOrEqual(60);
    expect(Number(mariadb?.[2])).toBe(0);
    expect(Number(postgres?.[2])).toBe(0);
  });

  it('status shows every component healthy with a pid', () => {
    const lines = stackOk(['status']).stdout.trim().split('\n');
    for (const c of [
      'nats',
      'kafka',
      'connect',
      'mariadb-primary',
      'mariadb-replica-a',
      'mariadb-replica-b',
      'postgres',
      'debezium-server',
      'consumers',
    ]) {
      const line = lines.find((l) => l.startsWith(`${c} `));
      expect(line, c).toMatch(/\s\d+\s+(ok|UP)/);
    }
    expect(lines.find((l) => l.startsWith('connector:replica_a'))).toMatch(/RUNNING RUNNING/);
    expect(lines.find((l) => l.startsWith('debezium-server'))).toMatch(/streaming/);
  });
});
