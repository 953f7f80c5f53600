/**
 * What the storm does to processes: signals to a stack component's whole process group
 * (a JVM, a database with its backends, tsx with its node child), `scripts/stack` verbs run
 * without blocking the event loop (the health sampler keeps sampling meanwhile), and the
 * cdcscope server the storm owns.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { HEALTH_TIMEOUT_MS } from './report';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stack component's pid from its pid file, or null when it has none or the process is gone. */
export function componentPid(stackHome: string, name: string): number | null {
  try {
    const pid = Number(readFileSync(`${stackHome}/run/${name}.pid`, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Running and not a zombie. */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The process group when `pid` leads one (the stack starts components with setsid), else the pid alone. */
function groupOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    return pgrp === pid ? -pid : pid;
  } catch {
    return pid;
  }
}

export function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(groupOf(pid), sig);
  } catch {
    // Already gone: the fault happened by itself.
  }
}

export interface RunResult {
  code: number;
  out: string;
  ms: number;
}

/**
 * Verbs that start components run them at nice 10: on the 2-core test machine a restarting JVM (Kafka, Debezium
 * Server) takes both cores for 10-20 s, and the health probe measured that contention rather than cdcscope.
 */
const STARTING_VERBS = new Set(['start', 'up']);
const RESTART_NICENESS = 10;

/** The program and arguments that run `scripts/stack <args>`. */
export function stackCommand(root: string, args: string[]): [string, string[]] {
  const stack = `${root}/scripts/stack`;
  return STARTING_VERBS.has(args[0] ?? '') ? ['nice', ['-n', String(RESTART_NICENESS), stack, ...args]] : [stack, args];
}

/** `scripts/stack <args>`, asynchronously, bounded. */
export function stackVerb(root: string, args: string[], timeoutMs = 300_000): Promise<RunResult> {
  const t0 = Date.now();
  const [file, argv] = stackCommand(root, args);
  return new Promise((resolve) => {
    execFile(file, argv, { cwd: root, timeout: timeoutMs, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}`, ms: Date.now() - t0 });
    });
  });
}

/** SQL as root on the MariaDB primary over its socket (root has no TCP account). */
export function primarySql(stackHome: string, sql: string): Promise<RunResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    execFile(
      'mariadb',
      ['--protocol=socket', '-S', `${stackHome}/run/mariadb-primary.sock`, '-uroot', '--connect-timeout=5', '-e', sql],
      { timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: `${stdout}${stderr}`, ms: Date.now() - t0 }),
    );
  });
}

/** The cdcscope server under test: production mode, its own process group, output to a log file. */
export class CdcscopeServer {
  private child: ChildProcess | null = null;
  /** Exits the storm did not cause. */
  unexpectedExits = 0;
  private expectingExit = false;

  constructor(
    private readonly root: string,
    private readonly port: number,
    private readonly configFile: string,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Starts it and waits until /api/healthz answers. */
  async start(timeoutMs = 120_000): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    // node --import tsx, not the tsx launcher: the pid is the server itself, so its RSS is the server's.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: this.root,
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        CDCSCOPE_CONFIG: this.configFile,
        CDCSCOPE_HOST: '127.0.0.1',
        CDCSCOPE_PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.expectingExit = false;
    child.once('exit', () => {
      if (!this.expectingExit) this.unexpectedExits++;
      if (this.child === child) this.child = null;
    });
    this.child = child;
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`cdcscope exited at start; see ${this.logFile}`);
      if (await this.healthy()) return;
      await sleep(300);
    }
    throw new Error(`cdcscope did not answer on ${this.url} within ${timeoutMs / 1000} s; see ${this.logFile}`);
  }

  async healthy(): Promise<boolean> {
    return fetch(`${this.url}/api/healthz`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) }).then(
      (r) => r.ok,
      () => false,
    );
  }

  /** kill -9 (the storm's fault); the exit is expected. */
  kill(): void {
    const pid = this.pid;
    if (pid === null) return;
    this.expectingExit = true;
    signal(pid, 'SIGKILL');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.expectingExit = true;
    const exited = new Promise((r) => child.once('exit', r));
    signal(child.pid, 'SIGTERM');
    const t = setTimeout(() => {
      if (child.pid) signal(child.pid, 'SIGKILL');
    }, 10_000);
    await exited;
    clearTimeout(t);
  }

  /** Resident memory of the server process, MB. */
  rssMb(): number | null {
    const pid = this.pid;
    if (pid === null) return null;
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : null;
    } catch {
      return null;
    }
  }
}
