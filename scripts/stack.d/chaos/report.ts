/**
 * The storm's report: faults by target and kind, time back to live (max, p95), the health
 * endpoint's latency, memory before and after, the count comparison, and the verdict,
 * as data (JSON) and as the Markdown that RELIABILITY.md quotes. Pure.
 */
import type { CountRow } from './compare';
import type { Fault, FaultKind, Target } from './schedule';

export interface FaultResult {
  n: number;
  target: Target;
  kind: FaultKind;
  pauseMs: number;
  /** From the kill (or the SIGCONT of a pause) until the component answered its health check again. */
  backMs: number | null;
  /** From the same moment until every cdcscope source was live again. */
  liveMs: number | null;
  /** What had to be done besides the fault's own undo (e.g. "restarted debezium-server"), or why it failed. */
  note?: string;
  /** When it was injected (epoch ms): places a slow health answer among the faults. */
  at?: number;
}

/** A fault's result before anything is measured (both storm modes start from it). */
export function pendingResult(f: Fault): FaultResult {
  return { n: f.n, target: f.target, kind: f.kind, pauseMs: f.pauseMs, backMs: null, liveMs: null, at: Date.now() };
}

/** The log line that announces a fault, the same in both storm modes. */
export function faultLine(f: Fault): string {
  return `fault ${f.n}: ${f.kind === 'kill' ? 'kill -9' : `SIGSTOP ${(f.pauseMs / 1000).toFixed(1)} s`} ${f.target}`;
}

export interface HealthSample {
  at: number;
  /** Answer time, ms; null when no answer within the timeout. */
  ms: number | null;
  /** cdcscope was down on purpose (killed by the storm, restarting). */
  excused: boolean;
}

/** Nearest-rank percentile of a list (p in 0..100); null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export interface TargetSummary {
  target: Target;
  kills: number;
  pauses: number;
  backMaxMs: number | null;
  backP95Ms: number | null;
  liveMaxMs: number | null;
  liveP95Ms: number | null;
  failed: number;
}

export function summarizeFaults(results: readonly FaultResult[]): TargetSummary[] {
  const targets = [...new Set(results.map((r) => r.target))].sort();
  return targets.map((target) => {
    const rs = results.filter((r) => r.target === target);
    const back = rs.flatMap((r) => (r.backMs === null ? [] : [r.backMs]));
    const live = rs.flatMap((r) => (r.liveMs === null ? [] : [r.liveMs]));
    return {
      target,
      kills: rs.filter((r) => r.kind === 'kill').length,
      pauses: rs.filter((r) => r.kind === 'pause').length,
      backMaxMs: back.length ? Math.max(...back) : null,
      backP95Ms: percentile(back, 95),
      liveMaxMs: live.length ? Math.max(...live) : null,
      liveP95Ms: percentile(live, 95),
      failed: rs.filter((r) => r.backMs === null || r.liveMs === null).length,
    };
  });
}

/** A health probe not answered within this long counts as unanswered. */
export const HEALTH_TIMEOUT_MS = 2_000;

export interface HealthSummary {
  samples: number;
  excused: number;
  /** Samples not answered within the probe's timeout while cdcscope was meant to be up. */
  unanswered: number;
  p50Ms: number | null;
  /** Over the samples meant to be up, an unanswered one counted as its timeout (a lower bound of its answer time). */
  p99Ms: number | null;
  /** Slowest answered sample. */
  maxMs: number | null;
  /** The slowest samples meant to be up (unanswered first, at most 5), so a report can say when they happened. */
  worst: HealthSample[];
}

/**
 * Answer times of the samples taken while cdcscope was meant to be up. The issue's limit is
 * on the p99 ("answered < 1 s (p99) throughout except while killed"), so an unanswered sample
 * is not dropped but enters the percentile as the timeout it ran into.
 */
