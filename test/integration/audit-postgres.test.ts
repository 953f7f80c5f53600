import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../lib/contracts/audit';
import { finishedRecord, startedRecord } from '../../lib/contracts/fixtures/audit-records';
import { isAuditDuplicate, isAuditUnavailable } from '../../server/audit/audit-errors';
import { createAuditLog } from '../../server/audit/create-audit-log';
import { createPgAuditLog, openPgAuditLog } from '../../server/audit/pg-audit-log';
import { stackEnv } from '../support/stack-env';

/**
 * The PostgreSQL audit log against the stack's real PostgreSQL. Each test
 * gets a table of its own (`it_audit_<run>_<n>`), dropped afterwards, so the
 * stack's tables and other runs are never touched.
 */
const env = stackEnv();
const connectionString = `postgres://${env.PG_USER}:${env.PG_PASSWORD}@${env.STACK_HOST}:${env.PG_PORT}/${env.PG_DATABASE}`;
const run = `${Date.now().toString(36)}_${process.pid}`;
let n = 0;
let table: string;
const opened: AuditLog[] = [];
const admin = new pg.Client({ connectionString });

const openLog = async () => {
  const log = await createAuditLog({ kind: 'postgres', connectionString, table });
  opened.push(log);
  return log;
};

beforeAll(async () => {
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
});

