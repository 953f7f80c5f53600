/**
 * `scripts/stack load --db mariadb` as bench/commit-to-browser.ts runs it: several generators at once,
 * stopped together, their summaries added up into the rate they reached.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseLoadSummary } from './freshness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Load {
  rate: number;
  procs: number;
  children: ChildProcess[];
  outputs: (() => string)[];
  started: number;
}

/**
 * The load for the whole run, no schema drift, bounded by --max-seconds even if this bench dies. One
 * generator is one connection doing one operation at a time, so it is bound by round trips (and
 * fsyncs): `--load-procs` runs several, the rate split between them.
 */
export function startLoad(loadRate: number, loadProcs: number, maxSeconds: number): Load {
  const bound = maxSeconds;
  const rate = String(Math.ceil(loadRate / loadProcs));
  const load: Load = { children: [], outputs: [], started: Date.now(), rate: loadRate, procs: loadProcs };
  for (let i = 0; i < loadProcs; i++) {
    const child = spawn(
      'bash',
      [
        'scripts/stack',
        'load',
        '--db',
        'mariadb',
        '--rate',
        rate,
        '--seconds',
        '0',
        '--max-seconds',
        String(bound),
      ].concat(['--alter-every', '0']),
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let out = '';
    const keep = (b: Buffer) => {
      out = (out + b.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    load.children.push(child);
    load.outputs.push(() => out);
  }
  return load;
}

export async function stopLoad(load: Load): Promise<string> {
  await Promise.all(
    load.children.map(async (child) => {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
    }),
  );
  const seconds = (Date.now() - load.started) / 1000;
  const sums = { ops: 0, rows: 0, errors: 0 };
  for (const output of load.outputs) {
    const s = parseLoadSummary(output());
    if (!s) return `scripts/stack load gave no summary: ${output().trim().split('\n').slice(-2).join(' | ')}`;
    for (const k of ['ops', 'rows', 'errors'] as const) sums[k] += s[k];
  }
  return `asked ${load.rate} operations/s on MariaDB (${load.procs} generators), reached ${Math.round(sums.ops / seconds)} operations/s = ${Math.round(sums.rows / seconds)} row changes/s over ${Math.round(seconds)} s (${sums.errors} errors)`;
}
