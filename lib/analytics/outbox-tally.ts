import type { OutboxRecord } from '../contracts/change-event';
import { channelOf } from '../contracts/raw-message';
import { OUTBOX_NO_TYPE, OUTBOX_OTHER, type OutboxSummary } from '../contracts/outbox';

/**
 * Outbox events counted per aggregate type and event type. Both come from
 * the application's data, so both are capped: at most `maxAggregates`
 * aggregate types (default 500) with at most `maxEventTypes` event types
 * each (default 200) and `maxChannels` channels each (default 16); anything
 * past a cap is counted under `(other)` rather than growing the maps. Nothing
 * is evicted: the counts are totals since start.
 */
export interface OutboxTally {
  count(rec: OutboxRecord, now: number): void;
  summary(): Omit<OutboxSummary, 'replays'>;
}

interface TypeCount {
  events: number;
  lastEventAt: number;
}
interface Aggregate extends TypeCount {
  channels: Set<string>;
  types: Map<string, TypeCount>;
}

export function createOutboxTally({ maxAggregates = 500, maxEventTypes = 200, maxChannels = 16 } = {}): OutboxTally {
  const aggregates = new Map<string, Aggregate>();
  let events = 0;
  let overflowed = false;

  function bump<T extends TypeCount>(map: Map<string, T>, name: string, max: number, make: () => T, now: number): T {
    let entry = map.get(name);
    if (entry === undefined) {
      const key = map.size >= max - 1 && name !== OUTBOX_OTHER ? OUTBOX_OTHER : name;
      if (key !== name) overflowed = true;
      entry = map.get(key);
      if (entry === undefined) {
        entry = make();
        map.set(key, entry);
      }
    }
    entry.events++;
    entry.lastEventAt = Math.max(entry.lastEventAt, now);
    return entry;
  }

  return {
    count(rec, now) {
      events++;
      const agg = bump(
        aggregates,
        rec.aggregateType === '' ? OUTBOX_NO_TYPE : rec.aggregateType,
        maxAggregates,
        () => ({ events: 0, lastEventAt: 0, channels: new Set<string>(), types: new Map<string, TypeCount>() }),
        now,
      );
      if (agg.channels.size < maxChannels) agg.channels.add(`${rec.sourceId}/${channelOf(rec.origin)}`);
      bump(agg.types, rec.eventType ?? OUTBOX_NO_TYPE, maxEventTypes, () => ({ events: 0, lastEventAt: 0 }), now);
    },
    summary() {
      const out: Omit<OutboxSummary, 'replays'> = { events, aggregates: [], overflowed };
      for (const [aggregateType, a] of aggregates) {
        out.aggregates.push({
          aggregateType,
          events: a.events,
          lastEventAt: a.lastEventAt,
          channels: [...a.channels],
          eventTypes: [...a.types]
            .map(([eventType, t]) => ({ eventType, events: t.events, lastEventAt: t.lastEventAt }))
            .sort((x, y) => y.events - x.events),
        });
      }
      out.aggregates.sort((x, y) => y.lastEventAt - x.lastEventAt || y.events - x.events);
      return out;
    },
  };
}
