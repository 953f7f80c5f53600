import type { ConsumerGroupLag, JetStreamConsumerLag } from '../contracts/consumer-lag';
import { createConsumerLagTracker } from '../lag/consumer-lag-tracker';
import { createJetStreamLagTracker } from '../lag/jetstream-consumer';
import { createRandom } from './random';

/**
 * Simulated downstream consumers of the demo pipeline, so the Lag page has
 * something to rate without a broker. Each one is a committed offset on a
 * simulated topic whose end grows at a steady rate; the real Burrow trackers
 * in lib/lag rate them, so the demo shows exactly what a cluster would:
 *  - `orders-projector` keeps up (OK),
 *  - `search-indexer` falls behind for 35 s in every 50, then
 *    catches up (WARN, then OK),
 *  - `audit-archiver` has a member but never commits (STALL),
 *  - `billing-export` has no member left (STOP),
 *  - a JetStream durable `notifier` with pending and ack-pending messages.
 * Production is a function of time, so the time of any offset (and so every
 * time lag) is exact without keeping a buffer.
 */
export const DEMO_LAG_TOPIC = 'demo_a.inventory.orders';
export const DEMO_LAG_STREAM = 'DEMO_CDC';

/** The search indexer's cycle: falls behind for FALL_MS, catches up, keeps up until the period ends. */
const PERIOD_MS = 50_000;
const FALL_MS = 35_000;

export interface DemoConsumers {
  /** Advances the simulation to `now` (epoch ms, non-decreasing) and rates every consumer. */
  step(now: number): { kafka: ConsumerGroupLag[]; jetstream: JetStreamConsumerLag[] };
}

export function createDemoConsumers(options: { seed: number; start: number }): DemoConsumers {
  const rnd = createRandom(options.seed ^ 0x5eed1a9);
  /** Messages per second produced to the topic and stream. */
  const rate = rnd.int(15, 30);
  const { start } = options;
  // Ten minutes of history before start, so the lagging consumers begin with a backlog.
  const base = rate * 600;
  const endAt = (t: number) => base + Math.floor((rate * (t - start)) / 1000);
  const producedAt = (offset: number) => start + ((offset - base) * 1000) / rate;
  // Seeded phase so that two seeds differ, small enough that WARN shows within the first minute.
  const phase = rnd.int(0, 5_000);
  const stalledAt = base - rnd.int(200, 400);
  const stoppedAt = base - rnd.int(800, 1_500);

  const tracker = createConsumerLagTracker();
  const jetstream = createJetStreamLagTracker();
  let last = start;
  let indexer = base;
  let notifierAcked = base - rate * 2;
  let redelivered = 0;
  let polls = 0;

  const groupSpecs = () => [
    { group: 'orders-projector', members: 2, state: 'Stable' },
    { group: 'search-indexer', members: 3, state: 'Stable' },
    { group: 'audit-archiver', members: 1, state: 'Stable' },
    { group: 'billing-export', members: 0, state: 'Empty' },
  ];

  return {
    step(now) {
      const t = Math.max(now, last);
      const dt = (t - last) / 1000;
      last = t;
      polls++;
      const end = endAt(t);
      tracker.endOffset(DEMO_LAG_TOPIC, 0, end, t);

      // Keeps up: a few messages behind, caught up every third poll.
      const projector = polls % 3 === 0 ? end : Math.max(0, end - rnd.int(1, 4));
      // Falls behind at half the rate, then catches up at three times it.
      const inCycle = (t - start + phase) % PERIOD_MS;
      const speed = inCycle < FALL_MS ? 0.5 : 3;
      indexer = Math.min(end, indexer + Math.round(rate * speed * dt));

      const offsets: Record<string, number> = {
        'orders-projector': projector,
        'search-indexer': indexer,
        'audit-archiver': stalledAt,
        'billing-export': stoppedAt,
      };
      const kafka: ConsumerGroupLag[] = [];
      for (const spec of groupSpecs()) {
        const offset = offsets[spec.group] ?? end;
        const member = spec.members === 0 ? null : `${spec.group}-1@10.0.3.${String(spec.members + 10)}`;
        tracker.commit(spec.group, DEMO_LAG_TOPIC, 0, offset, t, {
          ...(offset < end ? { oldestUnconsumedAt: producedAt(offset) } : {}),
          member,
        });
        const lag = tracker.group(spec.group, t);
        if (lag) kafka.push({ ...lag, state: spec.state, members: spec.members });
      }

      // The notifier acks in bursts: a few seconds of messages pending, some delivered and not yet acked.
      const last_seq = end;
      notifierAcked = Math.min(last_seq, Math.max(notifierAcked, last_seq - rate * rnd.int(1, 4)));
      const delivered = Math.min(last_seq, notifierAcked + rnd.int(5, 40));
      if (rnd.chance(0.1)) redelivered++;
      const info = {
        stream_name: DEMO_LAG_STREAM,
        name: 'notifier',
        num_pending: last_seq - delivered,
        num_ack_pending: delivered - notifierAcked,
        num_redelivered: redelivered,
        num_waiting: 1,
        delivered: { stream_seq: delivered, last_active: t },
        ack_floor: { stream_seq: notifierAcked, last_active: t },
      };
      const oldest = notifierAcked < last_seq ? { oldestUnackedAt: producedAt(notifierAcked + 1) } : {};
      const js = jetstream.observe(info, t, { stream: { last_seq, last_ts: t }, ...oldest });
      return { kafka, jetstream: [js] };
    },
  };
}
