/**
 * The storm's independent count: what the topics and the stream really hold, per table and
 * op, and which replica changes really reached only one side. Deliberately written apart
 * from cdcscope's decoders and pairing (lib/debezium, lib/replicas) so that a bug there
 * cannot hide by being repeated here: plain JSON, Debezium's envelope read by hand.
 * Pure: the readers (chaos/readers.ts) feed it parsed values.
 */

/** Per table: change events by op, and tombstones (null values). */
export interface OpTally {
  c: number;
  u: number;
  d: number;
  r: number;
  /** Truncates, logical messages, anything else with an op. */
  other: number;
  tombstones: number;
  /** Values that were not JSON or had no op: counted so that they cannot go missing silently. */
  unreadable: number;
}

export const emptyTally = (): OpTally => ({ c: 0, u: 0, d: 0, r: 0, other: 0, tombstones: 0, unreadable: 0 });

/**
 * The table a Debezium topic or subject carries: `<prefix>.<db or schema>.<table>`, three
 * tokens. Heartbeats (`__debezium-heartbeat.x`), transaction markers (`x.transaction`) and
 * schema changes (`x`) are not tables.
 */
export function tableOfChannel(channel: string): string | null {
  const parts = channel.split('.');
  if (parts.length !== 3 || parts.some((p) => p === '') || channel.startsWith('__')) return null;
  return channel;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The envelope itself, whether the JSON converter wrapped it (`{ schema, payload }`) or not. */
export function envelope(value: unknown): Record<string, unknown> | null {
  if (!isObject(value)) return null;
  if ('schema' in value && 'payload' in value) return isObject(value.payload) ? value.payload : null;
  return value;
}

/** Counts one message of a table channel: `value` is the parsed JSON, null for a tombstone, undefined when not JSON. */
export function tallyMessage(tallies: Map<string, OpTally>, table: string, value: unknown): void {
  let t = tallies.get(table);
  if (!t) tallies.set(table, (t = emptyTally()));
  if (value === null) {
    t.tombstones++;
    return;
  }
  const op = envelope(value)?.op;
  if (typeof op !== 'string') t.unreadable++;
  else if (op === 'c' || op === 'u' || op === 'd' || op === 'r') t[op]++;
  else t.other++;
}

/** JSON with keys sorted at every level, so equal content gives equal text whatever the field order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  // JSON.stringify(undefined) gives undefined, not text: an absent image is null.
  return v === undefined ? 'null' : JSON.stringify(v);
}

/**
 * One change's identity across two replicas of one primary: the GTID (kept across
 * replicas), the table without the connector prefix, the op and the row images. Never the
 * binlog file/position or server id, which differ per replica. Null for what a replica
 * comparison leaves out: snapshot reads, tombstones, events without a GTID.
 */
export function replicaIdentity(table: string, value: unknown): string | null {
  const e = envelope(value);
  if (!e || typeof e.op !== 'string' || e.op === 'r') return null;
  const source = isObject(e.source) ? e.source : null;
  const gtid = source?.gtid;
  if (typeof gtid !== 'string' || gtid === '') return null;
  const bare = table.split('.').slice(1).join('.');
  return `${gtid}|${bare}|${e.op}|${canonical(e.before ?? null)}|${canonical(e.after ?? null)}`;
}

export interface SideTruth {
  /** Compared events on this side, repeats included. */
  events: number;
  /** Repeats of an event already seen on this side (a connector re-sending after a restart). */
  duplicates: number;
  /** Distinct events the other side never delivered: real loss on the other side. */
  onlyHere: number;
}
export interface ReplicaTableTruth {
  table: string;
  a: SideTruth;
  b: SideTruth;
  /** Distinct events on both sides. */
  matched: number;
}

/** Collects both sides' identities per table (without prefix) and tells duplicates and one-sided events apart. */
export class ReplicaTruth {
  private readonly sides = { a: new Map<string, Map<string, number>>(), b: new Map<string, Map<string, number>>() };

  add(side: 'a' | 'b', table: string, value: unknown): void {
    const id = replicaIdentity(table, value);
    if (id === null) return;
    const bare = table.split('.').slice(1).join('.');
    let ids = this.sides[side].get(bare);
    if (!ids) this.sides[side].set(bare, (ids = new Map<string, number>()));
    ids.set(id, (ids.get(id) ?? 0) + 1);
  }

  result(): ReplicaTableTruth[] {
    const tables = new Set([...this.sides.a.keys(), ...this.sides.b.keys()]);
    return [...tables].sort().map((table) => {
      const a = this.sides.a.get(table) ?? new Map<string, number>();
      const b = this.sides.b.get(table) ?? new Map<string, number>();
      const side = (mine: Map<string, number>, other: Map<string, number>): SideTruth => {
        let events = 0;
        let onlyHere = 0;
        for (const [id, n] of mine) {
          events += n;
          if (!other.has(id)) onlyHere++;
        }
        return { events, duplicates: events - mine.size, onlyHere };
      };
      let matched = 0;
      for (const id of a.keys()) if (b.has(id)) matched++;
      return { table, a: side(a, b), b: side(b, a), matched };
    });
  }
}
