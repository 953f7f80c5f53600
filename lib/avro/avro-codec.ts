import avsc from 'avsc';
import { z } from 'zod';
import { AvroReadError, compileReader, Cursor } from './avro-reader';
import { compileWriter } from './avro-writer';
import type { Display, SchemaAttrs } from './logical-types';
import { errorMessage } from '../error-message';
import type { Result } from '../result';

/**
 * One Avro schema, compiled once, that decodes message bodies to the JSON
 * Debezium's JsonConverter would have written (with semantic types rendered
 * per `display`) and encodes that JSON back. Never throws: a schema avsc
 * refuses, bytes that do not fit the schema, or a value that does not encode
 * all come back as a reason.
 */

type Type = InstanceType<typeof avsc.Type>;
type AvroSchemaInput = Parameters<typeof avsc.Type.forSchema>[0];

/** A decoded value, or why the bytes do not fit the schema. */
export type DecodeResult = Result<unknown>;
/** Avro bytes, or why the value does not fit the schema. */
export type EncodeResult = Result<Uint8Array>;

export interface AvroCodec {
  /** Decodes a whole body (the bytes after the 5-byte wire header); trailing bytes are an error. */
  decode(body: Uint8Array): DecodeResult;
  /** Encodes a value in the JSON form `decode` produces (either display), without the wire header. */
  encode(value: unknown): EncodeResult;
}

/** A codec, or why the schema cannot be used. */
export type CompileResult = Result<AvroCodec>;

/** What avsc accepts as a schema: JSON text parsed to an object, an array (union) or a type name. */
const schemaShape = z.custom<AvroSchemaInput>(
  (x) => typeof x === 'string' || (typeof x === 'object' && x !== null),
  'expected an Avro schema (object, array or type name)',
);

const connectParameters = z.object({ scale: z.coerce.number().int().optional() }).loose();

function attrsOf(schema: Record<string, unknown>): SchemaAttrs | undefined {
  const connectName = typeof schema['connect.name'] === 'string' ? schema['connect.name'] : undefined;
  const logicalType = typeof schema.logicalType === 'string' ? schema.logicalType : undefined;
  if (connectName === undefined && logicalType === undefined) return undefined;
  const params = connectParameters.safeParse(schema['connect.parameters']);
  const scale = typeof schema.scale === 'number' ? schema.scale : params.success ? params.data.scale : undefined;
  return { connectName, logicalType, scale };
}

/**
 * A long that avsc writes from a number (rounded past 2^53, like JSON.parse)
 * or a bigint (exact: nanosecond timestamps). avsc's own long refuses
 * anything past 2^53, and Debezium's `ts_ns` is always past it.
 */
function lenientLong(): Type {
  return avsc.types.LongType.__with({
    fromBuffer: (buf: Buffer) => Number(buf.readBigInt64LE(0)),
    toBuffer: (n: number | bigint) => {
      const buf = Buffer.alloc(8);
      buf.writeBigInt64LE(BigInt(n));
      return buf;
    },
    fromJSON: (x: unknown) => (typeof x === 'bigint' ? x : Number(x)),
    toJSON: (n: number | bigint) => Number(n),
    isValid: (n: unknown) => typeof n === 'bigint' || (typeof n === 'number' && Number.isInteger(n)),
    compare: (a: number | bigint, b: number | bigint) => (a === b ? 0 : a < b ? -1 : 1),
  });
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Parses a schema (JSON text as the registry returns it, or an already parsed value) and compiles its reader and writer. */
export function compileAvroSchema(schema: unknown, display: Display = 'readable'): CompileResult {
  let parsed: unknown = schema;
  if (typeof schema === 'string') {
    try {
      parsed = JSON.parse(schema);
    } catch {
      // A bare type name ("string") is valid Avro schema text but not JSON.
      parsed = schema;
    }
  }
  const input = schemaShape.safeParse(parsed);
  if (!input.success) return { ok: false, error: 'invalid Avro schema: expected an object, array or type name' };

  const attrs = new Map<Type, SchemaAttrs>();
  const hooked = new WeakSet<object>();
  let type: Type;
  try {
    type = avsc.Type.forSchema(input.data, {
      wrapUnions: 'always',
      registry: { long: lenientLong() },
      typeHook: (node, opts) => {
        if (!isPlainObject(node) || hooked.has(node)) return undefined;
        const nodeAttrs = attrsOf(node);
        if (node.type !== 'long' && nodeAttrs === undefined) return undefined;
        hooked.add(node);
        // Longs written as `{"type":"long", …}` get the lenient long too; every other node is avsc's own.
        const t = node.type === 'long' ? lenientLong() : avsc.Type.forSchema(node, opts);
        if (nodeAttrs !== undefined) attrs.set(t, nodeAttrs);
        return t;
      },
    });
  } catch (err) {
    return { ok: false, error: `invalid Avro schema: ${errorMessage(err)}` };
  }

  let read: ReturnType<typeof compileReader>;
  let prep: ReturnType<typeof compileWriter>;
  try {
    read = compileReader(type, { display, attrs });
    prep = compileWriter(type, { display, attrs });
  } catch (err) {
    return { ok: false, error: `unsupported Avro schema: ${errorMessage(err)}` };
  }

  return {
    ok: true,
    value: {
      decode(body) {
        const cursor = new Cursor(body);
        try {
          const value = read(cursor);
          if (cursor.remaining > 0)
            return { ok: false, error: `Avro data does not match the schema: ${cursor.remaining} bytes left over` };
          return { ok: true, value };
        } catch (err) {
          if (err instanceof AvroReadError)
            return { ok: false, error: `Avro data does not match the schema: ${err.message}` };
          // A RangeError from a very deep recursive value, or a bug: a reason either way, never a crash.
          return { ok: false, error: `Avro decoding failed: ${errorMessage(err)}` };
        }
      },
      encode(value) {
        try {
          const buf = type.toBuffer(prep(value, ''));
          return { ok: true, value: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
        } catch (err) {
          return { ok: false, error: `cannot encode as Avro: ${errorMessage(err)}` };
        }
      },
    },
  };
}