describe('PostgreSQL audit log', () => {
  const fresh = () => {
    n += 1;
    table = `it_audit_${run}_${n}`;
  };

  it('creates its table and appends one row per record, INSERT only, joined into entries', async () => {
    fresh();
    const log = await openLog();
    expect(log.description).toBe(`postgres table ${table} on ${env.STACK_HOST}:${env.PG_PORT}/${env.PG_DATABASE}`);
    await log.append(startedRecord('r1', 1000));
    await log.append(finishedRecord('r1', 1500));
    await log.append(startedRecord('r2', 2000));
    const { rows } = await admin.query<{ replay_id: string; phase: string; at: Date }>(
      `SELECT replay_id, phase, at FROM ${table} ORDER BY id`,
    );
    expect(rows.map((r) => [r.replay_id, r.phase, r.at.getTime()])).toEqual([
      ['r1', 'started', 1000],
      ['r1', 'finished', 1500],
      ['r2', 'started', 2000],
    ]);
    expect(await log.find('r1')).toMatchObject({
      replayId: 'r1',
      status: 'sent',
      startedAt: 1000,
      finishedAt: 1500,
      sink: { kind: 'kafka', target: 'orders.replay' },
    });
    expect(await log.find('r2')).toMatchObject({ status: 'unknown', result: null });
    expect(await log.find('nope')).toBeUndefined();
    const page = await log.page({ limit: 10 });
    expect(page).toMatchObject({ nextBefore: null, store: log.description, warnings: [] });
    expect(page.entries.map((e) => `${e.replayId}:${e.status}`)).toEqual(['r2:unknown', 'r1:sent']);
  });

  it('refuses a second started or finished record, and a finished one without its start, recognizably', async () => {
    fresh();
    const log = await openLog();
    await log.append(startedRecord('dup'));
    const err = await log.append(startedRecord('dup')).catch((e: unknown) => e);
    expect(isAuditDuplicate(err)).toBe(true);
    expect(err).toMatchObject({ replayId: 'dup', phase: 'started' });
    await log.append(finishedRecord('dup', 2, false));
    await expect(log.append(finishedRecord('dup'))).rejects.toMatchObject({
      code: 'AUDIT_DUPLICATE',
      phase: 'finished',
    });
    await expect(log.append(finishedRecord('never-started'))).rejects.toMatchObject({ code: 'AUDIT_UNKNOWN_REPLAY' });
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]).toEqual({ n: 2 });
    expect(await log.find('dup')).toMatchObject({ status: 'failed', result: { ok: false, error: 'broker said no' } });
  });

  it('keeps the order of concurrent appends, and lets one of two identical started records through', async () => {
    fresh();
    const log = await openLog();
    const ids = Array.from({ length: 30 }, (_, i) => `c${i}`);
    await Promise.all(ids.map((id, i) => log.append(startedRecord(id, i))));
    expect((await log.page({ limit: 500 })).entries.map((e) => e.replayId)).toEqual([...ids].reverse());
    const raced = await Promise.allSettled([log.append(startedRecord('race')), log.append(startedRecord('race'))]);
    expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('pages newest first with a cursor until the oldest', async () => {
    fresh();
    const log = await openLog();
    for (let i = 1; i <= 7; i++) await log.append(startedRecord(`p${i}`, i));
    await log.append(finishedRecord('p2', 100));
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await log.page({ limit: 3, before });
      seen.push(...page.entries.map((e) => `${e.replayId}:${e.status}`));
      before = page.nextBefore ?? undefined;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toEqual(
      ['p7', 'p6', 'p5', 'p4', 'p3', 'p2', 'p1'].map((id) => `${id}:${id === 'p2' ? 'sent' : 'unknown'}`),
    );
  });

  it('survives close and reopen: a new instance finds old replay ids and refuses their duplicates', async () => {
    fresh();
    const first = await openLog();
    await first.append(startedRecord('old-1', 10));
    await first.append(finishedRecord('old-1', 11));
    await first.append(startedRecord('old-2', 20));
    await first.close();
    const reopened = await openLog();
    expect(await reopened.find('old-1')).toMatchObject({ status: 'sent' });
    await expect(reopened.append(startedRecord('old-2'))).rejects.toSatisfy(isAuditDuplicate);
    await reopened.append(finishedRecord('old-2', 21));
    await reopened.append(startedRecord('new-1', 30));
    expect((await reopened.page({ limit: 10 })).entries.map((e) => `${e.replayId}:${e.status}`)).toEqual([
      'new-1:unknown',
      'old-2:sent',
      'old-1:sent',
    ]);
  });

  it('skips a row changed outside cdcscope with a warning instead of failing the page', async () => {
    fresh();
    const log = await openLog();
    await log.append(startedRecord('good', 1));
    await admin.query(
      `INSERT INTO ${table} (replay_id, phase, at, record) VALUES ('bad', 'started', now(), '{"hello":"world"}')`,
    );
    const page = await log.page({ limit: 10 });
    expect(page.entries.map((e) => e.replayId)).toEqual(['good']);
    expect(page.warnings).toEqual([expect.stringMatching(/^1 row .*skipped/)]);
  });

  it('reports an unreachable database as a clear error, without crashing, when opening and later', async () => {
    fresh();
    const nobody = `postgres://${env.PG_USER}:Secret-In-Url@127.0.0.1:1/${env.PG_DATABASE}`;
    const failed = await openPgAuditLog({ connectionString: nobody, table }).catch((e: unknown) => e);
    expect(isAuditUnavailable(failed)).toBe(true);
    expect((failed as Error).message).toMatch(
      new RegExp(
        `^audit log \\(postgres table ${table} on 127\\.0\\.0\\.1:1/${env.PG_DATABASE}\\) unavailable: .*ECONNREFUSED`,
      ),
    );
    expect((failed as Error).message).not.toContain('Secret-In-Url');
    const wrongPassword = await openPgAuditLog({
      connectionString: connectionString.replace(`:${env.PG_PASSWORD}@`, ':Wrong-Password@'),
      table,
    }).catch((e: unknown) => e);
    expect(isAuditUnavailable(wrongPassword)).toBe(true);
    expect((wrongPassword as Error).message).toMatch(/password authentication failed/);
    expect((wrongPassword as Error).message).not.toContain('Wrong-Password');
    const lazy = createPgAuditLog({ connectionString: nobody, table });
    opened.push(lazy);
    await expect(lazy.append(startedRecord('x'))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    await expect(lazy.find('x')).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    await expect(lazy.page({ limit: 1 })).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
  });
});
