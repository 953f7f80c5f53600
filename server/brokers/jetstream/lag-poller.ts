import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';
import type { JetStreamSourceConfig } from '../../../lib/config/schema';
import type { JetStreamConsumerLag } from '../../../lib/contracts/consumer-lag';
import type { ConsumerLagSnapshot } from '../../../lib/contracts/lag-api';
import { createJetStreamLagTracker } from '../../../lib/lag/jetstream-consumer';
import { createSubjectMatcher } from '../../../lib/nats/subject-match';
import { createLagHistory } from '../../lag/history';
import type { LagPoller } from '../../lag/lag-monitor';
import { createPollLoop } from '../../lag/poll-loop';
import { connectionOptions } from './client';

/** Messages looked at past the ack floor to find the oldest one the consumer's filter takes. */
const MAX_PEEK = 50;

/**
 * Polls a stream's durable consumers with read-only requests (consumer info,
 * stream info, get message by sequence): watching never acknowledges,
 * fetches or changes a consumer. The time lag is the age of the oldest
 * unacknowledged message, read from the stream itself (a direct measurement).
 */
export function createJetStreamLagPoller(
  config: JetStreamSourceConfig & { lag: NonNullable<JetStreamSourceConfig['lag']> },
): LagPoller {
  const tracker = createJetStreamLagTracker();
  const history = createLagHistory();
  let nc: NatsConnection | null = null;
  let jsm: JetStreamManager | null = null;
  let consumers: JetStreamConsumerLag[] = [];
  const idOf = (c: { stream: string; consumer: string }) => `jetstream:${config.id}:${c.stream}:${c.consumer}`;

  async function oldestUnacked(m: JetStreamManager, info: ConsumerInfo): Promise<number | undefined> {
    if (info.num_pending + info.num_ack_pending === 0) return undefined;
    const filter = info.config.filter_subject;
    const wanted = filter ? createSubjectMatcher(filter) : () => true;
    for (let seq = info.ack_floor.stream_seq + 1, n = 0; n < MAX_PEEK; seq++, n++) {
      const msg = await m.streams.getMessage(config.stream, { seq }).catch(() => null);
      if (msg && wanted(msg.subject)) return msg.time.getTime();
    }
    return undefined;
  }

  async function poll() {
    if (!nc) {
      nc = await connect({ ...connectionOptions(config), name: `cdcscope:${config.id}:lag` });
      jsm = await jetstreamManager(nc);
    }
    const m = jsm as JetStreamManager;
    const stream = await m.streams.info(config.stream);
    const listed = (await m.consumers.list(config.stream).next()).filter(
      (c) =>
        c.config.durable_name !== undefined &&
        (config.lag.consumers === undefined || config.lag.consumers.includes(c.name)),
    );
    const now = Date.now();
    const next: JetStreamConsumerLag[] = [];
    for (const info of listed) {
      const oldest = await oldestUnacked(m, info);
      const lag = tracker.observe(info, now, {
        stream: { last_seq: stream.state.last_seq, last_ts: stream.state.last_ts },
        ...(oldest !== undefined ? { oldestUnackedAt: oldest } : {}),
      });
      next.push(lag);
      history.add(idOf(lag), { t: now, lag: lag.lag, timeLagMs: lag.timeLag?.ms ?? null });
    }
    consumers = next;
  }

  const loop = createPollLoop(config.lag.pollMs, poll);

  return {
    snapshot(): Pick<ConsumerLagSnapshot, 'kafka' | 'jetstream' | 'history' | 'errors'> {
      const error = loop.error();
      return {
        kafka: [],
        jetstream: consumers.map((c) => ({ ...c, id: idOf(c), sourceId: config.id })),
        history: history.all(consumers.map(idOf)),
        errors: error ? [{ sourceId: config.id, ...error }] : [],
      };
    },
    async close() {
      loop.stop();
      await nc?.close().catch(() => undefined);
    },
  };
}
