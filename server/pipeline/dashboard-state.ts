import type { EventListItem } from '../../lib/contracts/event-view';
import type { StoredEvent } from '../../lib/store/event-store-view';
import type { EventDetail, EventPage, EventQuery } from '../../lib/contracts/inspector';
import type { Result } from '../../lib/result';
import type { ConsumerLagSnapshot } from '../../lib/contracts/lag-api';
import type { ReplicaPairSummary, SuggestedReplicaPair } from '../../lib/contracts/replicas';
import type { OutboxSummary } from '../../lib/contracts/outbox';
import type { SourceSummary } from '../../lib/contracts/source-status';
import type { TableDetail, TableSummary, ThroughputPoint } from '../../lib/contracts/table-stats';
import type { TransactionDetail, TransactionsResponse } from '../../lib/contracts/transactions';
import type { TableSchemaResponse } from '../../lib/contracts/table-schema';
import type { ClockResolution, SourceClock } from '../../lib/contracts/source-clock';
import type { SeenData } from '../../lib/connectors/connector-view';

/** What the push layer and the HTTP API read from the pipeline; nothing more. */
export interface DashboardState {
  sources(): SourceSummary[];
  /** Summaries of the tables changed after `sinceVersion` (all when omitted), and the current version. */
  tables(sinceVersion?: number): { tables: TableSummary[]; version: number };
  /** Keys of tables evicted after `sinceVersion`. */
  removedSince(sinceVersion: number): string[];
  /** All tables' throughput by op, complete seconds from `fromSec` (default: up to 15 minutes back), oldest first. */
  throughput(fromSec?: number): ThroughputPoint[];
  /** A table's detail; with `fromSec`, its series hold only the seconds from there on (`partial` set by the caller). */
  table(tableKey: string, fromSec?: number): TableDetail | undefined;
  tableVersion(tableKey: string): number;
  tableEvents(tableKey: string): EventListItem[];
  /** Inspector: kept events matching the filters, newest first, masked; an error for a cursor this run did not issue. */
  events(query: EventQuery): Result<EventPage>;
  /** Inspector: one kept event in full (rows, diff, source, raw text), masked; undefined once evicted. */
  event(id: string): EventDetail | undefined;
  /** Every configured replica pair, without series. */
  replicas(): ReplicaPairSummary[];
  /** One pair with its per-second series. */
  replicaPair(pairId: string): ReplicaPairSummary | undefined;
  replicasVersion(): number;
  /** Recent transactions, the largest and longest of the last 15 minutes, incomplete ones per connector. */
  transactions(): TransactionsResponse;
  /** One transaction (key `<connector>|<id>`) with its kept events in order, masked; undefined once evicted. */
  transaction(key: string): TransactionDetail | undefined;
  /** A table's column shapes over time (from its events), undefined for a table not seen. */
  tableSchema(tableKey: string): TableSchemaResponse | undefined;
  /** Tables whose shape changed since start, for the overview's drift badge. */
  driftedTables(): string[];
  /** Pairs the table keys suggest that are not configured yet. */
  replicaSuggestions(): SuggestedReplicaPair[];
  /** What the data shows of each connector: table keys, liveness from events and heartbeats, snapshot state (issue #13 §4). */
  connectorsSeen(): SeenData;
  /** Downstream consumer lag and connector liveness. */
  lag(): ConsumerLagSnapshot;
  /** Outbox events per aggregate type and event type, and replayed copies per table. */
  outbox(): OutboxSummary;
  /** How precise a connector's commit clock is (undefined for one never seen), for figures computed from it. */
  /** Every connector's commit clock, least recently active first. */
  sourceClocks(): SourceClock[];
  clockOf: (serverName: string | undefined) => ClockResolution | undefined;
  /** Whether a change does not fit its table's current shape (the inspector's "off shape"), for one event's detail. */
  offShape: (e: Pick<StoredEvent, 'tableKey' | 'record'>) => boolean;
}
