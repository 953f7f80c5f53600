import { z } from 'zod';

/** Connection health of one source, tagged by `type` (as nats.js does for its status stream). */
export const sourceStatusSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connecting'), attempt: z.number(), since: z.number() }),
  z.object({ type: z.literal('live'), since: z.number() }),
  z.object({
    type: z.literal('error'),
    message: z.string(),
    attempt: z.number(),
    since: z.number(),
    nextRetryAt: z.number().optional(),
  }),
  z.object({ type: z.literal('stopped'), since: z.number() }),
]);
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

export const sourceKindSchema = z.enum(['kafka', 'jetstream', 'demo']);
export type SourceKind = z.infer<typeof sourceKindSchema>;

/**
 * The Schema Registry of a Kafka source (Avro and JSON Schema values), as
 * the last requests found it: `unused` until a message needed a schema,
 * `unreachable` when the last request failed to connect or timed out
 * (messages needing an uncached schema are undecodable with that reason
 * until it answers again; failed ids are asked for again after `retryMs`).
 */
export const registryStatusSchema = z.object({
  /** Without credentials. */
  url: z.string(),
  state: z.enum(['unused', 'ok', 'unreachable']),
  since: z.number().optional(),
  /** Schemas cached and usable. */
  schemas: z.number(),
  /** Ids the registry did not give a usable schema for (unknown, unreachable, Protobuf…), until retried. */
  failedIds: z.number(),
  lastError: z.string().optional(),
  lastErrorAt: z.number().optional(),
});
export type RegistryStatus = z.infer<typeof registryStatusSchema>;

/** What the browser may know about a source: never credentials. */
export const sourceSummarySchema = z.object({
  id: z.string(),
  kind: sourceKindSchema,
  /** Display target, e.g. brokers or server URLs with credentials stripped. */
  target: z.string(),
  /** Topics, topic patterns or subject filter. */
  channels: z.array(z.string()),
  status: sourceStatusSchema,
  /** Reconnections since start. */
  reconnects: z.number(),
  messages: z.number(),
  bytes: z.number(),
  undecodable: z.number(),
  lastMessageAt: z.number().optional(),
  /** Kafka sources with a `registry`. */
  registry: registryStatusSchema.optional(),
});
export type SourceSummary = z.infer<typeof sourceSummarySchema>;
