import type { ChangeRecord } from '../contracts/change-event';
import type { ClockResolution } from '../contracts/source-clock';

/**
 * Consecutive whole-second commit times after which a source's clock is
 * taken to be whole seconds. A millisecond clock lands on a whole second once
 * in 1,000 commits, so 8 in a row happen by chance once in 10^24: never. Few
 * enough that a quiet MariaDB source is labelled within its first seconds
 * (the stack's heartbeat row alone gives one commit every 2 s).
 */
export const COARSE_AFTER_SAMPLES = 8;

/** Steps a commit time can have, ms. */
export const SECOND = 1000;
export const MILLISECOND = 1;
export const MICROSECOND = 0.001;

/**
 * The step of one commit time: the finest field the envelope offers decides
 * (`source.ts_us`, else `ts_ns` turned into µs by the decoder, else `ts_ms`).
 * A value that is a whole number of seconds says "whole seconds"; one with a
 * millisecond part but whole milliseconds says "milliseconds" only when no
 * µs field was there to say better.
 */
export function stepOf(tsMs: number, tsUs: number | undefined): number {
  if (tsUs !== undefined) {
    if (tsUs % 1_000_000 === 0) return SECOND;
    return tsUs % 1_000 === 0 ? MILLISECOND : MICROSECOND;
  }
  return tsMs % 1_000 === 0 ? SECOND : MILLISECOND;
}

export interface ResolutionDetector {
  /** One streamed change's commit time (snapshot reads carry the snapshot's time, not a commit's: leave them out). */
  observe(tsMs: number, tsUs: number | undefined): void;
  /** 1000, 1 or 0.001 ms; null until it can tell. */
  resolutionMs(): number | null;
}

/**
 * Detects a source's clock resolution from its commit times. The rule:
 * - `COARSE_AFTER_SAMPLES` whole-second times in a row → whole seconds;
 * - any time with a sub-second part → the finest step seen since (it flips
 *   back at once: a coarse clock never produces one, so one is proof);
 * - before either, unknown (null): nothing is claimed from too little.
 * A source that flips fine → coarse (a connector replaced by one on a
 * whole-second binlog) needs the full run of whole seconds again.
 */
export function createResolutionDetector(): ResolutionDetector {
  let wholeRun = 0;
  let fineStep: number | null = null;
  let coarse = false;
  return {
    observe(tsMs, tsUs) {
      const step = stepOf(tsMs, tsUs);
      if (step === SECOND) {
        wholeRun++;
        if (wholeRun >= COARSE_AFTER_SAMPLES && !coarse) {
          coarse = true;
          fineStep = null;
        }
        return;
      }
      wholeRun = 0;
      coarse = false;
      fineStep = fineStep === null ? step : Math.min(fineStep, step);
    },
    resolutionMs: () => (coarse ? SECOND : fineStep),
  };
}

/** Names a connector's clock for the label. */
function clockName(connector: string | undefined): string {
  switch (connector) {
    case 'mariadb':
      return 'MariaDB binlog time';
    case 'mysql':
      return 'MySQL binlog time';
    case 'postgresql':
      return 'PostgreSQL commit time';
    case undefined:
    case 'unknown':
      return 'The source commit time';
    default:
      return `The ${connector} commit time`;
  }
}

/** The resolution and, for a whole-second clock, the label shown beside every figure computed from it. */
export function describeResolution(resolutionMs: number | null, connector: string | undefined): ClockResolution {
  if (resolutionMs === null || resolutionMs < SECOND) return { resolutionMs };
  const seconds = resolutionMs / SECOND;
  return { resolutionMs, note: `±${String(seconds)} s: ${clockName(connector)} is whole seconds` };
}

/** A change's commit time in epoch ms, with the µs fraction when the envelope has `source.ts_us` / `ts_ns`. */
export function commitMsOf(rec: ChangeRecord): number | undefined {
  const us = rec.source.tsUs;
  return us !== undefined && us > 0 ? us / 1_000 : rec.source.tsMs;
}

/** When the connector processed a change, epoch ms, with the µs fraction when the envelope has `ts_us` / `ts_ns`. */
export function processedMsOf(rec: ChangeRecord): number | undefined {
  const us = rec.tsUs;
  return us !== undefined && us > 0 ? us / 1_000 : rec.tsMs;
}
