import { describe, expect, it } from 'vitest';
import { createSnapshotTracker } from './snapshot-tracker';

describe('snapshot tracker', () => {
  it('follows a snapshot table by table to its end', () => {
    const t = createSnapshotTracker();
    t.observe('a', 'db.x', 'first', 1);
    t.observe('a', 'db.x', 'true', 2);
    t.observe('a', 'db.x', 'last_in_data_collection', 3);
    t.observe('a', 'db.y', 'first_in_data_collection', 4);
    let s = t.get('a');
    expect(s?.state).toBe('running');
    expect(s?.tables).toEqual([
      { table: 'db.x', state: 'completed', rows: 3, firstAt: 1, lastAt: 3, completedAt: 3 },
      { table: 'db.y', state: 'running', rows: 1, firstAt: 4, lastAt: 4, completedAt: null },
    ]);
    t.observe('a', 'db.y', 'last', 5);
    s = t.get('a');
    expect(s).toMatchObject({ state: 'completed', startedAt: 1, completedAt: 5 });
    expect(s?.tables.every((x) => x.state === 'completed')).toBe(true);
  });

  it('ends a snapshot whose last record it missed at the first streamed change', () => {
    const t = createSnapshotTracker();
    t.observe('a', 'db.x', 'true', 1);
    t.observe('a', 'db.y', 'true', 2);
    t.observe('a', 'db.x', 'false', 9);
    expect(t.get('a')).toMatchObject({ state: 'completed', completedAt: 9 });
    expect(t.get('a')?.tables.map((x) => x.completedAt)).toEqual([9, 9]);
  });

  it('costs nothing for a server only streaming, and restarts on a new snapshot', () => {
    const t = createSnapshotTracker();
    t.observe('s', 'db.x', 'false', 1);
    expect(t.all()).toEqual([]);
    t.observe('a', 'db.x', 'last', 2);
    t.observe('a', 'db.x', 'true', 10);
    expect(t.get('a')).toMatchObject({ state: 'running', startedAt: 10 });
    expect(t.get('a')?.tables[0]?.rows).toBe(1);
  });

  it('keeps incremental snapshots running with their last chunk time', () => {
    const t = createSnapshotTracker();
    t.observe('a', 'db.x', 'incremental', 5);
    t.observe('a', 'db.x', 'incremental', 6);
    t.observe('a', 'db.y', 'false', 7);
    expect(t.get('a')).toMatchObject({
      state: 'incremental',
      tables: [{ table: 'db.x', rows: 2, lastAt: 6, state: 'running' }],
    });
  });

  it('is bounded: least recently updated server dropped, extra tables counted', () => {
    const t = createSnapshotTracker({ maxServers: 2, maxTablesPerServer: 1 });
    t.observe('a', 'db.x', 'true', 1);
    t.observe('b', 'db.x', 'true', 2);
    t.observe('a', 'db.y', 'true', 3); // a is the freshest now, and its second table is over the cap
    t.observe('c', 'db.x', 'true', 4);
    expect(t.all().map((s) => s.serverName)).toEqual(['a', 'c']);
    expect(t.get('a')).toMatchObject({ tablesDropped: 1, tables: [{ table: 'db.x' }] });
  });
});
