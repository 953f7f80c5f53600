import { describe, expect, it } from 'vitest';
import type { InstanceSnapshot, PartialTable } from '../contracts/cluster';
import { EMPTY_ARCHIVE, foldIntoArchive } from './archive';
import { resumePoint, splitByFreshness } from './handover';

const NOW = 1_700_000_000_000;
const STALE = 10_000;
const P = 'k/replica_a.inventory.customers/0';

function snap(
  incarnation: string,
  at: number,
  partitions: InstanceSnapshot['partitions'],
  tables: PartialTable[] = [],
) {
  return { instanceId: incarnation.split(':')[0]!, incarnation, at, partitions, tables } satisfies InstanceSnapshot;
}

function table(c: number, lastEventAt: number): PartialTable {
  const empty = { b64: '', total: 0, max: 0 };
  return {
    table: 'inventory.customers',
    tableKey: `t${lastEventAt}`,
    sourceIds: ['k'],
    channels: ['replica_a.inventory.customers'],
    totals: { c, u: 0, d: 0, r: 0, t: 0, m: 0 },
    tombstones: 0,
    bytes: 10 * c,
    undecodable: 0,
    snapshotEvents: 0,
    streamingEvents: c,
    rate: 1,
    firstEventAt: lastEventAt - 1,
    lastEventAt,
    spark: [1],
    sparkEnd: 1,
    lag: { capture: { m1: empty, m5: empty }, endToEnd: { m1: empty, m5: empty } },
  };
}

describe('freshness', () => {
  it('splits snapshots at staleMs', () => {
    const s = [snap('a:1', NOW - 9_999, {}), snap('b:1', NOW - 10_000, {})];
    const { live, stale } = splitByFreshness(s, NOW, STALE);
    expect(live.map((x) => x.incarnation)).toEqual(['a:1']);
    expect(stale.map((x) => x.incarnation)).toEqual(['b:1']);
  });
});

describe('where a new owner resumes a partition', () => {
  it('starts from the start policy when nobody ever counted it', () => {
    expect(resumePoint(P, 'b:1', [], EMPTY_ARCHIVE, NOW, STALE)).toEqual({ kind: 'resume', next: null });
  });

  it('waits while the previous owner is alive and still claims it', () => {
    const a = snap('a:1', NOW - 500, { [P]: { next: '120', owned: true } });
    expect(resumePoint(P, 'b:1', [a], EMPTY_ARCHIVE, NOW, STALE)).toEqual({ kind: 'wait', holder: 'a' });
  });

  it("resumes where the released owner's published counts end", () => {
    const a = snap('a:1', NOW - 500, { [P]: { next: '130', owned: false } });
    const older = snap('c:1', NOW - 500, { [P]: { next: '40', owned: false } });
    expect(resumePoint(P, 'b:1', [older, a], EMPTY_ARCHIVE, NOW, STALE)).toEqual({ kind: 'resume', next: '130' });
  });

  it("resumes from a dead owner's last publish once it is stale, and from the archive after the fold", () => {
    const dead = snap('a:1', NOW - STALE, { [P]: { next: '99999999999999', owned: true } });
    expect(resumePoint(P, 'b:1', [dead], EMPTY_ARCHIVE, NOW, STALE)).toEqual({
      kind: 'resume',
      next: '99999999999999',
    });
    const archive = foldIntoArchive(EMPTY_ARCHIVE, dead, 100);
    expect(resumePoint(P, 'b:1', [], archive, NOW, STALE)).toEqual({ kind: 'resume', next: '99999999999999' });
  });

  it('never waits for its own claim (a rejoin after a rebalance gives the same partition back)', () => {
    const self = snap('b:1', NOW - 100, { [P]: { next: '7', owned: true } });
    expect(resumePoint(P, 'b:1', [self], EMPTY_ARCHIVE, NOW, STALE)).toEqual({ kind: 'resume', next: '7' });
  });
});

describe('the archive of gone incarnations', () => {
  it('adds their counts once, keeps the highest offset per partition, and caps its tables', () => {
    const a = snap('a:1', NOW, { [P]: { next: '10', owned: true } }, [table(3, 100), table(1, 300)]);
    const b = snap('b:1', NOW, { [P]: { next: '25', owned: false } }, [table(4, 100)]);
    let archive = foldIntoArchive(EMPTY_ARCHIVE, a, 100);
    archive = foldIntoArchive(archive, b, 100);
    expect(foldIntoArchive(archive, b, 100)).toBe(archive);
    expect(archive.partitions[P]).toBe('25');
    const t100 = archive.tables.find((t) => t.tableKey === 't100');
    expect(t100?.totals.c).toBe(7);
    expect(t100?.bytes).toBe(70);
    expect(t100).not.toHaveProperty('rate');
    // Past the cap, the table with the oldest last event goes.
    expect(foldIntoArchive(EMPTY_ARCHIVE, a, 1).tables.map((t) => t.tableKey)).toEqual(['t300']);
  });
});
