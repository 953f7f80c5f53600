import type { DecodedRecord } from '../contracts/change-event';
import { channelOf } from '../contracts/raw-message';
import type { ReplayCount } from '../contracts/outbox';
import { tableKeyOf } from '../debezium/table-identity';
import { setNewest, trimToSize } from '../bounded-map';

/**
 * Replayed copies (messages carrying cdcscope's provenance headers) that
 * came back on a watched topic or subject, counted per table apart from the
 * table's changes (issue #10 item 4): a replay is not a change of the table,
 * so it never moves its throughput, totals or replica pairing. Keyed by the
 * table key, or `<channel>` for a copy that names no table. At most
 * `maxTables` (default 2,000, like the stats registry) keys; the one
 * replayed into least recently goes first.
 */
export interface ReplayTally {
  count(rec: DecodedRecord, now: number): void;
  get(tableKey: string): number;
  all(): ReplayCount[];
  readonly total: number;
}

export function createReplayTally({ maxTables = 2_000 } = {}): ReplayTally {
  const counts = new Map<string, { replays: number; lastReplayAt: number }>();
  let total = 0;
  return {
    count(rec, now) {
      total++;
      const key = tableKeyOf(rec) ?? channelOf(rec.origin);
      const entry = counts.get(key) ?? { replays: 0, lastReplayAt: 0 };
      setNewest(counts, key, entry);
      entry.replays++;
      entry.lastReplayAt = now;
      trimToSize(counts, maxTables);
    },
    get: (tableKey) => counts.get(tableKey)?.replays ?? 0,
    all: () => [...counts].map(([table, c]) => ({ table, ...c })).reverse(),
    get total() {
      return total;
    },
  };
}
