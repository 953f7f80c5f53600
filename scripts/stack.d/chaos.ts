/**
 * `scripts/stack chaos [--faults N] [--minutes M] [--seed S] [--targets a,b] [--rate R] [--port P]`
 * The fault storm (issue #10): under steady load from the load generator, kill -9 and
 * SIGSTOP/SIGCONT the stack's parts and a cdcscope server of its own (`start: earliest`,
 * restarted after a kill), one fault at a time, healing after each; then stop the load, let
 * the pipeline settle and compare cdcscope's counts (its /api) with an independent count of
 * the topics and the stream. Writes .stack/logs/chaos-<time>.{md,json}; exits 1 on any
 * mismatch, unhealed fault, slow health answer or memory growth. See RELIABILITY.md.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { errorMessage } from '../../lib/error-message';
import {
  compareReplicas,
  compareTables,
  type CountRow,
  type ShownReplicaTable,
  type ShownTable,
} from './chaos/compare';
import { readKafka, kafkaEnds, readStream, streamSubjects } from './chaos/readers';
import { CdcscopeServer, componentPid, primarySql, signal, sleep, stackVerb } from './chaos/processes';
import {
  renderMarkdown,
  summarizeHealth,
  verdict,
  faultLine,
  pendingResult,
  type FaultResult,
  type StormReport,
} from './chaos/report';
import { faultSchedule, TARGETS, type Fault } from './chaos/schedule';
import { parseArgs } from './chaos/options';
import { HealthSampler, sourcesLive, sourcesLiveNow } from './chaos/health';
import { hitCdcscope, hitComponent, type DownWindow } from './chaos/strike';
import { healStack, lastError } from './chaos/heal';
import { overlappingFaults, settle } from './chaos/overlap';
import { ReplicaTruth, tableOfChannel, tallyMessage, type OpTally } from './chaos/truth';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (run through scripts/stack chaos)`);
  return v;
};
const ROOT = env('STACK_ROOT');
const HOME = env('STACK_HOME');
const log = (s: string) => console.log(`${new Date().toISOString().slice(11, 19)} chaos: ${s}`);

const opts = (() => {
  try {
    return parseArgs(process.argv.slice(2));
  } catch (e) {
    // One line, like every other stack verb: a typo gets a diagnosis, not a trace.
    console.error(`stack: error: chaos: ${errorMessage(e)}`);
    process.exit(2);
  }
})();

/** The replica topics and the PostgreSQL subjects: what the storm's cdcscope watches and what is compared. */
const kafkaTable = (t: string) => /^replica_[ab]\./.test(t) && tableOfChannel(t) !== null;
const inScope = (t: string) => kafkaTable(t) || (t.startsWith('pg.') && tableOfChannel(t) !== null);

const configFile = `${HOME}/run/chaos.config.yaml`;
writeFileSync(
  configFile,
  `# Written by scripts/stack chaos: the storm's own cdcscope.
server: { host: 127.0.0.1, port: ${opts.port} }
sources:
  - { id: kafka, kind: kafka, brokers: ['${env('KAFKA_BOOTSTRAP')}'], clientId: cdcscope-chaos, topics: ['/^replica_[ab]\\./'], start: earliest, topicRefreshMs: 5000 }
  - id: nats
    kind: jetstream
    servers: ['${env('NATS_URL')}']
    stream: ${env('NATS_STREAM')}
    subject: '>'
    start: all
    primaryKeys: { inventory.customers: [id], inventory.orders: [id], inventory.products: [id] }
replicas:
  - { id: inventory, a: { serverName: replica_a }, b: { serverName: replica_b } }
audit: { kind: file, path: ${HOME}/run/chaos-audit.jsonl }
`,
);
const server = new CdcscopeServer(ROOT, opts.port, configFile, `${HOME}/logs/chaos-cdcscope.log`);
/** Windows in which cdcscope was down on purpose: health samples overlapping them are excused. */
const downWindows: DownWindow[] = [];

