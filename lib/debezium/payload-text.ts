import { errorMessage } from '../error-message';
import type { Result } from '../result';
/**
 * Bytes → text → JSON, and the explanations for when that fails. One shared
 * non-fatal TextDecoder: decoding is stateless without `stream`, and creating
 * one per message costs more than the decode of a small message.
 */
const utf8 = new TextDecoder();

/** Parsed JSON, or a readable reason it is not JSON. */
export type ParseResult = Result<unknown>;

/** Longest parser message kept in a reason: V8 quotes a slice of the input, which could be anything. */
const MAX_REASON_DETAIL = 160;
/** How much of a failed value is inspected to tell binary data from malformed text. */
const BINARY_SNIFF_BYTES = 512;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Parses JSON bytes (`text`, when given, is their already decoded form).
 * Never throws: a parser error (including a RangeError from deep nesting in
 * some engines) becomes a reason.
 */
export function parseJsonBytes(bytes: Uint8Array, text?: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text ?? utf8.decode(bytes));
  } catch (err) {
    return { ok: false, error: explainParseFailure(bytes, err) };
  }
  return { ok: true, value };
}

function explainParseFailure(bytes: Uint8Array, err: unknown): string {
  if (err instanceof RangeError)
    return `nesting too deep for the JSON parser (${clip(err.message, MAX_REASON_DETAIL)})`;
  const binary = describeBinary(bytes);
  if (binary !== undefined) return binary;
  const detail = errorMessage(err);
  return `not JSON: ${clip(detail, MAX_REASON_DETAIL)}`;
}

/**
 * Recognises binary payloads, only after JSON.parse has failed so the hot path
 * never pays for it. JSON text has no raw control characters and is UTF-8;
 * a leading 0x00 followed by a 4-byte id is the Schema Registry wire format
 * (Avro/Protobuf converters), a common misconfiguration worth naming.
 */
export function describeBinary(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 5 && bytes[0] === 0) {
    const id = (((bytes[1] ?? 0) << 24) | ((bytes[2] ?? 0) << 16) | ((bytes[3] ?? 0) << 8) | (bytes[4] ?? 0)) >>> 0;
    return `binary data (Schema Registry wire format, schema id ${id}: Avro/Protobuf converter, not JSON)`;
  }
  const sample = bytes.subarray(0, BINARY_SNIFF_BYTES);
  for (const b of sample) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return 'binary data';
  }
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return 'binary data (not valid UTF-8)';
  }
  return undefined;
}

/** Control characters other than tab/newline/CR, shown as U+FFFD so a preview is safe to render anywhere. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** First `maxBytes` of a value as text, lossy for binary. */
export function previewOf(bytes: Uint8Array | null, maxBytes: number): { preview: string; truncated: boolean } {
  if (bytes === null) return { preview: '', truncated: false };
  const head = bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
  return { preview: utf8.decode(head).replace(CONTROL_CHARS, '\uFFFD'), truncated: bytes.length > maxBytes };
}

/** `12.3 MB` with MB = 2^20 bytes, one decimal unless whole. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const rounded = Math.round(mb * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)} MB`;
}
