/**
 * Reads `scripts/stack status` for the storm's healing loop: which components are down,
 * which answer but are not healthy, and which connectors are not RUNNING. Pure.
 */
export interface StackHealth {
  /** No live process. */
  down: string[];
  /** A process, but its health check fails (or Debezium Server UP without streaming, a replica not replicating). */
  unhealthy: string[];
  /** Connectors whose connector or task state is not RUNNING (or missing). */
  connectors: string[];
}

export function parseStatus(out: string): StackHealth {
  const h: StackHealth = { down: [], unhealthy: [], connectors: [] };
  for (const line of out.split('\n')) {
    const m = /^(\S+)\s+\S+\s+\S+\s+(\S+)\s+(.*)$/.exec(line.trim());
    if (!m || m[1] === 'COMPONENT') continue;
    const [, name = '', pid = '', health = ''] = m;
    if (name.startsWith('connector:')) {
      if (!/RUNNING RUNNING/.test(health)) h.connectors.push(name.slice('connector:'.length));
    } else if (pid === '-') h.down.push(name);
    else if (name === 'debezium-server' ? !/^UP, streaming/.test(health) : !/^ok/.test(health) || /broken/.test(health))
      h.unhealthy.push(name);
  }
  return h;
}

export const healthy = (h: StackHealth) => h.down.length + h.unhealthy.length + h.connectors.length === 0;
