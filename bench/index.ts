/**
 * `npm run bench`: every benchmark, each in its own process pinned to one
 * core (taskset -c 0) when taskset exists, printing figures (no pass/fail:
 * targets are checked by reading them; results go to BENCHMARKS.md).
 *
 *   npm run bench                 all benchmarks (starts the local stack for Kafka)
 *   npm run bench -- --no-kafka   without the Kafka ones (and the stack)
 *   npm run bench -- --no-kafka --no-jetstream   the pure ones only
 *   npm run bench -- --kafka-alone  starts only Kafka of the stack (it needs its jars, which `up` fetches once)
 *   npm run bench -- --no-browser   without the Chromium ones (frames/s and long tasks per page, under the e2e lock:
 *                                   demo, demo + 500 tables, and the real stack when it is up for Kafka; on the
 *                                   real stack also commit → browser freshness, bench/commit-to-browser.ts)
 *   (on the real stack: /api/healthz while a server catches up on its whole history, bench/catchup-health.ts)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const noKafka = process.argv.includes('--no-kafka');
const noJetStream = process.argv.includes('--no-jetstream');
const noBrowser = process.argv.includes('--no-browser');
// Kafka alone (`scripts/stack start kafka`, seconds) instead of the whole stack (`up`, minutes): the benchmarks need no more.
const kafkaAlone = process.argv.includes('--kafka-alone');
const events = process.argv.includes('--events')
  ? (process.argv[process.argv.indexOf('--events') + 1] ?? '1000000')
  : '1000000';
const hasTaskset = spawnSync('sh', ['-c', 'command -v taskset']).status === 0;

function run(script: string, args: string[] = []): string {
  const cmd = [...(hasTaskset ? ['taskset', '-c', '0'] : []), 'node_modules/.bin/tsx', script, ...args];
  const res = spawnSync(cmd[0] as string, cmd.slice(1), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 30 * 60_000,
  });
  if (res.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${res.status})`);
  process.stdout.write(res.stdout);
  return res.stdout;
}

function lastJson(out: string): Record<string, number | string> {
  const line = out
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error('no result line');
  return JSON.parse(line) as Record<string, number | string>;
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}${hasTaskset ? ', each benchmark pinned to core 0' : ''}`,
);
console.log('\n== decode + per-table statistics (pure, in process)');
run('bench/decode-stats.ts');
console.log('\n== pipeline cost per event beside a JSON.parse loop (pure, in process, issue #11)');
run('bench/pipeline-ingest.ts');
console.log('\n== where the pipeline spends its time per event, part by part (pure, in process, issue #11)');
run('bench/pipeline-parts.ts');
console.log('\n== inspector buffer: heap per kept event against what it counts (pure, in process, issue #11)');
run('bench/inspector-memory.ts');
console.log('\n== replica pairing (pure, in process)');
run('bench/replica-pairing.ts');
console.log('\n== decode: Avro (Schema Registry wire format) beside JSON (pure, in process)');
run('bench/avro-decode.ts');
console.log('\n== checking socket pushes against their contract schemas (pure, in process)');
run('bench/wire-checks.ts');
console.log('\n== socket traffic per client and page (demo pipeline, push layer on a bare HTTP server)');
run('bench/socket-traffic.ts');
console.log(
  '\n== socket traffic of the overview with 500 more tables (demo pipeline, push layer on a bare HTTP server)',
);
run('bench/socket-traffic.ts', ['--many']);

if (!noBrowser) {
  // Not pinned: the dashboard and Chromium each need a core, as on a reader's machine. One browser at a time on this machine.
  console.log('\n== live pages in Chromium: frames/s, long tasks, socket KB/s (demo at 400 changes/s, issue #12)');
  execFileSync('bash', ['scripts/ensure-build.sh'], { stdio: 'inherit' });
  execFileSync('flock', ['/tmp/cdcscope-e2e.lock', 'node_modules/.bin/tsx', 'bench/browser-frames.ts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 15 * 60_000,
  });
  console.log('\n== the same with 500 more tables (issue #12)');
  execFileSync(
    'flock',
    ['/tmp/cdcscope-e2e.lock', 'node_modules/.bin/tsx', 'bench/browser-frames.ts', '--case', 'many-tables'],
    { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 },
  );
}

/** Issue #11's ratios, measured side by side in one run: throughput (≥ 0.8) and peak RSS (≤ 1.3) against the parse loop. */
function againstParseLoop(
  broker: string,
  parsing: Record<string, number | string>,
  ours: Record<string, number | string>,
) {
  const rate = Number(ours.eventsPerSecond) / Number(parsing.eventsPerSecond);
  const rss = Number(ours.peakRssMiB) / Number(parsing.peakRssMiB);
  console.log(
    `${broker} ingest: cdcscope ${ours.eventsPerSecond} ev/s / parse loop ${parsing.eventsPerSecond} ev/s = ${rate.toFixed(2)} (target ≥ 0.8); peak RSS ${ours.peakRssMiB} / ${parsing.peakRssMiB} MiB = ${rss.toFixed(2)} (target ≤ 1.3)`,
  );
}

