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

/**
 * How far cdcscope's own reading of a source is behind the source's head:
 * while it is, end-to-end lag figures measured from its events include
 * cdcscope's own delay (capture lag does not: it is the connector's).
 */
export const sourceBacklogSchema = z.object({
  /** Messages on the broker, and in cdcscope's hand-off queue, not counted in the statistics yet. */
  messages: z.number(),
  /** Age of the oldest of them (estimated from the last message read when they are still on the broker); 0 when caught up. */
  seconds: z.number(),
  /** At least `BEHIND_SECONDS` behind: end-to-end lag measured now includes cdcscope's own delay. */
  behind: z.boolean(),
  /** When measured, epoch ms. */
  at: z.number(),
});
export type SourceBacklog = z.infer<typeof sourceBacklogSchema>;

/**
 * From how many seconds of backlog a source counts as behind: well above the
 * 250 ms a caught-up source takes to hand what it received to the statistics,
 * so a burst being read is not flagged, a source that cannot keep up is.
 */
export const BEHIND_SECONDS = 2;

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
  /** cdcscope's own backlog on this source (Kafka, JetStream); absent before the first measurement. */
  backlog: sourceBacklogSchema.optional(),
});
export type SourceSummary = z.infer<typeof sourceSummarySchema>;
