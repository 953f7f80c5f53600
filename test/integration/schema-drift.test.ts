import { afterAll, describe, expect, it } from 'vitest';
import { tableSchemaResponseSchema, type TableSchemaResponse } from '../../lib/contracts/table-schema';
import { createSchemaRoutes } from '../../server/http/schema-routes';
import type { Pipeline } from '../../server/pipeline/pipeline';
import { startPipeline } from '../support/pipeline-harness';
import { mariadbPrimary, postgresClient } from '../support/stack-db';
import { stackEnv, stackInBackground, waitFor } from '../support/stack-env';
import { getRoute } from '../support/api-harness';

/**
 * Issue 13 section 3 on the real stack: the load generator's ALTER TABLE … ADD COLUMN on
 * MariaDB's primary (replicated to both replicas) and on PostgreSQL shows on each table's
 * schema timeline, typed from the Connect schema (replica_a: schema-wrapped JSON), from the
 * rows (replica_b: bare JSON) and from Debezium Server's events on JetStream (PostgreSQL),
 * with the DDL statement from replica_a's schema-change topic, and in /api/schema-drift.
 */
const env = stackEnv();
const db = env.MARIADB_DATABASE!;
const pgPrefix = env.PG_TOPIC_PREFIX!;
const A = `replica_a.${db}.products`;
const B = `replica_b.${db}.products`;
const PG = `${pgPrefix}.${env.PG_SCHEMA}.products`;

/** One product touched on each database: the tables' shapes before the ALTER, whatever the load does first. */
async function touchProducts(): Promise<void> {
  const my = await mariadbPrimary(env, db);
  await my.query('UPDATE products SET updated_at = NOW(3) ORDER BY id LIMIT 1');
  await my.end();
  const client = await postgresClient(env);
  await client.query(
    `UPDATE ${env.PG_SCHEMA}.products SET updated_at = now() WHERE id = (SELECT MIN(id) FROM ${env.PG_SCHEMA}.products)`,
  );
  await client.end();
}

let stop: (() => Promise<void>) | undefined;
afterAll(async () => {
  await stop?.();
});

const get = (p: Pipeline, path: string) => getRoute(createSchemaRoutes(p.state), path);

async function schemaOf(p: Pipeline, table: string): Promise<TableSchemaResponse | undefined> {
  const r = await get(p, `/api/tables/${table}/schema`);
  return r.status === 200 ? tableSchemaResponseSchema.parse(r.body) : undefined;
}

/** The drift columns a table's versions added, in order. */
const added = (s: TableSchemaResponse | undefined) =>
  (s?.versions ?? []).flatMap((v) => v.changes.filter((c) => c.kind === 'added').map((c) => c.column));

describe('schema drift on the real stack', () => {
  it('an ALTER TABLE from the load generator shows on the schema timelines and in /api/schema-drift', async () => {
    const started = await startPipeline({
      sources: [
        {
          id: 'kafka',
          kind: 'kafka',
          brokers: [env.KAFKA_BOOTSTRAP],
          clientId: `it-drift-${Date.now()}`,
          // Only the table topics: the schema-change topics (replica_a, replica_b) are added by schemaChangeTopics.
          topics: [`/^replica_[ab]\\.${db}\\.products$/`],
          start: 'latest',
        },
        {
          id: 'nats',
          kind: 'jetstream',
          servers: [env.NATS_URL],
          stream: env.NATS_STREAM,
          subject: `${pgPrefix}.${env.PG_SCHEMA}.products`,
          start: 'new',
        },
      ],
    });
    stop = started.stop;
    const p = started.pipeline;

    await touchProducts();
    await waitFor(
      'the three tables shaped before the ALTER',
      async () =>
        (await Promise.all([A, B, PG].map((t) => schemaOf(p, t)))).every((s) => (s?.versions.length ?? 0) > 0),
      60_000,
      500,
    );

    // One ALTER per database, a second into a 4-second run, then a product updated in the new shape.
    expect(
      await stackInBackground('load', '--rate', '4', '--seconds', '4', '--alter-every', '1', '--max-alters', '1'),
    ).toBe(0);

    const a = await waitFor(
      'replica_a: the ALTER on the timeline and the column in a new version',
      async () => {
        const s = await schemaOf(p, A);
        const ddl = s?.ddl.find((d) => d.type === 'ALTER' && /ADD COLUMN drift_/i.test(d.ddl));
        return ddl !== undefined && added(s).some((c) => c.startsWith('drift_')) ? s : undefined;
      },
      60_000,
      500,
    );
    const column = /ADD COLUMN (drift_\w+)/i.exec(a.ddl.find((d) => d.type === 'ALTER')?.ddl ?? '')?.[1];
    expect(column).toBeDefined();
    const version = a.versions.find((v) => v.changes.some((c) => c.column === column));
    // Typed from the Connect schema: VARCHAR → string, INT → int32, both nullable.
    expect(version?.basis).toBe('connect');
    expect(version?.changes).toEqual([{ kind: 'added', column, to: expect.stringMatching(/^(string|int32)$/) }]);
    expect(version?.columns.find((c) => c.name === column)?.optional).toBe(true);

    const b = await waitFor(
      'replica_b: the column from the rows',
      async () => {
        const s = await schemaOf(p, B);
        return added(s).includes(column!) ? s : undefined;
      },
      60_000,
      500,
    );
    expect(b.versions.at(-1)?.basis).toBe('json');
    expect(b.ddl.some((d) => d.type === 'ALTER' && d.ddl.includes(column!))).toBe(true);

    // PostgreSQL names its own column: the newest drift column there.
    const pgSchema = await waitFor(
      'PostgreSQL: a drift column added',
      async () => {
        const s = await schemaOf(p, PG);
        return added(s).some((c) => c.startsWith('drift_')) ? s : undefined;
      },
      60_000,
      500,
    );
    expect(pgSchema.drift).toBe(true);

    const drifted = (await get(p, '/api/schema-drift')).body as { tables: string[] };
    expect(drifted.tables).toEqual(expect.arrayContaining([A, B, PG]));
  }, 180_000);
});
