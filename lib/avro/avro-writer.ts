import avsc from 'avsc';
import { fromBase64 } from './base64';
import {
  logicalKindOf,
  parseDate,
  parseDecimal,
  parseTimeOfDay,
  parseTimestamp,
  scaleOfText,
  twosComplement,
  type Display,
  type LogicalKind,
  type SchemaAttrs,
} from './logical-types';
import { errorMessage } from '../error-message';

/**
 * The JSON form cdcscope shows (readable or JsonConverter-like) → the values
 * avsc encodes, so replay can send an event again in Avro with the schema id
 * it came with. avsc then checks every value against the schema while it
 * writes. Server-side only: avsc writes Node Buffers.
 */

type Type = InstanceType<typeof avsc.Type>;
type Prep = (v: unknown, path: string) => unknown;

export class AvroWriteError extends Error {}

function fail(path: string, expected: string, v: unknown): never {
  const got = v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
  throw new AvroWriteError(`${path || 'value'}: expected ${expected}, got ${got}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function buffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function bytesFrom(v: unknown, path: string): Buffer {
  const bytes = typeof v === 'string' ? fromBase64(v) : undefined;
  if (bytes === undefined) fail(path, 'base64 text', v);
  return buffer(bytes);
}

/** `bytes` sign-extended to `size` bytes (a decimal on an Avro `fixed`). */
function signExtend(bytes: Uint8Array, size: number, path: string): Uint8Array {
  if (bytes.length > size)
    throw new AvroWriteError(`${path}: decimal needs ${bytes.length} bytes, the fixed type holds ${size}`);
  const out = new Uint8Array(size).fill((bytes[0] ?? 0) & 0x80 ? 0xff : 0);
  out.set(bytes, size - bytes.length);
  return out;
}

export interface WriterContext {
  display: Display;
  attrs: ReadonlyMap<Type, SchemaAttrs>;
}

export function compileWriter(type: Type, ctx: WriterContext): Prep {
  const memo = new Map<Type, Prep>();

  function compile(t: Type): Prep {
    const known = memo.get(t);
    if (known !== undefined) return known;
    // A recursive type meets itself while compiling: it gets `prep`, which calls the compiled form once there is one.
    const compiled: { impl?: Prep } = {};
    const prep: Prep = (v, path) => (compiled.impl ?? fail(path, 'a compiled type', v))(v, path);
    memo.set(t, prep);
    const base = structural(t);
    const kind =
      ctx.display === 'readable'
        ? logicalKindOf(ctx.attrs.get(t), t.typeName === 'abstract:long' ? 'long' : t.typeName)
        : undefined;
    compiled.impl = kind === undefined ? base : logical(t, kind, base);
    return prep;
  }

  function structural(t: Type): Prep {
    if (t instanceof avsc.types.RecordType) {
      const fields = t.fields.map((f) => [f.name, compile(f.type)] as const);
      return (v, path) => {
        if (!isRecord(v)) fail(path, 'an object', v);
        const out: Record<string, unknown> = {};
        for (const [name, prep] of fields)
          out[name] = v[name] === undefined ? undefined : prep(v[name], path ? `${path}.${name}` : name);
        return out;
      };
    }
    if (t instanceof avsc.types.WrappedUnionType || t instanceof avsc.types.UnwrappedUnionType) {
      const branches = t.types.map((b) => ({
        name: b.branchName ?? b.typeName,
        isNull: b.typeName === 'null',
        prep: compile(b),
      }));
      const wrapped = t instanceof avsc.types.WrappedUnionType;
      return (v, path) => {
        const errors: string[] = [];
        for (const b of branches) {
          if (b.isNull) {
            if (v === null) return null;
            continue;
          }
          if (v === null) continue;
          try {
            const out = b.prep(v, path);
            return wrapped ? { [b.name]: out } : out;
          } catch (err) {
            errors.push(errorMessage(err));
          }
        }
        throw new AvroWriteError(errors[0] ?? `${path || 'value'}: null where the schema allows none`);
      };
    }
    if (t instanceof avsc.types.ArrayType) {
      const item = compile(t.itemsType);
      return (v, path) => (Array.isArray(v) ? v.map((x, i) => item(x, `${path}[${i}]`)) : fail(path, 'an array', v));
    }
    if (t instanceof avsc.types.MapType) {
      // avsc declares valuesType as any; a MapType's values are always a Type.
      const valuesType = t.valuesType as Type;
      const value = compile(valuesType);
      return (v, path) => {
        if (!isRecord(v)) fail(path, 'an object', v);
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) out[k] = value(v[k], `${path}.${k}`);
        return out;
      };
    }
    if (t instanceof avsc.types.FixedType) return bytesFrom;
    switch (t.typeName) {
      case 'bytes':
        return bytesFrom;
      case 'abstract:long':
        return (v, path) =>
          typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
            ? v
            : typeof v === 'string' && /^-?\d+$/.test(v)
              ? BigInt(v)
              : fail(path, 'an integer', v);
      default:
        // null, boolean, int, float, double, string, enum: avsc checks them as it writes.
        return (v) => v;
    }
  }

  function logical(t: Type, kind: LogicalKind, base: Prep): Prep {
    const size = t instanceof avsc.types.FixedType ? t.size : undefined;
    switch (kind.kind) {
      case 'decimal':
        return (v, path) => {
          if (typeof v !== 'string' && typeof v !== 'number') return base(v, path);
          const unscaled = parseDecimal(String(v), kind.scale);
          if (unscaled === undefined) {
            // Base64 of the unscaled bytes is what the JsonConverter writes: accept that too.
            if (typeof v === 'string' && fromBase64(v) !== undefined && !/^[+-]?\d+(\.\d*)?$/.test(v))
              return base(v, path);
            throw new AvroWriteError(
              `${path}: "${String(v).slice(0, 40)}" is not a decimal with at most ${kind.scale} fraction digits`,
            );
          }
          const bytes = twosComplement(unscaled);
          return buffer(size === undefined ? bytes : signExtend(bytes, size, path));
        };
      case 'variable-scale-decimal':
        return (v, path) => {
          if (typeof v !== 'string' && typeof v !== 'number') return base(v, path);
          const text = String(v);
          const scale = scaleOfText(text);
          const unscaled = scale === undefined ? undefined : parseDecimal(text, scale);
          if (scale === undefined || unscaled === undefined)
            throw new AvroWriteError(`${path}: "${text.slice(0, 40)}" is not a decimal`);
          return { scale, value: buffer(twosComplement(unscaled)) };
        };
      case 'date':
        return (v, path) =>
          typeof v === 'string' ? (parseDate(v) ?? fail(path, 'a date YYYY-MM-DD', v)) : base(v, path);
      case 'time':
        return (v, path) => {
          if (typeof v !== 'string') return base(v, path);
          const n = parseTimeOfDay(v, kind.unit) ?? fail(path, 'a time of day HH:MM:SS[.fraction]', v);
          return t.typeName === 'int' ? Number(n) : n;
        };
      case 'timestamp':
        return (v, path) =>
          typeof v === 'string'
            ? (parseTimestamp(v, kind.unit) ?? fail(path, 'a timestamp YYYY-MM-DDTHH:MM:SS[.fraction][Z]', v))
            : base(v, path);
      case 'json':
        return (v, path) => (typeof v === 'string' ? v : base(JSON.stringify(v), path));
    }
  }

  return compile(type);
}
