import { z } from 'zod';
import { auditResultSchema, sinkRefSchema } from './audit';

/**
 * `POST /api/replay/preview`, `POST /api/replay` and `GET /api/sinks`.
 * The browser picks a replay id (a UUID) when the operator opens a preview;
 * the server sends each id at most once, so a double click or a retried
 * request cannot replay twice.
 */

/** The largest edited payload accepted, bytes of UTF-8. */
export const MAX_EDITED_PAYLOAD_BYTES = 1024 * 1024;

export const replayRequestSchema = z
  .object({
    replayId: z.uuid({ error: 'expected a UUID' }),
    /** Inspector id of the event. */
    eventId: z.string().min(1).max(2000),
    sinkId: z.string().min(1).max(200),
    /** Replaces the value sent; must be valid JSON (checked on the server, not only in the page). */
    payload: z
      .string()
      .max(MAX_EDITED_PAYLOAD_BYTES)
      .refine((s) => Buffer.byteLength(s) <= MAX_EDITED_PAYLOAD_BYTES, { error: 'edited payload is larger than 1 MiB' })
      .optional(),
    /** Send the original unmasked (needs the `unmaskedReplay` permission). Masked otherwise. */
    unmasked: z.boolean().default(false),
    /**
     * For an event that came in the Schema Registry wire format (Avro): `json`
     * sends the decoded JSON text, `original` encodes the (masked or edited)
     * value and key again with the schema ids it arrived with (Kafka sinks only). Default `json`.
     */
    encoding: z.enum(['json', 'original']).optional(),
  })
  .strict();
export type ReplayRequest = z.output<typeof replayRequestSchema>;
/** The request body as the browser writes it (`unmasked` may be left out). */
export type ReplayRequestBody = z.input<typeof replayRequestSchema>;

/** Exactly what a sink receives: the value text, the key (Kafka key, else a header) and the headers. */
export const outgoingMessageSchema = z.object({
  key: z.string().nullable(),
  /** Null replays a tombstone (Kafka: a null value; NATS and HTTP: an empty body). */
  value: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  /**
   * Set when the value (and key) are sent re-encoded in the wire format
   * (`encoding: original`): the bytes sent, base64, instead of the JSON text
   * above, which is what was encoded.
   */
  encoded: z
    .object({
      format: z.enum(['avro', 'json-schema']),
      valueSchemaId: z.number(),
      keySchemaId: z.number().optional(),
      value: z.string(),
      key: z.string().nullable(),
    })
    .optional(),
});
export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;

export const replayPreviewSchema = z.object({
  replayId: z.string(),
  sink: sinkRefSchema,
  message: outgoingMessageSchema,
  /** Hex SHA-256 of the value bytes, as the audit log will record it. */
  payloadSha256: z.string(),
  payloadBytes: z.number(),
  masked: z.boolean(),
  edited: z.boolean(),
  /** The encodings this event may be sent in: `original` only for a wire-format (Avro) event going to a Kafka sink. */
  encodings: z.array(z.enum(['json', 'original'])).optional(),
});
export type ReplayPreview = z.infer<typeof replayPreviewSchema>;

export const replayOutcomeSchema = z.object({
  replayId: z.string(),
  sink: sinkRefSchema,
  status: z.enum(['sent', 'failed', 'unknown']),
  result: auditResultSchema.nullable(),
  payloadSha256: z.string(),
  /** True when this replay id had been sent (or attempted) before: nothing was sent this time. */
  repeated: z.boolean(),
});
export type ReplayOutcome = z.infer<typeof replayOutcomeSchema>;

/** `GET /api/sinks`: the sinks the caller may use, and what they may do. */
export const sinkListSchema = z.object({
  sinks: z.array(sinkRefSchema),
  /** The caller may replay (operator, or anyone with auth off to the demo's own sinks). */
  canReplay: z.boolean(),
  /** The caller may send an unmasked original. */
  canUnmask: z.boolean(),
  /** Why the caller cannot replay, shown on the disabled button. */
  reason: z.string().optional(),
});
export type SinkList = z.infer<typeof sinkListSchema>;
