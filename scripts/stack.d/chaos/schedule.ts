/**
 * The fault storm's schedule: which part of the stack gets which fault, and when, drawn
 * from a seed so that a storm that found something can be run again exactly.
 * Pure: no clock, no I/O (scripts/stack.d/chaos.ts carries it out).
 */

/** Everything the storm may hit: the stack's components by their `scripts/stack` names, plus cdcscope itself. */
export const TARGETS = [
  'kafka',
  'connect',
  'mariadb-replica-a',
  'mariadb-replica-b',
  'postgres',
  'debezium-server',
  'nats',
  'consumers',
  'cdcscope',
] as const;
export type Target = (typeof TARGETS)[number];

/** kill: SIGKILL of the process group (a crash). pause: SIGSTOP, then SIGCONT after `pauseMs` (a hang: GC, VM stall, swap). */
export type FaultKind = 'kill' | 'pause';

export interface Fault {
  /** 1-based, in order. */
  n: number;
  target: Target;
  kind: FaultKind;
  /** For `pause`: how long the process stays stopped. 0 for `kill`. */
  pauseMs: number;
  /** Quiet time under load before this fault, after the previous one healed. */
  gapMs: number;
}

export interface ScheduleOptions {
  seed: number;
  faults: number;
  /** Which targets to draw from (default all of TARGETS). */
  targets?: readonly Target[];
  /** Pauses last between these (ms): long enough for timeouts to fire, short enough to stay a hiccup. */
  pauseMs?: [number, number];
  /** Quiet time between faults (ms). */
  gapMs?: [number, number];
}

/** Mulberry32: a tiny seeded PRNG, enough for a reproducible schedule (not for anything secret). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Faults in rounds: each round visits every target once in a shuffled order, so a storm of
 * at least `targets.length` faults hits everything, and no target is hit twice before all
 * were hit once. Kill or pause is a coin toss per fault, except that a round's first visit
 * of a target alternates with its previous round, so both kinds reach every target over two rounds.
 */
export function faultSchedule(o: ScheduleOptions): Fault[] {
  const targets = o.targets ?? TARGETS;
  if (targets.length === 0) throw new Error('no targets to fault');
  if (!Number.isInteger(o.faults) || o.faults < 1) throw new Error('faults must be a positive integer');
  const [pMin, pMax] = o.pauseMs ?? [3_000, 12_000];
  const [gMin, gMax] = o.gapMs ?? [5_000, 15_000];
  const rnd = prng(o.seed);
  const between = (lo: number, hi: number) => Math.round(lo + rnd() * (hi - lo));
  const lastKind = new Map<Target, FaultKind>();
  const out: Fault[] = [];
  while (out.length < o.faults) {
    const round = [...targets];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const [x, y] = [round[i], round[j]];
      if (x === undefined || y === undefined) continue;
      [round[i], round[j]] = [y, x];
    }
    for (const target of round) {
      if (out.length >= o.faults) break;
      const prev = lastKind.get(target);
      const kind: FaultKind = prev ? (prev === 'kill' ? 'pause' : 'kill') : rnd() < 0.5 ? 'kill' : 'pause';
      lastKind.set(target, kind);
      out.push({
        n: out.length + 1,
        target,
        kind,
        pauseMs: kind === 'pause' ? between(pMin, pMax) : 0,
        gapMs: between(gMin, gMax),
      });
    }
  }
  return out;
}

/** Parses `--targets a,b,c` against TARGETS; unknown names are an error that lists the known ones. */
export function parseTargets(list: string): Target[] {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known = new Set<string>(TARGETS);
  const bad = names.filter((n) => !known.has(n));
  if (bad.length) throw new Error(`unknown target(s) ${bad.join(', ')}; known: ${TARGETS.join(', ')}`);
  return names as Target[];
}
