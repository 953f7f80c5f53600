import type { EventListItem } from '@/lib/contracts/event-view';

const KIND_BADGE: Record<EventListItem['kind'], string> = {
  change: '',
  tombstone: 'tomb',
  transaction: 'tx',
  heartbeat: 'hb',
  'schema-change': 'ddl',
  outbox: 'evt',
  undecodable: '!',
};

/** The op of a change, or a short tag for the other record kinds; shared by the table page and the inspector. */
export function EventKindBadge({ e }: { e: EventListItem }) {
  if (e.replayOf !== undefined)
    return (
      <span className="op op-kind" title={`a replayed copy of ${e.replayOf}`} data-testid="event-replay-badge">
        re{e.op ?? ''}
      </span>
    );
  if (e.kind === 'change' && e.op)
    return (
      <span className={`op op-${e.op}`} title={`op ${e.op}`}>
        {e.op}
      </span>
    );
  if (e.kind === 'undecodable')
    return (
      <span className="op op-bad" title="undecodable">
        !
      </span>
    );
  return (
    <span className="op op-kind" title={e.kind}>
      {KIND_BADGE[e.kind]}
    </span>
  );
}
