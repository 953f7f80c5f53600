import type { DecodedRecord } from '../contracts/change-event';
import { RAW_VALUE_MAX_BYTES } from '../contracts/inspector';
import type { RawMessage } from '../contracts/raw-message';

const utf8 = new TextDecoder();

/**
 * The raw key and value as the inspector keeps them: UTF-8 text cut at
 * RAW_VALUE_MAX_BYTES. A value in the Schema Registry wire format (Avro) is
 * binary, which as text is noise that no masking rule can read: it is kept
 * as the JSON it decoded to instead (the raw view says so), so it is shown
 * and masked like any JSON value.
 */
export function rawTexts(
  record: DecodedRecord,
  raw: Pick<RawMessage, 'key' | 'value'>,
): { rawKey: string | null; rawValue: string | null } {
  const wire = record.kind === 'change' || record.kind === 'outbox' ? record.wire : undefined;
  const rawKey =
    raw.key === null
      ? null
      : wire?.decodedKey !== undefined
        ? jsonText(wire.decodedKey)
        : utf8.decode(raw.key.subarray(0, RAW_VALUE_MAX_BYTES));
  const rawValue =
    raw.value === null
      ? null
      : wire?.decodedValue !== undefined
        ? jsonText(wire.decodedValue)
        : utf8.decode(raw.value.subarray(0, RAW_VALUE_MAX_BYTES));
  return { rawKey, rawValue };
}

/** Compact JSON, cut like the bytes would be; a value JSON cannot write (a bigint) says so rather than throwing. */
function jsonText(x: unknown): string {
  try {
    const text = JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    return text.length > RAW_VALUE_MAX_BYTES ? text.slice(0, RAW_VALUE_MAX_BYTES) : text;
  } catch (err) {
    return `[decoded value not writable as JSON: ${String(err).slice(0, 120)}]`;
  }
}