async function inject(f: Fault): Promise<FaultResult> {
  const result = pendingResult(f);
  log(faultLine(f));
  let t0: number;
  if (f.target === 'cdcscope') {
    const pid = server.pid;
    if (pid === null) throw new Error('cdcscope is not running');
    t0 = await hitCdcscope(f, pid, server, downWindows);
    result.backMs = Date.now() - t0;
  } else {
    const pid = componentPid(HOME, f.target);
    if (pid === null) return { ...result, note: `${f.target} was not running` };
    t0 = await hitComponent(f, pid);
    const healed = await healStack(ROOT, f.target, f.kind === 'kill');
    if (healed.note) result.note = healed.note;
    if (healed.ok) result.backMs = Date.now() - t0;
  }
  if (await sourcesLive(server, 180_000)) result.liveMs = Date.now() - t0;
  log(
    `fault ${f.n}: back in ${result.backMs ?? '—'} ms, sources live in ${result.liveMs ?? '—'} ms${result.note ? ` (${result.note})` : ''}`,
  );
  return result;
}

const getJson = async <T>(path: string): Promise<T> => {
  const r = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return (await r.json()) as T;
};

/** Waits until the topics and the stream stop growing (load stopped, heartbeat table paused). */
async function quiet(timeoutMs = 180_000): Promise<void> {
  let prev = '';
  let since = Date.now();
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ends = await kafkaEnds(env('KAFKA_BOOTSTRAP'), kafkaTable).catch(() => new Map());
    const subjects = await streamSubjects(env('NATS_URL'), env('NATS_STREAM'), 'pg.>').catch(() => ({}));
    const now = JSON.stringify([[...ends.entries()].sort(), subjects]);
    if (now !== prev) [prev, since] = [now, Date.now()];
    else if (Date.now() - since >= 10_000) return;
    await sleep(2_000);
  }
  log('the topics kept growing; comparing anyway');
}

