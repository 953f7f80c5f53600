import type { HistoryEntry } from '../contracts/row-history';

/**
 * A row's entries in order, newest first, and how each links to the change
 * before it (the diff chain). Entries arrive from two places (the buffer, then
 * the broker from its oldest kept message on) and may repeat: they are merged
 * by id. Within one partition (Kafka) or one stream (JetStream, the demo) the
 * broker position is the order the connector wrote them in; across
 * partitions (a topic written with another partitioner) the database's
 * commit time is used, then the arrival time.
 */

/**
 * How an entry follows the one before it:
 * - `first`: the oldest entry read;
 * - `ok`: its before image is the previous after image (or a create follows a delete);
 * - `gap`: it is not: a change in between is missing (retention, a connector that skipped it);
 * - `duplicate`: the same change again (at-least-once delivery after a connector restart);
 * - `unknown`: its before image is partial (PostgreSQL's default replica identity) or absent.
 */
export type Continuity = 'first' | 'ok' | 'gap' | 'duplicate' | 'unknown';
export type OrderedEntry = HistoryEntry & { continuity: Continuity };

/** `p3@1042` → partition 3, offset 1042; `#88` → stream sequence 88. */
function parsePosition(position: string): { lane: string; at: bigint } | undefined {
  const kafka = /^p(\d+)@(\d+)$/.exec(position);
  if (kafka) return { lane: `p${kafka[1]}`, at: BigInt(kafka[2] ?? '0') };
  const seq = /^#(\d+)$/.exec(position);
  return seq ? { lane: '#', at: BigInt(seq[1] ?? '0') } : undefined;
}

/** Negative when `a` happened before `b`. */
export function compareEntries(a: HistoryEntry, b: HistoryEntry): number {
  if (a.sourceId === b.sourceId && a.channel === b.channel) {
    const pa = parsePosition(a.position);
    const pb = parsePosition(b.position);
    if (pa && pb && pa.lane === pb.lane) return pa.at < pb.at ? -1 : pa.at > pb.at ? 1 : 0;
  }
  const ta = a.commitTs ?? a.receivedAt;
  const tb = b.commitTs ?? b.receivedAt;
  if (ta !== tb) return ta - tb;
  if (a.receivedAt !== b.receivedAt) return a.receivedAt - b.receivedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The same change: op (a snapshot read counts as a create), rows and log position. */
export function sameChange(a: HistoryEntry, b: HistoryEntry): boolean {
  const op = (e: HistoryEntry) => (e.op === 'r' ? 'c' : e.op);
  return op(a) === op(b) && a.beforeDigest === b.beforeDigest && a.afterDigest === b.afterDigest;
}

function continuityOf(e: HistoryEntry, prev: HistoryEntry | undefined): Continuity {
  if (prev === undefined) return 'first';
  if (e.op === 'r') return 'ok';
  if (e.op === 'c') return prev.op === 'd' ? 'ok' : 'gap';
  // An update or a delete: its before image must be the previous after image.
  if (prev.afterDigest === null) return 'gap';
  if (e.beforeDigest === null || e.beforeColumns === null) return 'unknown';
  // Fewer columns: a partial before image. More: the table gained a column in between (schema
  // drift), which the previous after image could not carry. Neither can be checked by digest.
  if (prev.afterColumns !== null && e.beforeColumns !== prev.afterColumns) return 'unknown';
  return e.beforeDigest === prev.afterDigest ? 'ok' : 'gap';
}

/** What makes a change the same change again: its log position (GTID, LSN) and content. */
const changeId = (e: HistoryEntry) =>
  `${e.op === 'r' ? 'c' : e.op}|${e.logPosition}|${e.beforeDigest}|${e.afterDigest}`;

/**
 * Entries merged by id (the first copy kept), newest first, each with its
 * continuity. A redelivered change (the connector resent from its last flushed
 * offset) is a duplicate wherever it lands when it has a log position, and
 * when it follows its original otherwise; the chain then goes on from the
 * last change that was not one.
 */
export function orderHistory(entries: Iterable<HistoryEntry>): OrderedEntry[] {
  const byId = new Map<string, HistoryEntry>();
  for (const e of entries) if (!byId.has(e.id)) byId.set(e.id, e);
  const oldestFirst = [...byId.values()].sort(compareEntries);
  const out: OrderedEntry[] = [];
  const seen = new Set<string>();
  let prev: HistoryEntry | undefined;
  for (const e of oldestFirst) {
    const id = changeId(e);
    const duplicate =
      prev !== undefined && (e.logPosition === undefined ? sameChange(e, prev) && changeId(prev) === id : seen.has(id));
    if (e.logPosition !== undefined) seen.add(id);
    out.push({ ...e, continuity: duplicate ? 'duplicate' : continuityOf(e, prev) });
    if (!duplicate) prev = e;
  }
  return out.reverse();
}
