import { describe, expect, it } from 'vitest';
import { checkBacklog, rateBetween, sentAt, summarizeProbes, summarizeRss, truthAt, verdict } from './overload-summary';
import { percentile } from '../test/support/commit-visible';

describe('overload summary', () => {
  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it('counts failed and too slow probes as unanswered, and a failed one as slowest', () => {
    const probes = [
      { at: 1, ms: 5, cpuMs: 1 },
      { at: 2, ms: 2_300, cpuMs: 40 },
      { at: 3 },
      { at: 4, ms: 10, cpuMs: 2 },
    ];
    expect(summarizeProbes(probes)).toEqual({
      sent: 4,
      unanswered: 2,
      p50: 10,
      p95: Number.POSITIVE_INFINITY,
      max: Number.POSITIVE_INFINITY,
      cpuP50: 2,
      cpuP95: 40,
      cpuMax: 40,
    });
  });

  it('measures the rate between two counts, not from the start', () => {
    const samples = [
      { t: 0, counted: 0 },
      { t: 5_000, counted: 100 }, // a slow start (JIT, group join) left out
      { t: 6_000, counted: 2_100 },
      { t: 7_000, counted: 4_100 },
      { t: 8_000, counted: 6_100 },
    ];
    expect(rateBetween(samples, 2_000, 6_000)).toBe(2_000);
    expect(rateBetween(samples, 2_000, 99_999)).toBeNaN();
  });

  it('calls RSS bounded when the second half peaks no more than 10 % above the first', () => {
    expect(summarizeRss([200, 260, 300, 290, 310, 305])).toMatchObject({
      start: 200,
      max: 310,
      end: 305,
      firstHalfMax: 300,
      secondHalfMax: 310,
      bounded: true,
    });
    // A queue growing with the backlog: the peak keeps rising.
    expect(summarizeRss([200, 260, 320, 380, 440, 500]).bounded).toBe(false);
  });

  it('interpolates the truth between samples and dates messages by the send log', () => {
    const truth = [
      { t: 1_000, end: 1_000, counted: 0 },
      { t: 2_000, end: 3_000, counted: 1_000 },
    ];
    expect(truthAt(truth, 1_500)).toEqual({ end: 2_000, counted: 500 });
    expect(truthAt(truth, 500)).toEqual(truth[0]);
    expect(truthAt(truth, 9_000)).toEqual(truth[1]);
    const log = [
      { upTo: 1_000, t: 100 },
      { upTo: 2_000, t: 200 },
    ];
    expect(sentAt(log, 0)).toBe(100);
    expect(sentAt(log, 1_000)).toBe(200);
    expect(sentAt(log, 2_000)).toBeUndefined();
  });

  it('flags a report that is silent, off by more than its slack, or a false alarm', () => {
    // One message a millisecond from t = 0; cdcscope counted half of them by t = 10 s.
    const log = Array.from({ length: 10 }, (_, i) => ({ upTo: (i + 1) * 1_000, t: i * 1_000 }));
    const truth = [
      { t: 0, end: 0, counted: 0 },
      { t: 10_000, end: 10_000, counted: 5_000 },
      { t: 14_000, end: 10_000, counted: 7_000 },
      { t: 20_000, end: 10_000, counted: 10_000 },
    ];
    const checks = checkBacklog(
      [
        { at: 10_000, messages: 5_100, seconds: 5.2, behind: true }, // right
        { at: 10_000, messages: 0, seconds: 0, behind: false }, // same poll again: ignored
        { at: 12_000, messages: 400, seconds: 0.5, behind: false }, // silent and under-counted
        { at: 20_000, messages: 0, seconds: 0, behind: true }, // caught up but flagged
      ],
      truth,
      log,
      { slack: 50, window: 0 },
    );
    expect(checks).toHaveLength(3);
    // 100 off: within 10 % of the true backlog.
    expect(checks[0]).toMatchObject({ trueMessages: 5_000, trueSeconds: 5, error: 100, wrongCount: false });
    expect(checks[0]).toMatchObject({ silent: false, falseAlarm: false });
    // At 12 s (between the samples at 10 and 14 s, both behind): 6,000 of 10,000 counted, so 4,000 unread,
    // the oldest of them sent at 6 s.
    expect(checks[1]).toMatchObject({
      trueMessages: 4_000,
      trueSeconds: 6,
      error: 3_600,
      wrongCount: true,
      silent: true,
    });
    expect(checks[2]).toMatchObject({ trueMessages: 0, trueSeconds: 0, falseAlarm: true, silent: false });
  });

  it('does not call a report silent when the truth may have caught up by then', () => {
    // Between two samples, 300 unread and then none: the interpolation says 150, the report's 0 may be right.
    const truth = [
      { t: 0, end: 1_000, counted: 700 },
      { t: 300, end: 1_000, counted: 1_000 },
    ];
    const log = [{ upTo: 1_000, t: -60_000 }];
    const [c] = checkBacklog([{ at: 150, messages: 0, seconds: 0, behind: false }], truth, log);
    expect(c).toMatchObject({ trueMessages: 150, trueSeconds: 60.15, silent: false });
  });

  it('takes a count as right when it was true at some instant within the window around `at`', () => {
    // The backlog climbs by 1,000 a second; the report read 8,000, 400 below its lowest within a second of `at`.
    const truth = Array.from({ length: 21 }, (_, i) => ({ t: i * 1_000, end: i * 2_000, counted: i * 1_000 }));
    const log = Array.from({ length: 40 }, (_, i) => ({ upTo: (i + 1) * 1_000, t: i * 500 }));
    const report = { at: 9_400, messages: 8_000, seconds: 4.4, behind: true };
    const [inWindow] = checkBacklog([report], truth, log, { slack: 100, window: 1_000 });
    expect(inWindow).toMatchObject({
      trueMessages: 9_400,
      trueLow: 8_400,
      trueHigh: 10_400,
      error: 400,
      wrongCount: false,
    });
    // Against the instant `at` alone it is 1,400 off, beyond 10 % of 9,400.
    const [instant] = checkBacklog([report], truth, log, { slack: 100, window: 0 });
    expect(instant).toMatchObject({ error: 1_400, wrongCount: true });
    // A poll that read the end offsets after `at` may say more than was unread at `at`.
    const [above] = checkBacklog([{ ...report, messages: 10_300 }], truth, log, { slack: 100, window: 1_000 });
    expect(above).toMatchObject({ error: 0, wrongCount: false });
  });

  it('writes verdict lines', () => {
    expect(verdict(true, 'a', 'b')).toBe('PASS  a: b');
    expect(verdict(false, 'a', 'b')).toBe('FAIL  a: b');
  });
});
