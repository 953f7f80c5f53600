import {
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type Consumer,
  type ConsumerMessages,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import type { JetStreamSourceConfig } from '../../../lib/config/schema';
import type { SeekStart } from '../../../lib/contracts/seek';
import { createSubjectMatcher, versionAtLeast } from '../../../lib/nats/subject-match';
import { planJetStreamSeek, type JetStreamPlan } from '../../../lib/seek/seek-plan';
import { SeekInputError, type SeekReader } from '../seek-reader';
import { connectForSeek, headersOf, streamTimeMs } from './client';
import { safeErrorText } from '../../../lib/redact';

/**
 * Bytes the client may hold ahead of the message being checked (one pull):
 * the seek's memory besides the message in hand, whatever the stream's size.
 * By bytes, not messages, so big messages cannot multiply it; 4× NATS's
 * default max_payload (1 MiB), since a message larger than a pull is never delivered.
 */
const PULL_MAX_BYTES = 4 * 1024 * 1024;
/** With a server-side subject filter, the last match may come before the stream's last seq: silence this long, then check what is pending. */
const IDLE_CHECK_MS = 1_000;

function consumerOptions(plan: JetStreamPlan, filter: string | undefined): Partial<OrderedConsumerOptions> {
  const base = filter === undefined ? {} : { filter_subjects: [filter] };
  if (plan.deliver === 'seq') return { ...base, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: plan.seq };
  if (plan.deliver === 'time')
    return { ...base, deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(plan.time).toISOString() };
  return { ...base, deliver_policy: DeliverPolicy.All };
}

/**
 * Reads the source's stream through an ordered consumer (ephemeral,
 * unacknowledged, in memory; deleted at the end) from a sequence or a time,
 * up to the stream's last sequence at the start. `channel` is a subject or a
 * subject filter; on NATS 2.9 (no filter on ordered consumers) it is applied
 * here, so every message of the stream from the start counts as scanned.
 * Only subjects the source's own `subject` filter allows are ever returned.
 */
export function createJetStreamSeekReader(
  config: JetStreamSourceConfig,
  channel: string,
  start: SeekStart,
): SeekReader {
  const allowed = createSubjectMatcher(config.subject);
  const wanted = createSubjectMatcher(channel);
  return {
    async read(onMessage, signal) {
      const nc = await connectForSeek(config);
      let consumer: Consumer | undefined;
      let messages: ConsumerMessages | undefined;
      let idle: ReturnType<typeof setInterval> | undefined;
      const stop = () => messages?.stop();
      signal.addEventListener('abort', stop, { once: true });
      try {
        const jsm = await jetstreamManager(nc);
        const info = await jsm.streams.info(config.stream).catch((err: unknown) => {
          throw new SeekInputError(`stream ${config.stream}: ${safeErrorText(err)}`);
        });
        const planned = planJetStreamSeek(start, { firstSeq: info.state.first_seq, lastSeq: info.state.last_seq });
        if (!planned.ok) throw new SeekInputError(planned.error);
        const plan = planned.value;
        if (plan.deliver === 'none') return 'end';
        const serverFilters = versionAtLeast(nc.info?.version ?? '0.0.0', 2, 10);
        consumer = await jetstream(nc).consumers.get(
          config.stream,
          consumerOptions(plan, serverFilters ? channel : undefined),
        );
        if ((await consumer.info(true)).num_pending === 0) return 'end';
        messages = await consumer.consume({ max_bytes: PULL_MAX_BYTES });
        if (signal.aborted) return 'stopped';
        let lastMessageAt = Date.now();
        let reachedEnd = false;
        const current = messages;
        idle = setInterval(() => {
          if (Date.now() - lastMessageAt < IDLE_CHECK_MS) return;
          void consumer
            ?.info(false)
            .then((ci) => {
              if (ci.num_pending === 0) {
                reachedEnd = true;
                current.stop();
              }
            })
            .catch(() => undefined);
        }, IDLE_CHECK_MS);
        for await (const m of messages) {
          lastMessageAt = Date.now();
          // Stored after the seek started: not part of it.
          if (m.seq > plan.lastSeq) return 'end';
          const timestamp = streamTimeMs(m);
          const go = await onMessage(
            {
              sourceId: config.id,
              origin: { kind: 'jetstream', stream: config.stream, subject: m.subject, seq: m.seq, timestamp },
              key: null,
              value: m.data,
              headers: headersOf(m),
              receivedAt: timestamp,
            },
            allowed(m.subject) && wanted(m.subject),
          );
          if (!go) return 'stopped';
          if (m.seq >= plan.lastSeq || m.info.pending === 0) return 'end';
        }
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the idle check while the loop awaited
        return reachedEnd ? 'end' : 'stopped';
      } finally {
        clearInterval(idle);
        signal.removeEventListener('abort', stop);
        messages?.stop();
        await consumer?.delete().catch(() => undefined);
        await nc.close().catch(() => undefined);
      }
    },
  };
}
