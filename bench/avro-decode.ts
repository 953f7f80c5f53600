/**
 * Avro vs JSON decode benchmark: the same Debezium envelopes (MariaDB
 * `inventory.orders` and PostgreSQL `inventory.customers`, all ops, semantic
 * column types) decoded by `decodeMessage` from the JsonConverter's bytes
 * (bare and schema-wrapped) and from the AvroConverter's (wire format, both
 * display modes of semantic types). In process, one core.
 *
 *   npx tsx bench/avro-decode.ts [--events 300000] [--runs 3]
 *
 * Each figure is the best of `runs` runs (on a shared machine the slow runs
 * measure the neighbours). Prints one line per figure, then one JSON line.
 */
import { createSchemaCache, type SchemaCache } from '../lib/avro/schema-cache';
import type { RawMessage } from '../lib/contracts/raw-message';
import { decodeMessage } from '../lib/debezium/decode-message';
import type { DecodeOptions } from '../lib/debezium/decode-options';
import { registryAnswer } from '../lib/debezium/fixtures/avro';
import { avroTables, envelopePair, rng, schemasOf } from '../lib/debezium/fixtures/avro-envelopes';

export interface AvroDecodeResult {
  events: number;
  jsonBareBytes: number;
  jsonWrappedBytes: number;
  avroBytes: number;
  jsonBareEventsPerSecond: number;
  jsonWrappedEventsPerSecond: number;
  avroReadableEventsPerSecond: number;
  avroJsonConverterEventsPerSecond: number;
}

const POOL_SIZE = 4_096;
const ids = (t: number) => ({ key: 100 + 2 * t, value: 101 + 2 * t });

function cache(display: 'readable' | 'json-converter'): SchemaCache {
  const c = createSchemaCache({ display });
  avroTables.forEach((table, t) => {
    const s = schemasOf(table);
    c.resolve(ids(t).key, registryAnswer(s.key), 0);
    c.resolve(ids(t).value, registryAnswer(s.value), 0);
  });
  return c;
}

function avgBytes(pool: RawMessage[]): number {
  return Math.round(pool.reduce((sum, m) => sum + (m.key?.length ?? 0) + (m.value?.length ?? 0), 0) / pool.length);
}

function rate(pool: RawMessage[], events: number, opts: DecodeOptions): number {
  let changes = 0;
  const started = performance.now();
  for (let i = 0; i < events; i++)
    if (decodeMessage(pool[i % pool.length] as RawMessage, opts).kind === 'change') changes++;
  const seconds = (performance.now() - started) / 1000;
  if (changes !== events) throw new Error(`only ${changes} of ${events} decoded as changes`);
  return Math.round(events / seconds);
}

export function runAvroDecodeBench(
  options: { events?: number; runs?: number; print?: boolean } = {},
): AvroDecodeResult {
  const events = options.events ?? 300_000;
  const runs = Math.max(1, options.runs ?? 3);
  const log = (line: string) => options.print !== false && console.log(line);
  const rand = rng(2026);
  const bare: RawMessage[] = [];
  const wrapped: RawMessage[] = [];
  const avro: RawMessage[] = [];
  for (let i = 0; i < POOL_SIZE; i++) {
    const t = i % avroTables.length;
    const table = avroTables[t];
    if (table === undefined) throw new Error('no table');
    // The same random draws for the bare and the wrapped twin: two generators on the same seed.
    const pair = envelopePair(table, rand, i, ids(t), false);
    bare.push(pair.json);
    avro.push(pair.avro);
  }
  const rand2 = rng(2026);
  for (let i = 0; i < POOL_SIZE; i++) {
    const t = i % avroTables.length;
    const table = avroTables[t];
    if (table === undefined) throw new Error('no table');
    wrapped.push(envelopePair(table, rand2, i, ids(t), true).json);
  }
  const readable = { schemas: cache('readable') };
  const exact = { schemas: cache('json-converter') };
  const best = (pool: RawMessage[], opts: DecodeOptions) => {
    rate(pool, Math.min(events, 50_000), opts); // warm-up
    let top = 0;
    for (let r = 0; r < runs; r++) top = Math.max(top, rate(pool, events, opts));
    return top;
  };
  const result: AvroDecodeResult = {
    events,
    jsonBareBytes: avgBytes(bare),
    jsonWrappedBytes: avgBytes(wrapped),
    avroBytes: avgBytes(avro),
    jsonBareEventsPerSecond: best(bare, {}),
    jsonWrappedEventsPerSecond: best(wrapped, {}),
    avroReadableEventsPerSecond: best(avro, readable),
    avroJsonConverterEventsPerSecond: best(avro, exact),
  };
  log(
    `best of ${runs} runs of ${events.toLocaleString('en')} events, one core; average key+value bytes: JSON ${result.jsonBareBytes}, JSON with schemas ${result.jsonWrappedBytes}, Avro ${result.avroBytes}`,
  );
  log(`decode JSON (bare):                ${result.jsonBareEventsPerSecond.toLocaleString('en')} events/s`);
  log(`decode JSON (schemas.enable=true): ${result.jsonWrappedEventsPerSecond.toLocaleString('en')} events/s`);
  log(`decode Avro (readable types):      ${result.avroReadableEventsPerSecond.toLocaleString('en')} events/s`);
  log(`decode Avro (json-converter types):${result.avroJsonConverterEventsPerSecond.toLocaleString('en')} events/s`);
  return result;
}

const argv = process.argv;
const arg = (name: string) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : undefined);
if (argv[1]?.endsWith('avro-decode.ts')) {
  console.log(JSON.stringify(runAvroDecodeBench({ events: arg('--events'), runs: arg('--runs') })));
}
