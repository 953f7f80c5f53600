import { describe, expect, it } from 'vitest';
import {
  faultLine,
  pendingResult,
  percentile,
  placeSample,
  renderMarkdown,
  summarizeFaults,
  summarizeHealth,
  verdict,
  type StormReport,
} from './report';

const base = (): StormReport => ({
  command: 'scripts/stack chaos --faults 2',
  seed: 1,
  startedAt: '2026-12-07T03:00:00Z',
  durationS: 120,
  machine: '2 cores',
  faults: [
    { n: 1, target: 'kafka', kind: 'kill', pauseMs: 0, backMs: 9_000, liveMs: 12_000 },
    { n: 2, target: 'kafka', kind: 'pause', pauseMs: 5_000, backMs: 1_000, liveMs: 3_000 },
    { n: 3, target: 'nats', kind: 'kill', pauseMs: 0, backMs: 2_000, liveMs: 4_000 },
  ],
  health: summarizeHealth([
    { at: 0, ms: 10, excused: false },
    { at: 1, ms: 30, excused: false },
    { at: 2, ms: null, excused: true },
  ]),
  rss: { beforeMb: 200, afterMb: 230 },
  tables: [{ table: 'a.db.t', measure: 'c', expected: 5, shown: 5, ok: true }],
  replicas: [{ table: 'inventory.t', measure: 'a.duplicates', expected: 2, shown: 2, ok: true }],
  unexpectedExits: 0,
});

