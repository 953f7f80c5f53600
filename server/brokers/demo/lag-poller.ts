import type { DemoSourceConfig } from '../../../lib/config/schema';
import type { ConsumerGroupLag, JetStreamConsumerLag } from '../../../lib/contracts/consumer-lag';
import type { ConsumerLagSnapshot } from '../../../lib/contracts/lag-api';
import { createDemoConsumers } from '../../../lib/demo/consumers';
import { createLagHistory } from '../../lag/history';
import type { LagPoller } from '../../lag/lag-monitor';
import { createPollLoop } from '../../lag/poll-loop';

/** Same cadence as a broker's default `lag.pollMs`, so the demo's charts look like a cluster's. */
const POLL_MS = 2_000;

/** The demo's simulated downstream consumers (lib/demo/consumers.ts), polled like a broker's. */
export function createDemoLagPoller(config: DemoSourceConfig): LagPoller {
  const sim = createDemoConsumers({ seed: config.seed, start: Date.now() });
  const history = createLagHistory();
  let kafka: ConsumerGroupLag[] = [];
  let jetstream: JetStreamConsumerLag[] = [];
  const kafkaId = (g: ConsumerGroupLag) => `kafka:${config.id}:${g.group}`;
  const jsId = (c: JetStreamConsumerLag) => `jetstream:${config.id}:${c.stream}:${c.consumer}`;

  const loop = createPollLoop(POLL_MS, () => {
    const now = Date.now();
    ({ kafka, jetstream } = sim.step(now));
    for (const g of kafka) history.add(kafkaId(g), { t: now, lag: g.totalLag, timeLagMs: g.maxTimeLagMs });
    for (const c of jetstream) history.add(jsId(c), { t: now, lag: c.lag, timeLagMs: c.timeLag?.ms ?? null });
    return Promise.resolve();
  });

  return {
    snapshot(): Pick<ConsumerLagSnapshot, 'kafka' | 'jetstream' | 'history' | 'errors'> {
      return {
        kafka: kafka.map((g) => ({ ...g, id: kafkaId(g), sourceId: config.id })),
        jetstream: jetstream.map((c) => ({ ...c, id: jsId(c), sourceId: config.id })),
        history: history.all([...kafka.map(kafkaId), ...jetstream.map(jsId)]),
        errors: [],
      };
    },
    close() {
      loop.stop();
      return Promise.resolve();
    },
  };
}
