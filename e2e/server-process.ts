import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';

/**
 * A dashboard server the spec owns, for tests that restart it (Playwright's
 * webServer cannot). Production mode over the build `npm test` made; its
 * output goes to test-results/<name>.log.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private starts = 0;

  constructor(
    private readonly name: string,
    private readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    mkdirSync('test-results', { recursive: true });
    const log = createWriteStream(`test-results/${this.name}.log`, { flags: this.starts++ === 0 ? 'w' : 'a' });
    const child = spawn('node_modules/.bin/tsx', ['server/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        CDCSCOPE_PORT: String(this.port),
        CDCSCOPE_HOST: '127.0.0.1',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: tsx runs the server in a child process, which `kill()` must reach too.
      detached: true,
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    this.child = child;
    const end = Date.now() + 120_000;
    while (Date.now() < end) {
      if (child.exitCode !== null)
        throw new Error(`${this.name} exited with ${child.exitCode}; see test-results/${this.name}.log`);
      const ok = await fetch(`${this.url}/api/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`${this.name} did not answer on ${this.url} within 120 s`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /**
   * kill -9 of the server and tsx's wrapper around it (the whole process
   * group: SIGKILL cannot be relayed): no shutdown of any kind, as a crashed
   * process or host. Resolves once the wrapper has exited.
   */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
