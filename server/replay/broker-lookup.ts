import type { Config } from '../../lib/config/schema';
import { decodeMessage } from '../../lib/debezium';
import { parseEventRef } from '../../lib/replay/event-ref';
import { toSeekEvent } from '../../lib/seek/seek-event';
import type { StoredEvent } from '../../lib/store/event-store-view';
import { parseTopicSpecs } from '../sources/kafka-client';
import { readJetStreamMessage, readKafkaMessage } from '../seek/read-message';

/**
 * Finds an event to replay: in the inspector's buffer first, else read again
 * from its broker by the position in its id (an event found by a seek, or
 * one evicted since). Only topics and subjects a configured source reads are
 * fetched: an id is input, and must not open the rest of the cluster.
 */
export function createEventLookup(config: Pick<Config, 'sources' | 'limits'>, buffered: (id: string) => StoredEvent | undefined) {
  return async function lookup(id: string): Promise<StoredEvent | undefined> {
    const kept = buffered(id);
    if (kept) return kept;
    const ref = parseEventRef(id);
    const source = ref && config.sources.find((s) => s.id === ref.sourceId);
    if (!ref || !source) return undefined;
    let raw;
    if (ref.kind === 'kafka' && source.kind === 'kafka') {
      const { names, patterns } = parseTopicSpecs(source.topics);
      if (!names.includes(ref.channel) && !patterns.some((p) => p.test(ref.channel))) return undefined;
      raw = await readKafkaMessage(source, ref.channel, ref.partition, ref.offset);
    } else if (ref.kind === 'jetstream' && source.kind === 'jetstream') {
      raw = await readJetStreamMessage(source, ref.channel, ref.seq);
    }
    if (!raw) return undefined;
    const record = decodeMessage(raw, { maxValueBytes: config.limits.maxValueBytes, ...(source.kind === 'jetstream' ? { primaryKeys: source.primaryKeys } : {}) });
    const event = toSeekEvent(record, raw, true);
    return event.id === id ? event : undefined;
  };
}
