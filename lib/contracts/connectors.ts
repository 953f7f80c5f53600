import { z } from 'zod';
import { connectorHealthSchema } from './consumer-lag';

/**
 * Connector health (issue #13 §4): what `GET /api/connectors` answers.
 * Kafka Connect's connectors and tasks (state, worker, failure trace, linked
 * to the topic prefix and the tables cdcscope sees), Debezium Server's
 * health, and per Debezium logical server the heartbeats and snapshot state
 * read from the events themselves. Traces are redacted on the server.
 */

/** Kafka Connect's states (`STOPPED` since Kafka 3.5); anything else it might invent is `UNKNOWN`. */
export const CONNECT_STATES = [
  'RUNNING',
  'PAUSED',
  'FAILED',
  'UNASSIGNED',
  'RESTARTING',
  'STOPPED',
  'UNKNOWN',
] as const;
export const connectStateSchema = z.enum(CONNECT_STATES);
export type ConnectState = z.infer<typeof connectStateSchema>;

/** One word for a connector and its tasks together: what the page colours and /metrics exports. */
export const connectorHealthStateSchema = z.enum(['ok', 'paused', 'failed', 'degraded', 'stopped']);
export type ConnectorHealthState = z.infer<typeof connectorHealthStateSchema>;

export const connectTaskSchema = z.object({
  id: z.number().int().nonnegative(),
  state: connectStateSchema,
  workerId: z.string().nullable(),
  /** The failure's stack trace, redacted (no URL credentials, no secret-looking values) and capped. */
  trace: z.string().nullable(),
});
export type ConnectTask = z.infer<typeof connectTaskSchema>;

/** A snapshot of one table, from the `source.snapshot` flags of its events. */
export const tableSnapshotSchema = z.object({
  table: z.string(),
  state: z.enum(['running', 'completed']),
  /** Snapshot reads seen. */
  rows: z.number().int().nonnegative(),
  firstAt: z.number(),
  lastAt: z.number(),
  completedAt: z.number().nullable(),
});
export type TableSnapshot = z.infer<typeof tableSnapshotSchema>;

/** One Debezium logical server's snapshot as its events tell it. */
export const connectorSnapshotSchema = z.object({
  serverName: z.string(),
  /** `running`: snapshot reads arriving, no `last` yet; `completed`: its `last` record (or a streamed change after it) seen; `incremental`: incremental snapshot chunks seen. */
  state: z.enum(['running', 'completed', 'incremental']),
  startedAt: z.number(),
  completedAt: z.number().nullable(),
  tables: z.array(tableSnapshotSchema),
  /** Tables left out past the per-connector cap. */
  tablesDropped: z.number().int().nonnegative(),
});
export type ConnectorSnapshot = z.infer<typeof connectorSnapshotSchema>;

/** What cdcscope sees of one logical server (topic prefix): its tables, heartbeats and snapshot. */
export const serverViewSchema = z.object({
  serverName: z.string(),
  /** Table keys cdcscope tracks under this prefix (at most 50; `tablesMore` counts the rest). */
  tables: z.array(z.string()),
  tablesMore: z.number().int().nonnegative(),
  /** Events and heartbeats: streaming / idle / stalled (lib/lag/connector-stall.ts); null when none seen. */
  liveness: connectorHealthSchema.nullable(),
  snapshot: connectorSnapshotSchema.nullable(),
});
export type ServerView = z.infer<typeof serverViewSchema>;

export const connectorViewSchema = z.object({
  name: z.string(),
  /** `source` or `sink` (Connect's word), `unknown` when it said neither. */
  type: z.string(),
  /** `connector.class`, e.g. io.debezium.connector.mariadb.MariaDbConnector. */
  className: z.string().nullable(),
  state: connectStateSchema,
  workerId: z.string().nullable(),
  trace: z.string().nullable(),
  tasks: z.array(connectTaskSchema),
  health: connectorHealthStateSchema,
  /** Debezium's `topic.prefix` (or `database.server.name` before 2.0); null for other connectors. */
  topicPrefix: z.string().nullable(),
  /** cdcscope's view of that prefix; null when it has none. */
  server: serverViewSchema.nullable(),
});
export type ConnectorView = z.infer<typeof connectorViewSchema>;

/** A REST endpoint as the page may see it: its URL without credentials, up or down with the redacted reason. */
export const endpointStatusSchema = z.object({
  url: z.string(),
  /** `pending` before the first answer. */
  state: z.enum(['up', 'down', 'pending']),
  error: z.string().nullable(),
  checkedAt: z.number().nullable(),
  /** When it last answered well; the connector list is from then while it is down. */
  lastOkAt: z.number().nullable(),
});
export type EndpointStatus = z.infer<typeof endpointStatusSchema>;

export const debeziumServerViewSchema = endpointStatusSchema.extend({
  /** Quarkus' overall `UP` / `DOWN`; null when it did not answer. */
  status: z.string().nullable(),
  checks: z.array(z.object({ name: z.string(), status: z.string() })),
});
export type DebeziumServerView = z.infer<typeof debeziumServerViewSchema>;

export const connectorsResponseSchema = z.object({
  /** Null when no `connect:` is configured (and no demo). */
  connect: endpointStatusSchema.nullable(),
  connectors: z.array(connectorViewSchema),
  debeziumServer: debeziumServerViewSchema.nullable(),
  /** Logical servers seen in the data that no Connect connector claims (Debezium Server's, or another cluster's). */
  unlinked: z.array(serverViewSchema),
  /** Whether the caller may pause, resume and restart (operator, or the demo with auth off). */
  canOperate: z.boolean(),
});
export type ConnectorsResponse = z.infer<typeof connectorsResponseSchema>;

export const CONNECTOR_ACTIONS = ['pause', 'resume', 'restart-task'] as const;
export const connectorActionSchema = z.enum(CONNECTOR_ACTIONS);
export type ConnectorAction = z.infer<typeof connectorActionSchema>;

/** `POST /api/connectors/:name/{pause,resume}` and `…/tasks/:id/restart` answer. */
export const connectorActionResultSchema = z.object({
  actionId: z.string(),
  connector: z.string(),
  action: connectorActionSchema,
  task: z.number().int().nonnegative().nullable(),
  ok: z.boolean(),
  /** Connect's answer (`HTTP 202`) or the redacted reason it failed. */
  detail: z.string(),
});
export type ConnectorActionResult = z.infer<typeof connectorActionResultSchema>;
