import { describe, expect, it } from 'vitest';
import type { ChangeRecord, TombstoneRecord } from '../contracts/change-event';
import { createOverallThroughput } from './overall-throughput';

const change = (op: 'c' | 'u', size = 10) => ({ kind: 'change', op, sizeBytes: size }) as unknown as ChangeRecord;
const tombstone = { kind: 'tombstone', sizeBytes: 0 } as unknown as TombstoneRecord;

describe('createOverallThroughput', () => {
  it('counts every table by op per complete second, zeros for quiet seconds, never before it started', () => {
    const t0 = 1_000_000;
    const o = createOverallThroughput(t0);
    o.record(change('c'), t0 + 100);
    o.record(change('u'), t0 + 200);
    o.record(tombstone, t0 + 2100);
    const pts = o.points(t0 + 3500);
    expect(pts.map((p) => [p.t - t0, p.c, p.u, p.other, p.bytes])).toEqual([
      [0, 1, 1, 0, 20],
      [1000, 0, 0, 0, 0],
      [2000, 0, 0, 1, 0],
    ]);
    expect(o.points(t0 + 3500, Math.floor((t0 + 2000) / 1000)).map((p) => p.t - t0)).toEqual([2000]);
  });
});
