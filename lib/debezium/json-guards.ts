/**
 * Cheap shape checks for parsed JSON. Hand-written rather than zod because
 * they run on the hot path (tens of thousands of messages per second) and
 * only a handful of fields are ever read.
 *
 * The decoder's modules bind what they call per message to local constants
 * (`const { num } = guards`): tsx, which runs the server, compiles each module
 * to CommonJS, where every use of an imported binding is a call of a getter
 * that does a megamorphic `exports[name]` load. Through those getters the
 * ~45 imported calls of a change cost about as much as the rest of decoding
 * past JSON.parse (bench/pipeline-parts.ts, issue #11).
 */
export type JsonObject = Record<string, unknown>;

export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** A finite number, or undefined (JSON has no NaN, but a value may be a string or null). */
export function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

/** A non-empty string, or undefined: Debezium writes `""` for absent schema/table on some events. */
export function nonEmpty(x: unknown): string | undefined {
  return typeof x === 'string' && x.length > 0 ? x : undefined;
}

/**
 * A timestamp in epoch ms from the `ts_ms` / `ts_us` / `ts_ns` trio Debezium
 * writes (µs and ns since 2.6). ms is preferred because it is always present
 * on current versions and needs no conversion.
 */
export function epochMs(obj: JsonObject): number | undefined {
  const ms = num(obj.ts_ms);
  if (ms !== undefined) return ms;
  const us = num(obj.ts_us);
  if (us !== undefined) return Math.floor(us / 1_000);
  const ns = num(obj.ts_ns);
  if (ns !== undefined) return Math.floor(ns / 1_000_000);
  return undefined;
}

/**
 * The finer time Debezium ≥ 2.6 writes beside `ts_ms`, in epoch µs: `ts_us`,
 * else `ts_ns` / 1000 (a double holds an epoch in ns to ~0.25 µs, plenty).
 * Undefined when neither is there, or when it disagrees with `ts_ms`: the
 * caller has `ts_ms` only.
 */
export function epochUs(obj: JsonObject): number | undefined {
  const ns = num(obj.ts_ns);
  const us = num(obj.ts_us) ?? (ns === undefined ? undefined : Math.floor(ns / 1_000));
  if (us === undefined) return undefined;
  // A transform that rewrote ts_ms alone left a stale finer time behind: ts_ms, which every tool reads, wins.
  const ms = num(obj.ts_ms);
  return ms === undefined || Math.floor(us / 1_000) === ms ? us : undefined;
}

/**
 * True when `value` nests objects/arrays deeper than `maxDepth`. V8 parses a
 * 100k-deep document without complaint, but every recursive walker after it
 * (deep-equal, masking, JSON.stringify for the browser) would blow the stack,
 * so the decoder refuses such values up front. Stops at the first offender.
 */
export function deeperThan(value: unknown, maxDepth: number): boolean {
  return typeof value === 'object' && value !== null && nestsDeeper(value, maxDepth);
}

/**
 * deeperThan for an object or array. Only nested objects/arrays are visited:
 * a row is mostly scalars, and a call per scalar made this walk ~10% of a
 * message's JSON.parse.
 */
function nestsDeeper(value: object, maxDepth: number): boolean {
  if (maxDepth <= 0) return true;
  const inner = maxDepth - 1;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null && nestsDeeper(item, inner)) return true;
    }
    return false;
  }
  for (const k in value) {
    const item = (value as JsonObject)[k];
    if (typeof item === 'object' && item !== null && nestsDeeper(item, inner)) return true;
  }
  return false;
}
