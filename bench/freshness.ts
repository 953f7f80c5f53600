/**
 * Pure parts of bench/commit-to-browser.ts (issue #11 target 5, freshness):
 * which counter change in the browser showed which probe row, and the
 * figures beside Debezium's own capture lag. No I/O here, so it is unit-tested.
 */
import { clockValueMs } from '../lib/lag/heartbeat-clock';
import { percentile } from '../test/support/commit-visible';

/** The probed table's change counter as the page showed it: wall-clock ms (the page's timeOrigin + now) and the value. */
export interface CounterChange {
  at: number;
  value: number;
}

/** One probe row as its own Debezium event carried it, matched to its commit by the row's tag. */
export interface ProbeEvent {
  /** The row's `ts` column, `NOW(3)` on the primary: the commit time to the millisecond. */
  rowTsMs: number;
  /** `source.ts_ms`: MariaDB's binlog time, whole seconds. */
  sourceTsMs: number;
  /** Envelope `ts_ms`: when the connector processed the change. */
  tsMs: number;
}

interface Envelope {
  ts_ms?: number;
  after?: { tag?: unknown; ts?: unknown } | null;
  source?: { ts_ms?: number };
}

/**
 * A probe row's Debezium event (a Kafka message value, with or without the JSON converter's schema
 * wrapper) → its tag and times; undefined for anything else (another run's rows, a delete, a tombstone).
 */
export function probeEventOf(value: string, tagPrefix: string): { tag: string; event: ProbeEvent } | undefined {
  const v = JSON.parse(value) as (Envelope & { payload?: Envelope }) | null;
  const p = v?.payload ?? v;
  const tag = p?.after?.tag;
  const rowTsMs = clockValueMs(p?.after?.ts);
  if (typeof tag !== 'string' || !tag.startsWith(tagPrefix) || rowTsMs === undefined) return undefined;
  if (typeof p?.ts_ms !== 'number' || typeof p.source?.ts_ms !== 'number') return undefined;
  return { tag, event: { rowTsMs, tsMs: p.ts_ms, sourceTsMs: p.source.ts_ms } };
}

/**
 * When each probe first showed in the counter: probe k (0-based, committed in
 * that order) is shown by the first change whose value reaches `base + k + 1`.
 * The probed table has no other writer, so its counter counts exactly the
 * probes: the value proves which rows a change includes, whatever the order of
 * arrival; two probes that land in one push get the same time. Undefined: not
 * shown by the last change recorded.
 */
export function attributeProbes(
  base: number,
  probes: number,
  changes: readonly CounterChange[],
): (number | undefined)[] {
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  const out: (number | undefined)[] = [];
  let j = 0;
  for (let k = 0; k < probes; k++) {
    // Monotonic: the change that shows probe k + 1 is never before the one that shows probe k.
    while (j < sorted.length && (sorted[j] as CounterChange).value < base + k + 1) j++;
    out.push(sorted[j]?.at);
  }
  return out;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  return {
    p50: Math.round(percentile(values, 50)),
    p95: Math.round(percentile(values, 95)),
    max: Math.round(values.length ? Math.max(...values) : Number.NaN),
    n: values.length,
  };
}

export interface Freshness {
  /** The row's `NOW(3)` → the counter changing in the page. */
  browser: Percentiles;
  /** The row's `NOW(3)` → cdcscope's receive time of its event (the inspector's `receivedAt`): the browser's part is the rest. */
  received: Percentiles;
  /** Debezium's capture lag to the millisecond: `ts_ms` − the row's `NOW(3)`. */
  capture: Percentiles;
  /** Debezium's capture lag as it defines it: `ts_ms − source.ts_ms`, whole-second `source.ts_ms` (up to 1 s high). */
  captureWholeSecond: Percentiles;
  /** Probes never shown, or with no event read from the topic. */
  missing: number;
}

/**
 * The figures over the probes that have both a browser time and their event (`shown[k]`, `events[k]` and
 * `received[k]` per probe; a receive time cdcscope no longer has is left out of that one figure).
 */
