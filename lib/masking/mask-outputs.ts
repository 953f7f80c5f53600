import type { DivergentPair, ReplicaPairSummary, UnmatchedEvent } from '../contracts/replicas';
import type { Masker } from './masker';

/**
 * Masking of replica pair summaries (keys, ids and diffs of unmatched and
 * divergent events), applied where data leaves the server, so pairing still
 * sees the real values: a change only in a masked column is still a
 * divergence; it is just not shown. Event list items and details are masked
 * by the event store (lib/store/event-store-view.ts).
 */
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
