import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eventually, kafkaClient, stackEnv, stackOk, stackPids } from '../../scripts/stack.d/testkit';

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
});
