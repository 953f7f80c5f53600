import type { OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { EventListItem } from '@/lib/contracts/event-view';
import type { ConnectorHealth } from '@/lib/contracts/consumer-lag';
import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import type { DivergentPair, ReplicaPairSummary, ReplicaTableStats, SuggestedReplicaPair, UnmatchedEvent } from '@/lib/contracts/replicas';
import type { SourceSummary } from '@/lib/contracts/source-status';
import type { TableDetail, TableSummary } from '@/lib/contracts/table-stats';

/**
 * Shape checks for JSON from the server (HTTP and Socket.IO). Shallow on
 * purpose: they run on every push for up to hundreds of tables, so they check
 * what the UI relies on to render, not every nested field. Rendering stays
 * defensive beyond that (everything is rendered as text).
 */
type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number';
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNumOrNull = (x: unknown) => x === null || isNum(x);

function isLagWindows(x: unknown): boolean {
  return isObj(x) && isObj(x.m1) && isObj(x.m5);
}

export function isSourceSummary(x: unknown): x is SourceSummary {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.kind) &&
    isStr(x.target) &&
    Array.isArray(x.channels) &&
    isObj(x.status) &&
    isStr(x.status.type) &&
    isNum(x.messages) &&
    isNum(x.bytes) &&
    isNum(x.undecodable)
  );
}

export function isTableSummary(x: unknown): x is TableSummary {
  return (
    isObj(x) &&
    isStr(x.table) &&
    isStr(x.tableKey) &&
    Array.isArray(x.sourceIds) &&
    Array.isArray(x.channels) &&
    isObj(x.totals) &&
    isNum(x.rate) &&
    isNum(x.undecodable) &&
    isNumOrNull(x.lastEventAt) &&
    Array.isArray(x.spark) &&
    isObj(x.lag) &&
    isLagWindows(x.lag.capture) &&
    isLagWindows(x.lag.endToEnd)
  );
}

export function isTableDetail(x: unknown): x is TableDetail {
  return isObj(x) && Array.isArray(x.throughput) && Array.isArray(x.lagSeries) && isTableSummary(x);
}

export function isEventListItem(x: unknown): x is EventListItem {
  return isObj(x) && isStr(x.id) && isNum(x.receivedAt) && isStr(x.kind) && isNum(x.sizeBytes);
}

export function isOverviewSnapshot(x: unknown): x is OverviewSnapshot {
  return (
    isObj(x) &&
    isNum(x.at) &&
    Array.isArray(x.sources) &&
    Array.isArray(x.tables) &&
    x.sources.every(isSourceSummary) &&
    x.tables.every(isTableSummary)
  );
}

export function isTableEventsPayload(x: unknown): x is { table: string; events: EventListItem[] } {
  return isObj(x) && isStr(x.table) && Array.isArray(x.events) && x.events.every(isEventListItem);
}

/* Replica pairs (lib/contracts/replicas.ts). */

function isSideCounts(x: unknown): boolean {
  return isObj(x) && isNum(x.unique) && isNum(x.duplicates) && isNum(x.pending) && isNum(x.onlyIn) && isNum(x.lost) && isNum(x.evicted);
}

function isReplicaCounts(x: unknown): x is Obj {
  return isObj(x) && isSideCounts(x.a) && isSideCounts(x.b) && isNum(x.matched) && isNum(x.divergent);
}

export function isReplicaTableStats(x: unknown): x is ReplicaTableStats {
  return isReplicaCounts(x) && isStr(x.table) && isNumOrNull(x.delayMeanMs);
}

function isReplicaSideInfo(x: unknown): boolean {
  return isObj(x) && isObj(x.selector) && isNum(x.records) && isNumOrNull(x.lastSeenAt);
}

export function isUnmatchedEvent(x: unknown): x is UnmatchedEvent {
  return isObj(x) && isStr(x.id) && isStr(x.side) && isStr(x.table) && isStr(x.state) && isNum(x.ageMs) && isNum(x.receivedAt);
}

export function isDivergentPair(x: unknown): x is DivergentPair {
  return isObj(x) && isStr(x.id) && isStr(x.table) && isNum(x.detectedAt) && isObj(x.a) && isObj(x.b) && (x.diff === null || Array.isArray(x.diff));
}

const everyOf = (x: unknown, guard: (v: unknown) => boolean) => Array.isArray(x) && x.every(guard);

