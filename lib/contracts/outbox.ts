import { z } from 'zod';

/**
 * `GET /api/outbox`: outbox events (Debezium's outbox event router) counted
 * per aggregate type and event type, and replayed copies counted apart per
 * table (issue #10 item 4). Newest activity first.
 */
export const outboxEventTypeSchema = z.object({
  /** `(none)` when the event carried no type. */
  eventType: z.string(),
  events: z.number(),
  lastEventAt: z.number(),
});

export const outboxAggregateSchema = z.object({
  aggregateType: z.string(),
  events: z.number(),
  lastEventAt: z.number(),
  /** Sources and channels (topics, subjects) the events came on. */
  channels: z.array(z.string()),
  eventTypes: z.array(outboxEventTypeSchema),
});
export type OutboxAggregate = z.infer<typeof outboxAggregateSchema>;

/** Replayed copies seen on a watched topic or subject, per table (or channel, when the copy names no table). */
export const replayCountSchema = z.object({ table: z.string(), replays: z.number(), lastReplayAt: z.number() });
export type ReplayCount = z.infer<typeof replayCountSchema>;

export const outboxSummarySchema = z.object({
  events: z.number(),
  aggregates: z.array(outboxAggregateSchema),
  /** Aggregate or event types past the caps, counted in `(other)`. */
  overflowed: z.boolean(),
  /** Replayed copies (provenance headers) that came back, newest first: counted here, not as changes. */
  replays: z.array(replayCountSchema),
});
export type OutboxSummary = z.infer<typeof outboxSummarySchema>;

/** The sentinel row that collects types past the caps. */
export const OUTBOX_OTHER = '(other)';
/** An event without a type. */
export const OUTBOX_NO_TYPE = '(none)';
