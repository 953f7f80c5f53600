import { describe, expect, it } from 'vitest';
import type { AuditLog, AuditPage } from '../../lib/contracts/audit';
import { AuditUnavailableError } from './audit-errors';
import { createAuditRoutes } from './audit-routes';

/** A log that records the page requests it gets (the route's own logic is under test, not a store). */
function recordingLog(fail?: Error): AuditLog & { asked: Array<{ limit: number; before?: string }> } {
  const asked: Array<{ limit: number; before?: string }> = [];
  return {
    asked,
    description: 'test',
    append: async () => undefined,
    find: async () => undefined,
    page: async (options): Promise<AuditPage> => {
      asked.push(options);
      if (fail) throw fail;
      return { entries: [], nextBefore: null, store: 'test', warnings: [] };
    },
    close: async () => undefined,
  };
}

async function get(query: string, log = recordingLog()) {
  const [route] = createAuditRoutes(log);
  if (!route) throw new Error('no route');
  expect(route.pattern.test('/api/audit')).toBe(true);
  const reply = await route.handle([], new URLSearchParams(query), {
    req: undefined as never,
    principal: null,
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

  it('needs no more than the viewer role', () => {
    expect(createAuditRoutes(recordingLog())[0]).toMatchObject({ role: 'viewer' });
    expect(createAuditRoutes(recordingLog())[0]?.method ?? 'GET').toBe('GET');
  });
});
