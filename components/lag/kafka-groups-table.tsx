'use client';

import { memo, useMemo, useState } from 'react';
import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import type { PartitionLag } from '@/lib/contracts/consumer-lag';
import { Age } from '../age';
import { formatDuration, formatInteger } from '../format';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import {
  formatTimeLag,
  groupTone,
  partitionTone,
  ruleText,
  sortGroups,
  sortPartitions,
  timeLagSourceText,
} from './lag-status';
import { StatusBadge } from './status-badge';

type Group = ConsumerLagSnapshot['kafka'][number];

const COLUMNS: readonly ColumnSpec[] = [
  { label: '', hiddenLabel: 'Expand', width: 36 },
  { label: 'Group', width: 240 },
  { label: 'Source', width: 120 },
  { label: 'Status', width: 100 },
  { label: 'Members', width: 130, title: 'Members of the group and its state (Stable, Empty, rebalancing…)' },
  {
    label: 'Worst partition',
    width: 240,
    title: 'The worst partition status, unflattened (tells REWIND from STOP from STALL)',
  },
  { label: 'Total lag', width: 110, num: true, title: 'Messages behind, summed over partitions' },
  { label: 'Max time lag', width: 110, num: true, title: 'Age of the oldest unconsumed message over partitions' },
  { label: 'Window', width: 80, num: true, title: 'Share of partitions with a full evaluation window' },
  { label: 'Updated', width: 100 },
];

function PartitionRows({ parts }: { parts: readonly PartitionLag[] }) {
  const sorted = useMemo(() => sortPartitions(parts), [parts]);
  if (sorted.length === 0)
    return (
      <p className="muted" style={{ margin: 0 }}>
        No partition data yet.
      </p>
    );
  return (
    <table className="sub-table" data-testid="lag-partitions">
      <thead>
        <tr>
          <th scope="col">Topic</th>
          <th scope="col" className="num">
            Partition
          </th>
          <th scope="col" className="num">
            Committed
          </th>
          <th scope="col" className="num">
            End
          </th>
          <th scope="col" className="num">
            Lag
          </th>
          <th scope="col" className="num">
            Time lag
          </th>
          <th scope="col">Measured</th>
          <th scope="col">Status</th>
          <th scope="col">Rule</th>
          <th scope="col" title="The group member reading this partition; none when the group is empty">
            Member
          </th>
          <th scope="col">Last commit</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((p) => (
          <tr
            key={`${p.topic}\u0000${p.partition}`}
            data-testid="lag-partition-row"
            data-topic={p.topic}
            data-partition={p.partition}
            data-status={p.status}
          >
            <td className="mono" title={p.topic}>
              {p.topic}
            </td>
            <td className="num">{p.partition}</td>
            <td className="num">{formatInteger(p.committedOffset)}</td>
            <td className="num">{formatInteger(p.endOffset)}</td>
            <td className="num">{formatInteger(p.lag)}</td>
            <td className="num">{formatTimeLag(p.timeLag)}</td>
            <td className="muted">{p.timeLag ? timeLagSourceText(p.timeLag.source) : '—'}</td>
            <td>
              <StatusBadge status={p.status} tone={partitionTone(p.status)} />
              {typeof p.complete === 'number' && p.complete < 1 && (
                <span className="muted" title="Evaluation window fill: the status rests on fewer commits">
                  {' '}
                  {Math.round(p.complete * 100)} %
                </span>
              )}
            </td>
            <td className="muted" title={p.rule}>
              {ruleText(p.rule)}
            </td>
            <td className="mono" data-testid="lag-partition-member">
              {p.member === undefined ? '—' : (p.member ?? <span className="muted">none</span>)}
            </td>
            <td>
              <Age at={p.lastCommitAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const GroupRows = memo(function GroupRows({
  g,
  open,
  onToggle,
}: {
  g: Group;
  open: boolean;
  onToggle: (id: string) => void;
}) {
  const detailId = `lag-parts-${g.id}`;
  const worst = g.worstPartition;
  return (
    <>
      <tr
        className={`row row-tone-${groupTone(g.status)}`}
        data-testid="lag-group-row"
        data-group={g.group}
        data-source={g.sourceId}
        data-status={g.status}
      >
        <td>
          <button
            type="button"
            className="expand-btn"
            aria-expanded={open}
            aria-controls={detailId}
            aria-label={`${open ? 'Hide' : 'Show'} partitions of ${g.group}`}
            onClick={() => onToggle(g.id)}
            data-testid="lag-group-expand"
          >
            {open ? '▾' : '▸'}
          </button>
        </td>
        <td className="mono" title={g.group}>
          {g.group}
        </td>
        <td className="mono muted" title={g.sourceId}>
          {g.sourceId}
        </td>
        <td>
          <StatusBadge status={g.status} tone={groupTone(g.status)} testId="lag-group-status" />
        </td>
        <td data-testid="lag-group-members">
          {g.members === undefined ? '—' : `${formatInteger(g.members)}${g.state ? ` · ${g.state}` : ''}`}
        </td>
        <td title={worst ? `${worst.topic} / ${worst.partition}` : undefined}>
          {worst ? (
            <>
              <StatusBadge status={g.worst} tone={partitionTone(g.worst)} />{' '}
              <span className="mono">
                {worst.topic} / {worst.partition}
              </span>
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
        <td className="num" data-value={g.totalLag}>
          {formatInteger(g.totalLag)}
        </td>
        <td className="num">{formatDuration(g.maxTimeLagMs)}</td>
        <td className="num">{typeof g.complete === 'number' ? `${Math.round(g.complete * 100)} %` : '—'}</td>
        <td>
          <Age at={g.updatedAt} />
        </td>
      </tr>
      {open && (
        <tr className="detail-holder" id={detailId}>
          <td />
          <td colSpan={COLUMNS.length - 1}>
            <PartitionRows parts={g.partitions} />
          </td>
        </tr>
      )}
    </>
  );
});

/** Kafka consumer groups, worst first, each expandable to its partitions. */
export function KafkaGroupsTable({ groups }: { groups: ConsumerLagSnapshot['kafka'] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => sortGroups(groups), [groups]);
  const toggle = useMemo(
    () => (id: string) =>
      setOpen((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const notOk = rows.filter((g) => g.status !== 'OK').length;
  return (
    <section className="panel" aria-labelledby="kafka-groups-heading" data-testid="lag-kafka">
      <div className="panel-head">
        <h2 id="kafka-groups-heading">Kafka consumer groups</h2>
        <span className="muted">
          {rows.length === 0 ? 'none watched' : `${rows.length} watched${notOk > 0 ? ` · ${notOk} not OK` : ''}`} ·
          status by Burrow’s rules, time lag as kafka-lag-exporter measures it
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="notice" data-testid="lag-kafka-empty">
          No consumer groups are being watched. To watch the downstream groups reading a Kafka source’s topics, add{' '}
          <code>lag:</code> to that source in the configuration (optionally <code>groups:</code> with names or{' '}
          <code>/regex/</code>); cdcscope only reads their committed offsets, it never joins or commits.
        </p>
      ) : (
        <div className="events-scroll">
          <table className="data-table lag-table" data-testid="lag-groups-table">
            <TableColumns columns={COLUMNS} />
            <tbody>
              {rows.map((g) => (
                <GroupRows key={g.id} g={g} open={open.has(g.id)} onToggle={toggle} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
