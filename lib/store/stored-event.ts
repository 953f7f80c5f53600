import type { DecodedRecord } from '../contracts/change-event';
import { RAW_VALUE_MAX_BYTES } from '../contracts/inspector';
import type { MessageOrigin, RawMessage } from '../contracts/raw-message';
import type { StoredEvent } from './event-store-view';

/** The decoder the store re-runs on a kept message: the pipeline's, with the source's options. */
export type RecordDecoder = (raw: RawMessage) => DecodedRecord;

/**
 * Heap of a lazily kept event besides its raw text and headers (the
 * StoredEvent, its slot, the id string, the Map entries, the origin object,
 * the two strings' headers): 625 bytes measured by bench/inspector-memory.ts
 * with ~1 KB events on a 13-character topic, rounded up for longer names.
 */
export const LAZY_ENTRY_OVERHEAD_BYTES = 768;

/** Heap of a headers object: its strings and ~64 bytes per property. */
export function headerBytes(headers: Record<string, string>): number {
  let bytes = 0;
  for (const name in headers) bytes += 64 + textBytes(name) + textBytes(headers[name] ?? '');
  return bytes;
}

const encoder = new TextEncoder();
// Any character above U+00FF makes V8 store the whole string with two bytes per character.
const WIDE = /[\u0100-\uffff]/;

/** Heap bytes of a kept text: one byte per character, two when any character needs it. */
export function textBytes(text: string | null): number {
  if (text === null) return 0;
  return WIDE.test(text) ? text.length * 2 : text.length;
}

/** Estimated heap of a record kept whole: its rows (≈ the message's size) or an undecodable's preview. */
export function keptRecordBytes(record: DecodedRecord): number {
  if (record.kind === 'change' || record.kind === 'outbox') return record.sizeBytes;
  if (record.kind === 'undecodable') return record.preview.length * 2;
  return 0;
}

/**
 * The last record decoded for a read, by event: one detail or filter check reads `record` several times.
 * Holds one record at most, the one being read.
 */
let lastRead: { event: LazyStoredEvent; record: DecodedRecord } | undefined;

const isWire = (bytes: Uint8Array | null) => bytes !== null && bytes.length >= 5 && bytes[0] === 0;

/**
 * A kept event that holds its raw text and decodes it again when read.
 *
 * Kept records were most of what the garbage collector copied at ingest: a
 * decoded change is a dozen objects (record, source, position, key, two rows
 * and their strings), each surviving into the old generation for as long as
 * the buffer keeps it. The raw text is one string, and the inspector needed
 * it anyway for the raw view. Reading decodes again (a few µs per event, on
 * reads only), with the same decoder and options as at ingest, so the record
 * is the one ingest saw (event-store-lazy.test.ts checks they agree).
 *
 * Only JSON changes and tombstones whose text is kept whole are kept this
 * way: a wire-format (Avro) message would need its schema again, which the
 * registry cache may have dropped, and an undecodable's reason depends on its
 * exact bytes; those keep their record.
 */
export class LazyStoredEvent implements StoredEvent {
  bytes = 0;
  readonly #sourceId: string;
  readonly #origin: MessageOrigin;
  readonly #headers: Record<string, string>;
  readonly #receivedAt: number;
  readonly #sizeBytes: number;
  readonly #decode: RecordDecoder;

  constructor(
    public seq: number,
    public id: string,
    public tableKey: string,
    record: DecodedRecord,
    public rawKey: string | null,
    public rawValue: string | null,
    public rawValueSize: number,
    decode: RecordDecoder,
  ) {
    this.#sourceId = record.sourceId;
    this.#origin = record.origin;
    this.#headers = record.headers;
    this.#receivedAt = record.receivedAt;
    this.#sizeBytes = record.sizeBytes;
    this.#decode = decode;
  }

  /** Whether a record can be kept as text: a JSON change or tombstone whose key and value fit the raw view whole. */
  static fits(record: DecodedRecord, raw: Pick<RawMessage, 'key' | 'value'>): boolean {
    if (record.kind !== 'change' && record.kind !== 'tombstone') return false;
    if (record.wire !== undefined || isWire(raw.key) || isWire(raw.value)) return false;
    return (raw.key?.length ?? 0) <= RAW_VALUE_MAX_BYTES && (raw.value?.length ?? 0) <= RAW_VALUE_MAX_BYTES;
  }

  get record(): DecodedRecord {
    if (lastRead?.event === this) return lastRead.record;
    const record = this.#decode({
      sourceId: this.#sourceId,
      origin: this.#origin,
      key: this.rawKey === null ? null : encoder.encode(this.rawKey),
      value: this.rawValue === null ? null : encoder.encode(this.rawValue),
      headers: this.#headers,
      receivedAt: this.#receivedAt,
    });
    // Text decoding replaced any invalid UTF-8: the size is the one received.
    record.sizeBytes = this.#sizeBytes;
    lastRead = { event: this, record };
    return record;
  }
}
