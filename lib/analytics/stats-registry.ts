import type { DecodedRecord } from '../contracts/change-event';
import type { TableDetail, TableSummary } from '../contracts/table-stats';
import { serverNameOf, tableKeyOf } from '../debezium/table-identity';
import { createServerActivityLog, type ServerActivity } from './server-activity';
import { createSourceTally, type SourceCounts } from './source-tally';
import { createTableStats, type PartialTableStats, type TableStats } from './table-stats';
import { createSourceClocks, type SourceClocks } from '../lag/source-clocks';
import type { LagConfig } from '../config/lag-schema';
import { oldestKey } from '../bounded-map';

/**
 * Default table cap. At ~80 KiB per busy table and ~62 KiB per quiet one
 * (measured by bench/decode-stats.ts), 2,000 tables is at most ~160 MB, all
 * of them busy; a dashboard showing more tables than that is not readable
 * anyway.
 */
export const DEFAULT_MAX_TABLES = 2_000;
/** Evictions remembered for `changedSince`; a client further behind must resync fully. */
const MAX_REMEMBERED_REMOVALS = 1_024;

export interface StatsRegistryOptions {
  maxTables?: number;
  /** `lag:` of the configuration: heartbeat clock tables per connector. */
  lag?: LagConfig;
}

export interface ChangeSet {
  /** Current version: pass it back next time. */
  version: number;
  /** Tables updated after the given version. */
  changed: string[];
  /** Tables evicted after the given version (and not re-created since). */
  removed: string[];
  /** False when evictions that old were forgotten: resync everything. */
  complete: boolean;
}

export interface StatsRegistry {
  /** Accounts any decoded record: table rows for changes/tombstones/undecodables, per-source and per-server counts for all. */
  record(rec: DecodedRecord, now: number, tableKey?: string): void;
  /**
   * Summaries of all tables, or of those updated after `sinceVersion`. Note
   * that `rate`, `spark` and lag windows also move with time alone, so a push
   * layer sending deltas should still send everything now and then.
   */
  summaries(now: number, sinceVersion?: number): { tables: TableSummary[]; version: number };
  /** Every table with its lag windows as histograms, for a cluster's other instances to merge (issue #14). */
  partials(now: number): PartialTableStats[];
  /** A table's detail; with `fromSec`, its series hold only the seconds from there on. */
  detail(tableKey: string, now: number, fromSec?: number): TableDetail | undefined;
  /** Version of the table's last update, 0 when unknown. */
  tableVersion(tableKey: string): number;
  changedSince(version: number): ChangeSet;
  removedSince(version: number): string[];
  /** Called for every evicted table with the version of the eviction. Returns an unsubscribe function. */
  onEvict(listener: (tableKey: string, version: number) => void): () => void;
  sources(): SourceCounts[];
  servers(): ServerActivity[];
  server(serverName: string): ServerActivity | undefined;
  /** Each connector's commit clock: resolution (more per connector in lib/lag/source-clocks.ts). */
  readonly clocks: Pick<SourceClocks, 'resolution' | 'all' | 'isClockTable'>;
  tableKeys(): string[];
  /** Bytes held by all tables' fixed structures (see TableStats.footprintBytes). */
  footprintBytes(): number;
  readonly version: number;
  readonly size: number;
  readonly evictions: number;
}

interface Entry {
  stats: TableStats;
  version: number;
  /** Second of the last move to the back of the LRU order. */
  touchedSec: number;
}

/**
 * Routes decoded records to per-table statistics by `tableKeyOf`, keeping at
 * most `maxTables` tables: the least recently updated one goes when a new
 * one arrives. Every update bumps a registry-wide version so readers can ask
 * for what changed since their last look.
 */
