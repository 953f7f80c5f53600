import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { serverNameOf } from '../debezium/table-identity';
import { createSnapshotTracker } from '../connectors/snapshot-tracker';
import { createDemoGenerator } from './generator';
import { DEMO_SNAPSHOT_TABLE_MS, snapshotFlag } from './snapshot-phase';

describe('demo snapshot', () => {
  it('flags reads as Debezium does', () => {
    const flags = [0, 1].flatMap((t) => [0, 1, 2].map((r) => snapshotFlag(t, 2, r, 3)));
    expect(flags).toEqual(['first', 'true', 'last_in_data_collection', 'first_in_data_collection', 'true', 'last']);
  });

  it('runs at start, completes table by table, and only then streams', () => {
    const gen = createDemoGenerator({ sourceId: 'demo', seed: 3 });
    const tracker = createSnapshotTracker();
    const t0 = 5_000_000;
    const feed = (now: number) => {
      const ops: string[] = [];
      for (const raw of gen.tick(now, 10)) {
        const rec = decodeMessage(raw);
        if (rec.kind !== 'change') continue;
        ops.push(rec.op);
        tracker.observe(serverNameOf(rec) ?? '', rec.table, rec.source.snapshot, now);
      }
      return ops;
    };
    expect(new Set(feed(t0))).toEqual(new Set(['r']));
    // A table is read whole in one tick: the first is done, the server's snapshot is not.
    expect(tracker.get('demo_pg')).toMatchObject({ state: 'running', tables: [{ state: 'completed', rows: 15 }] });
    expect(feed(t0 + DEMO_SNAPSHOT_TABLE_MS)).not.toContain('c');
    const pg = tracker.get('demo_pg');
    expect(pg?.state).toBe('running');
    expect(pg?.tables.map((t) => t.state)).toEqual(['completed', 'completed']);
    let streamed: string[] = [];
    for (let i = 2; i < 10; i++) streamed = streamed.concat(feed(t0 + i * DEMO_SNAPSHOT_TABLE_MS));
    expect(streamed.some((op) => op !== 'r')).toBe(true);
    for (const s of ['demo_a', 'demo_pg']) {
      const snap = tracker.get(s);
      expect(snap?.state).toBe('completed');
      expect(snap?.tables.length).toBe(3);
      expect(snap?.tables.every((t) => t.state === 'completed' && t.rows === 15)).toBe(true);
    }
  });
});
