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
});
export type SourceSummary = z.infer<typeof sourceSummarySchema>;
