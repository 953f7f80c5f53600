import { describe, expect, it } from 'vitest';
import {
  canonical,
  envelope,
  ReplicaTruth,
  replicaIdentity,
  tableOfChannel,
  tallyMessage,
  type OpTally,
} from './truth';

const change = (op: string, gtid: string | undefined, after: Record<string, unknown>, wrap = false) => {
  const payload = { op, before: null, after, source: { gtid, file: 'binlog.000001', pos: 4 }, ts_ms: 1 };
  return wrap ? { schema: { type: 'struct' }, payload } : payload;
};

describe('independent count', () => {
  it('knows table channels from heartbeats, transaction markers and schema changes', () => {
    expect(tableOfChannel('replica_a.inventory.orders')).toBe('replica_a.inventory.orders');
    expect(tableOfChannel('pg.inventory.customers')).toBe('pg.inventory.customers');
    expect(tableOfChannel('replica_a')).toBeNull();
    expect(tableOfChannel('replica_a.transaction')).toBeNull();
    expect(tableOfChannel('__debezium-heartbeat.replica_a')).toBeNull();
    expect(tableOfChannel('a..b')).toBeNull();
  });

  it('tallies ops with and without the schema wrapper, tombstones, and what it cannot read', () => {
    const t = new Map<string, OpTally>();
    tallyMessage(t, 'x.db.t', change('c', 'g', { id: 1 }));
    tallyMessage(t, 'x.db.t', change('u', 'g', { id: 1 }, true));
    tallyMessage(t, 'x.db.t', change('r', undefined, { id: 2 }));
    tallyMessage(t, 'x.db.t', change('t', 'g', {}));
    tallyMessage(t, 'x.db.t', null);
    tallyMessage(t, 'x.db.t', undefined);
    tallyMessage(t, 'x.db.t', { no: 'op' });
    expect(t.get('x.db.t')).toEqual({ c: 1, u: 1, d: 0, r: 1, other: 1, tombstones: 1, unreadable: 2 });
    expect(envelope({ schema: {}, payload: null })).toBeNull();
  });

  it('canonical JSON ignores key order at every depth', () => {
    expect(canonical({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonical({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
    expect(canonical(undefined)).toBe('null');
  });

  it('a replica identity leaves out the prefix and per-server positions, and snapshot reads', () => {
    const a = replicaIdentity('replica_a.inventory.t', change('c', '0-1-5', { id: 1, n: 'x' }, true));
    const b = replicaIdentity('replica_b.inventory.t', {
      ...change('c', '0-1-5', { n: 'x', id: 1 }),
      source: { gtid: '0-1-5', pos: 999 },
    });
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(replicaIdentity('replica_a.inventory.t', change('r', '0-1-5', { id: 1 }))).toBeNull();
    expect(replicaIdentity('replica_a.inventory.t', change('c', undefined, { id: 1 }))).toBeNull();
    expect(replicaIdentity('replica_a.inventory.t', null)).toBeNull();
  });

  it("tells a restart's repeats (duplicates) from changes that reached one side only", () => {
    const r = new ReplicaTruth();
    for (const n of [1, 2, 3]) r.add('a', 'replica_a.inventory.t', change('c', `0-1-${n}`, { id: n }));
    for (const n of [2, 3]) r.add('a', 'replica_a.inventory.t', change('c', `0-1-${n}`, { id: n })); // re-sent after a restart
    for (const n of [1, 2]) r.add('b', 'replica_b.inventory.t', change('c', `0-1-${n}`, { id: n }));
    r.add('b', 'replica_b.inventory.u', change('d', '0-1-9', {}));
    expect(r.result()).toEqual([
      {
        table: 'inventory.t',
        a: { events: 5, duplicates: 2, onlyHere: 1 },
        b: { events: 2, duplicates: 0, onlyHere: 0 },
        matched: 2,
        divergent: 0,
        samples: [],
      },
      {
        table: 'inventory.u',
        a: { events: 0, duplicates: 0, onlyHere: 0 },
        b: { events: 1, duplicates: 0, onlyHere: 1 },
        matched: 0,
        divergent: 0,
        samples: [],
      },
    ]);
  });

  it('pairs one change delivered with other images on each side as divergent, not as two one-sided ones', () => {
    const r = new ReplicaTruth();
    const key = (id: number) => ({ schema: { type: 'struct' }, payload: { id } });
    r.add('a', 'replica_a.inventory.t', change('u', '0-1-7', { id: 1, points: 10 }), key(1));
    r.add('b', 'replica_b.inventory.t', change('u', '0-1-7', { id: 1, points: 11 }), key(1));
    // Same GTID, another row: one-sided on each side, not divergent.
    r.add('a', 'replica_a.inventory.t', change('u', '0-1-8', { id: 2 }), key(2));
    r.add('b', 'replica_b.inventory.t', change('u', '0-1-8', { id: 3 }), key(3));
    // No key: never paired by place.
    r.add('a', 'replica_a.inventory.t', change('c', '0-1-9', { id: 4, x: 1 }));
    r.add('b', 'replica_b.inventory.t', change('c', '0-1-9', { id: 4, x: 2 }));
    const [t] = r.result();
    expect(t).toMatchObject({
      a: { events: 3, duplicates: 0, onlyHere: 2 },
      b: { events: 3, duplicates: 0, onlyHere: 2 },
      matched: 1,
      divergent: 1,
    });
    expect(t?.samples).toEqual([
      {
        place: '0-1-7|inventory.t|{"id":1}',
        a: 'u|null|{"id":1,"points":10}',
        b: 'u|null|{"id":1,"points":11}',
      },
    ]);
  });
});