async function compareAll(): Promise<Pick<StormReport, 'tables' | 'replicas' | 'divergentSamples'>> {
  const truth = new Map<string, OpTally>();
  const pairs = new ReplicaTruth();
  const k = await readKafka(env('KAFKA_BOOTSTRAP'), kafkaTable, (topic, v, key) => {
    tallyMessage(truth, topic, v);
    pairs.add(topic.startsWith('replica_a.') ? 'a' : 'b', topic, v, key);
  });
  const j = await readStream(env('NATS_URL'), env('NATS_STREAM'), (subject, v) => {
    const t = tableOfChannel(subject);
    if (t && inScope(t)) tallyMessage(truth, t, v);
  });
  log(`independent count: ${k} Kafka messages, ${j} JetStream messages`);
  let tables: CountRow[] = [];
  for (const end = Date.now() + 120_000; Date.now() < end; await sleep(2_000)) {
    tables = compareTables(truth, await getJson<ShownTable[]>('/api/tables'), inScope);
    if (tables.every((r) => r.ok)) break;
  }
  // The topics are read once: the truth is fixed, only cdcscope's side is polled.
  const replicaTruth = pairs.result();
  let replicas: CountRow[] = [];
  for (const end = Date.now() + 60_000; Date.now() < end; await sleep(2_000)) {
    const pair = await getJson<{ tables: ShownReplicaTable[]; pendingNow: number }>('/api/replicas/inventory');
    replicas = compareReplicas(replicaTruth, pair.tables);
    if (pair.pendingNow === 0 && replicas.every((r) => r.ok)) break;
  }
  const divergentSamples = replicaTruth.flatMap((t) => t.samples.map((d) => ({ table: t.table, ...d })));
  return { tables, replicas, divergentSamples };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, load average ${loadavg()[0]?.toFixed(1) ?? '?'} at start, Node ${process.version}`;
  log(`seed ${opts.seed}, up to ${opts.faults} faults in ${opts.minutes} min on ${opts.targets.join(', ')}`);
  const build = await new Promise<number>((r) =>
    spawn('bash', ['scripts/ensure-build.sh'], { cwd: ROOT, stdio: 'inherit' }).once('exit', (c) => r(c ?? 1)),
  );
  if (build !== 0) throw new Error('the web app build failed (scripts/ensure-build.sh)');
  const up = await stackVerb(ROOT, ['up'], 400_000);
  if (up.code !== 0) throw new Error(`scripts/stack up failed: ${lastError(up.out)}`);
  await primarySql(HOME, 'SET GLOBAL event_scheduler = ON');
  await server.start();
  const load = spawn(
    `${ROOT}/scripts/stack`,
    [
      'load',
      '--rate',
      String(opts.rate),
      '--seconds',
      '0',
      '--max-seconds',
      String(Math.ceil(opts.minutes * 60 + 900)),
    ],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  // Interrupted (Ctrl-C, a test's timeout): leave nothing running, resume anything paused.
  const abort = (sig: string) => {
    log(`${sig}: stopping the load and cdcscope`);
    load.kill('SIGTERM');
    for (const t of TARGETS) {
      const pid = t === 'cdcscope' ? server.pid : componentPid(HOME, t);
      if (pid !== null) signal(pid, 'SIGCONT');
    }
    // The server first: it runs in a process group of its own, so nothing else would stop it.
    void server
      .stop()
      .then(() => primarySql(HOME, 'SET GLOBAL event_scheduler = ON'))
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', () => abort('SIGINT'));
  process.once('SIGTERM', () => abort('SIGTERM'));
  const sampler = new HealthSampler(server, downWindows);
  let report: StormReport | undefined;
  try {
    if (!(await sourcesLive(server, 120_000))) throw new Error('cdcscope sources never all live before the storm');
    await sleep(opts.warmupMs); // warm-up: the start-up catch-up is over and the load is flowing
    // Every route the comparison asks, once, before RSS is taken: Next.js loads a route's code on
    // its first request, which is start-up, not growth under the storm.
    for (const path of ['/api/tables', '/api/replicas/inventory', '/api/sources'])
      await getJson(path).catch(() => undefined);
    const rssBefore = server.rssMb();
    const deadline = Date.now() + opts.minutes * 60_000;
    const schedule = faultSchedule({
      seed: opts.seed,
      faults: opts.faults,
      targets: opts.targets,
      gapMs: opts.gapMs,
      pauseMs: opts.pauseMs,
    });
    let results: FaultResult[] = [];
    let settled: StormReport['settle'];
    if (opts.overlap) {
      const ctx = { root: ROOT, home: HOME, server, downWindows, sourcesLiveNow: () => sourcesLiveNow(server), log };
      const storm = await overlappingFaults(schedule, deadline, ctx);
      results = storm.results;
      log('last fault undone: healing the whole stack once');
      settled = await settle(ctx);
      await storm.back;
      log(
        `stack healthy and sources live ${(settled.ms / 1000).toFixed(1)} s later${settled.note ? ` (${settled.note})` : ''}`,
      );
    } else {
      for (const f of schedule) {
        if (Date.now() >= deadline) break;
        await sleep(f.gapMs);
        results.push(await inject(f));
      }
    }
    log('storm over: stopping the load, pausing the heartbeat table, waiting for the pipeline to settle');
    load.kill('SIGTERM');
    await primarySql(HOME, 'SET GLOBAL event_scheduler = OFF');
    await quiet();
    const { tables, replicas, divergentSamples } = await compareAll();
    const rssAfter = server.rssMb();
    await sampler.stop();
    report = {
      command: `scripts/stack chaos ${process.argv.slice(2).join(' ')}`.trim(),
      seed: opts.seed,
      startedAt: startedAt.toISOString(),
      durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine,
      faults: results,
      ...(settled ? { settle: settled } : {}),
      health: summarizeHealth(sampler.samples()),
      rss: rssBefore !== null && rssAfter !== null ? { beforeMb: rssBefore, afterMb: rssAfter } : null,
      tables,
      replicas,
      divergentSamples,
      unexpectedExits: server.unexpectedExits,
    };
  } finally {
    void sampler.stop();
    load.kill('SIGTERM');
    await primarySql(HOME, 'SET GLOBAL event_scheduler = ON');
    await server.stop();
  }
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const md = renderMarkdown(report);
  writeFileSync(`${HOME}/logs/chaos-${stamp}.md`, md);
  writeFileSync(`${HOME}/logs/chaos-${stamp}.json`, JSON.stringify(report, null, 2));
  console.log(`\n${md}\nreport: ${HOME}/logs/chaos-${stamp}.{md,json}`);
  const why = verdict(report);
  if (why.length) {
    console.error(
      `stack: error: chaos: the storm failed: ${why[0]}${why.length > 1 ? ` (+${why.length - 1} more)` : ''}`,
    );
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(`stack: error: chaos: ${errorMessage(e)}`);
  process.exit(1);
});
