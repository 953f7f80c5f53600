import type { ReplicaCounts } from '@/lib/contracts/replicas';
import { formatDuration, formatInteger } from '../format';
import { Tile } from '../ui/tile';
import { countClass, formatPercent } from './replica-format';

type Tone = 'err' | 'warn';

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

/** A counter coloured when above zero; with a test id it also carries its value. */
function Count({ n, tone, testId }: { n: number; tone: Tone; testId?: string }) {
  return (
    <span className={countClass(n, tone)} data-testid={testId} data-value={testId != null ? n : undefined}>
      {formatInteger(n)}
    </span>
  );
}

/** Events past the grace period on one side without their copy on the other. */
function OnlyInTile({
  side,
  n,
  self,
  other,
  grace,
}: {
  side: 'A' | 'B';
  n: number;
  self: string;
  other: string;
  grace: string;
}) {
  return (
    <Tile
      label={`Only in ${side}`}
      testId={`replica-total-onlyIn${side}`}
      value={n}
      sub={`potential loss on ${other}`}
      tone={n > 0 ? 'err' : undefined}
      title={`Seen on ${self}, not on ${other} after the grace period${grace}; falls again on a late match`}
    >
      <Count n={n} tone="err" />
    </Tile>
  );
}

/** Both sides' counts of one kind in a compact `A / B` tile, each with its own test id (`<testId>A`, `<testId>B`). */
function SidesTile({
  label,
  sub,
  a,
  b,
  tone,
  testId,
}: {
  label: string;
  sub: string;
  a: number;
  b: number;
  tone: Tone;
  testId: string;
}) {
  return (
    <Tile label={label} compact sub={sub} tone={a + b > 0 ? tone : undefined}>
      <Count n={a} tone={tone} testId={`${testId}A`} />
      <span className="muted"> / </span>
      <Count n={b} tone={tone} testId={`${testId}B`} />
    </Tile>
  );
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
      <Tile
        label="Matched"
        testId="replica-total-matched"
        value={c.matched}
        sub={`${formatInteger(c.lateMatches)} late`}
        title="Events seen on both sides; late: matched after the grace period"
      >
        {formatInteger(c.matched)}
      </Tile>
      <Tile
        label={`Duplicates A`}
        testId="replica-total-duplicatesA"
        value={c.a.duplicates}
        sub={nameA}
        tone={c.a.duplicates > 0 ? 'warn' : undefined}
      >
        <Count n={c.a.duplicates} tone="warn" />
      </Tile>
      <Tile
        label={`Duplicates B`}
        testId="replica-total-duplicatesB"
        value={c.b.duplicates}
        sub={nameB}
        tone={c.b.duplicates > 0 ? 'warn' : undefined}
      >
        <Count n={c.b.duplicates} tone="warn" />
      </Tile>
      <Tile label="Duplicate rate" testId="replica-total-duplicateRate" value={rate} sub="of compared records">
        {formatPercent(rate)}
      </Tile>
      <OnlyInTile side="A" n={c.a.onlyIn} self={nameA} other={nameB} grace={grace} />
      <OnlyInTile side="B" n={c.b.onlyIn} self={nameB} other={nameA} grace={grace} />
      <SidesTile
        label="Lost A / B"
        sub="given up unmatched"
        a={c.a.lost}
        b={c.b.lost}
        tone="err"
        testId="replica-total-lost"
      />
      <SidesTile
        label="Evicted A / B"
        sub="dropped by the pending limit, not counted as loss"
        a={c.a.evicted}
        b={c.b.evicted}
        tone="warn"
        testId="replica-total-evicted"
      />
      <Tile
        label="Divergent"
        testId="replica-total-divergent"
        value={c.divergent}
        sub="copies that differ"
        tone={c.divergent > 0 ? 'err' : undefined}
      >
        <Count n={c.divergent} tone="err" />
      </Tile>
      <Tile
        label="Pending now"
        testId="replica-total-pending"
        value={pending}
        sub="waiting for their other copy"
        title={`${formatInteger(c.a.pending + c.b.pending)} within the grace period${grace}, ${formatInteger(c.a.onlyIn + c.b.onlyIn)} past it`}
      >
        {formatInteger(pending)}
      </Tile>
    </div>
  );
}
