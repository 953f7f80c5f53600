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

/** The table without the connector prefix (`replica_a.inventory.t` → `inventory.t`): what both replicas share. */
const bareTable = (table: string): string => table.split('.').slice(1).join('.');

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
  return `${gtid}|${bareTable(table)}|${e.op}|${canonical(e.before ?? null)}|${canonical(e.after ?? null)}`;
}

/**
 * Where a change sits on both replicas whatever its images: the GTID, the table without the
 * connector prefix and the row's key (the Kafka message key). Two copies in one place with
 * different images are one change delivered differently (divergent), not two one-sided ones.
 * Null without a key or a GTID.
 */
export function replicaPlace(table: string, value: unknown, key: unknown): string | null {
  const e = envelope(value);
  const gtid = isObject(e?.source) ? e.source.gtid : undefined;
  if (key === undefined || key === null || typeof gtid !== 'string' || gtid === '') return null;
  return `${gtid}|${bareTable(table)}|${canonical(envelope(key) ?? key)}`;
}

export interface SideTruth {
  /** Compared events on this side, repeats included. */
  events: number;
  /** Repeats of an event already seen on this side (a connector re-sending after a restart). */
  duplicates: number;
  /** Distinct events the other side never delivered in any form: real loss on the other side. */
  onlyHere: number;
}
/** One divergent change as the two sides delivered it: op, before and after, canonical JSON. */
export interface DivergentSample {
  place: string;
  a: string;
  b: string;
}
export interface ReplicaTableTruth {
  table: string;
  a: SideTruth;
  b: SideTruth;
  /** Distinct events on both sides, divergent ones included (as cdcscope counts them). */
  matched: number;
  /** Of `matched`: same GTID, table and key on both sides but other images. */
  divergent: number;
  /** A few of the divergent changes, for the report: what differed. */
  samples: DivergentSample[];
}

const SAMPLES = 3;

/** Collects both sides' identities per table (without prefix) and tells duplicates, divergent and one-sided events apart. */
export class ReplicaTruth {
  private readonly sides = { a: new Map<string, Map<string, number>>(), b: new Map<string, Map<string, number>>() };
  /** Identity → place, for events whose key and GTID are known. */
  private readonly places = new Map<string, string>();

  add(side: 'a' | 'b', table: string, value: unknown, key?: unknown): void {
    const id = replicaIdentity(table, value);
    if (id === null) return;
    const bare = bareTable(table);
    let ids = this.sides[side].get(bare);
    if (!ids) this.sides[side].set(bare, (ids = new Map<string, number>()));
    ids.set(id, (ids.get(id) ?? 0) + 1);
    const place = replicaPlace(table, value, key);
    if (place !== null) this.places.set(id, place);
  }

  result(): ReplicaTableTruth[] {
    const tables = new Set([...this.sides.a.keys(), ...this.sides.b.keys()]);
    return [...tables].sort().map((table) => {
      const a = this.sides.a.get(table) ?? new Map<string, number>();
      const b = this.sides.b.get(table) ?? new Map<string, number>();
      const oneSided = (mine: Map<string, number>, other: Map<string, number>) =>
        [...mine.keys()].filter((id) => !other.has(id));
      const onlyA = oneSided(a, b);
      const onlyB = oneSided(b, a);
      // One-sided copies in the same place on both sides pair up as divergent, first with first.
      const bByPlace = new Map<string, string[]>();
      for (const id of onlyB) {
        const p = this.places.get(id);
        if (p !== undefined) bByPlace.set(p, [...(bByPlace.get(p) ?? []), id]);
      }
      const samples: DivergentSample[] = [];
      let divergent = 0;
      for (const id of onlyA) {
        const p = this.places.get(id);
        const twin = p === undefined ? undefined : bByPlace.get(p)?.shift();
        if (p === undefined || twin === undefined) continue;
        divergent++;
        if (samples.length < SAMPLES) samples.push({ place: p, a: changeText(id), b: changeText(twin) });
      }
      const side = (mine: Map<string, number>, onlyHere: number): SideTruth => {
        let events = 0;
        for (const n of mine.values()) events += n;
        return { events, duplicates: events - mine.size, onlyHere: onlyHere - divergent };
      };
      return {
        table,
        a: side(a, onlyA.length),
        b: side(b, onlyB.length),
        matched: a.size - onlyA.length + divergent,
        divergent,
        samples,
      };
    });
  }
}

/** The op and images part of an identity (after GTID and table). */
function changeText(id: string): string {
  return id.split('|').slice(2).join('|');
}
