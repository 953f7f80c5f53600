import type { ConsumerLagSnapshot } from '../../lib/contracts/lag-api';
import type { ServerActivity } from '../../lib/analytics/server-activity';
import { connectorHealthAll } from '../../lib/lag/connector-stall';

/**
 * Downstream consumer lag and connector liveness for the Lag page. Pollers
 * register here; the monitor only assembles what they last saw.
 */
export interface LagPoller {
  snapshot(): Pick<ConsumerLagSnapshot, 'kafka' | 'jetstream' | 'history' | 'errors'>;
  close(): Promise<void>;
}

export function createLagMonitor(options: { servers: () => ServerActivity[]; stalledAfterMs?: number }) {
  const pollers: LagPoller[] = [];
  return {
    add(poller: LagPoller) {
      pollers.push(poller);
    },
    snapshot(now: number): ConsumerLagSnapshot {
      const snap: ConsumerLagSnapshot = { at: now, kafka: [], jetstream: [], connectors: [], history: {}, errors: [] };
      for (const p of pollers) {
        const s = p.snapshot();
        snap.kafka.push(...s.kafka);
        snap.jetstream.push(...s.jetstream);
        Object.assign(snap.history, s.history);
        snap.errors.push(...s.errors);
      }
      snap.connectors = connectorHealthAll(
        options.servers(),
        now,
        options.stalledAfterMs ? { stalledAfterMs: options.stalledAfterMs } : {},
      );
      return snap;
    },
    async close() {
      await Promise.allSettled(pollers.map((p) => p.close()));
    },
  };
}

export type LagMonitor = ReturnType<typeof createLagMonitor>;
