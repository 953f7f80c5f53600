/**
 * Debezium's semantic types, as its AvroConverter writes them (a `connect.name`
 * on the Avro schema, sometimes an Avro `logicalType` too), turned into what
 * people read — and back, for replay's re-encoding.
 *
 * Kafka Connect's JsonConverter writes the raw numbers (days since the epoch,
 * microseconds, base64 of a decimal's unscaled bytes); with
 * `avroLogicalTypes: json-converter` cdcscope shows exactly that, and with
 * `readable` (the default) it shows:
 * - decimals (`org.apache.kafka.connect.data.Decimal`, Avro `decimal`,
 *   `io.debezium.data.VariableScaleDecimal`) as exact strings, "12.34";
 * - dates (`io.debezium.time.Date`, Connect `Date`, Avro `date`) as "2024-01-31";
 * - times of day (`io.debezium.time.Time/MicroTime/NanoTime`, Connect `Time`,
 *   Avro `time-millis/micros`) as "13:45:07.123456";
 * - timestamps: Debezium's `Timestamp/MicroTimestamp/NanoTimestamp` are a
 *   datetime without a zone, "2024-01-31T13:45:07.123456"; Connect
 *   `Timestamp` and Avro `timestamp-millis/micros` an instant, "…Z";
 * - `io.debezium.data.Json` parsed, when it holds an object or array.
 * `ZonedTimestamp`, `ZonedTime`, `Uuid` and `Enum` are strings already.
 * A value out of a type's range stays the raw number rather than a wrong date.
 */

/** What the schema node said about itself, beyond its Avro type. */
export interface SchemaAttrs {
  connectName?: string;
  logicalType?: string;
  /** Decimal scale: Avro's `scale`, else Connect's `connect.parameters.scale`. */
  scale?: number;
}

export type Display = 'readable' | 'json-converter';
type Unit = 'ms' | 'us' | 'ns';

export type LogicalKind =
  | { kind: 'decimal'; scale: number }
  | { kind: 'variable-scale-decimal' }
  | { kind: 'date' }
  | { kind: 'time'; unit: Unit }
  | { kind: 'timestamp'; unit: Unit; utc: boolean }
  | { kind: 'json' };

/** Avro type names a kind may sit on; anything else is ignored, as the Avro spec says of invalid logical types. */
const UNDERLYING: Record<LogicalKind['kind'], readonly string[]> = {
  decimal: ['bytes', 'fixed'],
  'variable-scale-decimal': ['record'],
  date: ['int'],
  time: ['int', 'long'],
  timestamp: ['long'],
  json: ['string'],
};

const BY_CONNECT_NAME: Record<string, LogicalKind> = {
  'io.debezium.data.VariableScaleDecimal': { kind: 'variable-scale-decimal' },
  'io.debezium.time.Date': { kind: 'date' },
  'org.apache.kafka.connect.data.Date': { kind: 'date' },
  'io.debezium.time.Time': { kind: 'time', unit: 'ms' },
  'org.apache.kafka.connect.data.Time': { kind: 'time', unit: 'ms' },
  'io.debezium.time.MicroTime': { kind: 'time', unit: 'us' },
  'io.debezium.time.NanoTime': { kind: 'time', unit: 'ns' },
  'io.debezium.time.Timestamp': { kind: 'timestamp', unit: 'ms', utc: false },
  'io.debezium.time.MicroTimestamp': { kind: 'timestamp', unit: 'us', utc: false },
  'io.debezium.time.NanoTimestamp': { kind: 'timestamp', unit: 'ns', utc: false },
  'org.apache.kafka.connect.data.Timestamp': { kind: 'timestamp', unit: 'ms', utc: true },
  'io.debezium.data.Json': { kind: 'json' },
};

const BY_LOGICAL_TYPE: Record<string, LogicalKind> = {
  date: { kind: 'date' },
  'time-millis': { kind: 'time', unit: 'ms' },
  'time-micros': { kind: 'time', unit: 'us' },
  'timestamp-millis': { kind: 'timestamp', unit: 'ms', utc: true },
  'timestamp-micros': { kind: 'timestamp', unit: 'us', utc: true },
  'timestamp-nanos': { kind: 'timestamp', unit: 'ns', utc: true },
  'local-timestamp-millis': { kind: 'timestamp', unit: 'ms', utc: false },
  'local-timestamp-micros': { kind: 'timestamp', unit: 'us', utc: false },
  'local-timestamp-nanos': { kind: 'timestamp', unit: 'ns', utc: false },
};

/** The kind a schema node carries, if cdcscope renders it specially and the Avro type fits. */
export function logicalKindOf(attrs: SchemaAttrs | undefined, avroType: string): LogicalKind | undefined {
  if (attrs === undefined) return undefined;
  let kind: LogicalKind | undefined;
  if (attrs.connectName === 'org.apache.kafka.connect.data.Decimal' || attrs.logicalType === 'decimal') {
    kind = { kind: 'decimal', scale: attrs.scale ?? 0 };
  } else {
    kind =
      (attrs.connectName === undefined ? undefined : BY_CONNECT_NAME[attrs.connectName]) ??
      (attrs.logicalType === undefined ? undefined : BY_LOGICAL_TYPE[attrs.logicalType]);
  }
  return kind !== undefined && UNDERLYING[kind.kind].includes(avroType) ? kind : undefined;
}

// ---- decimals ----

/** Debezium/Connect decimals are big-endian two's complement; beyond this many bytes the raw form is kept (a 131,072-digit PostgreSQL numeric is about 54 KB). */
const MAX_DECIMAL_BYTES = 4096;

