import { z } from 'zod';
import { opSchema } from './change-event';
import { fieldDiffSchema } from './replicas';
import { brokerRefSchema, seekDoneLineSchema, seekErrorLineSchema, seekProgressLineSchema } from './seek';

/**
 * Row history (`GET /api/tables/:table/rows/:key/history`): every change of
 * one row, from the inspector buffer and then from the broker, streamed as
 * newline-delimited JSON with the seek's progress, done and error lines.
 * Everything row-shaped is masked on the server.
 */

/** One change of the row: what changed, where it sits in the broker and the database log, when. */
export const historyEntrySchema = z.object({
  /** Inspector id `<source>:<channel>:<position>`: the event's detail page, read back from the broker if needed. */
  id: z.string(),
  sourceId: z.string(),
  channel: z.string(),
  /** Broker position, `p3@1042` or `#88`. */
  position: z.string(),
  op: opSchema,
  /** Broker time (a read from the broker) or when cdcscope received it (the buffer), epoch ms. */
  receivedAt: z.number(),
  /** When the database committed it (`source.ts_ms`). */
  commitTs: z.number().optional(),
  /** Transaction id (PostgreSQL txId, transaction metadata id, or GTID). */
  txId: z.string().optional(),
  /** LSN, GTID or binlog file:pos. */
  logPosition: z.string().optional(),
  snapshot: z.boolean(),
  /** The change's own before → after diff, masked (creates: every field added; deletes: every field removed). */
  changes: z.array(fieldDiffSchema),
  /** Diff entries left out over the cap. */
  omitted: z.number(),
  /** False when the event carried no full before image (PostgreSQL's default replica identity): the diff is partial. */
  complete: z.boolean(),
  /** Fingerprints of the masked before and after rows (order-independent), for the chain and the replica comparison. */
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  /** Columns in the before and after rows: a before image with fewer columns than the row had is partial (a key only). */
  beforeColumns: z.number().int().nonnegative().nullable(),
  afterColumns: z.number().int().nonnegative().nullable(),
  from: z.enum(['buffer', 'broker']),
  ref: brokerRefSchema.optional(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Where a history is read: said once per phase, before its entries. */
export const historyScopeSchema = z.object({
  phase: z.enum(['buffer', 'broker']),
  sourceId: z.string().nullable(),
  channel: z.string().nullable(),
  /** Kafka: the one partition read, or `all`; null where partitions do not apply (JetStream, the buffer). */
  partitions: z.union([z.number().int().nonnegative(), z.literal('all')]).nullable(),
  /** Why this scope (`the key hashes to partition 2 of 6 (murmur2, checked on event …)`, `no broker keeps the demo's history`). */
  note: z.string(),
});
export type HistoryScope = z.infer<typeof historyScopeSchema>;

export const historyLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scope'), scope: historyScopeSchema }),
  z.object({ type: z.literal('entry'), entry: historyEntrySchema }),
  seekProgressLineSchema,
  seekDoneLineSchema,
  seekErrorLineSchema,
]);
export type HistoryLine = z.infer<typeof historyLineSchema>;

/** One line of the answer's text → a HistoryLine, or undefined when it is not one. */
export function parseHistoryLine(text: string): HistoryLine | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = historyLineSchema.safeParse(json);
  return r.success ? r.data : undefined;
}

const count = z
  .string()
  .regex(/^\d{1,12}$/, 'expected a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1));

/** Query string of the history route: limits (lowered to the `seek:` ones), a start, and which parts to read. */
export const historyQuerySchema = z
  .object({
    /** Where the broker read starts (the seek's syntax); default `beginning`. */
    start: z.string().optional(),
    /** Entries returned at most. */
    limit: count.optional(),
    /** Broker messages read at most. */
    scan: count.optional(),
    /** `auto` (default): the key's partition when it can be told; `all`: every partition; `none`: the buffer only. */
    broker: z.enum(['auto', 'all', 'none']).optional(),
    /** Only this source (when several read the table). */
    sourceId: z.string().min(1).max(300).optional(),
  })
  .strict();
export type HistoryQuery = z.output<typeof historyQuerySchema>;
