import {
  OPS,
  type ChangeRecord,
  type DecodedRecord,
  type Op,
  type RecordBase,
  type Row,
  type TransactionRef,
} from '../contracts/change-event';
import * as rawMessage from '../contracts/raw-message';
import type { RawMessage } from '../contracts/raw-message';
import type { DecodeOptions } from './decode-options';
import {
  isHeartbeatPayload,
  isSchemaChangePayload,
  isTransactionPayload,
  toHeartbeat,
  toSchemaChange,
  toTransaction,
} from './control-records';
import { isCloudEvent, unwrapCloudEvent } from './cloud-event';
import * as context from './decode-context';
import { messageKey, type Resolved } from './decode-context';
import { isFlattenedRow } from './flattened-row';
import * as guards from './json-guards';
import type { JsonObject } from './json-guards';
import { keyFromValue } from './key';
import { isOutboxRow, readOutboxRow, readRoutedEvent } from './outbox-event';
import { decodeText, formatMegabytes } from './payload-text';
import { flattenedChange, outboxRecord, tombstone, undecodable } from './record-builders';
import * as wrapper from './schema-wrapper';
import * as sourceInfo from './source-info';
import { splitChannel } from './table-identity';
import * as wire from './wire-value';
import { errorMessage } from '../error-message';

// Local copies of what every change calls: some loaders (tsx, which runs the server) turn imported bindings into
// getter calls, which show up in hot loops (see json-guards.ts). Imports used off the common path stay as they are.
const { channelOf } = rawMessage;
const { changeKey, resolve } = context;
const { deeperThan, epochMs, epochUs, isObject, num, str } = guards;
const { parsePayload, unwrapSchema } = wrapper;
const { parseSource, tableFromSource } = sourceInfo;
const { decodeWire } = wire;

const OP_SET: ReadonlySet<string> = new Set(OPS);
const NOT_ENVELOPE = 'JSON but not a Debezium envelope';

/**
 * Decodes one broker message into a typed record. Never throws: whatever the
 * bytes, the result is a record, and anything not understood is an
 * UndecodableRecord with a reason and a preview, so bad input is counted and
 * shown instead of stopping the pipeline.
 */
export function decodeMessage(raw: RawMessage, opts: DecodeOptions = {}): DecodedRecord {
  const o = resolve(opts);
  const base: RecordBase = {
    sourceId: raw.sourceId,
    origin: raw.origin,
    receivedAt: raw.receivedAt,
    sizeBytes: (raw.key?.length ?? 0) + (raw.value?.length ?? 0),
    headers: raw.headers,
  };
  try {
    return decodeValue(raw, base, o);
  } catch (err) {
    // Last line of defence: every known failure is handled above, so this is a bug, but one that must not stop the stream.
    return undecodable(raw, base, o, `decoder error: ${errorMessage(err)}`);
  }
}

