import type { DecodedRecord } from '../contracts/change-event';
import type { EventListItem } from '../contracts/event-view';
import type { DivergentPair, ReplicaPairSummary, UnmatchedEvent } from '../contracts/replicas';
import { renderKey } from '../events/render';
import type { Masker } from './masker';

/**
 * Masking of the server's outputs that carry row data: event list items
 * (their rendered key) and replica pair summaries (keys, ids and diffs of
 * unmatched and divergent events). Applied where data leaves the server, so
 * pairing and statistics still see the real values (a change only in a
 * masked column is still a divergence; it is just not shown).
 */
export function maskListItem(masker: Masker, rec: DecodedRecord, tableKey: string | undefined, item: EventListItem): EventListItem {
  if (!masker.active || item.key === undefined) return item;
  if ((rec.kind === 'change' || rec.kind === 'tombstone') && rec.key) {
    item.key = renderKey(masker.maskKeyRow(tableKey, rec.key));
  } else {
    item.key = masker.maskText(tableKey, item.key);
  }
  return item;
}

function maskUnmatched(masker: Masker, e: UnmatchedEvent): UnmatchedEvent {
  return { ...e, id: masker.maskEventId(e.table, e.id, e.key), key: masker.maskText(e.table, e.key) };
}

function maskDivergent(masker: Masker, d: DivergentPair): DivergentPair {
  return {
    ...d,
    id: masker.maskEventId(d.table, d.id, d.key),
    key: masker.maskText(d.table, d.key),
    diff: d.diff === null ? null : masker.maskDiffs(d.table, d.diff),
  };
}

export function maskPairSummary(masker: Masker, pair: ReplicaPairSummary): ReplicaPairSummary {
  if (!masker.active) return pair;
  return {
    ...pair,
    onlyInA: pair.onlyInA.map((e) => maskUnmatched(masker, e)),
    onlyInB: pair.onlyInB.map((e) => maskUnmatched(masker, e)),
    divergentPairs: pair.divergentPairs.map((d) => maskDivergent(masker, d)),
  };
}
