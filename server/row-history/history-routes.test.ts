import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { parseHistoryLine, type HistoryLine } from '../../lib/contracts/row-history';
import { createDemoGenerator, HOT_ROW } from '../../lib/demo/generator';
import { firstDivergence } from '../../lib/row-history/divergence';
import { orderHistory } from '../../lib/row-history/history-order';
import type { Reply, StreamReply } from '../http/route';
import { createPipeline } from '../pipeline/pipeline';
import { createSeekGate } from '../seek/seek-gate';
import { ndjsonLines, streamedText } from '../../test/support/api-harness';
import { createHistoryRoutes } from './history-routes';

/**
 * The history route over the demo pipeline's buffer (`broker=none`: no demo
 * source runs here, so there is no retained log to read; the broker part is
 * proven on the real stack, test/integration/row-history.test.ts).
 */
const config = configSchema.parse({
  sources: [{ id: 'demo', kind: 'demo', seed: 7 }],
  masking: { fields: ['*.email'] },
  seek: { concurrent: 1 },
});
const pipeline = createPipeline({ config, sources: [] });
const generator = createDemoGenerator({ sourceId: 'demo', seed: 7 });
const T0 = Date.UTC(2026, 11, 7, 3, 0, 0);
// 30 s of demo traffic at 10 changes a second, in 100 ms ticks, then B's delayed copies released.
for (let t = 0; t <= 31_000; t += 100) pipeline.ingest(generator.tick(T0 + t, t <= 30_000 ? 1 : 0));

const gate = createSeekGate(1);
const [found] = createHistoryRoutes({
  config,
  state: pipeline.state,
  lookup: pipeline.inspector.lookup,
  masker: pipeline.inspector.masker,
  gate,
});
if (found === undefined) throw new Error('no route');
const route = found;

const ctx = { req: { socket: new EventEmitter() } as unknown as IncomingMessage, principal: null, body: undefined };
async function call(table: string, key: string, query = ''): Promise<Reply | StreamReply> {
  const m = route.pattern.exec(`/api/tables/${encodeURIComponent(table)}/rows/${encodeURIComponent(key)}/history`);
  if (!m) throw new Error('pattern did not match');
  return route.handle(
    m.slice(1).map((p) => decodeURIComponent(p)),
    new URLSearchParams(query),
    ctx,
  );
}
async function lines(reply: Reply | StreamReply): Promise<HistoryLine[]> {
  if (!('stream' in reply)) throw new Error(`not a stream: ${JSON.stringify(reply.body)}`);
  return ndjsonLines(await streamedText(reply), parseHistoryLine);
}
const entries = (ls: HistoryLine[]) => ls.flatMap((l) => (l.type === 'entry' ? [l.entry] : []));
const hotKey = JSON.stringify({ id: HOT_ROW.id });

describe('GET /api/tables/:table/rows/:key/history on the demo pipeline', () => {
  it("the demo's hot row has a long history on both replicas, in order, masked, with no divergence", async () => {
    const a = await lines(await call(`demo_a.${HOT_ROW.table}`, hotKey, 'broker=none'));
    const b = await lines(await call(`demo_b.${HOT_ROW.table}`, 'id=1', 'broker=none'));
    const ha = orderHistory(entries(a));
    const hb = orderHistory(entries(b));
    expect(ha.length).toBeGreaterThanOrEqual(10);
    expect(ha.at(-1)?.op).toBe('r');
    expect(ha.slice(0, -1).every((e) => e.op === 'u' && e.from === 'buffer')).toBe(true);
    expect(ha.slice(0, -1).every((e) => e.continuity === 'ok' && e.changes.length > 0)).toBe(true);
    expect(JSON.stringify(a)).not.toMatch(/@example/);
    expect(firstDivergence(ha, hb)).toBeNull();
    // The broker part skipped as asked: said so, and done.
    expect(a.find((l) => l.type === 'scope' && l.scope.phase === 'broker')).toMatchObject({
      scope: { note: expect.stringMatching(/^not read, as asked/) },
    });
    expect(a.at(-1)).toMatchObject({ type: 'done', reason: 'end' });
  });

  it('bounded: limit cuts the entries, newest first', async () => {
    const ls = await lines(await call(`demo_a.${HOT_ROW.table}`, hotKey, 'limit=3&broker=none'));
    expect(entries(ls)).toHaveLength(3);
    expect(ls.at(-1)).toMatchObject({ type: 'done', reason: 'limit' });
  });

  it('refuses bad keys and queries with the reason, and a masked key column', async () => {
    expect(await call('demo_a.inventory.customers', '{"id":')).toMatchObject({ status: 400 });
    expect(await call('demo_a.inventory.customers', hotKey, 'broker=maybe')).toMatchObject({ status: 400 });
    expect(await call('demo_a.inventory.customers', hotKey, 'start=yesterday')).toMatchObject({ status: 400 });
    expect(await call('demo_a.inventory.customers', JSON.stringify({ email: '••••••' }))).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/masked/) },
    });
  });

  it('a row nobody changed has an empty history, not an error', async () => {
    const ls = await lines(await call(`demo_a.${HOT_ROW.table}`, '{"id":999999}', 'broker=none'));
    expect(entries(ls)).toEqual([]);
    expect(ls.at(-1)).toMatchObject({ type: 'done' });
  });

  it('shares the seek slots: a history reading a broker waits its turn', async () => {
    const release = gate.tryAcquire();
    expect(await call(`demo_a.${HOT_ROW.table}`, hotKey)).toMatchObject({ status: 429 });
    // The buffer alone needs no slot.
    expect(await call(`demo_a.${HOT_ROW.table}`, hotKey, 'broker=none')).toMatchObject({ status: 200 });
    release?.();
  });
});