function decodeValue(raw: RawMessage, base: RecordBase, o: Resolved): DecodedRecord {
  const value = raw.value;
  // A wire-format key whose schema is not cached yet: the record waits for it rather than losing its key.
  const key = raw.key === null || raw.key.length > o.maxValueBytes ? undefined : decodeWire(raw.key, o.schemas, 'key');
  if (key !== undefined) {
    if (!key.ok && key.needsSchema !== undefined) return undecodable(raw, base, o, key.reason, key.needsSchema);
    o.key = { row: key.ok ? keyFromValue(key.value, o.maxDepth) : undefined };
  }
  // Only a null value is a tombstone (Kafka's log compaction reads it so); 0 bytes is a value nobody can decode.
  if (value === null) return tombstone(raw, base, o);
  if (value.length === 0) return undecodable(raw, base, o, 'empty value');
  if (value.length > o.maxValueBytes) {
    return undecodable(
      raw,
      base,
      o,
      `payload too large: ${formatMegabytes(value.length)} > ${formatMegabytes(o.maxValueBytes)} limit`,
    );
  }
  let payload: unknown;
  let schemaText: string | undefined;
  const wire = decodeWire(value, o.schemas, 'value');
  if (wire === undefined) {
    const parsed = parsePayload(value);
    if (!parsed.ok) return undecodable(raw, base, o, parsed.error);
    payload = parsed.value;
    schemaText = parsed.schemaText;
  } else {
    if (!wire.ok) return undecodable(raw, base, o, wire.reason, wire.needsSchema);
    payload = unwrapSchema(wire.value);
    base.wire = { format: wire.format, valueSchemaId: wire.schemaId, decodedValue: wire.value };
    if (key?.ok === true) {
      base.wire.keySchemaId = key.schemaId;
      base.wire.decodedKey = key.value;
    }
  }
  const channel = channelOf(raw.origin);
  const outbox = o.outbox(channel);
  if (outbox.matched) return decodeRouted(raw, base, o, payload, channel, outbox.captured);
  // `null` text, or a wrapper around a null payload, is how a tombstone looks once it went through a text-based hop.
  if (payload === null) return tombstone(raw, base, o);
  if (!isObject(payload))
    return undecodable(raw, base, o, `${NOT_ENVELOPE}: expected an object, got ${describe(payload)}`);
  if (deeperThan(payload, o.maxDepth)) return undecodable(raw, base, o, `nesting deeper than ${o.maxDepth} levels`);

  // A flattened row of a table with an `op` column has `__op` and no `before`/`after`.
  if (
    'op' in payload &&
    ('before' in payload || 'after' in payload || !isFlattenedRow(payload, raw.headers, o.fieldPrefix, o.headerPrefix))
  ) {
    return decodeChange(raw, base, o, payload, schemaText);
  }
  if (isCloudEvent(payload)) return decodeCloudEvent(raw, base, o, payload);
  // A flattened row of the outbox table is that table's row change (ExtractNewRecordState on the outbox table):
  // counting it as an outbox event too would count every event twice where the router's topic is watched.
  if (isFlattenedRow(payload, raw.headers, o.fieldPrefix, o.headerPrefix))
    return flattenedChange(raw, base, o, payload, channel);
  if (isOutboxRow(payload)) return outboxRecord(base, readOutboxRow(payload, o.maxDepth));
  if (isTransactionPayload(payload)) return toTransaction(base, payload);
  if (isSchemaChangePayload(payload)) return toSchemaChange(base, payload, channel);
  if (isHeartbeatPayload(payload, channel, o.heartbeatPrefix)) {
    return toHeartbeat(base, payload, channel, messageKey(raw, o), o.heartbeatPrefix);
  }
  return undecodable(raw, base, o, `${NOT_ENVELOPE}: missing op`);
}

function describe(x: unknown): string {
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'string' ? 'a string' : `a ${typeof x}`;
}

/**
 * `before`/`after` as a Row. The MongoDB connector writes them as extended-JSON
 * strings, which are parsed here so its rows show like any other; a string
 * that is not a JSON object is rejected with the non-object case.
 */
