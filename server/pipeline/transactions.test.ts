import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { transactionDetailSchema, transactionsResponseSchema } from '../../lib/contracts/transactions';
import { txBegin, txEnd } from '../../lib/debezium/fixtures/control';
import { FIXTURE_NOW, rawFrom } from '../../lib/debezium/fixtures/raw-from';
import { createTransactionsRoutes } from '../http/transactions-routes';
import type { Reply } from '../http/route';
import { createPipeline, type Pipeline } from './pipeline';

/** Transactions through the pipeline and the routes: assembled, ordered, masked like the inspector. */
const config = configSchema.parse({
  sources: [{ id: 'kafka-test', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['/.*/'] }],
  masking: { fields: ['id'] },
});

let pipeline: Pipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
});

/** Received now: the table ages transactions by their receive time. */
const NOW = Date.now();

function change(table: string, totalOrder: number) {
  const [schema = 'inventory', name = 'customers'] = table.split('.');
  return rawFrom({
    topic: `pg.${table}`,
    key: { id: totalOrder },
    value: {
      before: null,
      after: { id: totalOrder, email: `secret${totalOrder}@example.com` },
      op: 'c',
      ts_ms: FIXTURE_NOW,
      source: { connector: 'postgresql', name: 'pg', db: 'db', schema, table: name, txId: 571, lsn: 100 + totalOrder },
      transaction: { id: txEnd.id, total_order: totalOrder, data_collection_order: 1 },
    },
    receivedAt: NOW,
  });
}

async function get(p: Pipeline, params: string[], path: 'list' | 'one'): Promise<Reply> {
  const routes = createTransactionsRoutes(p.state);
  const route = path === 'list' ? routes[0] : routes[1];
  if (route === undefined) throw new Error('no route');
  const reply = await route.handle(params, new URLSearchParams(), {
    req: undefined as never,
    principal: null,
    body: undefined,
  });
  if ('stream' in reply) throw new Error('unexpected stream');
  return reply;
}

describe('GET /api/transactions', () => {
  it('lists a transaction assembled from BEGIN, its events and END, and serves its events in order, masked', async () => {
    pipeline = createPipeline({ config, sources: [] });
    const p = pipeline;
    p.ingest([
      rawFrom({ topic: 'pg.transaction', value: txBegin, receivedAt: NOW }),
      change('inventory.orders', 2),
      change('inventory.customers', 1),
      rawFrom({ topic: 'pg.transaction', value: txEnd, receivedAt: NOW }),
    ]);
    const list = transactionsResponseSchema.parse((await get(p, [], 'list')).body);
    expect(list.recent).toHaveLength(1);
    expect(list.recent[0]).toMatchObject({ key: `pg|${txEnd.id}`, state: 'complete', events: 2, expectedEvents: 2 });
    expect(list.largest[0]?.key).toBe(`pg|${txEnd.id}`);
    expect(list.connectors).toEqual([{ connector: 'pg', incomplete: 0, metadata: true }]);

    const reply = await get(p, [`pg|${txEnd.id}`], 'one');
    expect(reply.status).toBe(200);
    const detail = transactionDetailSchema.parse(reply.body);
    expect(detail.events.map((e) => e.table)).toEqual(['inventory.customers', 'inventory.orders']);
    expect(detail.evicted).toBe(0);
    expect(detail.events.map((e) => e.key)).toEqual(['id=••••••', 'id=••••••']);
  });

  it('answers 404 for an unknown transaction', async () => {
    pipeline = createPipeline({ config, sources: [] });
    expect(await get(pipeline, ['pg|nope'], 'one')).toEqual({
      status: 404,
      body: { error: 'transaction pg|nope not found' },
    });
  });
});
