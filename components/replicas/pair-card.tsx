'use client';

import Link from 'next/link';
import type { IdentityBasis, ReplicaPairSummary, ReplicaSide } from '@/lib/contracts/replicas';
import { Age } from '../age';
import { formatDuration, formatInteger } from '../format';
import { replicaPairPath } from '../realtime/use-replicas';
import { PercentileTile } from '../ui/tile';
import { CoPartitionWarning } from './co-partition-warning';
import { PairTablesTable } from './pair-tables-table';
import { PairTotals } from './pair-totals';
import { pairVerdict, selectorText, sideName } from './replica-format';

const BASIS_LABEL: Record<IdentityBasis, string> = {
  gtid: 'GTID',
  lsn: 'LSN',
  outbox: 'outbox id',
  fields: 'fields',
  header: 'header',
  content: 'content hash',
};

function SideBox({ pair, side }: { pair: ReplicaPairSummary; side: ReplicaSide }) {
  const info = pair.sides[side];
  return (
    <div className="replica-side" data-testid="replica-side" data-side={side}>
      <div className="replica-side-head">
        <span className={`side-mark side-${side}`}>{side.toUpperCase()}</span>
        <strong className="mono" title={sideName(info.selector, side)}>
          {sideName(info.selector, side)}
        </strong>
      </div>
      <div className="muted replica-side-sel">{selectorText(info.selector)}</div>
      <dl className="stats">
        <div>
          <dt>Records</dt>
          <dd data-testid={`replica-side-records-${side}`} data-value={info.records}>
            {formatInteger(info.records)}
          </dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>
            <Age at={info.lastSeenAt} />
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** How the pair's event ids were built: shows when an identity fell back to a content hash. */
function IdentityLine({ pair }: { pair: ReplicaPairSummary }) {
  const bases = (Object.entries(pair.idBasis) as [IdentityBasis, number][]).filter(([, n]) => n > 0);
  return (
    <div className="replica-identity">
      <span className="muted">Identity</span>{' '}
      <span className="mono" data-testid="replica-identity">
        {pair.identity}
      </span>
      {bases.length > 0 && (
        <span className="chips replica-bases" aria-label="ids built by basis">
          {bases.map(([b, n]) => (
            <span key={b} className="chip" title={`${formatInteger(n)} ids built from ${BASIS_LABEL[b]}`}>
              {BASIS_LABEL[b]} {formatInteger(n)}
            </span>
          ))}
        </span>
      )}
    </div>
  );
}

/** Both sides of a pair and how their event ids are built, as on the Replicas page and the pair page. */
export function PairSides({ pair }: { pair: ReplicaPairSummary }) {
  return (
    <>
      <div className="replica-sides">
        <SideBox pair={pair} side="a" />
        <span className="replica-vs" aria-hidden="true">
          ⇄
        </span>
        <SideBox pair={pair} side="b" />
      </div>
      <IdentityLine pair={pair} />
    </>
  );
}

/** The pair's delay between copies over the last 1 and 5 minutes. */
export function PairDelayTiles({ delay }: { delay: ReplicaPairSummary['delay'] }) {
  return (
    <div className="lag-tiles replica-delay">
      <PercentileTile title="Delay A ⇄ B · 1 min" lag={delay.m1} testId="replica-delay-m1" countLabel="matches" />
      <PercentileTile title="Delay A ⇄ B · 5 min" lag={delay.m5} testId="replica-delay-m5" countLabel="matches" />
    </div>
  );
}

/** One configured replica pair on the Replicas page. */
export function PairCard({ pair }: { pair: ReplicaPairSummary }) {
  const verdict = pairVerdict(pair.totals);
  const nameA = sideName(pair.sides.a.selector, 'a');
  const nameB = sideName(pair.sides.b.selector, 'b');
  const headingId = `pair-${pair.pairId}`;
  return (
    <article
      className={`panel replica-card replica-${verdict.level}`}
      data-testid="replica-pair-card"
      data-pair={pair.pairId}
      data-level={verdict.level}
      aria-labelledby={headingId}
    >
      <div className="panel-head">
        <h2 id={headingId} className="pair-title">
          <Link href={`/replicas/${replicaPairPath(pair.pairId)}`}>{pair.pairId}</Link>
        </h2>
        <span className={`badge badge-tone-${verdict.level}`} data-testid="replica-verdict">
          {verdict.text}
        </span>
        <span className="muted">
          grace {formatDuration(pair.limits.graceMs)} · given up after {formatDuration(pair.limits.maxPendingAgeMs)} ·
          pending limit {formatInteger(pair.limits.maxPending)}
        </span>
        <div className="panel-head-end">
          <Link href={`/replicas/${replicaPairPath(pair.pairId)}`}>Charts and events →</Link>
        </div>
      </div>
      <PairSides pair={pair} />
      <CoPartitionWarning problems={pair.coPartitionProblems} />
      <PairTotals
        counts={pair.totals}
        nameA={nameA}
        nameB={nameB}
        unique={pair.unique}
        duplicateRate={pair.duplicateRate}
        pendingNow={pair.pendingNow}
        graceMs={pair.limits.graceMs}
      />
      <PairDelayTiles delay={pair.delay} />
      <h3 className="replica-subhead">Tables</h3>
      <PairTablesTable pairId={pair.pairId} tables={pair.tables} overflow={pair.tableOverflow} />
    </article>
  );
}
