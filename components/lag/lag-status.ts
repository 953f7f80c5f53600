import type { LagRule, TimeLag, TimeLagSource } from '@/lib/contracts/consumer-lag';
import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import { formatDuration } from '../format';

/**
 * Pure helpers for the Lag page: status colours (Burrow's vocabulary),
 * time-lag wording by its source, rule descriptions, sorting.
 */

export type Tone = 'ok' | 'warn' | 'err' | 'idle';

// The helpers below take any string, not only today's statuses: a status a newer server adds shows as its
// own word in grey rather than breaking the page.

/** A table's text for a key, or the key itself when the table has none. */
const textOr = (table: Readonly<Record<string, string>>, key: string): string => table[key] ?? key;

/** Group status: OK green, WARN amber, ERR red, NOTFOUND grey. */
export function groupTone(s: string): Tone {
  switch (s) {
    case 'OK':
      return 'ok';
    case 'WARN':
      return 'warn';
    case 'ERR':
      return 'err';
    default:
      return 'idle';
  }
}

/** Partition / JetStream consumer status: OK green, WARN amber, STOP/STALL/REWIND red. */
export function partitionTone(s: string): Tone {
  switch (s) {
    case 'OK':
      return 'ok';
    case 'WARN':
      return 'warn';
    case 'STOP':
    case 'STALL':
    case 'REWIND':
      return 'err';
    default:
      return 'idle';
  }
}

/** Connector liveness: streaming green, idle grey, stalled red, unknown grey. */
export function connectorTone(s: string): Tone {
  return s === 'streaming' ? 'ok' : s === 'stalled' ? 'err' : 'idle';
}

const SOURCE_TEXT: Record<TimeLagSource, string> = {
  direct: 'from the oldest unread message',
  interpolated: 'interpolated between end-offset samples',
  extrapolated: 'extrapolated beyond the samples',
  'lower-bound': 'at least (one sample only)',
  'caught-up': 'caught up',
};

export function timeLagSourceText(source: string): string {
  return textOr(SOURCE_TEXT, source);
}

/** `12 s`, `≈ 12 s` (interpolated), `~ 12 s` (extrapolated), `≥ 12 s` (lower bound), `0 ms` (caught up), `—`. */
export function formatTimeLag(t: TimeLag | null | undefined): string {
  if (!t || !Number.isFinite(t.ms)) return '—';
  const d = formatDuration(t.ms);
  switch (t.source) {
    case 'interpolated':
      return `≈ ${d}`;
    case 'extrapolated':
      return `~ ${d}`;
    case 'lower-bound':
      return `≥ ${d}`;
    default:
      return d;
  }
}

const RULE_TEXT: Record<LagRule, string> = {
  'caught-up': 'caught up: nothing left to read',
  'zero-lag-in-window': 'lag was zero within the window',
  rewind: 'committed offset went backwards (rewind)',
  stopped: 'no commit for longer than the window spans (stopped)',
  stalled: 'commits, but the offset does not move (stalled)',
  'lag-not-decreasing': 'lag did not decrease over the window',
  'lag-decreasing': 'lag is decreasing',
  'no-data': 'not enough commits observed yet',
  'no-member': 'lag, and no member of the group reads this partition (stopped)',
};

export function ruleText(rule: string): string {
  return textOr(RULE_TEXT, rule);
}

const GROUP_ORDER: Record<string, number> = { ERR: 0, WARN: 1, NOTFOUND: 2, OK: 3 };
const PARTITION_ORDER: Record<string, number> = { REWIND: 0, STALL: 1, STOP: 2, WARN: 3, OK: 4 };
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Worst status first, then by name (code-unit order: the same everywhere). */
export function sortGroups<T extends { status: string; group: string; sourceId: string }>(groups: readonly T[]): T[] {
  return groups
    .slice()
    .sort(
      (x, y) =>
        (GROUP_ORDER[x.status] ?? 2) - (GROUP_ORDER[y.status] ?? 2) ||
        cmp(x.group, y.group) ||
        cmp(x.sourceId, y.sourceId),
    );
}

export function sortJetStream<T extends { status: string; stream: string; consumer: string; sourceId: string }>(
  items: readonly T[],
): T[] {
  return items
    .slice()
    .sort(
      (x, y) =>
        (PARTITION_ORDER[x.status] ?? 4) - (PARTITION_ORDER[y.status] ?? 4) ||
        cmp(x.stream, y.stream) ||
        cmp(x.consumer, y.consumer) ||
        cmp(x.sourceId, y.sourceId),
    );
}

/** Partitions by topic, then partition number. */
export function sortPartitions<T extends { topic: string; partition: number }>(parts: readonly T[]): T[] {
  return parts.slice().sort((x, y) => cmp(x.topic, y.topic) || x.partition - y.partition);
}

/** Consumers in trouble: Kafka groups not OK and JetStream consumers not OK. */
export function consumersNotOk(s: Pick<ConsumerLagSnapshot, 'kafka' | 'jetstream'>): number {
  return s.kafka.filter((g) => g.status !== 'OK').length + s.jetstream.filter((c) => c.status !== 'OK').length;
}

export function connectorsStalled(s: Pick<ConsumerLagSnapshot, 'connectors'>): number {
  return s.connectors.filter((c) => c.status === 'stalled').length;
}

/** Human name of a history id (`kafka:<source>:<group>`, `jetstream:<source>:<stream>:<consumer>`) when no live entry names it. */
export function consumerIdLabel(id: string): string {
  if (id.startsWith('kafka:')) {
    const rest = id.slice('kafka:'.length);
    const i = rest.indexOf(':');
    return i >= 0 ? `group ${rest.slice(i + 1)} (${rest.slice(0, i)})` : id;
  }
  if (id.startsWith('jetstream:')) {
    const parts = id.slice('jetstream:'.length).split(':');
    if (parts.length >= 3) return `${parts[1]} › ${parts.slice(2).join(':')} (${parts[0]})`;
  }
  return id;
}
