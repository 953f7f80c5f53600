/**
 * Where the pipeline's time per event goes (issue #11): the parts of
 * `account` (server/pipeline/pipeline.ts) added one at a time on top of
 * decoding, each as its own instance, beside a bare `JSON.parse` loop and the
 * whole pipeline, in one process and interleaved round by round. CPU time per
 * event (`process.cpuUsage`, GC threads included), so that a machine shared
 * with other work disturbs the figures less than a wall clock would.
 *
 *   npx tsx bench/pipeline-parts.ts [--rounds 5] [--events 50000] [--skip inspector,transactions]
 *
 * Each row includes the rows above it (minus `--skip`ped parts): the
 * difference between two rows is what that part adds, its garbage
 * collection included. The events are bench-events.ts' (~1 KB MariaDB
 * changes, ten tables, one GTID each, no transaction metadata).
 */
import type { RawMessage } from '../lib/contracts/raw-message';
import { configSchema } from '../lib/config/schema';
import { createStatsRegistry } from '../lib/analytics/stats-registry';
import { createOverallThroughput } from '../lib/analytics/overall-throughput';
import { tableKeyOf } from '../lib/debezium/table-identity';
import { createMasker } from '../lib/masking/masker';
import { createSchemaTracker } from '../lib/schema-drift/schema-tracker';
import { createEventStore } from '../lib/store/event-store';
import { createTransactionTable } from '../lib/transactions/transaction-table';
import { createMetrics } from '../server/metrics/metrics';
import { createPipeline } from '../server/pipeline/pipeline';
import { createWireDecoders } from '../server/schema-registry/wire-decoders';
import { createBenchMessages } from './bench-events';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const rounds = Number(arg('rounds', '5'));
const perRound = Number(arg('events', '50000'));
const skip = new Set(arg('skip', '').split(','));
const BATCH = 500;

const message = createBenchMessages();

const config = configSchema.parse({
  sources: [{ id: 'bench', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['bench.shop.t'], clientId: 'bench' }],
});
const PARTS = ['decode', 'statistics', 'metrics', 'overall', 'inspector', 'transactions', 'schemas'] as const;
type Part = (typeof PARTS)[number];

/** decode, then every part up to `last`, as account() does them. */
function partsUpTo(last: Part) {
  const on = new Set(PARTS.slice(0, PARTS.indexOf(last) + 1).filter((p) => !skip.has(p)));
  const decoders = createWireDecoders(config);
  const registry = createStatsRegistry({ maxTables: config.limits.maxTables, lag: config.lag });
  const metrics = createMetrics();
  const overall = createOverallThroughput(Date.now());
  const inspector = createEventStore({
    masker: createMasker(config.masking),
    perTableCount: config.limits.inspectorEventsPerTable,
    perTableBytes: config.limits.inspectorBytesPerTable,
    globalBytes: config.limits.inspectorBytes,
    decode: (raw) => decoders.decode(raw),
  });
  const transactions = createTransactionTable();
  const schemas = createSchemaTracker({ maxTables: config.limits.maxTables });
  return (batch: RawMessage[]) => {
    const now = Date.now();
    for (const raw of batch) {
      const rec = decoders.decode(raw);
      if (!on.has('statistics')) continue;
      const key = tableKeyOf(rec);
      registry.record(rec, now, key);
      if (on.has('metrics')) metrics.observe(rec, key);
      if (
        on.has('overall') &&
        key !== undefined &&
        (rec.kind === 'change' || rec.kind === 'tombstone' || rec.kind === 'undecodable')
      )
        overall.record(rec, now);
      if (on.has('inspector')) inspector.add(rec, raw, key);
      if (on.has('transactions')) transactions.offer(rec, now);
      if (on.has('schemas') && key !== undefined && rec.kind === 'change' && rec.after !== null)
        schemas.observeRow(key, rec.after, now);
    }
  };
}

const utf8 = new TextDecoder();
const pipeline = createPipeline({ config, sources: [], metrics: createMetrics() });
const modes: [string, (batch: RawMessage[]) => void][] = [
  [
    'JSON.parse loop',
    (batch) => {
      for (const m of batch) if (m.value !== null) JSON.parse(utf8.decode(m.value));
    },
  ],
  ...PARTS.filter((p) => !skip.has(p)).map((p): [string, (b: RawMessage[]) => void] => [`+ ${p}`, partsUpTo(p)]),
  ['whole pipeline', (batch) => pipeline.ingest(batch)],
];

const micros = new Map<string, number[]>();
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of modes) {
    let cpu = 0;
    for (let i = 0; i < perRound; i += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, j) => message(i + j));
      const c0 = process.cpuUsage();
      run(batch);
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1000;
    }
    micros.set(name, [...(micros.get(name) ?? []), (cpu * 1000) / perRound]);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const result: Record<string, number> = {};
for (const [name, xs] of micros) {
  result[name] = Number(median(xs).toFixed(2));
  console.log(`${name.padEnd(16)} CPU ${median(xs).toFixed(2)} µs/event (best ${Math.min(...xs).toFixed(2)})`);
}
console.log(JSON.stringify(result));
void pipeline.close().then(() => process.exit(0));