if (!noJetStream) {
  // The machine's own NATS server (127.0.0.1:4222) is always running: no stack needed.
  console.log(`\n== JetStream ingest: ${events} messages, cdcscope pipeline vs a bare ordered consumer`);
  run('bench/jetstream-ingest.ts', ['--mode', 'produce', '--events', events]);
  const bare = lastJson(run('bench/jetstream-ingest.ts', ['--mode', 'bare', '--events', events]));
  const parsing = lastJson(run('bench/jetstream-ingest.ts', ['--mode', 'bare-parse', '--events', events]));
  const ours = lastJson(run('bench/jetstream-ingest.ts', ['--mode', 'cdcscope', '--events', events]));
  console.log(`jetstream ingest: bare ordered consumer (counting only) ${bare.eventsPerSecond} ev/s`);
  againstParseLoop('jetstream', parsing, ours);
}

if (!noKafka) {
  console.log(`\n== Kafka ingest: ${events} events, cdcscope pipeline vs a bare kafkajs loop`);
  execFileSync('bash', kafkaAlone ? ['scripts/stack', 'start', 'kafka'] : ['scripts/stack', 'up'], {
    stdio: 'inherit',
  });
  run('bench/kafka-ingest.ts', ['--mode', 'produce', '--events', events]);
  const bare = lastJson(run('bench/kafka-ingest.ts', ['--mode', 'bare', '--events', events]));
  const parsing = lastJson(run('bench/kafka-ingest.ts', ['--mode', 'bare-parse', '--events', events]));
  const ours = lastJson(run('bench/kafka-ingest.ts', ['--mode', 'cdcscope', '--events', events]));
  const ratio = Number(ours.eventsPerSecond) / Number(bare.eventsPerSecond);
  console.log(
    `kafka ingest: bare kafkajs (counting only) ${bare.eventsPerSecond} ev/s (peak RSS ${bare.peakRssMiB} MiB); cdcscope / that ${ratio.toFixed(2)}`,
  );
  againstParseLoop('kafka', parsing, ours);
  console.log(`\n== Seek on the broker: time to first match, full scan of ${events} events (server RSS)`);
  const seek = lastJson(run('bench/seek.ts', ['--events', events]));
  console.log(
    `seek: first match ${seek.firstMatch_any_ms} ms, scan ${seek.scannedPerSecond} msg/s, server RSS ${seek.rssStartMiB} → ${seek.rssEndMiB} MiB (peak ${seek.rssPeakMiB}), heap after GC ${seek.heapAfterGcStartMiB} → ${seek.heapAfterGcEndMiB} MiB`,
  );
  if (!kafkaAlone && !noBrowser) {
    console.log('\n== live pages in Chromium on the real stack, under scripts/stack load --rate 50 (issue #12)');
    execFileSync(
      'flock',
      ['/tmp/cdcscope-e2e.lock', 'node_modules/.bin/tsx', 'bench/browser-frames.ts', '--case', 'stack'],
      { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 },
    );
    console.log(
      '\n== freshness: a MariaDB commit → its table counter in Chromium, under scripts/stack load (issue #11 target 5)',
    );
    execFileSync('flock', ['/tmp/cdcscope-e2e.lock', 'node_modules/.bin/tsx', 'bench/commit-to-browser.ts'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 15 * 60_000,
    });
  }
  if (!kafkaAlone) {
    console.log('\n== /api/healthz while a restarted server catches up on the whole history, beside 3 busy loops');
    execFileSync('node_modules/.bin/tsx', ['bench/catchup-health.ts', '--busy', '3', '--runs', '2'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 10 * 60_000,
    });
  }
}
