import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoGenerator } from './generator';

const text = new TextDecoder();
/** What these tests read of a generated change event, bare or wrapped in {schema, payload}. */
const eventSchema = z.object({
  op: z.string().optional(),
  source: z.object({ gtid: z.string().optional() }).optional(),
});
const messageSchema = z.union([z.object({ payload: eventSchema }), eventSchema]);
const parse = (v: Uint8Array | null) => {
  if (v === null) return null;
  const m = messageSchema.parse(JSON.parse(text.decode(v)));
  return 'payload' in m ? m.payload : m;
};

describe('demo generator', () => {
  it('starts with a snapshot and then streams changes of every op', () => {
    const gen = createDemoGenerator({ sourceId: 'demo', seed: 1 });
    // The snapshot reads a table a second (lib/demo/snapshot-phase.ts) and nothing streams meanwhile.
    const first = Array.from({ length: 30 }, (_, i) => gen.tick(1_000_000 + i * 100, 5)).flat();
    // The shop's Avro table and outbox (demo-shop.ts) are not JSON envelopes: demo-shop.test.ts reads them.
    const envelopes = (ms: typeof first) =>
      ms.filter((m) => m.origin.kind === 'demo' && /^(demo_a|demo_b|demo_pg)\./.test(m.origin.topic));
    const ops = envelopes(first).map((m) => parse(m.value)?.op);
    expect(ops.filter((o) => o === 'r').length).toBeGreaterThanOrEqual(60);
    const later = Array.from({ length: 200 }, (_, i) => gen.tick(1_003_000 + (i + 1) * 100, 5)).flat();
    const seen = new Set<string>();
    for (const m of envelopes(later)) {
      try {
        const op = parse(m.value)?.op;
        if (op) seen.add(op);
      } catch {
        seen.add('malformed');
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['c', 'u', 'd']));
  });

  it('delivers each replica A change on replica B with the same GTID, later', () => {
    const gen = createDemoGenerator({ sourceId: 'demo', seed: 7 });
    const all = Array.from({ length: 100 }, (_, i) => gen.tick(2_000_000 + i * 100, 4)).flat();
    const gtids = (server: string) =>
      new Set(
        all
          .filter((m) => m.origin.kind === 'demo' && m.origin.topic.startsWith(`${server}.inventory.`) && m.value)
          .flatMap((m) => {
            try {
              const gtid = parse(m.value)?.source?.gtid;
              return gtid === undefined ? [] : [gtid];
            } catch {
              return [];
            }
          }),
      );
    const a = gtids('demo_a');
    const b = gtids('demo_b');
    expect(a.size).toBeGreaterThan(100);
    const shared = [...b].filter((g) => a.has(g)).length;
    expect(shared / b.size).toBe(1);
    expect(shared / a.size).toBeGreaterThan(0.9);
  });

  it('is reproducible for a seed', () => {
    const run = () =>
      createDemoGenerator({ sourceId: 'demo', seed: 3 })
        .tick(5_000, 10)
        .map((m) => m.value && text.decode(m.value));
    expect(run()).toEqual(run());
  });
});

describe('demo generator with extra tables', () => {
  it('snapshots one row of every extra table, then spreads changes over them', () => {
    const gen = createDemoGenerator({ sourceId: 'demo', seed: 5, extraTables: 500 });
    // After the built-in tables' snapshot (a table a second).
    const first = [10_000, 11_000, 12_000]
      .flatMap((t) => gen.tick(t, 0))
      .filter((m) => m.origin.kind === 'demo' && m.origin.topic.startsWith('demo_load.'));
    expect(new Set(first.map((m) => (m.origin.kind === 'demo' ? m.origin.topic : ''))).size).toBe(500);
    const later = gen
      .tick(12_100, 20)
      .filter((m) => m.origin.kind === 'demo' && m.origin.topic.startsWith('demo_load.'));
    expect(later).toHaveLength(20);
  });
});
