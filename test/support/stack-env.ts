import { execFileSync, spawn } from 'node:child_process';
import { errorMessage } from '../../lib/error-message';

/** The stack's fixed names and ports from `scripts/stack env` (source of truth: scripts/stack.d/env.sh). */
export function stackEnv(): Record<string, string> {
  const out = execFileSync('bash', ['scripts/stack', 'env'], { encoding: 'utf8' });
  const entries = out
    .split('\n')
    .map((l) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1] as string, (m[2] as string).replace(/^"(.*)"$/, '$1')] as const);
  return Object.fromEntries(entries);
}

export function stack(...args: string[]): string {
  return execFileSync('bash', ['scripts/stack', ...args], { encoding: 'utf8', timeout: 280_000 });
}

/** Polls `fn` until it returns a truthy value or the time is up. */
export async function waitFor<T>(
  what: string,
  fn: () => T | Promise<T>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${errorMessage(last)}` : ''}`);
}

/**
 * Runs a stack verb in the background, e.g. `load`: a synchronous call would
 * block this process's event loop, and with it the pipeline under test.
 */
export function stackInBackground(...args: string[]): Promise<number> {
  const child = spawn('bash', ['scripts/stack', ...args], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
}
