/**
 * What a fault does to its target, the same in both storm modes (one at a time in chaos.ts,
 * overlapping in chaos/overlap.ts): the hit and its own undo. What follows (healing, waiting
 * for health) is each mode's.
 */
import { signal, sleep, type CdcscopeServer } from './processes';
import type { Fault } from './schedule';

/** A window in which cdcscope was down on purpose: health samples overlapping it are excused. */
export interface DownWindow {
  from: number;
  to: number | null;
}

/**
 * cdcscope (process `pid`) hit and brought back: after a kill -9, a second, then `restart()`;
 * after a SIGSTOP, the pause, SIGCONT and up to 60 s for its health to answer. The whole time
 * is a down window. Resolves with the moment of the undo (the restart began, or SIGCONT).
 */
export async function hitCdcscope(
  f: Fault,
  pid: number,
  server: CdcscopeServer,
  downWindows: DownWindow[],
  restart: () => Promise<void> = () => server.start(),
): Promise<number> {
  let t0: number;
  const w: DownWindow = { from: Date.now(), to: null };
  downWindows.push(w);
  if (f.kind === 'kill') {
    server.kill();
    await sleep(1_000);
    t0 = Date.now();
    await restart();
  } else {
    signal(pid, 'SIGSTOP');
    await sleep(f.pauseMs);
    t0 = Date.now();
    signal(pid, 'SIGCONT');
    while (!(await server.healthy()) && Date.now() - t0 < 60_000) await sleep(200);
  }
  w.to = Date.now();
  return t0;
}

/**
 * A stack component (process `pid`) hit: kill -9, or SIGSTOP for the pause then SIGCONT.
 * Resolves with the moment of the kill or of the SIGCONT; starting a killed one is the caller's.
 */
export async function hitComponent(f: Fault, pid: number): Promise<number> {
  if (f.kind === 'kill') {
    signal(pid, 'SIGKILL');
    return Date.now();
  }
  signal(pid, 'SIGSTOP');
  await sleep(f.pauseMs);
  signal(pid, 'SIGCONT');
  return Date.now();
}
