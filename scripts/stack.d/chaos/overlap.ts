/**
 * The overlapping storm (`scripts/stack chaos --overlap`): faults are injected on schedule
 * without waiting for the previous one to heal, so several parts of the stack are down or
 * hung at once, as in a real incident; each one's undo (its `scripts/stack start` after a
 * kill, the SIGCONT after a pause, cdcscope's restart) runs in the background. After the last
 * fault the whole stack is healed once and every cdcscope source must be live again.
 *
 * Time back of a fault = from its kill (or SIGCONT) until `scripts/stack status` shows that
 * component healthy again (read by one shared poller, every status read started after the
 * fault); sources live = until, after that, cdcscope reported every source live.
 */
import { healStack } from './heal';
import { componentPid, sleep, stackVerb, type CdcscopeServer } from './processes';
import { faultLine, pendingResult, type FaultResult } from './report';
import type { Fault, Target } from './schedule';
import { parseStatus, type StackHealth } from './status';
import { hitCdcscope, hitComponent, type DownWindow } from './strike';

export interface OverlapContext {
  root: string;
  home: string;
  server: CdcscopeServer;
  /** Windows in which cdcscope was down on purpose (health samples inside are excused). */
  downWindows: DownWindow[];
  /** Every cdcscope source live right now? */
  sourcesLiveNow: () => Promise<boolean>;
  log: (s: string) => void;
}

/** A component waits this long to be healthy again before its fault counts as not healed. */
const BACK_TIMEOUT_MS = 300_000;

/** Is the component healthy in one status read (connect: also every connector RUNNING)? */
function healthyIn(h: StackHealth, target: Target): boolean {
  if (h.down.includes(target) || h.unhealthy.includes(target)) return false;
  return target !== 'connect' || h.connectors.length === 0;
}

/**
 * One poller for every fault waiting to be back: `scripts/stack status` and cdcscope's
 * sources, read in turn while anybody waits. A read counts for a waiter only if it started
 * after the waiter's moment, so a status taken before the fault never heals it.
 */
class Watcher {
  private waiters: { since: number; test: (h: StackHealth, live: boolean) => boolean; done: (at: number) => void }[] =
    [];
  private running = false;

  constructor(private readonly ctx: OverlapContext) {}

  /** Resolves with the time of the first read after `since` that passes `test`, or null after the timeout. */
  until(since: number, test: (h: StackHealth, live: boolean) => boolean): Promise<number | null> {
    return new Promise((resolve) => {
      const w = {
        since,
        test,
        done: (at: number) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve(null);
      }, BACK_TIMEOUT_MS);
      this.waiters.push(w);
      if (!this.running) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    while (this.waiters.length) {
      const started = Date.now();
      const h = parseStatus((await stackVerb(this.ctx.root, ['status'], 60_000)).out);
      const live = await this.ctx.sourcesLiveNow();
      const at = Date.now();
      for (const w of [...this.waiters]) {
        if (started >= w.since && w.test(h, live)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.done(at);
        }
      }
      await sleep(Math.max(0, 1_000 - (Date.now() - started)));
    }
    this.running = false;
  }
}

/**
 * Carries out `faults` overlapping. Returns once the last one is injected and every fault's
 * own undo is done (restart returned, SIGCONT sent); `back` settles once every fault is back
 * and live (or given up), which may take the final heal (settle()).
 */
export async function overlappingFaults(
  faults: readonly Fault[],
  deadline: number,
  ctx: OverlapContext,
): Promise<{ results: FaultResult[]; back: Promise<void> }> {
  const watcher = new Watcher(ctx);
  const undone = new Map<Target, Promise<unknown>>();
  const back: Promise<void>[] = [];
  const results: FaultResult[] = [];
  for (const f of faults) {
    if (Date.now() >= deadline) break;
    await sleep(f.gapMs);
    // The same part twice: its previous fault is undone first (a part being restarted has no pid to hit).
    await undone.get(f.target);
    const result = pendingResult(f);
    results.push(result);
    ctx.log(faultLine(f));
    const injected = inject(f, result, ctx);
    undone.set(f.target, injected);
    back.push(injected.then((t0) => (t0 === null ? undefined : whenBack(f, t0, result, watcher, ctx))));
  }
  await Promise.all(undone.values());
  return { results, back: Promise.all(back).then(() => undefined) };
}

/** Injects the fault and undoes it (restart, SIGCONT); resolves with the moment of the undo, null when nothing was hit. */
async function inject(f: Fault, result: FaultResult, ctx: OverlapContext): Promise<number | null> {
  if (f.target === 'cdcscope') {
    const pid = ctx.server.pid;
    if (pid === null) {
      result.note = 'cdcscope was not running';
      return null;
    }
    return hitCdcscope(f, pid, ctx.server, ctx.downWindows, () =>
      ctx.server.start().catch((e: unknown) => {
        result.note = `restart failed: ${String(e)}`;
      }),
    );
  }
  const pid = componentPid(ctx.home, f.target);
  if (pid === null) {
    result.note = `${f.target} was not running`;
    return null;
  }
  const t0 = await hitComponent(f, pid);
  if (f.kind === 'kill') {
    const r = await stackVerb(ctx.root, ['start', f.target]);
    if (r.code !== 0) result.note = `start ${f.target} failed (healed at the end)`;
  }
  return t0;
}

/** Fills in the fault's time back (its component healthy again) and time until every source was live after that. */
async function whenBack(f: Fault, t0: number, result: FaultResult, watcher: Watcher, ctx: OverlapContext) {
  const backAt =
    f.target === 'cdcscope'
      ? await ctx.server.healthy().then((ok) => (ok ? Date.now() : null))
      : await watcher.until(t0, (h) => healthyIn(h, f.target));
  if (backAt === null) return;
  result.backMs = backAt - t0;
  const liveAt = await watcher.until(backAt, (_h, live) => live);
  if (liveAt !== null) result.liveMs = liveAt - t0;
  ctx.log(
    `fault ${f.n} (${f.kind} ${f.target}): back in ${result.backMs} ms, sources live in ${result.liveMs ?? '—'} ms${result.note ? ` (${result.note})` : ''}`,
  );
}

/** After the last fault: the whole stack healthy (starting, restarting, `up` as needed) and every source live. */
export async function settle(ctx: OverlapContext): Promise<{ ok: boolean; ms: number; note?: string }> {
  const t0 = Date.now();
  const healed = await healStack(ctx.root, 'all', false);
  let live = false;
  for (const end = Date.now() + 180_000; !live && Date.now() < end;) {
    live = await ctx.sourcesLiveNow();
    if (!live) await sleep(500);
  }
  const note = [healed.note, live ? '' : 'cdcscope sources not all live'].filter(Boolean).join('; ');
  return { ok: healed.ok && live, ms: Date.now() - t0, ...(note ? { note } : {}) };
}
