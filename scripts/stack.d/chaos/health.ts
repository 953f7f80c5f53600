/**
 * cdcscope's health as the storm watches it: its health endpoint sampled every 0.5 s
 * throughout (answer times, excused while it is down on purpose), and whether every
 * source is live.
 */
import { sleep, type CdcscopeServer } from './processes';
import { HEALTH_TIMEOUT_MS, type HealthSample } from './report';
import type { DownWindow } from './strike';

/** Samples from construction until stop(); `downWindows` (filled by the storm) excuse samples. */
export class HealthSampler {
  private readonly taken: { start: number; end: number; ms: number | null }[] = [];
  private sampling = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly server: CdcscopeServer,
    private readonly downWindows: readonly DownWindow[],
  ) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    while (this.sampling) {
      const start = Date.now();
      const ok = await this.server.healthy();
      const end = Date.now();
      this.taken.push({ start, end, ms: ok ? end - start : null });
      await sleep(Math.max(0, 500 - (end - start)));
    }
  }

  /** Stops sampling; resolves once the sample in flight is taken. */
  stop(): Promise<void> {
    this.sampling = false;
    return this.done;
  }

  samples(): HealthSample[] {
    return this.taken.map((s) => ({
      at: s.start,
      ms: s.ms,
      excused: this.downWindows.some((w) => s.end >= w.from && (w.to === null || s.start <= w.to)),
    }));
  }
}

/** Every cdcscope source live right now (its /api/healthz)? */
export async function sourcesLiveNow(server: CdcscopeServer): Promise<boolean> {
  const h = await fetch(`${server.url}/api/healthz`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })
    .then((r) => r.json() as Promise<{ sources?: { total: number; live: number } }>)
    .catch(() => null);
  return !!h?.sources && h.sources.total > 0 && h.sources.live === h.sources.total;
}

/** Waits up to `timeoutMs` for every source to be live; false if they never all were. */
export async function sourcesLive(server: CdcscopeServer, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await sourcesLiveNow(server)) return true;
    await sleep(500);
  }
  return false;
}
