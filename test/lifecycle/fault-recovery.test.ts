import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import {
  eventually,
  jsFind,
  kafkaClient,
  stackEnv,
  stackOk,
  stackPids,
  streamLastSeq,
} from '../../scripts/stack.d/testkit';
import { postgresClient } from '../support/stack-db';

/**
 * How fast the stack's own verbs bring a part back after kill -9 (issue #10: the fault
 * storm, `scripts/stack chaos`, heals with these verbs, and its recovery times decide
 * whether a storm fits in `npm test`). Leaves the stack up and healthy.
 */
const env = stackEnv();

const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** kill -9 of a component's whole process group (the stack starts each with setsid), as the storm does. */
async function crash(name: string): Promise<{ pid: number; at: number }> {
  const pid = stackPids(env)[name];
  if (!pid || !alive(pid)) throw new Error(`${name} is not running`);
  process.kill(-pid, 'SIGKILL');
  const at = Date.now();
  await eventually(`${name} gone`, () => Promise.resolve(!alive(pid)), 10_000, 100);
  return { pid, at };
}

describe('recovery after kill -9', { concurrent: false }, () => {
  beforeAll(() => {
    stackOk(['up']);
  });
  afterAll(() => {
    stackOk(['up']);
  });

  it('consumers: back in their Kafka group well before the old 30 s session of the dead member ran out', async () => {
    const { at } = await crash('consumers');
    const r = stackOk(['start', 'consumers']);
    const backMs = Date.now() - at;
    console.log(`consumers: kill -9 → subscribed again in ${(backMs / 1000).toFixed(1)} s (start took ${r.ms} ms)`);
    // Subscribed = kafkajs joined and synced the group: the dead member had to be dropped first.
    // Its session is 10 s now; with kafkajs's default 30 s this took 30 s + the process start.
    expect(backMs).toBeLessThan(25_000);
    const admin = kafkaClient(env).admin();
    await admin.connect();
    try {
      const [group] = (await admin.describeGroups([env.KAFKA_CONSUMER_GROUP!])).groups;
      expect(group?.state).toBe('Stable');
      expect(group?.members).toHaveLength(1);
    } finally {
      await admin.disconnect();
    }
  });

  it('nats: `start nats` replaces Debezium Server, and a new PostgreSQL change reaches the stream', async () => {
    const { at } = await crash('nats');
    const r = stackOk(['start', 'nats']);
    // Its NATS sink never reconnects: alive, it is replaced; if it already died of the lost connection, started.
    expect(r.stderr).toMatch(
      /nats was restarted under debezium-server, whose NATS sink does not reconnect: restarting it|debezium-server died when nats went away: starting it again/,
    );
    const nc = await connect({ servers: env.NATS_URL! });
    const pg = await postgresClient(env);
    try {
      const subject = `${env.PG_TOPIC_PREFIX}.${env.PG_SCHEMA}.customers`;
      const email = `after-nats-${Date.now()}@example.com`;
      const after = await streamLastSeq(nc, env.NATS_STREAM!);
      const t0 = Date.now();
      await pg.query(
        `INSERT INTO ${env.PG_SCHEMA}.customers (first_name, last_name, email, password, loyalty_points) VALUES ('Nats', 'Crash', $1, 'secret', 1)`,
        [email],
      );
      // `start nats` returned once Debezium Server streams again: the change is published at once.
      await jsFind(nc, env.NATS_STREAM!, subject, after, (v) => v.after?.email === email, 20_000);
      const how = /debezium-server died when nats went away/.test(r.stderr) ? 'had died, started' : 'replaced';
      console.log(
        `nats: kill -9 → start nats (Debezium Server ${how}) took ${(r.ms / 1000).toFixed(1)} s; a new change on the stream ${((Date.now() - t0) / 1000).toFixed(1)} s after its INSERT, ${((Date.now() - at) / 1000).toFixed(1)} s after the kill`,
      );
    } finally {
      await pg.end();
      await nc.close();
    }
  });
});
