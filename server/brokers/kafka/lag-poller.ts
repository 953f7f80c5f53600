import { AssignerProtocol, type Admin, type GroupDescription } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';
import type { ConsumerGroupLag } from '../../../lib/contracts/consumer-lag';
import type { ConsumerLagSnapshot } from '../../../lib/contracts/lag-api';
import { createConsumerLagTracker } from '../../../lib/lag/consumer-lag-tracker';
import { createMessageTimeCache } from '../../../lib/lag/message-time-cache';
import { createLagHistory } from '../../lag/history';
import type { LagPoller } from '../../lag/lag-monitor';
import { createPollLoop } from '../../lag/poll-loop';
import { createKafkaClient, parseTopicSpecs } from './client';
import { readKafkaTimestamps } from './read-timestamps';

/** Groups polled at most: past this a pattern is too wide for a dashboard, narrow it. */
const MAX_GROUPS = 200;
/** Topics whose oldest unconsumed messages are read in one poll (one throwaway group join each); the rest next poll. */
const MAX_TOPIC_READS_PER_POLL = 4;

type Row = { topic: string; partition: number; offset: number };
/** Who reads what in one group: its state, member count and the member holding each partition. */
type Membership = { state: string; members: number; owners: Map<string, string> };
const tp = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** The assignment a member got, decoded from the group's description; empty when it is not the consumer protocol's. */
function membershipOf(g: GroupDescription): Membership {
  const owners = new Map<string, string>();
  for (const m of g.members) {
    let assignment: Record<string, number[]> = {};
    try {
      assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {};
    } catch {
      // Another protocol's bytes (connect, a custom assignor): who reads which partition stays unknown.
    }
    for (const [topic, partitions] of Object.entries(assignment))
      for (const p of partitions) owners.set(tp(topic, p), `${m.clientId}@${m.clientHost.replace(/^\//, '')}`);
  }
  return { state: g.state, members: g.members.length, owners };
}

/**
 * Polls a cluster's consumer groups with read-only admin calls (list and
 * describe groups, committed offsets, end offsets): no group is joined and
 * nothing committed, so watching a group never changes it. Time lag is
 * interpolated from the end-offset samples (kafka-lag-exporter's method, in
 * lib/lag) where the committed offset lies between them; where it is older
 * than every sample (a group already behind when cdcscope started, stopped
 * or stalled since) the oldest unconsumed message itself is read, once per
 * offset, and its timestamp gives the lag from the first poll. The group's
 * description tells who reads each partition: lag nobody reads is STOP, lag a
 * member holds without moving is STALL.
 */
export function createKafkaLagPoller(
  config: KafkaSourceConfig & { lag: NonNullable<KafkaSourceConfig['lag']> },
): LagPoller {
  const tracker = createConsumerLagTracker();
  const times = createMessageTimeCache();
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
    const a = admin;
    const listed = (await a.listGroups()).groups.filter(
      (g) => (g.protocolType === 'consumer' || g.protocolType === '') && watched(g.groupId),
    );
    const ids = listed.map((g) => g.groupId).slice(0, MAX_GROUPS);
    const committed = new Map<string, Row[]>();
    const topics = new Set<string>();
    for (const groupId of ids) {
      const offsets = await a.fetchOffsets({ groupId });
      const rows = offsets.flatMap((t) =>
        t.partitions
          .filter((p) => Number(p.offset) >= 0)
          .map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
      );
      if (rows.length === 0) continue;
      committed.set(groupId, rows);
      for (const r of rows) topics.add(r.topic);
    }
    const described = committed.size === 0 ? [] : (await a.describeGroups([...committed.keys()])).groups;
    const membership = new Map(described.map((g) => [g.groupId, membershipOf(g)]));
    // End offsets first, then commits: a commit is judged against the newest end offset.
    const now = Date.now();
    const ends = new Map<string, number>();
    for (const topic of topics) {
      for (const p of await a.fetchTopicOffsets(topic)) {
        tracker.endOffset(topic, p.partition, Number(p.high), now);
        ends.set(tp(topic, p.partition), Number(p.high));
      }
    }
    await readOldestUnconsumed([...committed.values()].flat(), ends);
    for (const [groupId, rows] of committed) {
      const m = membership.get(groupId);
      for (const r of rows) {
        const oldestUnconsumedAt = oldest(r, ends);
        tracker.commit(groupId, r.topic, r.partition, r.offset, now, {
          ...(oldestUnconsumedAt !== undefined ? { oldestUnconsumedAt } : {}),
          ...(m ? { member: m.owners.get(tp(r.topic, r.partition)) ?? null } : {}),
        });
      }
    }
    groups = [...committed.keys()]
      .map((g) => {
        const lag = tracker.group(g, now);
        const m = membership.get(g);
        return lag && m ? { ...lag, state: m.state, members: m.members } : lag;
      })
      .filter((g): g is ConsumerGroupLag => g !== undefined);
    for (const g of groups) history.add(idOf(g.group), { t: now, lag: g.totalLag, timeLagMs: g.maxTimeLagMs });
  }

  /** The cached timestamp of the oldest message a commit at `r` has not read, while it has lag. */
  function oldest(r: Row, ends: Map<string, number>): number | undefined {
    const end = ends.get(tp(r.topic, r.partition));
    return end !== undefined && r.offset < end ? times.get(r.topic, r.partition, r.offset) : undefined;
  }

  /** Reads the messages at committed offsets the end-offset samples cannot date, a few topics per poll. */
  async function readOldestUnconsumed(rows: Row[], ends: Map<string, number>) {
    const byTopic = new Map<string, Map<number, number>>();
    for (const r of rows) {
      const end = ends.get(tp(r.topic, r.partition));
      if (end === undefined || r.offset >= end || times.get(r.topic, r.partition, r.offset) !== undefined) continue;
      if (tracker.covers(r.topic, r.partition, r.offset)) continue;
      const wanted = byTopic.get(r.topic) ?? new Map<number, number>();
      // Two groups on one partition at different offsets: the lower first, the other on a later poll.
      wanted.set(r.partition, Math.min(wanted.get(r.partition) ?? r.offset, r.offset));
      byTopic.set(r.topic, wanted);
    }
    const a = admin;
    if (!a) return;
    const picked = [...byTopic].slice(0, MAX_TOPIC_READS_PER_POLL);
    await Promise.all(
      picked.map(async ([topic, wanted]) => {
        const found = await readKafkaTimestamps(kafka, a, topic, wanted).catch(() => new Map<number, number>());
        for (const [partition, timestamp] of found) times.set(topic, partition, wanted.get(partition) ?? 0, timestamp);
      }),
    );
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
