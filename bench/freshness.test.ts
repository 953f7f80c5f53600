import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  attributeProbes,
  counterObserverScript,
  freshnessReport,
  freshnessVerdict,
  parseLoadSummary,
  percentiles,
  probeEventOf,
  summarize,
} from './freshness';

describe('attributeProbes', () => {
  it('gives each probe the first change whose value counts it', () => {
    const changes = [
      { at: 1_000, value: 10 },
      { at: 1_300, value: 11 },
      { at: 2_050, value: 12 },
    ];
    expect(attributeProbes(10, 2, changes)).toEqual([1_300, 2_050]);
  });

  it('gives two probes shown by one push the same time', () => {
    expect(
      attributeProbes(0, 3, [
        { at: 500, value: 2 },
        { at: 900, value: 3 },
      ]),
    ).toEqual([500, 500, 900]);
  });

  it('leaves a probe never shown undefined, and reads changes in time order', () => {
    expect(
      attributeProbes(5, 3, [
        { at: 800, value: 7 },
        { at: 400, value: 6 },
      ]),
    ).toEqual([400, 800, undefined]);
  });

  it('ignores the value the page started with (the base)', () => {
    expect(
      attributeProbes(4, 1, [
        { at: 100, value: 4 },
        { at: 350, value: 5 },
      ]),
    ).toEqual([350]);
  });
});

describe('summarize', () => {
  it('measures the browser and capture lag from the row clock, and the whole-second lag from source.ts_ms', () => {
    const events = [
      { rowTsMs: 10_400, sourceTsMs: 10_000, tsMs: 10_450 },
      { rowTsMs: 11_900, sourceTsMs: 11_000, tsMs: 11_960 },
      undefined,
    ];
    const f = summarize([10_700, 12_100, 13_000], events, [10_500, undefined, 12_900]);
    expect(f.browser).toMatchObject({ p50: 200, p95: 300, n: 2 });
    expect(f.received).toMatchObject({ p50: 100, n: 1 });
    expect(f.capture).toMatchObject({ p50: 50, p95: 60 });
    expect(f.captureWholeSecond).toMatchObject({ p50: 450, p95: 960 });
    expect(f.missing).toBe(1);
  });

  it('counts a probe the page never showed as missing', () => {
    expect(summarize([undefined], [{ rowTsMs: 1, sourceTsMs: 0, tsMs: 2 }]).missing).toBe(1);
  });
});

describe('percentiles', () => {
  it('is nearest-rank, rounded', () => {
    const v = Array.from({ length: 20 }, (_, i) => i + 1.4);
    expect(percentiles(v)).toEqual({ p50: 10, p95: 19, max: 20, n: 20 });
  });
});

describe('freshnessVerdict', () => {
  it('allows 300 ms over the capture lag, no more', () => {
    expect(freshnessVerdict(400, 100)).toEqual({ bound: 400, met: true, overBy: 0 });
    expect(freshnessVerdict(401, 100).met).toBe(false);
  });

  it('is not met without a figure', () => {
    expect(freshnessVerdict(Number.NaN, 100).met).toBe(false);
  });
});

describe('parseLoadSummary', () => {
  it("reads scripts/stack load's summary line", () => {
    const out =
      'load: 5 s: mariadb 10 ops/0 errors\nload: mariadb: 3712 operations, 4890 rows changed, 2 errors {"x":1}\n';
    expect(parseLoadSummary(out)).toEqual({ ops: 3712, rows: 4890, errors: 2 });
    expect(parseLoadSummary('nothing')).toBeUndefined();
  });
});

describe('counterObserverScript', () => {
  it('is one expression naming the selector, safely quoted', () => {
    const s = counterObserverScript('[data-table="a.b"] [data-testid="table-total"]');
    expect(s).toContain('"[data-table=\\"a.b\\"] [data-testid=\\"table-total\\"]"');
    expect(() => new Script(s)).not.toThrow();
  });
});

describe('freshnessReport', () => {
  it('prints the figures and the verdict against the millisecond capture lag', () => {
    const f = summarize([10_700], [{ rowTsMs: 10_400, sourceTsMs: 10_000, tsMs: 10_450 }]);
    const lines = freshnessReport(f, [1.2, 3.6]);
    expect(lines[0]).toContain('1 to 4 ms');
    expect(lines.at(-1)).toBe(
      'target 5: p95 300 ≤ capture p95 50 + 300 = 350 ms: met; against the whole-second figure (750 ms): met',
    );
  });
});

describe('probeEventOf', () => {
  const envelope = {
    op: 'c',
    ts_ms: 1_765_134_001_460,
    source: { ts_ms: 1_765_134_001_000, db: 'inventory', table: 'freshness_probe' },
    after: { id: 7, tag: 'fresh-1-p3', ts: '2025-12-07T19:00:01.412Z' },
  };

  it('reads the times of a probe row, with or without the schema wrapper', () => {
    const want = {
      tag: 'fresh-1-p3',
      event: {
        rowTsMs: Date.parse('2025-12-07T19:00:01.412Z'),
        tsMs: 1_765_134_001_460,
        sourceTsMs: 1_765_134_001_000,
      },
    };
    expect(probeEventOf(JSON.stringify(envelope), 'fresh-1-p')).toEqual(want);
    expect(probeEventOf(JSON.stringify({ schema: {}, payload: envelope }), 'fresh-1-p')).toEqual(want);
  });

  it("skips another run's rows, warm-up rows, deletes and tombstones", () => {
    expect(probeEventOf(JSON.stringify(envelope), 'fresh-2-p')).toBeUndefined();
    expect(
      probeEventOf(JSON.stringify({ ...envelope, after: { ...envelope.after, tag: 'fresh-1-w0' } }), 'fresh-1-p'),
    ).toBeUndefined();
    expect(probeEventOf(JSON.stringify({ ...envelope, op: 'd', after: null }), 'fresh-1-p')).toBeUndefined();
    expect(probeEventOf('null', 'fresh-1-p')).toBeUndefined();
  });
});
