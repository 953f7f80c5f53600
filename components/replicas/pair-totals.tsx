import type { ReplicaCounts } from '@/lib/contracts/replicas';
import { formatDuration, formatInteger } from '../format';
import { Tile } from '../ui/tile';
import { countClass, formatPercent } from './replica-format';

export interface PairTotalsProps {
  counts: ReplicaCounts;
  /** Names of side A and B (labels or server names). */
  nameA: string;
  nameB: string;
  /** Distinct events over both sides; computed from the counts when absent. */
  unique?: number;
  /** Duplicates / compared records, 0..1; computed from the counts when absent. */
  duplicateRate?: number;
  /** Entries in the pending window now (pending + only-in, both sides); summed from the counts when absent. */
  pendingNow?: number;
  graceMs?: number;
}

/** The counters of a pair (or of one of its tables) as tiles, with `replica-total-<name>` test ids. */
export function PairTotals({ counts: c, nameA, nameB, unique, duplicateRate, pendingNow, graceMs }: PairTotalsProps) {
  const dups = c.a.duplicates + c.b.duplicates;
  const compared = c.a.unique + c.b.unique + dups;
  const uniq = unique ?? c.a.unique + c.b.unique - c.matched;
  const rate = duplicateRate ?? (compared > 0 ? dups / compared : 0);
  const pending = pendingNow ?? c.a.pending + c.b.pending + c.a.onlyIn + c.b.onlyIn;
  const grace = graceMs != null ? ` (${formatDuration(graceMs)})` : '';
  return (
    <div className="tiles replica-tiles">
      <Tile label="Unique events" testId="replica-total-unique" value={uniq} sub="over both sides">
        {formatInteger(uniq)}
      </Tile>
      <Tile label="Matched" testId="replica-total-matched" value={c.matched} sub={`${formatInteger(c.lateMatches)} late`} title="Events seen on both sides; late: matched after the grace period">
        {formatInteger(c.matched)}
      </Tile>
      <Tile label={`Duplicates A`} testId="replica-total-duplicatesA" value={c.a.duplicates} sub={nameA} tone={c.a.duplicates > 0 ? 'warn' : undefined}>
        <span className={countClass(c.a.duplicates, 'warn')}>{formatInteger(c.a.duplicates)}</span>
      </Tile>
      <Tile label={`Duplicates B`} testId="replica-total-duplicatesB" value={c.b.duplicates} sub={nameB} tone={c.b.duplicates > 0 ? 'warn' : undefined}>
        <span className={countClass(c.b.duplicates, 'warn')}>{formatInteger(c.b.duplicates)}</span>
      </Tile>
      <Tile label="Duplicate rate" testId="replica-total-duplicateRate" value={rate} sub="of compared records">
        {formatPercent(rate)}
      </Tile>
      <Tile
        label="Only in A"
        testId="replica-total-onlyInA"
        value={c.a.onlyIn}
        sub={`potential loss on ${nameB}`}
        tone={c.a.onlyIn > 0 ? 'err' : undefined}
        title={`Seen on ${nameA}, not on ${nameB} after the grace period${grace}; falls again on a late match`}
      >
        <span className={countClass(c.a.onlyIn, 'err')}>{formatInteger(c.a.onlyIn)}</span>
      </Tile>
      <Tile
        label="Only in B"
        testId="replica-total-onlyInB"
        value={c.b.onlyIn}
        sub={`potential loss on ${nameA}`}
        tone={c.b.onlyIn > 0 ? 'err' : undefined}
        title={`Seen on ${nameB}, not on ${nameA} after the grace period${grace}; falls again on a late match`}
      >
        <span className={countClass(c.b.onlyIn, 'err')}>{formatInteger(c.b.onlyIn)}</span>
      </Tile>
      <Tile label="Lost A / B" compact sub="given up unmatched" tone={c.a.lost + c.b.lost > 0 ? 'err' : undefined}>
        <span className={countClass(c.a.lost, 'err')} data-testid="replica-total-lostA" data-value={c.a.lost}>
          {formatInteger(c.a.lost)}
        </span>
        <span className="muted"> / </span>
        <span className={countClass(c.b.lost, 'err')} data-testid="replica-total-lostB" data-value={c.b.lost}>
          {formatInteger(c.b.lost)}
        </span>
      </Tile>
      <Tile label="Evicted A / B" compact sub="dropped by the pending limit, not counted as loss" tone={c.a.evicted + c.b.evicted > 0 ? 'warn' : undefined}>
        <span className={countClass(c.a.evicted, 'warn')} data-testid="replica-total-evictedA" data-value={c.a.evicted}>
          {formatInteger(c.a.evicted)}
        </span>
        <span className="muted"> / </span>
        <span className={countClass(c.b.evicted, 'warn')} data-testid="replica-total-evictedB" data-value={c.b.evicted}>
          {formatInteger(c.b.evicted)}
        </span>
      </Tile>
      <Tile label="Divergent" testId="replica-total-divergent" value={c.divergent} sub="copies that differ" tone={c.divergent > 0 ? 'err' : undefined}>
        <span className={countClass(c.divergent, 'err')}>{formatInteger(c.divergent)}</span>
      </Tile>
      <Tile label="Pending now" testId="replica-total-pending" value={pending} sub="waiting for their other copy" title={`${formatInteger(c.a.pending + c.b.pending)} within the grace period${grace}, ${formatInteger(c.a.onlyIn + c.b.onlyIn)} past it`}>
        {formatInteger(pending)}
      </Tile>
    </div>
  );
}
