import { expect, it } from 'vitest';
import type { RawMessage } from '../contracts/raw-message';
import { createRandom } from './random';
import { createReplicaB } from './replica-b';

const message = (i: number): RawMessage => ({
  sourceId: 'demo',
  origin: { kind: 'demo', topic: 'demo_b.t', seq: 0, timestamp: 0 },
  key: null,
  value: new TextEncoder().encode(String(i)),
  headers: {},
  receivedAt: 0,
});

it('copies every kept change in A’s order (a repeat may land after later ones) with the stream’s next sequence numbers', () => {
  const b = createReplicaB(createRandom(11));
  const out: RawMessage[] = [];
  let seq = 0;
  for (let i = 0; i < 20_000; i++) {
    b.copy([message(i)], i, true);
    b.release(out, i, () => ++seq);
  }
  b.release(out, 1e9, () => ++seq);
  const values = out.map((m) => Number(new TextDecoder().decode(m.value ?? undefined)));
  const distinct = values.filter((v, i) => i === 0 || v !== values[i - 1]);
  // Kept: every change arrives; a repeat (at-least-once) may land a little later, never before its original.
  expect(new Set(values).size).toBe(20_000);
  expect(distinct.filter((v, i) => i > 0 && v < (distinct[i - 1] as number)).length).toBeLessThanOrEqual(
    values.length - 20_000,
  );
  expect(out.map((m) => (m.origin.kind === 'demo' ? m.origin.seq : 0))).toEqual(out.map((_, i) => i + 1));
});

it('loses about one change in a thousand when not kept', () => {
  const b = createReplicaB(createRandom(5));
  const out: RawMessage[] = [];
  for (let i = 0; i < 50_000; i++) b.copy([message(i)], i, false);
  b.release(out, 1e9, () => 0);
  const lost = 50_000 - new Set(out.map((m) => new TextDecoder().decode(m.value ?? undefined))).size;
  expect(lost).toBeGreaterThan(10);
  expect(lost).toBeLessThan(150);
});
