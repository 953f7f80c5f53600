import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { tableSchemaResponseSchema } from '../../lib/contracts/table-schema';
import { rawFrom } from '../../lib/debezium/fixtures/raw-from';
import { withSchema } from '../../lib/debezium/fixtures/connect-schema';
import { controlFixtures } from '../../lib/debezium/fixtures/control';
import { createSchemaRoutes } from '../http/schema-routes';
import { createPipeline, type Pipeline } from './pipeline';
import { createEventDetailRoute } from '../http/events-routes';
import { createEventLookup } from '../event-lookup/event-lookup';
import { NO_MASKING } from '../../lib/store/event-store-view';
import type { EventDetail } from '../../lib/contracts/inspector';
import { getRoute } from '../../test/support/api-harness';

/** A column added to a table shows as a new schema version and as drift, through the pipeline and the route. */
const config = configSchema.parse({
  sources: [{ id: 'kafka-test', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['/.*/'] }],
});

let pipeline: Pipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
});

const envelope = (after: Record<string, unknown>) => ({
  before: null,
  after,
  op: 'c',
  ts_ms: Date.now(),
  source: { connector: 'postgresql', name: 'pg', db: 'db', schema: 'inventory', table: 'customers', txId: 1 },
});
const insert = (after: Record<string, unknown>, schemas = false) =>
  rawFrom({
    topic: 'pg.inventory.customers',
    key: { id: after.id },
    value: schemas ? withSchema(envelope(after), 'pg.inventory.customers') : envelope(after),
    receivedAt: Date.now(),
  });

const ctx = { req: undefined as never, principal: null, body: undefined };

const get = (p: Pipeline, path: string) => getRoute(createSchemaRoutes(p.state), path);

describe('GET /api/tables/:table/schema', () => {
  it('shows the column added by an ALTER TABLE as a new version, and the table as drifted', async () => {
    pipeline = createPipeline({ config, sources: [] });
    pipeline.ingest([insert({ id: 1, email: 'a@x' }), insert({ id: 2, email: 'b@x', loyalty: 3 })]);
    const schema = tableSchemaResponseSchema.parse(
      (await get(pipeline, '/api/tables/pg.inventory.customers/schema')).body,
    );
    expect(schema.drift).toBe(true);
    expect(schema.versions.map((v) => v.changes)).toEqual([[], [{ kind: 'added', column: 'loyalty', to: 'number' }]]);
    expect((await get(pipeline, '/api/schema-drift')).body).toEqual({ tables: ['pg.inventory.customers'] });
    expect((await get(pipeline, '/api/tables/pg.nope/schema')).status).toBe(404);
    // The inspector flags the change of the older shape, not the one of the current shape.
    const page = pipeline.state.events({ table: 'pg.inventory.customers', limit: 10 });
    if (!page.ok) throw new Error(page.error);
    expect(page.value.items.map((i) => [i.key, i.offShape ?? false])).toEqual([
      ['id=2', false],
      ['id=1', true],
    ]);
    // One event's detail says so too: the buffer's route and the one that also reads the broker.
    const detailRoute = createEventDetailRoute(createEventLookup(config, pipeline.inspector.lookup), NO_MASKING, {
      offShape: pipeline.state.offShape,
    });
    for (const item of page.value.items) {
      const want = item.key === 'id=1';
      expect(pipeline.state.event(item.id)?.offShape ?? false, item.key).toBe(want);
      const reply = await detailRoute.handle([item.id], new URLSearchParams(), ctx);
      expect(reply.status).toBe(200);
      expect(('body' in reply ? (reply.body as EventDetail).offShape : undefined) ?? false, item.key).toBe(want);
    }
  });

  it('reads Connect types from schema-wrapped JSON', async () => {
    pipeline = createPipeline({ config, sources: [] });
    pipeline.ingest([insert({ id: 1, email: 'a@x' }, true), insert({ id: 2, email: 'b@x', loyalty: 3 }, true)]);
    const schema = tableSchemaResponseSchema.parse(
      (await get(pipeline, '/api/tables/pg.inventory.customers/schema')).body,
    );
    expect(schema.versions.map((v) => v.basis)).toEqual(['connect', 'connect']);
    expect(schema.versions[1]?.changes).toEqual([{ kind: 'added', column: 'loyalty', to: 'int64' }]);
  });

  it("puts a statement of the connector's schema-change topic on the table's timeline, an ALTER as drift", async () => {
    pipeline = createPipeline({ config, sources: [] });
    pipeline.ingest([controlFixtures.schemaChangeWrapped]);
    const schema = tableSchemaResponseSchema.parse(
      (await get(pipeline, '/api/tables/replica_a.inventory.orders/schema')).body,
    );
    expect(schema.ddl).toEqual([
      {
        at: expect.any(Number),
        tsMs: expect.any(Number),
        type: 'ALTER',
        ddl: 'ALTER TABLE orders ADD COLUMN note VARCHAR(200)',
      },
    ]);
    expect((await get(pipeline, '/api/schema-drift')).body).toEqual({ tables: ['replica_a.inventory.orders'] });
  });
});
