/**
 * Health while catching up (issue #11 target 6, issue #10's storm limit): a
 * cdcscope server started on the stack's whole history (Kafka replica topics
 * from `earliest`, the JetStream stream from its start), as the fault storm's
 * server is after a kill -9; `/api/healthz` asked every 100 ms for `--seconds`;
 * prints p50/p95/p99/max and the slowest samples. `--busy N` runs N busy loops
 * beside it (the test machine under CI load is ~2.5 runnable threads per core).
 *
 *   flock -o /tmp/cdcscope-stack.lock bash -c 'scripts/stack up && scripts/stack load --rate 400 --seconds 90'   # a history
 *   npx tsx bench/catchup-health.ts [--seconds 30] [--busy 3] [--runs 2]
 *
 * Needs the built app (bash scripts/ensure-build.sh). Figures, no pass/fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { CdcscopeServer, sleep } from '../scripts/stack.d/chaos/processes';
import { stackEnv } from '../test/support/stack-env';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const seconds = Number(arg('seconds', '30'));
const busy = Number(arg('busy', '0'));
const runs = Number(arg('runs', '1'));
/** Not an e2e port (3101–3105), nor the storm's (3197) or another bench's (3191, 3192). */
const PORT = 3193;
const env = stackEnv();
const configFile = `${env.STACK_HOME}/run/catchup-health.config.yaml`;
writeFileSync(
  configFile,
  `# Written by bench/catchup-health.ts: the storm's server (scripts/stack.d/chaos.ts) on the whole history.
server: { host: 127.0.0.1, port: ${PORT} }
sources:
  - { id: kafka, kind: kafka, brokers: ['${env.KAFKA_BOOTSTRAP}'], clientId: cdcscope-catchup, topics: ['/^replica_[ab]\\./'], start: earliest }
  - { id: nats, kind: jetstream, servers: ['${env.NATS_URL}'], stream: ${env.NATS_STREAM}, subject: '>', start: all }
replicas:
  - { id: inventory, a: { serverName: replica_a }, b: { serverName: replica_b } }
audit: { kind: file, path: ${env.STACK_HOME}/run/catchup-audit.jsonl }
`,
);

const pct = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

async function once(run: number): Promise<void> {
  const loops: ChildProcess[] = [];
  for (let i = 0; i < busy; i++) loops.push(spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' }));
  const server = new CdcscopeServer(process.cwd(), PORT, configFile, `${env.STACK_HOME}/logs/catchup-health.log`);
  try {
    await server.start();
    const t0 = Date.now();
    const samples: { at: number; ms: number }[] = [];
    while (Date.now() - t0 < seconds * 1000) {
      const start = Date.now();
      const ok = await server.healthy();
      samples.push({ at: start - t0, ms: ok ? Date.now() - start : 2_000 });
      await sleep(100);
    }
    const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
    const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(
      `run ${run}: ${samples.length} samples over ${seconds} s from the first answer, ${busy} busy loops: ` +
        `healthz p50 ${pct(ms, 0.5)} ms, p95 ${pct(ms, 0.95)} ms, p99 ${pct(ms, 0.99)} ms, max ${ms.at(-1)} ms; ` +
        `slowest ${slowest.map((s) => `${s.ms} ms at +${(s.at / 1000).toFixed(1)} s`).join(', ')}; RSS ${server.rssMb()} MB`,
    );
  } finally {
    await server.stop();
    for (const l of loops) l.kill('SIGKILL');
  }
}

async function main() {
  console.log(
    `catchup-health: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, load ${loadavg()[0]?.toFixed(1)}, Node ${process.version}`,
  );
  for (let r = 1; r <= runs; r++) await once(r);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