export function summarizeHealth(samples: readonly HealthSample[], timeoutMs = HEALTH_TIMEOUT_MS): HealthSummary {
  const counted = samples.filter((s) => !s.excused);
  const answered = counted.flatMap((s) => (s.ms === null ? [] : [s.ms]));
  const all = counted.map((s) => s.ms ?? timeoutMs);
  const slow = (s: HealthSample) => s.ms ?? Number.POSITIVE_INFINITY;
  return {
    samples: samples.length,
    excused: samples.length - counted.length,
    unanswered: counted.length - answered.length,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    maxMs: answered.length ? Math.max(...answered) : null,
    worst: [...counted].sort((a, b) => slow(b) - slow(a)).slice(0, 5),
  };
}

/** Where a slow sample fell: seconds into the storm and the last fault injected before it. */
export function placeSample(s: HealthSample, r: Pick<StormReport, 'startedAt' | 'faults'>): string {
  const start = Date.parse(r.startedAt);
  const rel = (at: number) => `+${((at - start) / 1000).toFixed(1)} s`;
  const before = r.faults.filter((f) => f.at !== undefined && f.at <= s.at).at(-1);
  const what = s.ms === null ? 'unanswered' : `${s.ms} ms`;
  if (before?.at === undefined) return `${what} at ${rel(s.at)}`;
  const hit = before.kind === 'kill' ? 'kill -9' : 'SIGSTOP';
  return `${what} at ${rel(s.at)} (last fault before it: ${before.n}, ${hit} ${before.target} at ${rel(before.at)})`;
}

export interface StormReport {
  command: string;
  seed: number;
  startedAt: string;
  durationS: number;
  machine: string;
  faults: FaultResult[];
  /** --overlap: the one heal after the last fault's undo, until the stack was healthy and every source live. */
  settle?: { ok: boolean; ms: number; note?: string };
  health: HealthSummary;
  rss: { beforeMb: number; afterMb: number } | null;
  tables: CountRow[];
  replicas: CountRow[];
  /** A few replica changes the sides delivered with other images (chaos/truth.ts), to show what differed. */
  divergentSamples?: { table: string; place: string; a: string; b: string }[];
  /** The cdcscope server exited without being killed by the storm. */
  unexpectedExits: number;
}

/** Limits the storm holds cdcscope to (issue #10): healthz p99 under 1 s, RSS after at most 20% above before. */
export const HEALTH_P99_LIMIT_MS = 1_000;
export const RSS_TOLERANCE = 0.2;

/** Every reason the storm failed; empty when it passed. */
export function verdict(r: StormReport): string[] {
  const why: string[] = [];
  const bad = [...r.tables, ...r.replicas].filter((x) => !x.ok);
  for (const x of bad.slice(0, 20))
    why.push(`${x.table} ${x.measure}: cdcscope shows ${x.shown}, the topics hold ${x.expected}`);
  if (bad.length > 20) why.push(`… and ${bad.length - 20} more count mismatches`);
  if (r.tables.length === 0) why.push('no table was compared');
  if (r.settle && !r.settle.ok)
    why.push(`the stack did not settle after the storm${r.settle.note ? `: ${r.settle.note}` : ''}`);
  for (const f of r.faults.filter((x) => x.backMs === null || x.liveMs === null))
    why.push(`fault ${f.n} (${f.kind} ${f.target}) never healed${f.note ? `: ${f.note}` : ''}`);
  if (r.health.p99Ms !== null && r.health.p99Ms >= HEALTH_P99_LIMIT_MS)
    why.push(
      `/api/healthz p99 ${r.health.p99Ms} ms ≥ ${HEALTH_P99_LIMIT_MS} ms (unanswered ${r.health.unanswered} times while cdcscope was meant to be up)`,
    );
  // Growth is what a leak looks like; a smaller RSS after is not one (the storm restarts cdcscope,
  // and a fresh process, or V8 giving pages back after the load stops, ends lower).
  if (r.rss && r.rss.afterMb > (1 + RSS_TOLERANCE) * r.rss.beforeMb)
    why.push(`RSS ${r.rss.afterMb} MB after vs ${r.rss.beforeMb} MB before: grew more than ${RSS_TOLERANCE * 100}%`);
  if (r.unexpectedExits > 0) why.push(`cdcscope exited ${r.unexpectedExits} times without being killed`);
  return why;
}

const sec = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1));