export function unscaledOf(bytes: Uint8Array): bigint | undefined {
  if (bytes.length === 0) return 0n;
  if (bytes.length > MAX_DECIMAL_BYTES) return undefined;
  let hex = '';
  for (const b of bytes) hex += b < 16 ? `0${b.toString(16)}` : b.toString(16);
  const n = BigInt(`0x${hex}`);
  return (bytes[0] ?? 0) & 0x80 ? n - (1n << BigInt(bytes.length * 8)) : n;
}

export function formatDecimal(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  let digits = (neg ? -unscaled : unscaled).toString();
  const sign = neg ? '-' : '';
  if (scale <= 0) return `${sign}${digits}${unscaled === 0n ? '' : '0'.repeat(-scale)}`;
  digits = digits.padStart(scale + 1, '0');
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** "12.34" at `scale` → its unscaled integer; undefined when the text has more significant fraction digits than the scale holds. */
export function parseDecimal(text: string, scale: number): bigint | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  if (m === null) return undefined;
  const [, sign = '', whole = '0', fraction = ''] = m;
  let digits: string;
  if (scale >= 0) {
    if (fraction.length > scale && /[^0]/.test(fraction.slice(scale))) return undefined;
    digits = whole + fraction.slice(0, scale).padEnd(scale, '0');
  } else {
    if (/[^0]/.test(fraction)) return undefined;
    const shift = -scale;
    if (whole.length > shift && /[^0]/.test(whole.slice(-shift))) return undefined;
    digits = whole.length > shift ? whole.slice(0, -shift) : '0';
  }
  const n = BigInt(digits);
  return sign === '-' ? -n : n;
}

/** Fewest two's complement bytes that hold `n` (what Java's BigInteger.toByteArray writes). */
export function twosComplement(n: bigint): Uint8Array {
  let length = 1;
  while (n < -(1n << BigInt(length * 8 - 1)) || n >= 1n << BigInt(length * 8 - 1)) length++;
  let v = n < 0n ? (1n << BigInt(length * 8)) + n : n;
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** The scale a readable decimal text needs: its fraction digits. */
export function scaleOfText(text: string): number | undefined {
  const m = DECIMAL_TEXT.exec(text.trim());
  return m === null ? undefined : (m[3] ?? '').length;
}

// ---- dates and times ----

const DAY_MS = 86_400_000;
/** ECMAScript dates span ±8.64e15 ms. */
const MAX_DATE_MS = 8.64e15;
const PER_MS: Record<Unit, bigint> = { ms: 1n, us: 1_000n, ns: 1_000_000n };
const FRACTION_DIGITS: Record<Unit, number> = { ms: 3, us: 6, ns: 9 };

export function formatDate(days: number): string | number {
  const ms = days * DAY_MS;
  if (!Number.isInteger(days) || Math.abs(ms) > MAX_DATE_MS) return days;
  return new Date(ms).toISOString().split('T')[0] ?? String(days);
}

export function parseDate(text: string): number | undefined {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) ? undefined : Math.round(ms / DAY_MS);
}

function splitUnit(value: number | bigint, unit: Unit): { ms: number; sub: string } | undefined {
  if (unit === 'ms') return typeof value === 'number' ? { ms: value, sub: '' } : { ms: Number(value), sub: '' };
  const big = typeof value === 'bigint' ? value : Number.isInteger(value) ? BigInt(value) : undefined;
  if (big === undefined) return undefined;
  const per = PER_MS[unit];
  let ms = big / per;
  let rem = big % per;
  if (rem < 0n) {
    ms -= 1n;
    rem += per;
  }
  return { ms: Number(ms), sub: rem.toString().padStart(FRACTION_DIGITS[unit] - 3, '0') };
}

export function formatTimestamp(value: number | bigint, unit: Unit, utc: boolean): string | number | bigint {
  const parts = splitUnit(value, unit);
  if (parts === undefined || !Number.isInteger(parts.ms) || Math.abs(parts.ms) > MAX_DATE_MS) return value;
  const iso = new Date(parts.ms).toISOString(); // …T13:45:07.123Z
  return `${iso.slice(0, -1)}${parts.sub}${utc ? 'Z' : ''}`;
}

const TIMESTAMP_TEXT = /^(.+T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z)?$/;

export function parseTimestamp(text: string, unit: Unit): bigint | undefined {
  const m = TIMESTAMP_TEXT.exec(text);
  if (m === null) return undefined;
  const seconds = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = (m[2] ?? '').padEnd(9, '0');
  const ns = BigInt(seconds) * 1_000_000n + BigInt(fraction);
  return ns / (1_000_000n / PER_MS[unit]);
}

export function formatTimeOfDay(value: number | bigint, unit: Unit): string | number | bigint {
  const parts = splitUnit(value, unit);
  if (parts === undefined || parts.ms < 0 || parts.ms >= DAY_MS) return value;
  return `${new Date(parts.ms).toISOString().slice(11, 23)}${parts.sub}`;
}

const TIME_TEXT = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?$/;

export function parseTimeOfDay(text: string, unit: Unit): bigint | undefined {
  const m = TIME_TEXT.exec(text);
  if (m === null) return undefined;
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  const ns = BigInt(seconds) * 1_000_000_000n + BigInt((m[4] ?? '').padEnd(9, '0'));
  return ns / (1_000_000n / PER_MS[unit]);
}

// ---- JSON ----

/** `io.debezium.data.Json` text → its value when it is an object or array; other text stays as it is. */
export function parseJsonColumn(text: string): unknown {
  const first = text.trimStart().charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// ---- float32 ----

/**
 * The shortest decimal that reads back as the same float32, which is what
 * the JsonConverter (Jackson) prints for a FLOAT32: 3.14, not 3.140000104904175.
 */
export function shortestFloat32(f: number): number {
  if (!Number.isFinite(f)) return f;
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}
