import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../lib/contracts/audit';
import { finishedRecord, startedRecord } from '../../lib/contracts/fixtures/audit-records';
import { isAuditDuplicate } from './audit-errors';
import { openFileAuditLog } from './file-audit-log';
import { errorMessage } from '../../lib/error-message';

let dir: string;
let path: string;
const open: AuditLog[] = [];
const openLog = async (memoryEntries?: number) => {
  const log = await openFileAuditLog(path, { memoryEntries });
  open.push(log);
  return log;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cdcscope-audit-'));
  path = join(dir, 'nested', 'audit.jsonl');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
  await rm(dir, { recursive: true, force: true });
});

const lines = async () => (await readFile(path, 'utf8')).split('\n');

describe('file audit log', () => {
  it('creates its directory and a 0600 file, appends one JSON line per record, joins them into entries', async () => {
    const log = await openLog();
    await log.append(startedRecord('r1', 1000));
    await log.append(finishedRecord('r1', 1500));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await lines()).toEqual([
      expect.stringContaining('"phase":"started"'),
      expect.stringContaining('"phase":"finished"'),
      '',
    ]);
    expect(await log.find('r1')).toMatchObject({
      replayId: 'r1',
      startedAt: 1000,
      finishedAt: 1500,
      status: 'sent',
      result: { ok: true, detail: 'p0@17' },
    });
    expect(await log.find('nope')).toBeUndefined();
    const page = await log.page({ limit: 10 });
    expect(page).toMatchObject({ nextBefore: null, store: `file ${path}`, warnings: [] });
    expect(page.entries.map((e) => e.replayId)).toEqual(['r1']);
  });

  it('reports started-only replays as unknown and failed ones as failed', async () => {
    const log = await openLog();
    await log.append(startedRecord('a'));
    await log.append(startedRecord('b'));
    await log.append(finishedRecord('b', 2000, false));
    const page = await log.page({ limit: 10 });
    expect(page.entries.map((e) => [e.replayId, e.status])).toEqual([
      ['b', 'failed'],
      ['a', 'unknown'],
    ]);
    expect(page.entries[0]?.result).toEqual({ ok: false, error: 'broker said no' });
  });

  it('pages newest first with a cursor until the oldest', async () => {
    const log = await openLog();
    for (let i = 1; i <= 5; i++) await log.append(startedRecord(`r${i}`, i));
    const first = await log.page({ limit: 2 });
    expect(first.entries.map((e) => e.replayId)).toEqual(['r5', 'r4']);
    const second = await log.page({ limit: 2, before: first.nextBefore ?? undefined });
    expect(second.entries.map((e) => e.replayId)).toEqual(['r3', 'r2']);
    const third = await log.page({ limit: 2, before: second.nextBefore ?? undefined });
    expect(third.entries.map((e) => e.replayId)).toEqual(['r1']);
    expect(third.nextBefore).toBeNull();
  });

  it('survives close and reopen: old entries are paged and old replay ids found', async () => {
    const log = await openLog();
    await log.append(startedRecord('old-1', 10));
    await log.append(finishedRecord('old-1', 11));
    await log.append(startedRecord('old-2', 20));
    await log.close();
    const reopened = await openLog();
    expect(await reopened.find('old-1')).toMatchObject({ status: 'sent' });
    expect(await reopened.find('old-2')).toMatchObject({ status: 'unknown' });
    await expect(reopened.append(startedRecord('old-1'))).rejects.toSatisfy(isAuditDuplicate);
    await reopened.append(finishedRecord('old-2', 21, false));
    await reopened.append(startedRecord('new-1', 30));
    expect((await reopened.page({ limit: 10 })).entries.map((e) => `${e.replayId}:${e.status}`)).toEqual([
      'new-1:unknown',
      'old-2:failed',
      'old-1:sent',
    ]);
  });

  it('rejects a second started record for a replay id, and a second finished one, recognizably', async () => {
    const log = await openLog();
    await log.append(startedRecord('dup'));
    const err = await log.append(startedRecord('dup')).catch((e: unknown) => e);
    expect(isAuditDuplicate(err)).toBe(true);
    expect(errorMessage(err)).toContain('dup');
    await log.append(finishedRecord('dup'));
    await expect(log.append(finishedRecord('dup'))).rejects.toMatchObject({
      code: 'AUDIT_DUPLICATE',
      phase: 'finished',
    });
    await expect(log.append(finishedRecord('never-started'))).rejects.toMatchObject({ code: 'AUDIT_UNKNOWN_REPLAY' });
    expect((await lines()).filter(Boolean)).toHaveLength(2);
  });

  it('refuses an invalid record before writing anything, and clips a long result text instead of losing it', async () => {
    const log = await openLog();
    await expect(log.append({ ...startedRecord('bad'), payloadSha256: 'not-a-hash' })).rejects.toMatchObject({
      code: 'AUDIT_INVALID_RECORD',
    });
    expect(await log.find('bad')).toBeUndefined();
    await log.append(startedRecord('long'));
    await log.append({ phase: 'finished', replayId: 'long', at: 5, result: { ok: false, error: 'x'.repeat(100_000) } });
    const entry = await log.find('long');
    expect(entry?.result).toMatchObject({ ok: false });
    expect(entry?.result && !entry.result.ok && entry.result.error.length).toBe(4_000);
  });

  it('skips a torn last line and a garbage line, counts them, and starts the next append on a fresh line', async () => {
    const log = await openLog();
    await log.append(startedRecord('before-crash', 1));
    await log.close();
    // A garbage line, then a crash in the middle of writing a record: no newline at the end.
    await appendFile(path, 'not json at all\n');
    await appendFile(path, JSON.stringify(startedRecord('torn', 2)).slice(0, 40));
    const reopened = await openLog();
    const page = await reopened.page({ limit: 10 });
    expect(page.entries.map((e) => e.replayId)).toEqual(['before-crash']);
    expect(page.warnings).toEqual([expect.stringMatching(/^2 lines .*skipped/)]);
    expect(await reopened.find('torn')).toBeUndefined();
    await reopened.append(startedRecord('after-crash', 3));
    await reopened.close();
    const third = await openLog();
    expect((await third.page({ limit: 10 })).entries.map((e) => e.replayId)).toEqual(['after-crash', 'before-crash']);
    // The torn fragment stays a line of its own; the new record is a whole line after it.
    const tail = (await lines()).slice(-3);
    expect(tail[0]).toBe(JSON.stringify(startedRecord('torn', 2)).slice(0, 40));
    expect(JSON.parse(tail[1] as string)).toEqual(startedRecord('after-crash', 3));
    expect(tail[2]).toBe('');
  });

  it('keeps the order of concurrent appends', async () => {
    const log = await openLog();
    const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
    await Promise.all(ids.map((id, i) => log.append(startedRecord(id, i))));
    const written = (await lines()).filter(Boolean).map((l) => (JSON.parse(l) as { replayId: string }).replayId);
    expect(written).toEqual(ids);
    expect((await log.page({ limit: 500 })).entries.map((e) => e.replayId)).toEqual([...ids].reverse());
  });

  it('lets only one of two concurrent identical started records through', async () => {
    const log = await openLog();
    const results = await Promise.allSettled([log.append(startedRecord('race')), log.append(startedRecord('race'))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await lines()).filter(Boolean)).toHaveLength(1);
  });

  it('beyond its memory window still finds old replay ids, refuses their duplicates and pages them from the file', async () => {
    const log = await openLog(3);
    for (let i = 1; i <= 10; i++) await log.append(startedRecord(`w${i}`, i));
    await log.append(finishedRecord('w2', 100));
    expect(await log.find('w1')).toMatchObject({ replayId: 'w1', status: 'unknown' });
    expect(await log.find('w2')).toMatchObject({ replayId: 'w2', status: 'sent', finishedAt: 100 });
    expect(await log.find('w11')).toBeUndefined();
    await expect(log.append(startedRecord('w1'))).rejects.toSatisfy(isAuditDuplicate);
    await expect(log.append(finishedRecord('w2'))).rejects.toSatisfy(isAuditDuplicate);
    const seen: string[] = [];
    let before: string | undefined;
    do {
      const page = await log.page({ limit: 4, before });
      seen.push(...page.entries.map((e) => `${e.replayId}:${e.status}`));
      before = page.nextBefore ?? undefined;
    } while (before);
    expect(seen).toEqual(
      ['w10', 'w9', 'w8', 'w7', 'w6', 'w5', 'w4', 'w3', 'w2', 'w1'].map(
        (id) => `${id}:${id === 'w2' ? 'sent' : 'unknown'}`,
      ),
    );
  });

  it('after reopening with a small window, every replay id is still known', async () => {
    const log = await openLog();
    for (let i = 1; i <= 20; i++) await log.append(startedRecord(`k${i}`, i));
    await log.close();
    const reopened = await openLog(2);
    for (let i = 1; i <= 20; i++) expect(await reopened.find(`k${i}`), `k${i}`).toMatchObject({ replayId: `k${i}` });
    await expect(reopened.append(startedRecord('k1'))).rejects.toSatisfy(isAuditDuplicate);
  });

  it('refuses appends after close, and never rewrites an existing file', async () => {
    const log = await openLog();
    await log.append(startedRecord('x'));
    const before = await readFile(path, 'utf8');
    await log.close();
    await expect(log.append(startedRecord('y'))).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    const reopened = await openLog();
    await reopened.append(startedRecord('z'));
    expect((await readFile(path, 'utf8')).startsWith(before)).toBe(true);
  });
});
