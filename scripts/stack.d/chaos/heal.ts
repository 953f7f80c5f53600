/** The storm's healing loop: brings the stack back to healthy after each fault. */
import { sleep, stackVerb } from './processes';
import { healthy, parseStatus } from './status';

/**
 * Heals the stack after a fault: a killed component is started again (`scripts/stack start`),
 * then `scripts/stack status` is read until everything is healthy: a component found down is
 * started, Debezium Server alive but not streaming for 30 s is restarted (its NATS sink does
 * not reconnect), connectors not RUNNING get `scripts/stack up` (which restarts failed tasks).
 */
export async function healStack(
  root: string,
  target: string,
  killed: boolean,
): Promise<{ ok: boolean; note?: string }> {
  const notes: string[] = [];
  const start = async (name: string) => {
    const r = await stackVerb(root, ['start', name]);
    if (r.code !== 0) notes.push(`start ${name} failed: ${lastError(r.out)}`);
  };
  if (killed) await start(target);
  let dbzBadSince: number | null = null;
  let ups = 0;
  // A read of `status` costs well under a second since its probes run at once (status.sh), so
  // reading every second keeps "time back" within about a second of the truth.
  for (const end = Date.now() + 300_000; Date.now() < end; await sleep(1_000)) {
    const h = parseStatus((await stackVerb(root, ['status'], 60_000)).out);
    if (healthy(h)) return { ok: true, ...(notes.length ? { note: notes.join('; ') } : {}) };
    if (h.down.length) {
      for (const name of h.down) {
        notes.push(`${name} found down: started`);
        await start(name);
      }
      continue;
    }
    if (h.unhealthy.includes('debezium-server')) {
      dbzBadSince ??= Date.now();
      if (Date.now() - dbzBadSince > 30_000) {
        notes.push('debezium-server not streaming: restarted');
        await stackVerb(root, ['stop', 'debezium-server']);
        await start('debezium-server');
        dbzBadSince = null;
      }
    } else dbzBadSince = null;
    if (h.connectors.length && ups < 3) {
      ups++;
      notes.push(`connectors ${h.connectors.join(', ')} not running: up`);
      const r = await stackVerb(root, ['up'], 400_000);
      if (r.code !== 0) notes.push(`up failed: ${lastError(r.out)}`);
    }
  }
  const h = parseStatus((await stackVerb(root, ['status'], 60_000)).out);
  notes.push(`still unhealthy: ${[...h.down, ...h.unhealthy, ...h.connectors].join(', ')}`);
  return { ok: false, note: notes.join('; ') };
}

/** The line of a `scripts/stack` run that says what went wrong. */
export const lastError = (out: string) =>
  (
    out
      .trim()
      .split('\n')
      .filter((l) => l.includes('error'))
      .pop() ??
    out.trim().split('\n').pop() ??
    ''
  ).replace(/^stack: error: /, '');
