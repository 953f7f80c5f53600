/**
 * The pure part of bench/overload.ts (issue #11, target 6): percentiles of
 * the health probe, the ingest rate from counted samples, whether RSS
 * plateaus, and cdcscope's reported backlog against the true one.
 */
import { BEHIND_SECONDS } from '../lib/contracts/source-status';
import { percentile } from '../test/support/commit-visible';

/**
 * One `/api/healthz` request: its latency and the CPU time the server's main thread used meanwhile, or
 * neither when it failed or timed out.
 */
export type Probe = { at: number; ms?: number; cpuMs?: number };

export type ProbeSummary = {
  sent: number;
  unanswered: number;
  p50: number;
  p95: number;
  max: number;
  cpuP50: number;
  cpuP95: number;
  cpuMax: number;
};

/**
 * Latency percentiles of all probes, a failed one counting as infinitely slow; unanswered: failed or
 * slower than `timeoutMs` (the fault storm's health probe gives up after 2 s). CPU percentiles over the
 * probes that measured it.
 */
export function summarizeProbes(probes: readonly Probe[], timeoutMs = 2_000): ProbeSummary {
  const ms = probes.map((p) => p.ms ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const cpu = probes.flatMap((p) => (p.cpuMs === undefined ? [] : [p.cpuMs])).sort((a, b) => a - b);
  return {
    sent: probes.length,
    unanswered: ms.filter((m) => m > timeoutMs).length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: ms.at(-1) ?? Number.NaN,
    cpuP50: percentile(cpu, 50),
    cpuP95: percentile(cpu, 95),
    cpuMax: cpu.at(-1) ?? Number.NaN,
  };
}

/**
 * Events per second between the first sample that counted at least `from`
 * and the first that counted at least `to`: the middle of a backlog being
 * read, without the start (JIT, group join) or the tail.
 */
export function rateBetween(samples: readonly { t: number; counted: number }[], from: number, to: number): number {
  const a = samples.find((s) => s.counted >= from);
  const b = samples.find((s) => s.counted >= to);
  if (!a || !b || b.t <= a.t) return Number.NaN;
  return ((b.counted - a.counted) / (b.t - a.t)) * 1000;
}

export type RssSummary = {
  start: number;
  max: number;
  end: number;
  /** Largest RSS in the first and in the second half of the samples. */
  firstHalfMax: number;
  secondHalfMax: number;
  /** Plateau: the second half's peak at most `tolerance` above the first half's. */
  bounded: boolean;
};

/**
 * RSS over a run (MiB, in sample order). A queue that grows with the backlog
 * keeps raising the peak; bounded buffers fill in the first half and stay.
 */
export function summarizeRss(rss: readonly number[], tolerance = 0.1): RssSummary {
  const half = Math.floor(rss.length / 2);
  const firstHalfMax = Math.max(...rss.slice(0, Math.max(1, half)));
  const secondHalfMax = Math.max(...rss.slice(half));
  return {
    start: rss[0] ?? Number.NaN,
    max: Math.max(...rss),
    end: rss.at(-1) ?? Number.NaN,
    firstHalfMax,
    secondHalfMax,
    bounded: rss.length >= 2 && secondHalfMax <= firstHalfMax * (1 + tolerance),
  };
}

/** What the bench knows at `t`: messages on the topic (sum of end offsets) and counted by cdcscope. */
export type Truth = { t: number; end: number; counted: number };
/** What cdcscope said about its backlog, measured at `at`. */
export type Report = { at: number; messages: number; seconds: number; behind: boolean };

/** Linear between the truth samples around `at` (the nearest one outside their range). */
export function truthAt(truth: readonly Truth[], at: number): { end: number; counted: number } | undefined {
  const i = truth.findIndex((s) => s.t >= at);
  if (i < 0) return truth.at(-1);
  const b = truth[i] as Truth;
  if (i === 0 || b.t === at) return b;
  const a = truth[i - 1] as Truth;
  const f = (at - a.t) / (b.t - a.t);
  return { end: a.end + f * (b.end - a.end), counted: a.counted + f * (b.counted - a.counted) };
}

/**
 * When the `index`-th produced message (0-based, in send order) was sent,
 * from the cumulative send log; undefined beyond it.
 */
export function sentAt(log: readonly { upTo: number; t: number }[], index: number): number | undefined {
  return log.find((s) => s.upTo > index)?.t;
}

export type BacklogCheck = {
  at: number;
  reported: Report;
  /** The true backlog at `at`, and its lowest and highest within `window` of it. */
  trueMessages: number;
  trueLow: number;
  trueHigh: number;
  trueSeconds: number;
  /** How far the reported count lies outside [trueLow, trueHigh] (0 inside). */
  error: number;
  /** The error is beyond max(`slack`, 10 % of the true backlog). */
  wrongCount: boolean;
  /** Truly behind by ≥ BEHIND_SECONDS + margin (and unread messages at the truth samples on both sides of `at`), and not flagged. */
  silent: boolean;
  /** Flagged while truly less than BEHIND_SECONDS − margin behind. */
  falseAlarm: boolean;
};

const unread = (t: { end: number; counted: number }) => Math.max(0, Math.round(t.end - t.counted));

/**
 * Each distinct report against the truth at its `at`: the true backlog is
 * what the topic holds minus what cdcscope counted, its age that of the
 * oldest message not counted (sent when the send log passed `counted`).
 * A report is a poll that took a while (the reader's positions when it
 * starts, dated `at`, then the end offsets from the broker, whose answer a
 * busy event loop may take a while to read): its count is right when it
 * matches the truth at some instant within `window` (ms) of `at`.
 * `slack` absorbs what the comparison itself cannot resolve (one batch in
 * the pipeline's hand, the interpolation between truth samples); `margin`
 * (seconds) the 2 s between backlog polls around the behind threshold.
 */
export function checkBacklog(
  reports: readonly Report[],
  truth: readonly Truth[],
  sendLog: readonly { upTo: number; t: number }[],
  { slack = 5_000, margin = 1, window = 1_000 } = {},
): BacklogCheck[] {
  const seen = new Set<number>();
  const out: BacklogCheck[] = [];
  for (const r of reports) {
    if (seen.has(r.at)) continue;
    seen.add(r.at);
    const t = truthAt(truth, r.at);
    if (!t) continue;
    const inWindow = [t, ...truth.filter((s) => Math.abs(s.t - r.at) < window)];
    for (const edge of [truthAt(truth, r.at - window), truthAt(truth, r.at + window)]) if (edge) inWindow.push(edge);
    const trueMessages = unread(t);
    // Behind for sure: messages unread at the truth samples on both sides of `at`, not only interpolated there.
    const i = truth.findIndex((x) => x.t >= r.at);
    const around = [truth[i - 1], truth[i]].filter((x) => x !== undefined);
    const surelyUnread = around.length === 2 && around.every((x) => unread(x) > 0);
    const trueLow = Math.min(...inWindow.map(unread));
    const trueHigh = Math.max(...inWindow.map(unread));
    const oldest = trueMessages > 0 ? sentAt(sendLog, Math.floor(t.counted)) : undefined;
    const trueSeconds = oldest === undefined ? 0 : Math.max(0, r.at - oldest) / 1000;
    const error = Math.max(0, trueLow - r.messages, r.messages - trueHigh);
    out.push({
      at: r.at,
      reported: r,
      trueMessages,
      trueLow,
      trueHigh,
      trueSeconds,
      error,
      wrongCount: error > Math.max(slack, 0.1 * trueMessages),
      silent: !r.behind && surelyUnread && trueSeconds >= BEHIND_SECONDS + margin,
      falseAlarm: r.behind && trueSeconds < BEHIND_SECONDS - margin,
    });
  }
  return out;
}

/** A criterion's verdict line: `PASS`/`FAIL`, the criterion, and the figures that decided it. */
export function verdict(pass: boolean, criterion: string, figures: string): string {
  return `${pass ? 'PASS' : 'FAIL'}  ${criterion}: ${figures}`;
}
