/**
 * An inspector event id, `<sourceId>:<topic or subject>:<position>`, read
 * back into where the message lives on its broker, so an event no longer in
 * the buffer (or found by a seek) can be fetched again. Source ids and
 * positions hold no colon; the channel is everything between them.
 */
export type BrokerRef =
  | { sourceId: string; channel: string; kind: 'kafka'; partition: number; offset: string }
  | { sourceId: string; channel: string; kind: 'jetstream'; seq: number }
  /** The demo pipeline's retained log (lib/demo/retained-log.ts), numbered like a stream. */
  | { sourceId: string; channel: string; kind: 'demo'; seq: number };

/**
 * JetStream and the demo pipeline both number their messages `#<seq>`: the
 * id alone cannot tell them apart (parseEventRef says jetstream), the source
 * it names can. The reference as the source of that kind reads it.
 */
export function refOnSource(ref: BrokerRef, sourceKind: BrokerRef['kind']): BrokerRef {
  if (ref.kind === 'jetstream' && sourceKind === 'demo') return { ...ref, kind: 'demo' };
  return ref;
}

export function parseEventRef(id: string): BrokerRef | undefined {
  const first = id.indexOf(':');
  const last = id.lastIndexOf(':');
  if (first <= 0 || last <= first + 1) return undefined;
  const sourceId = id.slice(0, first);
  const channel = id.slice(first + 1, last);
  const position = id.slice(last + 1);
  const kafka = /^p(\d{1,9})@(\d{1,19})$/.exec(position);
  if (kafka) return { sourceId, channel, kind: 'kafka', partition: Number(kafka[1]), offset: kafka[2] as string };
  const seq = /^#(\d{1,15})$/.exec(position);
  if (seq) return { sourceId, channel, kind: 'jetstream', seq: Number(seq[1]) };
  return undefined;
}
