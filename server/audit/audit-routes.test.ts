import { describe, expect, it } from 'vitest';
import { auditPageSchema, toEntry, type AuditLog, type AuditLogPage } from '../../lib/contracts/audit';
import { startedRecord } from '../../lib/contracts/fixtures/audit-records';
import type { Principal } from '../auth/auth-service';
import { AuditUnavailableError } from './audit-errors';
import { createAuditRoutes } from './audit-routes';

/** A log that records the page requests it gets (the route's own logic is under test, not a store). */
function recordingLog(
  fail?: Error,
  entries: AuditLogPage['entries'] = [],
): AuditLog & { asked: Array<{ limit: number; before?: string }> } {
  const asked: Array<{ limit: number; before?: string }> = [];
  return {
    asked,
    description: 'test',
    append: async () => undefined,
    find: async () => undefined,
    page: async (options): Promise<AuditLogPage> => {
      asked.push(options);
      if (fail) throw fail;
      return { entries, nextBefore: null, store: 'test', warnings: [] };
    },
    close: async () => undefined,
  };
}

async function get(query: string, log = recordingLog(), principal: Principal | null = null) {
  const [route] = createAuditRoutes(log);
  if (!route) throw new Error('no route');
  expect(route.pattern.test('/api/audit')).toBe(true);
  const reply = await route.handle([], new URLSearchParams(query), {
    req: undefined as never,
    principal,
    body: undefined,
  });
  if (!('body' in reply)) throw new Error('expected a JSON reply');
  return { status: reply.status, body: reply.body as { error?: string }, asked: log.asked };
}

describe('GET /api/audit', () => {
  it('defaults to 100 entries from the newest, and passes limit and before on', async () => {
    expect((await get('')).asked).toEqual([{ limit: 100 }]);
    expect((await get('limit=500&before=1234')).asked).toEqual([{ limit: 500, before: '1234' }]);
  });

  it.each([
    ['limit=0', /^limit: /],
    ['limit=501', /^limit: /],
    ['limit=ten', /^limit: expected a whole number/],
    ['limit=1.5', /^limit: expected a whole number/],
    ['before=abc', /^before: expected the nextBefore of a previous page/],
    ['before=-1', /^before: /],
    ['before=1234567890123456', /^before: /],
    ['limit=1&limit=2', /^given more than once: limit$/],
    ['sort=asc', /^unknown parameter sort$/],
  ])('refuses %s with 400 and the reason, without asking the log', async (query, message) => {
    const { status, body, asked } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
    expect(asked).toEqual([]);
  });

  it('answers 503 with the cause when the store is unavailable', async () => {
    const { status, body } = await get(
      '',
      recordingLog(new AuditUnavailableError('audit log (postgres table t) unavailable: connect ECONNREFUSED')),
    );
    expect(status).toBe(503);
    expect(body.error).toContain('ECONNREFUSED');
  });

  it("withholds an unmasked send's hash and size from readers who may not unmask (issue #17.2)", async () => {
    const unmasked = toEntry(startedRecord('u', 1, { unmasked: true, payloadSha256: 'b'.repeat(64) }), undefined);
    const masked = toEntry(startedRecord('m', 2), undefined);
    const log = () => recordingLog(undefined, [unmasked, masked]);
    const viewer: Principal = { user: 'vic', role: 'viewer', via: 'session', unmaskedReplay: false };
    const seen = (await get('', log(), viewer)).body as unknown as { entries: Record<string, unknown>[] };
    expect(auditPageSchema.safeParse(seen).success).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('b'.repeat(64));
    expect(seen.entries[0]).toMatchObject({ replayId: 'u', payloadSha256: null, payloadBytes: null });
    expect(seen.entries[1]).toMatchObject({ replayId: 'm', payloadSha256: 'a'.repeat(64), payloadBytes: 321 });
    const mayUnmask: Principal = { user: 'olga', role: 'operator', via: 'session', unmaskedReplay: true };
    const full = (await get('', log(), mayUnmask)).body as unknown as { entries: Record<string, unknown>[] };
    expect(full.entries[0]).toMatchObject({ payloadSha256: 'b'.repeat(64), payloadBytes: 321 });
  });

  it('needs no more than the viewer role', () => {
    expect(createAuditRoutes(recordingLog())[0]).toMatchObject({ role: 'viewer' });
    expect(createAuditRoutes(recordingLog())[0]?.method ?? 'GET').toBe('GET');
  });
});
