import avsc from 'avsc';
import { toBase64 } from './base64';
import {
  formatDate,
  formatDecimal,
  formatTimeOfDay,
  formatTimestamp,
  logicalKindOf,
  parseJsonColumn,
  shortestFloat32,
  unscaledOf,
  type Display,
  type LogicalKind,
  type SchemaAttrs,
} from './logical-types';

/**
 * Avro binary → the JSON value Kafka Connect's JsonConverter would have
 * written for the same record, in one pass over the bytes.
 *
 * avsc parses and checks the schema (names, namespaces, references) and
 * encodes for replay, but its reader is not used: it trusts the block counts
 * in the data, so seven hostile bytes (an array claiming 50 million items)
 * kept it busy for 23 s and 700 MB here, and it builds class instances whose
 * prototypes leak into `for…in`. This reader checks every length and count
 * against the bytes that are left, builds plain objects, and renders
 * Debezium's semantic types as it goes (see logical-types.ts).
 */

type Type = InstanceType<typeof avsc.Type>;

export class AvroReadError extends Error {}

export class Cursor {
  pos = 0;
  private view: DataView | undefined;
  constructor(readonly bytes: Uint8Array) {}
  get remaining(): number {
    return this.bytes.length - this.pos;
  }
  dataView(): DataView {
    this.view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.view;
  }
}

type Read = (c: Cursor) => unknown;
const readNothing: Read = () => undefined;

/** Items in one array or map whose items take no bytes (nulls, empty records): more than this is hostile, not data. */
const MAX_ZERO_WIDTH_ITEMS = 1_000_000;
const utf8 = new TextDecoder();

function truncated(): never {
  throw new AvroReadError('truncated Avro data');
}

/**
 * A zig-zag varint as a number: exact up to 2^53 and correctly rounded
 * beyond (as JSON.parse rounds the JsonConverter's digits), so an Avro
 * message and its JSON twin decode to the same numbers.
 */
export function readLong(c: Cursor): number {
  const bytes = c.bytes;
  const start = c.pos;
  let n = 0;
  let shift = 0;
  let b: number;
  do {
    if (c.pos >= bytes.length) truncated();
    b = bytes[c.pos++] ?? 0;
    if (shift < 28) n |= (b & 0x7f) << shift;
    else {
      if (shift > 63) throw new AvroReadError('malformed Avro long (more than 10 bytes)');
      // Every partial sum is a non-negative integer, exact while below 2^53.
      n += (b & 0x7f) * 2 ** shift;
    }
    shift += 7;
  } while (b & 0x80);
  if (shift <= 28) return (n >>> 1) ^ -(n & 1);
  if (n > Number.MAX_SAFE_INTEGER) {
    c.pos = start;
    return Number(readLongExact(c));
  }
  return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
}

/** A zig-zag varint, exactly: for nanosecond timestamps, which pass 2^53. */
export function readLongExact(c: Cursor): bigint {
  const bytes = c.bytes;
  let n = 0n;
  let shift = 0n;
  let b: number;
  do {
    if (c.pos >= bytes.length) truncated();
    if (shift > 63n) throw new AvroReadError('malformed Avro long (more than 10 bytes)');
    b = bytes[c.pos++] ?? 0;
    n |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  } while (b & 0x80);
  return (n >> 1n) ^ -(n & 1n);
}

function readLength(c: Cursor): number {
  const len = readLong(c);
  if (len < 0) throw new AvroReadError(`negative Avro length ${len}`);
  if (len > c.remaining)
    throw new AvroReadError(`Avro length ${len} is past the end of the data (${c.remaining} bytes left)`);
  return len;
}

function readBytes(c: Cursor): Uint8Array {
  const len = readLength(c);
  const out = c.bytes.subarray(c.pos, c.pos + len);
  c.pos += len;
  return out;
}

/** Strings up to this many bytes are built by hand when ASCII: TextDecoder's call costs more than short strings do. */
const SHORT_STRING = 32;

