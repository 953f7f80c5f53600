import type { Config } from '../../lib/config/schema';
import { parseEventRef, refOnSource } from '../../lib/replay/event-ref';
import type { StoredEvent } from '../../lib/store/event-store-view';
import { detached } from '../../lib/store/stored-event';
import { refuseRead, type LiveReads } from '../brokers/registry';
import { readEvent } from '../seek/read-event';
import type { WireDecoders } from '../schema-registry/wire-decoders';

/** Broker reads at once; each Kafka read joins a throwaway group, so a burst of links must not become a burst of groups. */
export const MAX_BROKER_READS = 2;

export class BrokerBusyError extends Error {
  constructor() {
    super(`${MAX_BROKER_READS} events are being read from their brokers already; try again in a moment`);
    this.name = 'BrokerBusyError';
  }
}

export type LookedUp = { event: StoredEvent; from: 'buffer' | 'broker' };

/**
 * Finds an event by its inspector id: in the buffer first, else read again
 * from its broker by the position in its id (an event found by a seek, or
 * evicted since, as long as the broker keeps it). Only topics and subjects a
 * configured source reads are fetched (its configured channels, and what the
 * running source reads beside them, `live`: schema-change topics): an id is
 * input, and must not open the rest of the cluster. Throws BrokerBusyError
 * past MAX_BROKER_READS, and the broker's error when it cannot be read.
 */
export function createEventLookup(
  config: Pick<Config, 'sources' | 'limits'>,
  buffered: (id: string) => StoredEvent | undefined,
  decoders?: WireDecoders,
  live?: LiveReads,
) {
  let reading = 0;

  async function fromBroker(id: string): Promise<StoredEvent | undefined> {
    const parsed = parseEventRef(id);
    const source = parsed && config.sources.find((s) => s.id === parsed.sourceId);
    if (!parsed || !source) return undefined;
    const ref = refOnSource(parsed, source.kind);
    if (ref.kind !== source.kind || refuseRead(source, ref.channel, live) !== undefined) return undefined;
    if (reading >= MAX_BROKER_READS) throw new BrokerBusyError();
    reading++;
    try {
      const event = await readEvent(config.limits, source, ref, decoders);
      return event?.id === id ? event : undefined;
    } finally {
      reading--;
    }
  }

  return {
    async find(id: string): Promise<LookedUp | undefined> {
      const kept = buffered(id);
      // Copied now: its bytes leave with it if ingest evicts it before the caller, after an await, reads it.
      if (kept) return { event: detached(kept), from: 'buffer' };
      const read = await fromBroker(id);
      return read && { event: read, from: 'broker' };
    },
    /** For replay: the event alone. */
    async event(id: string): Promise<StoredEvent | undefined> {
      return (await this.find(id))?.event;
    },
  };
}

export type EventLookup = ReturnType<typeof createEventLookup>;
