import type { DecodedRecord } from '../contracts/change-event';
import { RAW_VALUE_MAX_BYTES } from '../contracts/inspector';
import type { MessageOrigin, RawMessage } from '../contracts/raw-message';
import type { ByteRing } from './byte-ring';
import type { StoredEvent } from './event-store-view';

/** The decoder the store re-runs on a kept message: the pipeline's, with the source's options. */
export type RecordDecoder = (raw: RawMessage) => DecodedRecord;

/**
 * Heap of a lazily kept event besides its headers (the StoredEvent, the id
 * string, its Map entry; a Kafka event's origin is kept as numbers, see
 * EPOCH), its raw bytes being in its table's ring: ~310 bytes measured by
 * bench/inspector-memory.ts with ~1 KB events on a 13-character topic
 * (~600 when each kept its origin object too), rounded up for longer names
 * and for other brokers' origins.
 */
export const LAZY_ENTRY_OVERHEAD_BYTES = 512;

/** Heap of a headers object: its strings and ~64 bytes per property. */
export function headerBytes(headers: Record<string, string>): number {
  let bytes = 0;
  for (const name in headers) bytes += 64 + textBytes(name) + textBytes(headers[name] ?? '');
  return bytes;
}

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
const utf8 = new TextDecoder();
const NONE = -1;

/**
 * What a kept event holds survives thousands of events, so the scavenger copies it and promotes it: per event, it
 * was its origin object, the origin's offset string and timestamp, a receivedAt and an empty headers object, each a
 * heap object of its own (an epoch-ms number in a field is one). A Kafka event keeps its times as ms from EPOCH,
 * small integers held inline, and its offset as the end of its id, which is made of it; any other origin, or a
 * time too far from EPOCH, keeps the objects. Rebuilt, they are equal to the originals (event-store-lazy.test.ts).
 */
const EPOCH = Date.now();
/** Integers of 30 bits: V8 holds them in the field itself on every platform. */
const small = (n: number) => Number.isInteger(n) && n >= -(2 ** 30) && n < 2 ** 30;
const NO_HEADERS: Record<string, string> = Object.freeze({});
function isEmpty(headers: Record<string, string>): boolean {
  for (const _ in headers) return false;
  return true;
}

/**
 * A kept event that holds where its raw bytes are in its table's ring and
 * decodes them again when read.
 *
 * Kept records were most of what the garbage collector copied at ingest: a
 * decoded change is a dozen objects (record, source, position, key, two rows
 * and their strings), each surviving into the old generation for as long as
 * the buffer keeps it; so was a kept raw text, a string as long as the
 * message. The bytes are copied into the ring, memory the collector never
 * traces or moves. Reading decodes again (a few µs per event, on reads only),
 * with the same decoder and options as at ingest and the very bytes received,
 * so the record is the one ingest saw (event-store-lazy.test.ts checks they
 * agree).
 *
 * Only JSON changes and tombstones whose key and value are kept whole are
 * kept this way: a wire-format (Avro) message would need its schema again,
 * which the registry cache may have dropped, and an undecodable's reason
 * depends on its exact bytes; those keep their record.
 *
 * The bytes go when the store evicts the event: a reader that holds an event
 * across an await copies it first (`detached`); reading an evicted one throws
 * rather than show another event's bytes.
 */
export class LazyStoredEvent implements StoredEvent {
  bytes = 0;
  readonly #sourceId: string;
  readonly #headers: Record<string, string>;
  readonly #decode: RecordDecoder;
  readonly #ring: ByteRing;
  /** The event's record in the ring: key then value. */
  readonly offset: number;
  readonly #keyLength: number;
  readonly #valueLength: number;
  // Where the message was read, kept as small numbers and shared strings rather than as its origin object (below).
  readonly #full: { origin: MessageOrigin; receivedAt: number } | undefined;
  readonly #channel: string;
  readonly #partition: number;
  /** Length of the Kafka offset, the id's end. */
  readonly #offsetLength: number;
  /** Broker timestamp and receivedAt, ms from EPOCH. */
  readonly #stamp: number;
  readonly #received: number;