describe('storm report', () => {
  it('percentile is nearest-rank', () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  it('summarizes faults per target and health outside excused windows', () => {
    const r = base();
    expect(summarizeFaults(r.faults)).toEqual([
      {
        target: 'kafka',
        kills: 1,
        pauses: 1,
        backMaxMs: 9000,
        backP95Ms: 9000,
        liveMaxMs: 12000,
        liveP95Ms: 12000,
        failed: 0,
      },
      {
        target: 'nats',
        kills: 1,
        pauses: 0,
        backMaxMs: 2000,
        backP95Ms: 2000,
        liveMaxMs: 4000,
        liveP95Ms: 4000,
        failed: 0,
      },
    ]);
    expect(r.health).toEqual({
      samples: 3,
      excused: 1,
      unanswered: 0,
      p50Ms: 10,
      p99Ms: 30,
      maxMs: 30,
      worst: [
        { at: 1, ms: 30, excused: false },
        { at: 0, ms: 10, excused: false },
      ],
    });
  });

  it('passes a clean storm and names every reason a storm failed', () => {
    expect(verdict(base())).toEqual([]);
    const r = base();
    r.tables.push({ table: 'a.db.t', measure: 'u', expected: 5, shown: 6, ok: false });
    r.faults.push({
      n: 4,
      target: 'postgres',
      kind: 'kill',
      pauseMs: 0,
      backMs: null,
      liveMs: null,
      note: 'start failed',
    });
    r.health = summarizeHealth([
      { at: 0, ms: 1500, excused: false },
      { at: 1, ms: null, excused: false },
    ]);
    r.rss = { beforeMb: 200, afterMb: 260 };
    r.unexpectedExits = 1;
    const why = verdict(r);
    expect(why).toHaveLength(5);
    expect(why[0]).toBe('a.db.t u: cdcscope shows 6, the topics hold 5');
    expect(why.join('\n')).toMatch(/fault 4 \(kill postgres\) never healed: start failed/);
    // The unanswered sample enters the p99 as its 2 s timeout.
    expect(why.join('\n')).toMatch(/p99 2000 ms ≥ 1000 ms \(unanswered 1 times/);
    expect(why.join('\n')).toMatch(/RSS 260 MB after vs 200 MB before: grew more than 20%/);
    expect(why.join('\n')).toMatch(/exited 1 times/);
  });

  it('health: an unanswered sample counts in the p99 as its timeout; the limit is on the p99', () => {
    const t0 = Date.parse('2026-12-07T03:00:00Z');
    const samples = (unanswered: number) =>
      Array.from({ length: 200 }, (_, i) => ({ at: t0 + i * 500, ms: i < unanswered ? null : 10, excused: false }));
    const one = summarizeHealth(samples(1), 2_000);
    expect(one).toMatchObject({ unanswered: 1, p50Ms: 10, p99Ms: 10, maxMs: 10 });
    expect(verdict({ ...base(), health: one })).toEqual([]);
    const three = summarizeHealth(samples(3), 2_000);
    expect(three).toMatchObject({ unanswered: 3, p99Ms: 2_000 });
    expect(verdict({ ...base(), health: three })).toEqual([
      '/api/healthz p99 2000 ms ≥ 1000 ms (unanswered 3 times while cdcscope was meant to be up)',
    ]);
    // Excused samples (cdcscope down on purpose) are not counted at all.
    const excused = summarizeHealth(
      samples(10).map((s) => ({ ...s, excused: s.ms === null })),
      2_000,
    );
    expect(excused).toMatchObject({ samples: 200, excused: 10, unanswered: 0, p99Ms: 10 });
  });

  it('says when the slowest health samples fell, and after which fault', () => {
    const t0 = Date.parse('2026-12-07T03:00:00Z');
    const r = base();
    r.faults[0]!.at = t0 + 10_000;
    r.faults[1]!.at = t0 + 20_000;
    r.health = summarizeHealth([
      { at: t0 + 5_000, ms: 700, excused: false },
      { at: t0 + 21_500, ms: null, excused: false },
      { at: t0 + 30_000, ms: 5, excused: false },
    ]);
    expect(r.health.worst.map((s) => s.ms)).toEqual([null, 700, 5]);
    expect(placeSample(r.health.worst[0]!, r)).toBe(
      'unanswered at +21.5 s (last fault before it: 2, SIGSTOP kafka at +20.0 s)',
    );
    expect(placeSample(r.health.worst[1]!, r)).toBe('700 ms at +5.0 s');
    expect(renderMarkdown(r)).toMatch(
      /Slowest samples: unanswered at \+21\.5 s \(.*\); 700 ms at \+5\.0 s; 5 ms at \+30\.0 s \(/,
    );
  });

  it('memory: growth over 20% fails, a smaller RSS after (a restarted server) does not', () => {
    expect(verdict({ ...base(), rss: { beforeMb: 224, afterMb: 169 } })).toEqual([]);
    expect(verdict({ ...base(), rss: { beforeMb: 200, afterMb: 240 } })).toEqual([]);
    expect(verdict({ ...base(), rss: { beforeMb: 200, afterMb: 241 } })).toEqual([
      'RSS 241 MB after vs 200 MB before: grew more than 20%',
    ]);
  });

  it('an overlapping storm that did not settle fails, and says how long settling took', () => {
    const r = { ...base(), settle: { ok: true, ms: 41_200 } };
    expect(verdict(r)).toEqual([]);
    expect(renderMarkdown(r)).toMatch(/overlapping .* healthy and every source live in 41\.2 s\./);
    const stuck = { ...base(), settle: { ok: false, ms: 300_000, note: 'still unhealthy: connect' } };
    expect(verdict(stuck)).toEqual(['the stack did not settle after the storm: still unhealthy: connect']);
  });

  it('renders the Markdown tables RELIABILITY.md quotes', () => {
    const md = renderMarkdown(base());
    expect(md).toMatch(/Result: \*\*passed\*\*/);
    expect(md).toMatch(/\| kafka \| 1 \| 1 \| 9\.0 \/ 9\.0 \| 12\.0 \/ 12\.0 \| 0 \|/);
    expect(md).toMatch(/\| a\.db\.t \| 5 \| — \| — \| — \| — \| yes \|/);
    expect(md).toMatch(/\| inventory\.t \| 0 \| 0 \| 2 \/ 0 \|/);
    expect(md).not.toMatch(/Divergent changes/);
    const divergent = renderMarkdown({
      ...base(),
      divergentSamples: [
        { table: 'inventory.t', place: '0-1-7|inventory.t|{"id":1}', a: 'u|null|{"p":1}', b: 'u|null|{"p":2}' },
      ],
    });
    expect(divergent).toMatch(
      /- inventory\.t `0-1-7\|inventory\.t\|\{"id":1\}`\n {2}- A: `u\|null\|\{"p":1\}`\n {2}- B: `u\|null\|\{"p":2\}`/,
    );
  });
});

describe('faultLine and pendingResult', () => {
  it('announce a fault the same way in both storm modes and start with nothing measured', () => {
    const pause = { n: 3, target: 'nats', kind: 'pause', pauseMs: 2_500, gapMs: 1_000 } as const;
    expect(faultLine(pause)).toBe('fault 3: SIGSTOP 2.5 s nats');
    expect(faultLine({ ...pause, kind: 'kill' })).toBe('fault 3: kill -9 nats');
    expect(pendingResult(pause)).toEqual({
      n: 3,
      target: 'nats',
      kind: 'pause',
      pauseMs: 2_500,
      backMs: null,
      liveMs: null,
      at: expect.any(Number) as number,
    });
  });
});
