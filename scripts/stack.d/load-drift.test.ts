import { describe, expect, it } from 'vitest';
import { driftColumnName, driftDue, driftOnce, MAX_DRIFT_COLUMNS, type SqlDb } from './load-drift';

/** The statements a drift step sends, against a recorded column list (the real databases: test/integration/schema-drift). */
function recordingDb(columns: string[]): SqlDb & { sent: string[] } {
  const sent: string[] = [];
  return {
    name: 'mariadb',
    now: 'NOW(3)',
    sent,
    q(sql) {
      sent.push(sql.replace(/\s+/g, ' ').trim());
      if (sql.includes('information_schema')) return Promise.resolve(columns.map((name) => ({ name })));
      if (sql.startsWith('SELECT id')) return Promise.resolve([{ id: 7 }]);
      return Promise.resolve([]);
    },
  };
}

describe('load generator schema drift', () => {
  it('is due every N seconds, at most maxPerRun times, never with 0', () => {
    const plan = { everySeconds: 30, maxPerRun: 2 };
    expect(driftDue(plan, 29_999, 0)).toBe(false);
    expect(driftDue(plan, 30_000, 0)).toBe(true);
    expect(driftDue(plan, 45_000, 1)).toBe(false);
    expect(driftDue(plan, 60_000, 1)).toBe(true);
    expect(driftDue(plan, 600_000, 2)).toBe(false);
    expect(driftDue({ everySeconds: 0, maxPerRun: 2 }, 600_000, 0)).toBe(false);
  });

  it('names columns uniquely and in age order', () => {
    const a = driftColumnName(1_700_000_000_000, 0.99);
    const b = driftColumnName(1_700_000_000_001, 0);
    expect(a).toMatch(/^drift_[0-9a-z]{10}$/);
    expect([b, a].sort()).toEqual([a, b]);
    expect(driftColumnName(1_700_000_000_000, 0.5)).not.toBe(a);
  });

  it('adds one nullable column and writes a row in the new shape', async () => {
    const db = recordingDb([]);
    expect(await driftOnce(db, 1_700_000_000_000)).toEqual([expect.stringMatching(/^added drift_/)]);
    expect(db.sent.filter((s) => s.startsWith('ALTER'))).toEqual([
      expect.stringMatching(/^ALTER TABLE products ADD COLUMN drift_\w+ VARCHAR\(40\) NULL$/),
    ]);
    expect(db.sent.at(-1)).toMatch(/^UPDATE products SET drift_\w+ = \?, updated_at = NOW\(3\) WHERE id = \?$/);
  });

  it(`keeps at most ${MAX_DRIFT_COLUMNS} drift columns: the oldest go first`, async () => {
    const full = ['drift_c', 'drift_a', 'drift_d', 'drift_b', 'drift_e'];
    const db = recordingDb(full);
    const done = await driftOnce(db);
    expect(done.slice(0, 2)).toEqual(['dropped drift_a', 'dropped drift_b']);
    expect(db.sent.filter((s) => s.startsWith('ALTER'))).toHaveLength(3);
  });
});
