import * as guards from './json-guards';
import * as payloadText from './payload-text';
import type { ParseResult } from './payload-text';

// Local copies: some loaders (tsx, which runs the server) turn imported bindings into getter calls, which show up in
// hot loops (see json-guards.ts).
const { isObject } = guards;
const { decodeText, parseJsonBytes } = payloadText;

/**
 * The JsonConverter `schemas.enable=true` wrapper, `{"schema": …, "payload": …}`.
 *
 * The schema is two to three times the size of the payload and decoding never
 * reads it (schema drift compares its text, lib/schema-drift), yet parsing it
 * is most of the cost of a wrapped message (measured:
 * 20 µs of 24 for a 3.5 KB value). Kafka Connect writes the wrapper compactly,
 * schema first, so the payload is located by skipping the schema's text and
 * only the payload is parsed (measured: 24 → 6 µs). Anything that does not
 * look exactly like that takes the ordinary path: parse everything, unwrap.
 */
const WRAPPER_HEAD = '{"schema":';
const PAYLOAD_FIELD = ',"payload":';
/**
 * The payload's text inside a compact wrapper, or undefined when the text is
 * not one. The payload starts after the first `,"payload":`: inside the
 * schema that sequence can only be a real key (a quote inside a JSON string
 * is escaped), e.g. in a `parameters` map. Then the slice starts inside the
 * schema and still contains the schema's closing brace followed by the real
 * `,"payload":`, so it cannot parse as one JSON value, and the caller falls
 * back to a full parse. The schema text itself is not validated.
 */
export function wrappedPayloadText(text: string): string | undefined {
  const at = compactWrapper(text);
  return at && text.slice(at.payloadStart, at.payloadEnd);
}

/** Where the schema ends and the payload lies in a compact wrapper's text (see wrappedPayloadText). */
function compactWrapper(text: string): { schemaEnd: number; payloadStart: number; payloadEnd: number } | undefined {
  if (!text.startsWith(WRAPPER_HEAD)) return undefined;
  const next = text.charCodeAt(WRAPPER_HEAD.length);
  if (next !== 0x7b /* { */ && next !== 0x6e /* n(ull) */) return undefined;
  const at = text.indexOf(PAYLOAD_FIELD, WRAPPER_HEAD.length);
  if (at < 0) return undefined;
  let end = text.length - 1;
  while (end > at && text.charCodeAt(end) <= 0x20) end--;
  if (text.charCodeAt(end) !== 0x7d /* } */) return undefined;
  return { schemaEnd: at, payloadStart: at + PAYLOAD_FIELD.length, payloadEnd: end };
}

/**
 * Removes the wrapper from an already parsed value: an object with exactly
 * `schema` (object or null) and `payload`. Anything else is returned as is,
 * so bare payloads and wrapped ones decode the same way.
 */
export function unwrapSchema(value: unknown): unknown {
  if (!isObject(value)) return value;
  if (!('payload' in value) || !('schema' in value)) return value;
  const schema = value.schema;
  if (schema !== null && !isObject(schema)) return value;
  let fields = 0;
  for (const _ in value) if (++fields > 2) return value;
  return value.payload;
}

/**
 * A parsed payload and, when it came wrapped, its Connect schema as JSON
 * text: a slice of the message's text on the compact path (no copy, no
 * parse), so schema drift can compare it with the last one seen per table.
 */
export type PayloadResult = ParseResult & { schemaText?: string };

/** Parses a key or value and removes the wrapper if there is one. Never throws. */
export function parsePayload(bytes: Uint8Array): PayloadResult {
  const text = decodeText(bytes);
  const at = compactWrapper(text);
  if (at !== undefined) {
    try {
      const value: unknown = JSON.parse(text.slice(at.payloadStart, at.payloadEnd));
      const schemaText = text.slice(WRAPPER_HEAD.length, at.schemaEnd);
      return schemaText === 'null' ? { ok: true, value } : { ok: true, value, schemaText };
    } catch {
      // Not a clean wrapper after all: the full parse below gives the accurate error.
    }
  }
  const parsed = parseJsonBytes(bytes, text);
  if (!parsed.ok) return parsed;
  const value = unwrapSchema(parsed.value);
  // A spaced-out wrapper (rare: a text-based hop re-wrote it): its schema is serialised again, compactly.
  if (value !== parsed.value && isObject(parsed.value) && isObject(parsed.value.schema))
    return { ok: true, value, schemaText: JSON.stringify(parsed.value.schema) };
  return { ok: true, value };
}