function rowOrNull(x: unknown, maxDepth: number): Row | null | undefined {
  if (x === null || x === undefined) return null;
  if (isObject(x)) return x;
  if (typeof x !== 'string' || x.charCodeAt(0) !== 0x7b /* { */) return undefined;
  try {
    const parsed: unknown = JSON.parse(x);
    return isObject(parsed) && !deeperThan(parsed, maxDepth) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function transactionRef(x: unknown): TransactionRef | undefined {
  if (!isObject(x)) return undefined;
  const id = str(x.id);
  if (id === undefined) return undefined;
  return { id, totalOrder: num(x.total_order), dataCollectionOrder: num(x.data_collection_order) };
}

function decodeChange(
  raw: RawMessage,
  base: RecordBase,
  o: Resolved,
  p: JsonObject,
  schemaText?: string,
): DecodedRecord {
  const op = p.op;
  if (typeof op !== 'string') return undecodable(raw, base, o, `${NOT_ENVELOPE}: op is ${describe(op)}`);
  if (!OP_SET.has(op)) return undecodable(raw, base, o, `${NOT_ENVELOPE}: unknown op "${op.slice(0, 20)}"`);
  const before = rowOrNull(p.before, o.maxDepth);
  if (before === undefined) return undecodable(raw, base, o, `${NOT_ENVELOPE}: before is not an object`);
  const after = rowOrNull(p.after, o.maxDepth);
  if (after === undefined) return undecodable(raw, base, o, `${NOT_ENVELOPE}: after is not an object`);

  const channel = channelOf(raw.origin);
  const source = parseSource(p.source);
  // Logical messages (op m) and truncated source blocks name no table: the topic does.
  const table = tableFromSource(source) ?? splitChannel(channel, source.name).table;
  const { key, keySource } = changeKey(raw, o, source, channel, table, after ?? before);

  const record: ChangeRecord = {
    // Fields copied one by one: see record-builders.ts.
    sourceId: base.sourceId,
    origin: base.origin,
    receivedAt: base.receivedAt,
    sizeBytes: base.sizeBytes,
    headers: base.headers,
    kind: 'change',
    table,
    op: op as Op,
    key,
    keySource,
    before,
    after,
    tsMs: epochMs(p),
    tsUs: epochUs(p),
    source,
    transaction: transactionRef(p.transaction),
  };
  if (op === 'm' && isObject(p.message)) {
    record.message = { prefix: str(p.message.prefix) ?? '', content: str(p.message.content) ?? '' };
  }
  if (base.wire !== undefined) record.wire = base.wire;
  if (schemaText !== undefined) record.connectSchema = schemaText;
  return record;
}

/** A value on an outbox router topic: whatever its shape, an outbox event (the payload is the application's). */
function decodeRouted(
  raw: RawMessage,
  base: RecordBase,
  o: Resolved,
  value: unknown,
  channel: string,
  captured: string | undefined,
): DecodedRecord {
  if (value === null) return tombstone(raw, base, o);
  if (deeperThan(value, o.maxDepth)) return undecodable(raw, base, o, `nesting deeper than ${o.maxDepth} levels`);
  if (isObject(value) && isOutboxRow(value)) return outboxRecord(base, readOutboxRow(value, o.maxDepth));
  const brokerTs = raw.origin.kind === 'kafka' ? raw.origin.timestamp : undefined;
  return outboxRecord(
    base,
    readRoutedEvent({
      value,
      headers: raw.headers,
      keyText: keyText(raw, o),
      channel,
      captured,
      brokerTs,
      maxDepth: o.maxDepth,
    }),
  );
}

/** The router's key (the aggregate id) as text: a JSON or Avro string or number, else the raw text (StringConverter). */
function keyText(raw: RawMessage, o: Resolved): string | undefined {
  if (raw.key === null || raw.key.length === 0) return undefined;
  const row = messageKey(raw, o);
  if (row === undefined) return decodeText(raw.key);
  const only = Object.keys(row);
  if (only.length === 1 && only[0] === 'key') {
    const k = row.key;
    if (typeof k === 'string' || typeof k === 'number') return String(k);
  }
  return JSON.stringify(row);
}

function decodeCloudEvent(raw: RawMessage, base: RecordBase, o: Resolved, p: JsonObject): DecodedRecord {
  const unwrapped = unwrapCloudEvent(p, o.schemas);
  if (!unwrapped.ok) return undecodable(raw, base, o, unwrapped.reason, unwrapped.needsSchema);
  if (unwrapped.dataSchemaId !== undefined) base.wire = { format: 'avro', valueSchemaId: unwrapped.dataSchemaId };
  const record = decodeChange(raw, base, o, unwrapped.envelope);
  if (record.kind === 'change') record.cloudEvent = unwrapped.info;
  return record;
}
