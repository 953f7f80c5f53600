/**
 * The processes of bench/overload.ts: a paced producer, the server under test
 * and the health probers (issue #11, target 6).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompressionTypes, type Producer } from 'kafkajs';
import { benchEvent } from './bench-events';
import type { Probe } from './overload-summary';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** 20,000 distinct ~1 KB events, sent round and round (building each anew would cost the producer its core). */
const pool = Array.from({ length: 20_000 }, (_, i) => benchEvent(i));
export const valueBytes = pool[0]?.value.length ?? 1_000;
const CHUNK = 1_000;
const MAX_IN_FLIGHT = 8;

/**
 * `produce(total, rate)` sends `total` more events at `rate` per second (as fast as possible when 0);
 * `sendLog` is cumulative: messages below `upTo` were handed to the producer by `t` (the truth's message ages).
 */
export function pacedProducer(producer: Producer, topic: string) {
  let dispatched = 0;
  const sendLog: { upTo: number; t: number }[] = [];
  async function produce(total: number, rate: number) {
    const started = Date.now();
    const goal = dispatched + total;
    const inFlight = new Set<Promise<void>>();
    while (dispatched < goal) {
      const due = rate > 0 ? goal - total + Math.floor(((Date.now() - started) / 1000) * rate) : goal;
      if (dispatched >= Math.min(due, goal) || inFlight.size >= MAX_IN_FLIGHT) {
        await (inFlight.size >= MAX_IN_FLIGHT ? Promise.race(inFlight) : sleep(20));
        continue;
      }
      const n = Math.min(CHUNK, Math.min(due, goal) - dispatched);
      const messages = Array.from({ length: n }, (_, j) => pool[(dispatched + j) % pool.length] as (typeof pool)[0]);
      dispatched += n;
      sendLog.push({ upTo: dispatched, t: Date.now() });
      const p = producer
        .send({ topic, messages, acks: 1, compression: CompressionTypes.None })
        .then(() => undefined)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }
  return { produce, sendLog };
}

export function startServer({
  brokers,
  port,
  cpu,
  topic,
}: {
  brokers: string[];
  port: number;
  cpu: string;
  topic: string;
}) {
  const dir = mkdtempSync(join(tmpdir(), 'cdcscope-overload-'));
  const config = join(dir, 'config.json');
  const source = {
    id: 'ov',
    kind: 'kafka',
    brokers,
    clientId: 'cdcscope-overload',
    topics: [topic],
    start: 'earliest',
  };
  writeFileSync(config, JSON.stringify({ server: { host: '127.0.0.1', port }, sources: [source] }));
  // `BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'`: where the server's time goes (written at its exit).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // taskset execs node: the child's pid is the server's, for /proc/<pid>/status.
  const child = spawn('taskset', ['-c', cpu, process.execPath, ...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', CDCSCOPE_CONFIG: config },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(dir, 'server.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  console.log(`server: pid ${child.pid}, core ${cpu}, log ${join(dir, 'server.log')}`);
  return child;
}

/**
 * `/api/healthz` every 100 ms from a small process of its own pinned to `cpu` (not this process, whose
 * producer would delay its answers), waiting up to 10 s: one slower than 2 s counts as unanswered (the fault
 * storm's probe gives up then), but its latency and CPU time still count. Beside its
 * latency, each probe reads how long the server's main thread ran meanwhile (/proc schedstat): the latency
 * it would have on a core of its own, which a loaded machine stretches by the time it waits for one.
 */
export function startProber(cpu: string, serverPid: number, url: string): { probes: Probe[]; stop: () => void } {
  const probes: Probe[] = [];
  const code = `
    const ran = () => Number(require('node:fs').readFileSync('/proc/${serverPid}/schedstat', 'utf8').split(' ')[0]) / 1e6;
    setInterval(() => {
      const at = Date.now(), t0 = performance.now(), r0 = ran();
      const say = (p) => process.stdout.write(JSON.stringify(p) + '\\n');
      fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(10000) })
        .then((r) => r.arrayBuffer().then(() => r.ok))
        .then((ok) => say(ok ? { at, ms: performance.now() - t0, cpuMs: ran() - r0 } : { at }), () => say({ at }));
    }, 100);`;
  const child = spawn('taskset', ['-c', cpu, process.execPath, '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) probes.push(JSON.parse(l) as Probe);
  });
  return { probes, stop: () => child.kill('SIGTERM') };
}

/** How long the thread group leader (a Node process's main thread: its event loop) ran and waited for a core, ms. */
export function schedstat(pid: number): { runMs: number; waitMs: number } {
  const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
  return { runMs: (run ?? Number.NaN) / 1e6, waitMs: (wait ?? Number.NaN) / 1e6 };
}

export function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
}