export function summarize(
  shown: readonly (number | undefined)[],
  events: readonly (ProbeEvent | undefined)[],
  received: readonly (number | undefined)[] = [],
): Freshness {
  const browser: number[] = [];
  const inCdcscope: number[] = [];
  const capture: number[] = [];
  const whole: number[] = [];
  let missing = 0;
  for (let k = 0; k < shown.length; k++) {
    const at = shown[k];
    const e = events[k];
    if (at === undefined || e === undefined) {
      missing++;
      continue;
    }
    browser.push(at - e.rowTsMs);
    const r = received[k];
    if (r !== undefined) inCdcscope.push(r - e.rowTsMs);
    capture.push(e.tsMs - e.rowTsMs);
    whole.push(e.tsMs - e.sourceTsMs);
  }
  return {
    browser: percentiles(browser),
    received: percentiles(inCdcscope),
    capture: percentiles(capture),
    captureWholeSecond: percentiles(whole),
    missing,
  };
}

/** Issue #11 target 5: commit → browser p95 ≤ Debezium's capture lag p95 + 300 ms. */
export const FRESHNESS_SLACK_MS = 300;

export function freshnessVerdict(browserP95: number, captureP95: number, slackMs = FRESHNESS_SLACK_MS) {
  const bound = captureP95 + slackMs;
  return { bound, met: Number.isFinite(browserP95) && browserP95 <= bound, overBy: browserP95 - bound };
}

/** The bench's figures and the verdict, as printed lines; `rowAfterSend`: each row's NOW(3) − the client's send time (a clock check). */
export function freshnessReport(f: Freshness, rowAfterSend: readonly number[]): string[] {
  const v = freshnessVerdict(f.browser.p95, f.capture.p95);
  const whole = freshnessVerdict(f.browser.p95, f.captureWholeSecond.p95);
  const ms = (p: Percentiles) => `p50 ${p.p50} ms, p95 ${p.p95} ms, max ${p.max} ms (n ${p.n})`;
  const clock = rowAfterSend.length
    ? `${Math.round(Math.min(...rowAfterSend))} to ${Math.round(Math.max(...rowAfterSend))} ms`
    : 'unknown';
  return [
    `probes not shown or not read from the topic: ${f.missing}; each row's NOW(3) − the client's send: ${clock}`,
    `commit → browser counter:             ${ms(f.browser)}`,
    `commit → cdcscope received the event: ${ms(f.received)}`,
    `Debezium capture lag, ts_ms − NOW(3): ${ms(f.capture)}`,
    `ts_ms − source.ts_ms (whole seconds): ${ms(f.captureWholeSecond)}, 0–1 s high`,
    `target 5: p95 ${f.browser.p95} ≤ capture p95 ${f.capture.p95} + ${FRESHNESS_SLACK_MS} = ${v.bound} ms: ${
      v.met ? 'met' : `not met (over by ${v.overBy} ms)`
    }; against the whole-second figure (${whole.bound} ms): ${whole.met ? 'met' : 'not met'}`,
  ];
}

/** The JSON line's figures. */
export function freshnessFigures(f: Freshness) {
  return {
    browserP50: f.browser.p50,
    browserP95: f.browser.p95,
    receivedP50: f.received.p50,
    receivedP95: f.received.p95,
    captureP50: f.capture.p50,
    captureP95: f.capture.p95,
    wholeSecondP95: f.captureWholeSecond.p95,
    missing: f.missing,
    met: freshnessVerdict(f.browser.p95, f.capture.p95).met,
  };
}

/**
 * Script run in the page (a string: tsx compiles named functions with a helper
 * the page lacks). A MutationObserver on the document records each new
 * `data-value` of the counter `selector` matches, with the page's wall clock
 * (timeOrigin + now: the same system clock the database and this process read).
 * It fires at the DOM commit of the push that changed it; the paint follows
 * within one frame.
 */
export function counterObserverScript(selector: string): string {
  return `(() => {
    const w = window;
    const rec = (w.__freshness = { changes: [], last: undefined });
    const read = () => {
      const el = document.querySelector(${JSON.stringify(selector)});
      const v = el === null ? NaN : Number(el.getAttribute('data-value'));
      if (Number.isFinite(v) && v !== rec.last) {
        rec.last = v;
        rec.changes.push({ at: performance.timeOrigin + performance.now(), value: v });
      }
    };
    new MutationObserver(read).observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-value'],
    });
    read();
  })()`;
}

/** `load: mariadb: 1234 operations, 1600 rows changed, 0 errors …` (scripts/stack load's summary) → its counts. */
export function parseLoadSummary(
  output: string,
  db = 'mariadb',
): { ops: number; rows: number; errors: number } | undefined {
  const m = new RegExp(`load: ${db}: (\\d+) operations, (\\d+) rows changed, (\\d+) errors`).exec(output);
  return m ? { ops: Number(m[1]), rows: Number(m[2]), errors: Number(m[3]) } : undefined;
}
