import { decodeOptionsFor } from '../../lib/config/decode-options';
import type { Config, SourceConfig } from '../../lib/config/schema';
import { decodeMessage } from '../../lib/debezium/decode-message';
import type { BrokerRef } from '../../lib/replay/event-ref';
import { toSeekEvent } from '../../lib/seek/seek-event';
import type { StoredEvent } from '../../lib/store/event-store-view';
import { readAt } from '../brokers/registry';
import type { WireDecoders } from '../schema-registry/wire-decoders';

/**
 * One message read back and decoded into the inspector's shape, raw text
 * kept, for its detail or a replay. Undefined when the broker no longer has
 * it, or when the reference's kind is not the source's.
 */
export async function readEvent(
  limits: Pick<Config['limits'], 'maxValueBytes'>,
  source: SourceConfig,
  ref: BrokerRef,
  decoders?: WireDecoders,
): Promise<StoredEvent | undefined> {
  const raw = await readAt(source, ref);
  if (raw === undefined) return undefined;
  const record =
    decoders === undefined ? decodeMessage(raw, decodeOptionsFor(limits, source)) : await decoders.decodeAwaiting(raw);
  return toSeekEvent(record, raw, true);
}
