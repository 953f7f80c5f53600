import type { Row } from '../../lib/contracts/change-event';
import { channelOf } from '../../lib/contracts/raw-message';
import type { HistoryEntry } from '../../lib/contracts/row-history';
import { createRowMatcher, toHistoryEntry } from '../../lib/row-history/history-entry';
import type { KeyEvidence } from '../../lib/row-history/partition-choice';
import type { EventMasker, StoredEvent } from '../../lib/store/event-store-view';
import type { DashboardState } from '../pipeline/dashboard-state';

/** Events of the table examined in the buffer at most (its ring holds `limits.inspectorEventsPerTable`). */
export const MAX_BUFFER_SCAN = 20_000;

/** Where a table's events were read from, with what the buffer shows of how its keys are written. */
export interface BufferedChannel {
  sourceId: string;
  channel: string;
  /** The row's own events there (partition, raw key text). */
  rowEvents: KeyEvidence[];
  /** The newest event of any row of the table there. */
  sample?: KeyEvidence;
}

export interface BufferedRow {
  entries: HistoryEntry[];
  /** Each (source, channel) the table's buffered events came from, most recent first. */
  channels: BufferedChannel[];
  scanned: number;
}

function evidenceOf(e: StoredEvent): KeyEvidence | undefined {
  const origin = e.record.origin;
  if (origin.kind !== 'kafka') return undefined;
  // A key in the Schema Registry wire format is binary: its text is the decoded JSON, not the bytes hashed.
  const binary = e.record.kind === 'change' && e.record.wire?.keySchemaId !== undefined;
  return { id: e.id, partition: origin.partition, keyText: binary ? null : e.rawKey };
}

/**
 * The row's changes still in the inspector buffer, newest first, masked, and
 * the evidence the broker read needs (which sources and channels carry the
 * table, how their keys are written). Walks the table's kept events through
 * the inspector's own query, at most `limit` entries and MAX_BUFFER_SCAN events.
 */
export function readBufferedRow(
  state: Pick<DashboardState, 'events'>,
  lookup: (id: string) => StoredEvent | undefined,
  masker: EventMasker,
  tableKey: string,
  key: Row,
  limit: number,
): BufferedRow {
  const matches = createRowMatcher(key, masker);
  const entries: HistoryEntry[] = [];
  const channels = new Map<string, BufferedChannel>();
  let scanned = 0;
  let cursor: string | undefined;
  do {
    const page = state.events({ table: tableKey, limit: 500, ...(cursor === undefined ? {} : { cursor }) });
    if (!page.ok) break;
    for (const item of page.value.items) {
      scanned++;
      const e = lookup(item.id);
      if (e === undefined) continue;
      const at = `${e.record.sourceId}\u0000${channelOf(e.record.origin)}`;
      let ch = channels.get(at);
      if (ch === undefined) {
        ch = { sourceId: e.record.sourceId, channel: channelOf(e.record.origin), rowEvents: [] };
        channels.set(at, ch);
      }
      const evidence = evidenceOf(e);
      if (ch.sample === undefined && evidence !== undefined && e.record.kind === 'change') ch.sample = evidence;
      if (!matches(e)) continue;
      if (evidence !== undefined && ch.rowEvents.length < 8) ch.rowEvents.push(evidence);
      if (entries.length < limit) {
        const entry = toHistoryEntry(e, masker, 'buffer');
        if (entry) entries.push(entry);
      }
    }
    cursor = page.value.nextCursor ?? undefined;
  } while (cursor !== undefined && scanned < MAX_BUFFER_SCAN);
  return { entries, channels: [...channels.values()], scanned };
}
