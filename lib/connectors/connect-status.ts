import { z } from 'zod';
import { redactText } from '../redact';
import type { Result } from '../result';
import {
  CONNECT_STATES,
  type ConnectState,
  type ConnectTask,
  type ConnectorHealthState,
} from '../contracts/connectors';

/**
 * Kafka Connect's `GET /connectors?expand=status&expand=info` answer, read
 * into cdcscope's status model. Connect's JSON is outside input: every field
 * is checked, anything odd becomes `UNKNOWN` or null rather than an error, and
 * only the few config keys cdcscope needs are kept (a connector's config
 * holds database passwords: it never leaves this function).
 */

/** Connectors kept from one answer; a cluster with more is cut here (and says so). */
export const MAX_CONNECTORS = 1_000;
/** Tasks kept per connector. */
export const MAX_TASKS = 256;
/** A Java stack trace is a few KB; past this it is cut (the cause is at the top). */
export const MAX_TRACE_CHARS = 8_000;

/** One connector as read from Connect, before it is linked to what cdcscope sees. */
export interface ConnectorStatus {
  name: string;
  type: string;
  className: string | null;
  topicPrefix: string | null;
  state: ConnectState;
  workerId: string | null;
  trace: string | null;
  tasks: ConnectTask[];
}

const str = z.string().max(10_000);
const stateEntry = z.looseObject({
  state: z.unknown().optional(),
  worker_id: z.unknown().optional(),
  trace: z.unknown().optional(),
});
const expanded = z.looseObject({
  info: z
    .looseObject({ type: z.unknown().optional(), config: z.record(z.string(), z.unknown().optional()).optional() })
    .optional(),
  status: z
    .looseObject({
      type: z.unknown().optional(),
      connector: stateEntry.optional(),
      tasks: z
        .array(
          z.looseObject({
            id: z.unknown().optional(),
            state: z.unknown().optional(),
            worker_id: z.unknown().optional(),
            trace: z.unknown().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

/** Connect's state word, or UNKNOWN. */
export function connectState(value: unknown): ConnectState {
  return typeof value === 'string' && (CONNECT_STATES as readonly string[]).includes(value)
    ? (value as ConnectState)
    : 'UNKNOWN';
}

const text = (v: unknown): string | null => {
  const r = str.safeParse(v);
  return r.success && r.data !== '' ? r.data : null;
};

/** A failure trace as it may be shown: URL credentials, secret-looking values and auth headers removed, capped. */
export function safeTrace(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? redactText(v, MAX_TRACE_CHARS) : null;
}

/** The Debezium logical server name: `topic.prefix` (2.0+) or `database.server.name` (1.x). */
export function topicPrefixOf(config: Record<string, unknown> | undefined): string | null {
  return text(config?.['topic.prefix']) ?? text(config?.['database.server.name']);
}

/** The answer as connector statuses sorted by name, or why it is not one. */
export function parseConnectStatus(json: unknown): Result<{ connectors: ConnectorStatus[]; dropped: number }> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, error: 'Kafka Connect answered with something other than a JSON object of connectors' };
  const names = Object.keys(json).sort();
  const connectors: ConnectorStatus[] = [];
  for (const name of names.slice(0, MAX_CONNECTORS)) {
    const parsed = expanded.safeParse((json as Record<string, unknown>)[name]);
    if (!parsed.success) {
      connectors.push({
        name,
        type: 'unknown',
        className: null,
        topicPrefix: null,
        state: 'UNKNOWN',
        workerId: null,
        trace: null,
        tasks: [],
      });
      continue;
    }
    const { info, status } = parsed.data;
    const tasks: ConnectTask[] = [];
    for (const t of status?.tasks ?? []) {
      if (tasks.length >= MAX_TASKS) break;
      const id = typeof t.id === 'number' && Number.isInteger(t.id) && t.id >= 0 ? t.id : null;
      if (id === null) continue;
      tasks.push({ id, state: connectState(t.state), workerId: text(t.worker_id), trace: safeTrace(t.trace) });
    }
    tasks.sort((a, b) => a.id - b.id);
    connectors.push({
      name,
      type: text(status?.type) ?? text(info?.type) ?? 'unknown',
      className: text(info?.config?.['connector.class']),
      topicPrefix: topicPrefixOf(info?.config),
      state: connectState(status?.connector?.state),
      workerId: text(status?.connector?.worker_id),
      trace: safeTrace(status?.connector?.trace),
      tasks,
    });
  }
  return { ok: true, value: { connectors, dropped: Math.max(0, names.length - MAX_CONNECTORS) } };
}

/**
 * One word for a connector and its tasks: failed when it or any task failed;
 * paused / stopped when the connector is; ok when it and every task run (a
 * running connector without tasks is degraded: it captures nothing); degraded
 * otherwise (unassigned, restarting, mixed).
 */
export function connectorHealthState(c: Pick<ConnectorStatus, 'state' | 'tasks'>): ConnectorHealthState {
  if (c.state === 'FAILED' || c.tasks.some((t) => t.state === 'FAILED')) return 'failed';
  if (c.state === 'PAUSED') return 'paused';
  if (c.state === 'STOPPED') return 'stopped';
  if (c.state === 'RUNNING' && c.tasks.length > 0 && c.tasks.every((t) => t.state === 'RUNNING')) return 'ok';
  return 'degraded';
}
