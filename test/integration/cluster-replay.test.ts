import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../lib/contracts/audit';
import { configSchema } from '../../lib/config/schema';
import { decodeMessage } from '../../lib/debezium/decode-message';
import { FIXTURE_NOW, pgSource, rawFrom } from '../../lib/debezium/fixtures';
import { createMasker } from '../../lib/masking/masker';
import { PROVENANCE } from '../../lib/replay/provenance';
import { createEventStore } from '../../lib/store/event-store';
import type { Principal } from '../../server/auth/auth-service';
import { createAuditLog } from '../../server/audit/create-audit-log';
import type { SinkSender } from '../../server/brokers/sink-sender';
import { createReplayService, type ReplayService } from '../../server/replay/replay-service';
import { stackEnv } from '../support/stack-env';

/**
 * Issue #14, replay once across instances: two instances' replay services,
 * each with its own connection pool to the one PostgreSQL audit table (as
 * cluster mode requires), are sent the same replay ids at the same moment.
 * The database's refusal of a second `started` record is what makes it once.
 */
const env = stackEnv();
/** The stack's PostgreSQL, or another one (`CDCSCOPE_TEST_PG`): the test needs a database, not the stack. */
const connectionString =
  process.env.CDCSCOPE_TEST_PG ??
  `postgres://${env.PG_USER}:${env.PG_PASSWORD}@${env.STACK_HOST}:${env.PG_PORT}/${env.PG_DATABASE}`;
const table = `it_cluster_replay_${Date.now().toString(36)}_${process.pid}`;
const operator: Principal = { user: 'olga', role: 'operator', via: 'session', unmaskedReplay: false };
const logs: AuditLog[] = [];
/** What reached the sink, from either instance. */
const sent: string[] = [];
let eventId = '';
let instances: ReplayService[] = [];

async function startInstance(): Promise<ReplayService> {
  const store = createEventStore({ masker: createMasker({}) });
  const raw = rawFrom({
    topic: 'pg.inventory.customers',
    key: { id: 7 },
    value: { op: 'u', before: { id: 7 }, after: { id: 7, email: 'b@x' }, source: pgSource({ table: 'customers' }) },
    offset: 41,
    receivedAt: FIXTURE_NOW,
  });
  store.add(decodeMessage(raw), raw);
  const first = store.query({});
  eventId = first.ok ? (first.value.items[0]?.id ?? '') : '';
  const sink: SinkSender = {
    async send(m) {
      sent.push(m.headers[PROVENANCE.replayId] ?? JSON.stringify(m.headers));
      await new Promise((r) => setTimeout(r, 20));
      return { ok: true, detail: 'stored' };
    },
    close: async () => undefined,
  };
  const config = configSchema.parse({
    sources: [{ kind: 'demo' }],
    sinks: [{ id: 'topic', kind: 'kafka', brokers: ['127.0.0.1:1'], topic: 'replays' }],
  });
  const audit = await createAuditLog({ kind: 'postgres', connectionString, table });
  logs.push(audit);
  return createReplayService({
    sinks: config.sinks,
    senders: new Map([['topic', sink]]),
    audit,
    lookup: (id) => store.get(id),
    masker: createMasker({}),
    authEnabled: true,
  });
}

beforeAll(async () => {
  // One after the other: the first creates the table.
  instances = [await startInstance(), await startInstance()];
});
afterAll(async () => {
  await Promise.all(logs.map((l) => l.close()));
  const admin = new pg.Client({ connectionString });
  await admin.connect();
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.end();
});

describe('replay once across instances (issue #14)', () => {
  it('the same replay id sent to two instances at once is sent once, and both answer', async () => {
    const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
    const answers = await Promise.all(
      ids.flatMap((replayId) =>
        instances.map((i) => i.replay(operator, { replayId, eventId, sinkId: 'topic', unmasked: false })),
      ),
    );
    expect(sent).toHaveLength(20);
    expect(new Set(sent).size).toBe(20);
    expect(answers.every((a) => a.ok)).toBe(true);
    // Per id: one instance sent it, the other answered it as a repeat.
    for (let k = 0; k < ids.length; k++) {
      const pair = answers.slice(2 * k, 2 * k + 2).map((a) => a.ok && a.value.repeated);
      expect(pair.sort()).toEqual([false, true]);
    }
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE phase = 'started'`,
    );
    await admin.end();
    expect(rows[0]?.n).toBe(20);
  });

  it('a retry on the other instance later is answered from the audit log, not sent again', async () => {
    const replayId = crypto.randomUUID();
    const req = { replayId, eventId, sinkId: 'topic', unmasked: false };
    const before = sent.length;
    const first = await instances[0]!.replay(operator, req);
    const again = await instances[1]!.replay(operator, req);
    expect(first.ok && first.value).toMatchObject({ status: 'sent', repeated: false });
    expect(again.ok && again.value).toMatchObject({ status: 'sent', repeated: true });
    expect(sent.length - before).toBe(1);
  });
});
