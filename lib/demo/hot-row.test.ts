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