  constructor(
    public seq: number,
    public id: string,
    public tableKey: string,
    record: DecodedRecord,
    raw: Pick<RawMessage, 'key' | 'value'>,
    ring: ByteRing,
    offset: number,
    decode: RecordDecoder,
  ) {
    this.#sourceId = record.sourceId;
    this.#headers = isEmpty(record.headers) ? NO_HEADERS : record.headers;
    this.#decode = decode;
    this.#ring = ring;
    this.offset = offset;
    this.#keyLength = raw.key === null ? NONE : raw.key.length;
    this.#valueLength = raw.value === null ? NONE : raw.value.length;
    const o = record.origin;
    const stamp = o.timestamp - EPOCH;
    const received = record.receivedAt - EPOCH;
    if (o.kind === 'kafka' && small(o.partition) && small(stamp) && small(received) && id.endsWith(o.offset)) {
      this.#full = undefined;
      this.#channel = o.topic;
      this.#partition = o.partition;
      this.#offsetLength = o.offset.length;
      this.#stamp = stamp;
      this.#received = received;
    } else {
      this.#full = { origin: o, receivedAt: record.receivedAt };
      this.#channel = '';
      this.#partition = 0;
      this.#offsetLength = 0;
      this.#stamp = 0;
      this.#received = 0;
    }
  }

  /** Whether a record can be kept as bytes: a JSON change or tombstone whose key and value fit the raw view whole. */
  static fits(record: DecodedRecord, raw: Pick<RawMessage, 'key' | 'value'>): boolean {
    if (record.kind !== 'change' && record.kind !== 'tombstone') return false;
    if (record.wire !== undefined || isWire(raw.key) || isWire(raw.value)) return false;
    return (raw.key?.length ?? 0) <= RAW_VALUE_MAX_BYTES && (raw.value?.length ?? 0) <= RAW_VALUE_MAX_BYTES;
  }

  #bytes(): Uint8Array {
    const bytes = this.#ring.read(this.offset);
    if (bytes === undefined) throw new Error(`event ${this.id} left the inspector buffer before it was read`);
    return bytes;
  }

  #key(bytes: Uint8Array): Uint8Array | null {
    return this.#keyLength === NONE ? null : bytes.subarray(0, this.#keyLength);
  }

  #value(bytes: Uint8Array): Uint8Array | null {
    return this.#valueLength === NONE ? null : bytes.subarray(Math.max(0, this.#keyLength));
  }

  get rawKey(): string | null {
    const key = this.#key(this.#bytes());
    return key === null ? null : utf8.decode(key);
  }

  get rawValue(): string | null {
    const value = this.#value(this.#bytes());
    return value === null ? null : utf8.decode(value);
  }

  get rawValueSize(): number {
    return Math.max(0, this.#valueLength);
  }

  get record(): DecodedRecord {
    if (lastRead?.event === this) return lastRead.record;
    const bytes = this.#bytes();
    const full = this.#full;
    const record = this.#decode({
      sourceId: this.#sourceId,
      origin: full?.origin ?? {
        kind: 'kafka',
        topic: this.#channel,
        partition: this.#partition,
        offset: this.id.slice(this.id.length - this.#offsetLength),
        timestamp: EPOCH + this.#stamp,
      },
      key: this.#key(bytes),
      value: this.#value(bytes),
      headers: this.#headers,
      receivedAt: full?.receivedAt ?? EPOCH + this.#received,
    });
    lastRead = { event: this, record };
    return record;
  }
}

/** The event as a plain object that stays readable once the store evicts it: for a reader that awaits before reading. */
export function detached(e: StoredEvent): StoredEvent {
  if (!(e instanceof LazyStoredEvent)) return e;
  const { seq, id, tableKey, record, rawKey, rawValue, rawValueSize, bytes } = e;
  return { seq, id, tableKey, record, rawKey, rawValue, rawValueSize, bytes };
}
