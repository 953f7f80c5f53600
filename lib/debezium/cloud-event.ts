import type { CloudEventInfo } from '../contracts/change-event';
import { fromBase64 } from '../avro/base64';
import { isObject, str, type JsonObject } from './json-guards';
import { unwrapSchema } from './schema-wrapper';
import { decodeWire } from './wire-value';
import type { SchemaLookup } from './wire-schemas';

/**
 * Debezium's CloudEventsConverter (structured mode, JSON envelope):
 * `specversion`, `id`, `source`, `type`, `time`, `datacontenttype`, the
 * `source` block as `iodebezium<field>` extension attributes (`iodebeziumop`,
 * `iodebeziumtsms`, `iodebeziumtable`…), the transaction as `iodebeziumtx*`,
 * and `data`: `{before, after}` (schema-wrapped or not), or base64 Avro in the
 * wire format when `data.serializer.type=avro`. Unwrapped here into an
 * ordinary envelope so the change decodes like any other.
 */
export function isCloudEvent(p: JsonObject): boolean {
  return typeof p.specversion === 'string' && typeof p.type === 'string' && 'id' in p && 'source' in p;
}

export type CloudEventUnwrap =
  | { ok: true; envelope: JsonObject; info: CloudEventInfo; dataSchemaId?: number }
  | { ok: false; reason: string; needsSchema?: number };

const PREFIX = 'iodebezium';
/** Attribute names are letters and digits only, so `ts_ms` became `tsms`: back to the source block's names. */
const RENAMED: Record<string, string> = {
  tsms: 'ts_ms',
  tsus: 'ts_us',
  tsns: 'ts_ns',
  serverid: 'server_id',
  commitlsn: 'commit_lsn',
  changelsn: 'change_lsn',
};
const NUMERIC = new Set(['ts_ms', 'ts_us', 'ts_ns', 'lsn', 'txId', 'xmin', 'pos', 'row', 'server_id', 'thread']);

function attributeValue(name: string, v: unknown): unknown {
  return NUMERIC.has(name) && typeof v === 'string' && /^-?\d{1,19}$/.test(v) ? Number(v) : v;
}

function sourceFromAttributes(p: JsonObject): { source: JsonObject; op: unknown; transaction: JsonObject | null } {
  const source: JsonObject = {};
  const tx: JsonObject = {};
  let op: unknown;
  for (const key in p) {
    if (!key.startsWith(PREFIX) || key.length === PREFIX.length) continue;
    const attr = key.slice(PREFIX.length);
    if (attr === 'op') op = p[key];
    // `iodebeziumtxId` is PostgreSQL's source txId; `iodebeziumtx<field>` (lower case) the transaction block.
    else if (attr === 'txid') tx.id = p[key];
    else if (attr === 'txtotalorder') tx.total_order = attributeValue('pos', p[key]);
    else if (attr === 'txdatacollectionorder') tx.data_collection_order = attributeValue('pos', p[key]);
    else {
      const name = RENAMED[attr] ?? attr;
      source[name] = attributeValue(name, p[key]);
    }
  }
  return { source, op, transaction: typeof tx.id === 'string' ? tx : null };
}

function dataBytes(p: JsonObject): Uint8Array | undefined {
  const b64 =
    typeof p.data_base64 === 'string'
      ? p.data_base64
      : typeof p.data === 'string' && /avro|octet/i.test(str(p.datacontenttype) ?? '')
        ? p.data
        : undefined;
  return b64 === undefined ? undefined : fromBase64(b64);
}

export function unwrapCloudEvent(p: JsonObject, schemas: SchemaLookup | undefined): CloudEventUnwrap {
  const type = str(p.type) ?? '';
  const info: CloudEventInfo = { id: String(p.id), type, source: String(p.source) };
  const time = str(p.time);
  if (time !== undefined) info.time = time;
  const contentType = str(p.datacontenttype);
  if (contentType !== undefined) info.dataContentType = contentType;

  let data: unknown = p.data;
  let dataSchemaId: number | undefined;
  const bytes = dataBytes(p);
  if (bytes !== undefined) {
    const wire = decodeWire(bytes, schemas, 'value');
    if (wire === undefined)
      return {
        ok: false,
        reason: `CloudEvent ${type.slice(0, 80)}: binary data that is not in the Schema Registry wire format`,
      };
    if (!wire.ok) return { ok: false, reason: `CloudEvent data: ${wire.reason}`, needsSchema: wire.needsSchema };
    data = wire.value;
    dataSchemaId = wire.schemaId;
  }
  data = unwrapSchema(data);
  if (!isObject(data)) return { ok: false, reason: `CloudEvent ${type.slice(0, 80)} without Debezium change data` };
  // Some pipelines put the whole envelope in `data`.
  if ('op' in data) return { ok: true, envelope: data, info, dataSchemaId };
  const { source, op, transaction } = sourceFromAttributes(p);
  if (op === undefined)
    return { ok: false, reason: `CloudEvent ${type.slice(0, 80)} without iodebeziumop: not a Debezium change` };
  return {
    ok: true,
    envelope: { before: data.before ?? null, after: data.after ?? null, op, source, transaction },
    info,
    dataSchemaId,
  };
}
