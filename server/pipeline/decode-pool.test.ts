import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { rawFrom } from '../../lib/debezium/fixtures/raw-from';
import { mariaInsert } from '../../lib/debezium/fixtures/mariadb';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { Source, SourceHealth } from '../brokers/source';

/** A worker that dies on its first batch, as a thread out of memory would. */
vi.mock('node:worker_threads', () => ({
  Worker: class extends EventEmitter {
    postMessage() {
      setImmediate(() => this.emit('exit', 1));
    }
    unref() {}
    terminate() {
      return Promise.resolve(0);
    }
  },
}));

const { createDecodePool } = await import('./decode-pool');
const { createPipeline } = await import('./pipeline');

function listSource(batches: RawMessage[][]): Source {
  return {
    id: 'kafka-test',
    kind: 'kafka',
    target: 'test',
    channels: [],
    async *batches() {
      for (const b of batches) yield await Promise.resolve(b);
    },
    status: () => ({ status: { type: 'live' } }) as SourceHealth,
    onStatus: () => () => undefined,
    close: () => Promise.resolve(),
  };
}

describe('createDecodePool', () => {
  it('rejects the batches of a worker that died, and every later one once none is left', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const config = configSchema.parse({ sources: [{ kind: 'demo' }], ingest: { workers: 1 } });
    const pool = createDecodePool({ workers: 1, config });
    const batch = [rawFrom({ topic: 'replica_a.shop.orders', value: mariaInsert })];
    await expect(pool.decode(batch)).rejects.toThrow('exited with code 1');
    expect(pool.size).toBe(0);
    await expect(pool.decode(batch)).rejects.toThrow('no decode worker is running');
    expect(error).toHaveBeenCalledOnce();
    await pool.close();
  });

  it('leaves the pipeline decoding on the main thread when its workers die: every message is still accounted', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const config = configSchema.parse({
      sources: [{ id: 'kafka-test', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['/.*/'] }],
      ingest: { workers: 2 },
    });
    const batches = [0, 1, 2].map((b) =>
      [0, 1, 2, 3].map((i) => rawFrom({ topic: 'replica_a.shop.orders', value: mariaInsert, offset: b * 4 + i })),
    );
    let counted = 0;
    const pipeline = createPipeline({
      config,
      sources: [listSource(batches)],
      onCounted: (b) => (counted += b.length),
    });
    await vi.waitFor(() => expect(counted).toBe(12));
    expect(pipeline.workerBatches).toBe(0);
    expect(pipeline.state.tables().tables.map((t) => [t.tableKey, t.totals.c])).toEqual([
      ['replica_a.inventory.orders', 12],
    ]);
    await pipeline.close();
  });
});
