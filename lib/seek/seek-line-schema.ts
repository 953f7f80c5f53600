import { z } from 'zod';
import type { SeekLine } from '../contracts/seek';

/**
 * Checks one NDJSON line from `GET /api/seek` in the browser before it is
 * used (never a cast). Shallow where the UI renders as text anyway: the list
 * item is checked for what the list relies on.
 */

const count = z.number().int().nonnegative();

const listItem = z.looseObject({
  id: z.string(),
  sourceId: z.string(),
  channel: z.string(),
  position: z.string(),
  receivedAt: z.number(),
  kind: z.enum(['change', 'tombstone', 'transaction', 'heartbeat', 'schema-change', 'undecodable']),
  sizeBytes: z.number(),
});

const ref = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kafka'), sourceId: z.string(), topic: z.string(), partition: count, offset: z.string() }),
  z.object({ kind: z.literal('jetstream'), sourceId: z.string(), subject: z.string(), seq: count }),
]);

const preview = z.object({ side: z.enum(['after', 'before', 'key']), fields: z.record(z.string(), z.string()), truncated: z.boolean() });

const lineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), scanned: count, matched: count, position: z.string().nullable(), positionTime: z.number().nullable(), elapsedMs: count }),
  z.object({ type: z.literal('event'), item: listItem, preview: preview.nullable(), ref }),
  z.object({ type: z.literal('done'), reason: z.enum(['limit', 'scan-limit', 'time-limit', 'end', 'cancelled']), scanned: count, matched: count, elapsedMs: count }),
  z.object({ type: z.literal('error'), error: z.string() }),
]);

/** One line of text → a SeekLine, or undefined when it is not JSON or not a line this API writes. */
export function parseSeekLine(text: string): SeekLine | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = lineSchema.safeParse(json);
  return r.success ? (r.data as SeekLine) : undefined;
}
