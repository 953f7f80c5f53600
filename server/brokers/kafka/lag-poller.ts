import type { Admin } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';
import type { ConsumerGroupLag } from '../../../lib/contracts/consumer-lag';
import type { ConsumerLagSnapshot } from '../../../lib/contracts/lag-api';
import { createConsumerLagTracker } from '../../../lib/lag/consumer-lag-tracker';
import { createLagHistory } from '../../lag/history';
import type { LagPoller } from '../../lag/lag-monitor';
import { createPollLoop } from '../../lag/poll-loop';
import { createKafkaClient, parseTopicSpecs } from './client';

/** Groups polled at most: past this a pattern is too wide for a dashboard, narrow it. */
const MAX_GROUPS = 200;

/**
 * Polls a cluster's consumer groups with read-only admin calls (list groups,
 * committed offsets, end offsets): no group is joined and nothing committed,
 * so watching a group never changes it. Time lag is interpolated from the
 * end-offset samples (kafka-lag-exporter's method), in lib/lag.
 */
export function createKafkaLagPoller(
  config: KafkaSourceConfig & { lag: NonNullable<KafkaSourceConfig['lag']> },
): LagPoller {
  const tracker = createConsumerLagTracker();
  const history = createLagHistory();
  const { names, patterns } = parseTopicSpecs(config.lag.groups);
  let admin: Admin | null = null;
  let groups: ConsumerGroupLag[] = [];

  const kafka = createKafkaClient({ ...config, clientId: `${config.clientId}-lag` }, () => undefined);
  const watched = (g: string) => !g.startsWith('cdcscope-') && (names.includes(g) || patterns.some((p) => p.test(g)));
  const idOf = (group: string) => `kafka:${config.id}:${group}`;

  async function poll() {
    if (!admin) {
      admin = kafka.admin();
      await admin.connect();
    }
    const listed = (await admin.listGroups()).groups.filter(
      (g) => (g.protocolType === 'consumer' || g.protocolType === '') && watched(g.groupId),
    );
    const ids = listed.map((g) => g.groupId).slice(0, MAX_GROUPS);
    const committed = new Map<string, { topic: string; partition: number; offset: number }[]>();
    const topics = new Set<string>();
    for (const groupId of ids) {
      const offsets = await admin.fetchOffsets({ groupId });
      const rows = offsets.flatMap((t) =>
        t.partitions
          .filter((p) => Number(p.offset) >= 0)
          .map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
      );
      if (rows.length === 0) continue;
      committed.set(groupId, rows);
      for (const r of rows) topics.add(r.topic);
    }
    // End offsets first, then commits: a commit is judged against the newest end offset.
    const now = Date.now();
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) tracker.endOffset(topic, p.partition, Number(p.high), now);
    }
    for (const [groupId, rows] of committed)
      for (const r of rows) tracker.commit(groupId, r.topic, r.partition, r.offset, now);
    groups = [...committed.keys()]
      .map((g) => tracker.group(g, now))
      .filter((g): g is ConsumerGroupLag => g !== undefined);
    for (const g of groups) history.add(idOf(g.group), { t: now, lag: g.totalLag, timeLagMs: g.maxTimeLagMs });
  }

  const loop = createPollLoop(config.lag.pollMs, poll);

  return {
    snapshot(): Pick<ConsumerLagSnapshot, 'kafka' | 'jetstream' | 'history' | 'errors'> {
      const error = loop.error();
      return {
        kafka: groups.map((g) => ({ ...g, id: idOf(g.group), sourceId: config.id })),
        jetstream: [],
        history: history.all(groups.map((g) => idOf(g.group))),
        errors: error ? [{ sourceId: config.id, ...error }] : [],
      };
    },
    async close() {
      loop.stop();
      await admin?.disconnect().catch(() => undefined);
    },
  };
}
