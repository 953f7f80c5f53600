import { Redis } from 'ioredis';
import type { Message } from 'kafkajs';
import { pgSource } from '../../lib/debezium/fixtures/postgres';

/*
 * What the cluster tests (issue #14) share that needs no server code: the
 * Redis they use, the Debezium messages they produce, the clean-up. Apart
 * from test/support/cluster-instance.ts so that Playwright specs can import
 * it without loading the pipeline.
 */

/** The Redis the cluster tests use: the machine's, or `CDCSCOPE_TEST_REDIS`. */
export const TEST_REDIS = process.env.CDCSCOPE_TEST_REDIS ?? 'redis://127.0.0.1:6379';

/** Deletes everything deployment `run` left in Redis. */
export async function clearRun(run: string, redisUrl = TEST_REDIS): Promise<void> {
  const r = new Redis(redisUrl);
  const keys = await r.keys(`cdcscope:${run}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
}

/** `n` Debezium (PostgreSQL) creates of ids `from`… for `topic` (`<server>.<schema>.<table>`), keyed by id. */
export function creates(topic: string, from: number, n: number): Message[] {
  const [server, , table] = topic.split('.');
  return Array.from({ length: n }, (_, i) => {
    const id = from + i;
    const now = Date.now();
    return {
      key: JSON.stringify({ id }),
      value: JSON.stringify({
        before: null,
        after: { id },
        source: pgSource({ name: server, table, ts_ms: now - 20, ts_us: undefined, ts_ns: undefined }),
        op: 'c',
        ts_ms: now - 10,
      }),
    };
  });
}
