import { z } from 'zod';

/**
 * A message as a source adapter hands it to the pipeline, before any decoding.
 * Adapters never interpret payloads: that is `lib/debezium`'s job, so every
 * broker's bytes go through the same decoder and the same error accounting.
 */
export const messageOriginSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('kafka'),
    topic: z.string(),
    partition: z.number(),
    /** Kafka offsets are 64-bit; kept as a decimal string to avoid precision loss. */
    offset: z.string(),
    /** Broker/producer timestamp in epoch ms. */
    timestamp: z.number(),
  }),
  z.object({
    kind: z.literal('jetstream'),
    stream: z.string(),
    subject: z.string(),
    /** Stream sequence. */
    seq: z.number(),
    /** Time the server stored the message, epoch ms. */
    timestamp: z.number(),
  }),
  z.object({ kind: z.literal('demo'), topic: z.string(), seq: z.number(), timestamp: z.number() }),
]);
/** Where a message was read: broker, channel and position (shown in an event detail). */
export type MessageOrigin = z.infer<typeof messageOriginSchema>;

export interface RawMessage {
  /** Id of the configured source that produced this message. */
  sourceId: string;
  origin: MessageOrigin;
  /** Null for JetStream (Debezium Server sends no key) and for keyless records. */
  key: Uint8Array | null;
  /** Null for a tombstone. */
  value: Uint8Array | null;
  headers: Record<string, string>;
  /** When cdcscope received it, epoch ms (the clock of the server). */
  receivedAt: number;
}

/** Topic or subject name of a message, whatever broker it came from. */
export function channelOf(origin: MessageOrigin): string {
  return origin.kind === 'jetstream' ? origin.subject : origin.topic;
}

/** Broker-side position as one comparable string, e.g. `p3@1042` or `#88`. */
export function positionOf(origin: MessageOrigin): string {
  switch (origin.kind) {
    case 'kafka':
      return `p${origin.partition}@${origin.offset}`;
    case 'jetstream':
      return `#${origin.seq}`;
    case 'demo':
      return `#${origin.seq}`;
  }
}