/** The series (900 points on a detail push) is checked as an array only: charts draw non-numbers as gaps. */
export function isReplicaPairSummary(x: unknown): x is ReplicaPairSummary {
  return (
    isObj(x) &&
    isStr(x.pairId) &&
    isNum(x.at) &&
    isStr(x.identity) &&
    isObj(x.sides) &&
    isReplicaSideInfo(x.sides.a) &&
    isReplicaSideInfo(x.sides.b) &&
    isReplicaCounts(x.totals) &&
    isNum(x.unique) &&
    isNum(x.duplicateRate) &&
    everyOf(x.tables, isReplicaTableStats) &&
    everyOf(x.onlyInA, isUnmatchedEvent) &&
    everyOf(x.onlyInB, isUnmatchedEvent) &&
    everyOf(x.divergentPairs, isDivergentPair) &&
    isLagWindows(x.delay) &&
    Array.isArray(x.series) &&
    isObj(x.limits) &&
    isNum(x.pendingNow)
  );
}

export function isSuggestedReplicaPair(x: unknown): x is SuggestedReplicaPair {
  return isObj(x) && isStr(x.serverA) && isStr(x.serverB) && everyOf(x.tables, isStr);
}

/** `GET /api/replicas`. */
export interface ReplicasResponse {
  pairs: ReplicaPairSummary[];
  suggestions: SuggestedReplicaPair[];
}

export function isReplicasResponse(x: unknown): x is ReplicasResponse {
  return isObj(x) && everyOf(x.pairs, isReplicaPairSummary) && everyOf(x.suggestions, isSuggestedReplicaPair);
}

/** `GET /api/replicas/:pair/:table`. */
export interface ReplicaTableDetail {
  pairId: string;
  table: ReplicaTableStats;
  onlyInA: UnmatchedEvent[];
  onlyInB: UnmatchedEvent[];
  divergentPairs: DivergentPair[];
}

export function isReplicaTableDetail(x: unknown): x is ReplicaTableDetail {
  return (
    isObj(x) &&
    isStr(x.pairId) &&
    isReplicaTableStats(x.table) &&
    everyOf(x.onlyInA, isUnmatchedEvent) &&
    everyOf(x.onlyInB, isUnmatchedEvent) &&
    everyOf(x.divergentPairs, isDivergentPair)
  );
}

/* Consumer lag (lib/contracts/consumer-lag.ts, lag-api.ts). */

function isPartitionLag(x: unknown): boolean {
  return isObj(x) && isStr(x.topic) && isNum(x.partition) && isStr(x.status) && isNumOrNull(x.lag);
}

function isKafkaGroup(x: unknown): boolean {
  return isObj(x) && isStr(x.id) && isStr(x.sourceId) && isStr(x.group) && isStr(x.status) && isStr(x.worst) && isNum(x.totalLag) && everyOf(x.partitions, isPartitionLag);
}

function isJetStreamConsumer(x: unknown): boolean {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.sourceId) &&
    isStr(x.stream) &&
    isStr(x.consumer) &&
    isStr(x.status) &&
    isNum(x.pending) &&
    isNum(x.ackPending) &&
    isNum(x.redelivered) &&
    everyOf(x.notes, isStr)
  );
}

export function isConnectorHealth(x: unknown): x is ConnectorHealth {
  return isObj(x) && isStr(x.serverName) && isStr(x.status) && isNumOrNull(x.lastEventAt) && isNumOrNull(x.lastHeartbeatAt) && isNumOrNull(x.silentForMs);
}

/** History points are checked as arrays only (charts draw non-numbers as gaps). */
export function isConsumerLagSnapshot(x: unknown): x is ConsumerLagSnapshot {
  return (
    isObj(x) &&
    isNum(x.at) &&
    everyOf(x.kafka, isKafkaGroup) &&
    everyOf(x.jetstream, isJetStreamConsumer) &&
    everyOf(x.connectors, isConnectorHealth) &&
    isObj(x.history) &&
    Object.values(x.history).every(Array.isArray) &&
    everyOf(x.errors, (e) => isObj(e) && isStr(e.sourceId) && isStr(e.message))
  );
}

/** An array whose every element passes the guard, or an error naming what was expected. */
export function expectArrayOf<T>(x: unknown, guard: (v: unknown) => v is T, what: string): T[] {
  if (!Array.isArray(x)) throw new Error(`expected an array of ${what}`);
  for (const item of x) if (!guard(item)) throw new Error(`unexpected ${what} shape`);
  return x as T[];
}