function readString(c: Cursor): string {
  const len = readLength(c);
  const bytes = c.bytes;
  const start = c.pos;
  c.pos += len;
  if (len <= SHORT_STRING) {
    let s = '';
    for (let i = start; i < start + len; i++) {
      const b = bytes[i] ?? 0;
      if (b >= 0x80) return utf8.decode(bytes.subarray(start, start + len));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return utf8.decode(bytes.subarray(start, start + len));
}

function readFixed(c: Cursor, size: number): Uint8Array {
  if (size > c.remaining) truncated();
  const out = c.bytes.subarray(c.pos, c.pos + size);
  c.pos += size;
  return out;
}

/** Reads the next block count of an array or map: 0 ends it; a negative count is followed by the block's byte size. */
function readBlockCount(c: Cursor, minItemBytes: number, total: number): number {
  let n = readLong(c);
  if (n < 0) {
    n = -n;
    readLong(c);
  }
  if (minItemBytes > 0 ? n * minItemBytes > c.remaining : total + n > MAX_ZERO_WIDTH_ITEMS) {
    throw new AvroReadError(`Avro block of ${n} items does not fit in the ${c.remaining} bytes left`);
  }
  return n;
}

export interface ReaderContext {
  display: Display;
  /** Attributes of the schema nodes cdcscope renders specially (captured while avsc parsed). */
  attrs: ReadonlyMap<Type, SchemaAttrs>;
}

/** Compiles a reader for `type`. Records are compiled once each (and may refer to themselves). */
export function compileReader(type: Type, ctx: ReaderContext): Read {
  const memo = new Map<Type, Read>();
  const minBytes = new Map<Type, number>();

  function minBytesOf(t: Type): number {
    const known = minBytes.get(t);
    if (known !== undefined) return known;
    minBytes.set(t, 0); // a record reached again while summing itself (only possible through a union or array, which count 1)
    let n: number;
    if (t instanceof avsc.types.RecordType) n = t.fields.reduce((sum, f) => sum + minBytesOf(f.type), 0);
    else if (t instanceof avsc.types.FixedType) n = t.size;
    else if (t.typeName === 'null') n = 0;
    else if (t.typeName === 'float') n = 4;
    else if (t.typeName === 'double') n = 8;
    else n = 1;
    minBytes.set(t, n);
    return n;
  }

  function compile(t: Type): Read {
    const known = memo.get(t);
    if (known !== undefined) return known;
    if (t instanceof avsc.types.RecordType) {
      const kind = ctx.display === 'readable' ? logicalKindOf(ctx.attrs.get(t), 'record') : undefined;
      // Registered before its fields are compiled, so a recursive record refers to itself.
      let names: string[] = [];
      let readers: Read[] = [];
      const readRecord: Read = (c) => {
        const obj: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) obj[names[i] ?? ''] = (readers[i] ?? readNothing)(c);
        return obj;
      };
      const read = kind === undefined ? readRecord : logicalReader(readRecord, kind);
      memo.set(t, read);
      names = t.fields.map((f) => f.name);
      // VariableScaleDecimal's `value` is consumed as raw bytes, not shown as base64.
      readers = t.fields.map((f) => (kind !== undefined && f.type.typeName === 'bytes' ? readBytes : compile(f.type)));
      return read;
    }
    const kind =
      ctx.display === 'readable'
        ? logicalKindOf(ctx.attrs.get(t), t.typeName === 'abstract:long' ? 'long' : t.typeName)
        : undefined;
    if (kind !== undefined) {
      const read = logicalReader(rawReader(t, kind), kind);
      memo.set(t, read);
      return read;
    }
    const read = compileStructural(t);
    memo.set(t, read);
    return read;
  }

  function compileStructural(t: Type): Read {
    if (t instanceof avsc.types.UnwrappedUnionType || t instanceof avsc.types.WrappedUnionType) {
      const branches = t.types.map(compile);
      return (c) => {
        const i = readLong(c);
        const branch = branches[i];
        if (branch === undefined)
          throw new AvroReadError(`Avro union branch ${i} does not exist (${branches.length} branches)`);
        return branch(c);
      };
    }
    if (t instanceof avsc.types.ArrayType) {
      const item = compile(t.itemsType);
      const min = minBytesOf(t.itemsType);
      return (c) => {
        const out: unknown[] = [];
        for (let n = readBlockCount(c, min, 0); n !== 0; n = readBlockCount(c, min, out.length)) {
          while (n-- > 0) out.push(item(c));
        }
        return out;
      };
    }
    if (t instanceof avsc.types.MapType) {
      // avsc declares valuesType as any; a MapType's values are always a Type.
      const valuesType = t.valuesType as Type;
      const value = compile(valuesType);
      const min = 1 + minBytesOf(valuesType);
      return (c) => {
        const out: Record<string, unknown> = {};
        let total = 0;
        for (let n = readBlockCount(c, min, 0); n !== 0; n = readBlockCount(c, min, total)) {
          total += n;
          while (n-- > 0) out[readString(c)] = value(c);
        }
        return out;
      };
    }
    if (t instanceof avsc.types.EnumType) {
      const symbols = t.symbols;
      return (c) => {
        const i = readLong(c);
        const symbol = symbols[i];
        if (symbol === undefined)
          throw new AvroReadError(`Avro enum index ${i} does not exist (${symbols.length} symbols)`);
        return symbol;
      };
    }
    if (t instanceof avsc.types.FixedType) {
      const size = t.size;
      return (c) => toBase64(readFixed(c, size));
    }
    return primitive(t.typeName);
  }

  return compile(type);
}

/**
 * What a logical type reads before rendering: raw bytes for decimals (not
 * base64), and nanosecond longs exactly, as they pass 2^53.
 */
function rawReader(t: Type, kind: LogicalKind): Read {
  if (t instanceof avsc.types.FixedType) {
    const size = t.size;
    return (c) => readFixed(c, size);
  }
  if (t.typeName === 'bytes') return readBytes;
  if ((kind.kind === 'time' || kind.kind === 'timestamp') && kind.unit === 'ns' && t.typeName !== 'int')
    return readLongExact;
  return primitive(t.typeName);
}

function logicalReader(read: Read, kind: LogicalKind): Read {
  switch (kind.kind) {
    case 'decimal':
      return (c) => {
        const raw = read(c);
        if (!(raw instanceof Uint8Array)) return raw;
        const unscaled = unscaledOf(raw);
        return unscaled === undefined ? toBase64(raw) : formatDecimal(unscaled, kind.scale);
      };
    case 'variable-scale-decimal':
      return (c) => {
        const raw = read(c);
        if (typeof raw !== 'object' || raw === null || !('scale' in raw) || !('value' in raw)) return raw;
        const { scale, value } = raw;
        if (!(value instanceof Uint8Array)) return raw;
        const unscaled = unscaledOf(value);
        return typeof scale === 'number' && unscaled !== undefined
          ? formatDecimal(unscaled, scale)
          : { scale, value: toBase64(value) };
      };
    case 'date':
      return (c) => {
        const raw = read(c);
        return typeof raw === 'number' ? formatDate(raw) : raw;
      };
    case 'time':
      return (c) => {
        const raw = read(c);
        return typeof raw === 'number' || typeof raw === 'bigint' ? formatTimeOfDay(raw, kind.unit) : raw;
      };
    case 'timestamp':
      return (c) => {
        const raw = read(c);
        return typeof raw === 'number' || typeof raw === 'bigint' ? formatTimestamp(raw, kind.unit, kind.utc) : raw;
      };
    case 'json':
      return (c) => {
        const raw = read(c);
        return typeof raw === 'string' ? parseJsonColumn(raw) : raw;
      };
  }
}

/** Readers for primitive types; `bytes` shows as base64, as the JsonConverter writes it. */
function primitive(typeName: string): Read {
  switch (typeName) {
    case 'null':
      return () => null;
    case 'boolean':
      return (c) => {
        if (c.pos >= c.bytes.length) truncated();
        const b = c.bytes[c.pos++];
        if (b !== 0 && b !== 1) throw new AvroReadError(`invalid Avro boolean byte ${b}`);
        return b === 1;
      };
    case 'int':
    case 'long':
    case 'abstract:long':
      return readLong;
    case 'float':
      return (c) => {
        if (c.remaining < 4) truncated();
        const f = c.dataView().getFloat32(c.pos, true);
        c.pos += 4;
        return shortestFloat32(f);
      };
    case 'double':
      return (c) => {
        if (c.remaining < 8) truncated();
        const d = c.dataView().getFloat64(c.pos, true);
        c.pos += 8;
        return d;
      };
    case 'bytes':
      return (c) => toBase64(readBytes(c));
    case 'string':
      return readString;
    default:
      throw new AvroReadError(`unsupported Avro type ${typeName}`);
  }
}