/** The Markdown section for RELIABILITY.md. */
export function renderMarkdown(r: StormReport): string {
  const why = verdict(r);
  const lines = [
    `Command: \`${r.command}\` (seed ${r.seed}), started ${r.startedAt}, ${Math.round(r.durationS / 60)} min; machine: ${r.machine}.`,
    '',
    `Result: **${why.length === 0 ? 'passed' : 'FAILED'}**${why.length ? `: ${why.join('; ')}` : ''}.`,
    '',
    '| component | kill -9 | SIGSTOP/CONT | back max / p95 (s) | sources live max / p95 (s) | not healed |',
    '| --- | --- | --- | --- | --- | --- |',
    ...summarizeFaults(r.faults).map(
      (s) =>
        `| ${s.target} | ${s.kills} | ${s.pauses} | ${sec(s.backMaxMs)} / ${sec(s.backP95Ms)} | ${sec(s.liveMaxMs)} / ${sec(s.liveP95Ms)} | ${s.failed} |`,
    ),
    ...(r.settle
      ? [
          '',
          `Faults overlapping (injected without healing in between); after the last one the whole stack was healthy and every source live in ${sec(r.settle.ms)} s${r.settle.note ? ` (${r.settle.note})` : ''}.`,
        ]
      : []),
    '',
    `/api/healthz: ${r.health.samples} samples (${r.health.excused} while cdcscope was down on purpose), p50 ${r.health.p50Ms ?? '—'} ms, p99 ${r.health.p99Ms ?? '—'} ms, max ${r.health.maxMs ?? '—'} ms, unanswered ${r.health.unanswered} (counted in the p99 as the probe's timeout).`,
    ...(r.health.worst.length ? [`Slowest samples: ${r.health.worst.map((s) => placeSample(s, r)).join('; ')}.`] : []),
    r.rss ? `RSS: ${r.rss.beforeMb} MB before, ${r.rss.afterMb} MB after the storm.` : 'RSS: not measured.',
    '',
    `Counts compared: ${r.tables.length} table measures (${r.tables.filter((x) => !x.ok).length} differ), ${r.replicas.length} replica measures (${r.replicas.filter((x) => !x.ok).length} differ).`,
    '',
    '| table | c | u | d | r | tombstones | equal |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...[...new Set(r.tables.map((x) => x.table))].map((t) => {
      const m = (k: string) => r.tables.find((x) => x.table === t && x.measure === k);
      const cell = (k: string) => {
        const x = m(k);
        return x ? (x.ok ? String(x.expected) : `${x.shown} ≠ ${x.expected}`) : '—';
      };
      const ok = r.tables.filter((x) => x.table === t).every((x) => x.ok);
      return `| ${t} | ${cell('c')} | ${cell('u')} | ${cell('d')} | ${cell('r')} | ${cell('tombstones')} | ${ok ? 'yes' : 'NO'} |`;
    }),
    '',
    '| replica table | matched | divergent | duplicates A / B | unmatched A / B (real) | equal |',
    '| --- | --- | --- | --- | --- | --- |',
    ...[...new Set(r.replicas.map((x) => x.table))].map((t) => {
      const m = (k: string) => r.replicas.find((x) => x.table === t && x.measure === k);
      const v = (k: string) => m(k)?.expected ?? 0;
      const ok = r.replicas.filter((x) => x.table === t).every((x) => x.ok);
      return `| ${t} | ${v('matched')} | ${v('divergent')} | ${v('a.duplicates')} / ${v('b.duplicates')} | ${v('a.unmatched')} / ${v('b.unmatched')} | ${ok ? 'yes' : 'NO'} |`;
    }),
    ...(r.divergentSamples?.length
      ? [
          '',
          'Divergent changes (same GTID, table and key; other images), as each side delivered them (op|before|after):',
          '',
          ...r.divergentSamples.flatMap((d) => [
            `- ${d.table} \`${d.place}\``,
            `  - A: \`${d.a}\``,
            `  - B: \`${d.b}\``,
          ]),
        ]
      : []),
  ];
  return lines.join('\n') + '\n';
}
