import type { IncomingMessage, ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../lib/debezium/decode-message';
import { pgSource, rawFrom } from '../../lib/debezium/fixtures';
import { createEventStore } from '../../lib/store/event-store';
import type { DashboardState } from '../pipeline/dashboard-state';
import { createApiHandler } from './api';

/** A state with only the inspector's methods, backed by a real event store. */
function handler() {
  const store = createEventStore({ runId: 'test' });
  for (let id = 1; id <= 3; id++) {
    const raw = rawFrom({
      topic: 'pg.inventory.orders',
      key: { id },
      value: {
        op: 'c',
        before: null,
        after: { id, status: id === 2 ? 'shipped' : 'new' },
        source: pgSource({ table: 'orders' }),
      },
      offset: id,
    });
    store.add(decodeMessage(raw), raw);
  }
  const state: Pick<DashboardState, 'events' | 'event'> = {
    events: ({ cursor, limit, ...filter }) => store.query(filter, cursor, limit),
    event: (id) => store.detail(id),
  };
  // Only the routes under test are reached, so the other methods are never called.
  return createApiHandler(state as DashboardState, new Registry(), { startedAt: 0, version: 'test' });
}

async function get(url: string): Promise<{ status: number; body: { error?: string } & Record<string, unknown> }> {
  let status = 0;
  let text = '';
  const res = {
    writeHead(s: number) {
      status = s;
      return res;
    },
    end(body: string) {
      text = body;
    },
  };
  const handled = await handler()(
    { url, method: 'GET', headers: {} } as unknown as IncomingMessage,
    res as unknown as ServerResponse,
  );
  expect(handled).toBe(true);
  return { status, body: JSON.parse(text) as { error?: string } & Record<string, unknown> };
}

describe('GET /api/events', () => {
  it('returns a filtered page, newest first', async () => {
    const r = await get('/api/events?table=pg.inventory.orders&limit=2');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ scanned: 2, truncated: false, nextCursor: expect.any(String) });
    expect((r.body.items as { key: string }[]).map((i) => i.key)).toEqual(['id=3', 'id=2']);
    const next = await get(`/api/events?limit=2&cursor=${r.body.nextCursor as string}`);
    expect(next.body).toMatchObject({ items: [{ key: 'id=1' }], nextCursor: null });
  });

  it('applies field conditions, repeatable', async () => {
    const r = await get(
      `/api/events?field=${encodeURIComponent('after.status=shipped')}&field=${encodeURIComponent('after.id>1')}`,
    );
    expect((r.body.items as { key: string }[]).map((i) => i.key)).toEqual(['id=2']);
  });

  it.each([
    ['limit=501', /^limit: /],
    ['limit=ten', /^limit: expected a whole number/],
    ['op=x', /^op: unknown op "x"/],
    ['field=status%3Dshipped', /^field\.0: "status=shipped": expected <before\|after\|key>/],
    ['from=yesterday', /^from: "yesterday" is neither epoch ms nor an ISO date/],
    ['kind=change', /^kind: /],
    ['colour=red', /^unknown parameter colour/],
    ['q=a&q=b', /^given more than once: q/],
    ['cursor=bm9wZQ', /^cursor: not a cursor/],
    ['__proto__=1', /^unknown parameter __proto__$/],
    ['constructor=1', /^unknown parameter constructor$/],
    ['from=2000&to=1000', /^from \(1970-01-01T00:00:02\.000Z\) is after to \(1970-01-01T00:00:01\.000Z\); swap them$/],
    ['from=2000000000000000000000000000000', /^from: ".*" is outside the dates a clock can show/],
    ['to=275761-01-01', /^to: /],
  ])('answers 400 for %s', async (query, message) => {
    const r = await get(`/api/events?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(message);
  });
});

describe('GET /api/events/:id', () => {
  it('returns the detail of a kept event, 404 for an unknown one', async () => {
    const id = encodeURIComponent('kafka-test:pg.inventory.orders:p0@2');
    const r = await get(`/api/events/${id}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      key: 'id=2',
      change: { op: 'c', after: { status: 'shipped' } },
      raw: { masking: 'none' },
    });
    expect((await get(`/api/events/${encodeURIComponent('kafka-test:pg.inventory.orders:p0@99')}`)).status).toBe(404);
    // Not an id at all: 400, it names no event anywhere (issue #12).
    const bad = await get('/api/events/garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^malformed event id/);
  });
});
