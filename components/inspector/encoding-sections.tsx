'use client';

import Link from 'next/link';
import type { EventDetail } from '@/lib/contracts/inspector';
import { KeyValues, Value } from './detail-parts';
import { eventHref } from './inspector-query';

/**
 * The parts of an event's detail that depend on how it was written (issue
 * #16) or where it came from (a replay, issue #10 item 4): a replayed copy,
 * a flattened row, a CloudEvent, an outbox event and its links to the outbox
 * table's row changes.
 */
export function EncodingSections({ detail: d }: { detail: EventDetail }) {
  const change = d.change;
  return (
    <>
      {d.replay && (
        <p className="notice" data-testid="detail-replay">
          A replayed copy{d.replay.replayedBy !== undefined && ` sent by ${d.replay.replayedBy}`}
          {d.replay.replayedAt !== undefined && ` at ${d.replay.replayedAt}`} (replay id{' '}
          <span className="mono">{d.replay.replayId}</span>): counted apart, not as a change of its table, and never
          paired.{' '}
          {d.replay.originalEvent !== undefined && (
            <Link href={eventHref(d.replay.originalEvent)} prefetch={false} data-testid="detail-replay-original">
              The original
            </Link>
          )}
        </p>
      )}
      {change?.flattened && (
        <p className="notice" data-testid="detail-flattened" data-op-from={change.flattened.opFrom}>
          Flattened: no before image (ExtractNewRecordState keeps only the row
          {change.flattened.opFrom === 'none'
            ? '; no __op either, so it is shown as an update'
            : change.flattened.opFrom === 'deleted'
              ? '; a delete, from __deleted'
              : ''}
          ), so there is no diff.
        </p>
      )}
      {change?.cloudEvent && (
        <section className="detail-section" aria-label="CloudEvent">
          <h3>CloudEvent</h3>
          <KeyValues entries={Object.entries(change.cloudEvent)} testId="detail-cloudevent" />
        </section>
      )}
      {d.outbox && (
        <section className="detail-section" aria-label="Outbox event" data-testid="detail-outbox">
          <h3>Outbox event</h3>
          <KeyValues
            entries={[
              ['aggregate type', d.outbox.aggregateType],
              ['aggregate id', d.outbox.aggregateId ?? '—'],
              ['event type', d.outbox.eventType ?? '—'],
              ['event id', d.outbox.eventId ?? '—'],
            ]}
          />
          <h4>Payload</h4>
          <pre className="raw-pre">
            <Value v={d.outbox.payload} present />
          </pre>
          {d.outbox.rowChanges !== undefined && (
            <Links title="From the outbox table's row change" ids={d.outbox.rowChanges} />
          )}
        </section>
      )}
      {d.outboxEvents !== undefined && <Links title="Outbox events made of this row" ids={d.outboxEvents} />}
    </>
  );
}

function Links({ title, ids }: { title: string; ids: string[] }) {
  return (
    <div data-testid="detail-outbox-links">
      <h4>{title}</h4>
      <ul>
        {ids.map((id) => (
          <li key={id}>
            <Link href={eventHref(id)} prefetch={false} className="mono">
              {id}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