export function createStatsRegistry({ maxTables = DEFAULT_MAX_TABLES, lag }: StatsRegistryOptions = {}): StatsRegistry {
  const cap = Math.max(1, maxTables);
  /** Map order is LRU order: the first entry is the least recently updated. */
  const tables = new Map<string, Entry>();
  const tally = createSourceTally();
  const servers = createServerActivityLog();
  const clocks = createSourceClocks({ lag });
  const listeners = new Set<(tableKey: string, version: number) => void>();
  let removals: { key: string; version: number }[] = [];
  /** Version of the newest forgotten removal: `changedSince` older than this is incomplete. */
  let forgottenUpTo = 0;
  let version = 0;
  let evictions = 0;

  function evictOldest(): void {
    const oldest = oldestKey(tables);
    if (oldest === undefined) return;
    tables.delete(oldest);
    evictions++;
    const v = ++version;
    removals.push({ key: oldest, version: v });
    if (removals.length > MAX_REMEMBERED_REMOVALS) {
      const drop = removals.length - MAX_REMEMBERED_REMOVALS;
      forgottenUpTo = removals[drop - 1]?.version ?? forgottenUpTo;
      removals = removals.slice(drop);
    }
    for (const listener of listeners) listener(oldest, v);
  }

  function withClock(summary: Pick<TableSummary, 'serverName' | 'table' | 'clock' | 'clockTable'>): void {
    const clock = clocks.resolution(summary.serverName);
    if (clock !== undefined) summary.clock = clock;
    if (clocks.isClockTable(summary.serverName, summary.table)) summary.clockTable = true;
  }

  function removedSince(since: number): string[] {
    return removals.filter((r) => r.version > since && !tables.has(r.key)).map((r) => r.key);
  }

  return {
    // `tableKey`: the record's tableKeyOf when the caller has it already (the pipeline does, for every record).
    record(rec, now, tableKey) {
      tally.count(rec, now);
      const serverName = serverNameOf(rec);
      servers.record(serverName, rec, now);
      if (rec.kind === 'change') clocks.observe(serverName, rec, now);
      if (rec.kind !== 'change' && rec.kind !== 'tombstone' && rec.kind !== 'undecodable') return;
      const key = tableKey ?? tableKeyOf(rec);
      if (key === undefined) return;
      const sec = Math.floor(now / 1000);
      let entry = tables.get(key);
      if (entry === undefined) {
        entry = { stats: createTableStats(key, now), version: 0, touchedSec: sec };
        tables.set(key, entry);
        if (tables.size > cap) evictOldest();
      } else if (entry.touchedSec !== sec) {
        // Re-insert to move to the back; once a second per table is plenty for LRU and keeps the hot path cheap.
        tables.delete(key);
        tables.set(key, entry);
        entry.touchedSec = sec;
      }
      entry.stats.record(rec, now);
      entry.version = ++version;
    },

    summaries(now, sinceVersion) {
      const out: TableSummary[] = [];
      for (const entry of tables.values()) {
        if (sinceVersion !== undefined && entry.version <= sinceVersion) continue;
        const summary = entry.stats.summary(now);
        summary.version = entry.version;
        withClock(summary);
        out.push(summary);
      }
      return { tables: out, version };
    },

    partials(now) {
      const out: PartialTableStats[] = [];
      for (const entry of tables.values()) {
        const p = entry.stats.partial(now);
        p.version = entry.version;
        withClock(p);
        out.push(p);
      }
      return out;
    },

    detail(tableKey, now, fromSec) {
      const entry = tables.get(tableKey);
      if (entry === undefined) return undefined;
      const detail = entry.stats.detail(now, fromSec);
      detail.version = entry.version;
      withClock(detail);
      return detail;
    },

    tableVersion: (tableKey) => tables.get(tableKey)?.version ?? 0,

    changedSince(since) {
      const changed: string[] = [];
      for (const [key, entry] of tables) if (entry.version > since) changed.push(key);
      return { version, changed, removed: removedSince(since), complete: since >= forgottenUpTo };
    },

    removedSince,

    onEvict(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    sources: () => tally.all(),
    servers: () => servers.all(),
    server: (name) => servers.get(name),
    clocks,
    tableKeys: () => [...tables.keys()],

    footprintBytes() {
      let bytes = 0;
      for (const entry of tables.values()) bytes += entry.stats.footprintBytes();
      return bytes;
    },

    get version() {
      return version;
    },
    get size() {
      return tables.size;
    },
    get evictions() {
      return evictions;
    },
  };
}
