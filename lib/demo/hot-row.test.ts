import { expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { createDemoGenerator } from './generator';

it('the demo’s hot row is created once and never again, even when a burst creates more rows than a table keeps', () => {
  const gen = createDemoGenerator({ sourceId: 'demo', seed: 1 });
  const ops: string[] = [];
  const t0 = 5_000_000;
  for (let ms = 0; ms < 200_000; ms += 100) {
    // A burst of 4,000 changes in one tick every 30 s, as server/brokers/demo/consumer.ts asks for.
    const changes = ms > 0 && ms % 30_000 === 0 ? 4_000 : 5;
    for (const raw of gen.tick(t0 + ms, changes)) {
      const rec = decodeMessage(raw);
      if (rec.kind !== 'change' || !rec.table.endsWith('customers') || !JSON.stringify(raw.origin).includes('demo_a'))
        continue;
      const row = rec.after ?? rec.before;
      if (row?.id === 1) ops.push(rec.op);
    }
  }
  expect(ops.filter((op) => op === 'u').length).toBeGreaterThan(20);
  expect(ops.filter((op) => op === 'c' || op === 'r').length).toBe(1);
});

it('replica B delivers the hot row’s changes complete and in order: every update’s before image is the previous after image', () => {
  const gen = createDemoGenerator({ sourceId: 'demo', seed: 3 });
  const chains: Record<'a' | 'b', { before: unknown; after: unknown }[]> = { a: [], b: [] };
  const t0 = 5_000_000;
  for (let ms = 0; ms < 600_000; ms += 100) {
    for (const raw of gen.tick(t0 + ms, 40)) {
      const rec = decodeMessage(raw);
      if (rec.kind !== 'change' || !rec.table.endsWith('customers') || rec.op !== 'u') continue;
      if ((rec.after ?? rec.before)?.id !== 1) continue;
      const side = JSON.stringify(raw.origin).includes('demo_b') ? 'b' : 'a';
      chains[side].push({ before: rec.before, after: rec.after });
    }
  }
  for (const side of ['a', 'b'] as const) {
    const chain = chains[side];
    expect(chain.length).toBeGreaterThan(250);
    // B may repeat a change (at-least-once); a repeat is not a break in the chain.
    const distinct = chain.filter((c, i) => i === 0 || JSON.stringify(c) !== JSON.stringify(chain[i - 1]));
    const breaks = distinct.filter(
      (c, i) => i > 0 && JSON.stringify(c.before) !== JSON.stringify(distinct[i - 1]?.after),
    );
    expect(breaks).toEqual([]);
  }
});
