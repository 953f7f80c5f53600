import '../server-only';
import { createHash, randomUUID } from 'node:crypto';
import type { AuditLog, AuditStarted } from '../../lib/contracts/audit';
import type { ConnectorAction, ConnectorActionResult } from '../../lib/contracts/connectors';
import { safeErrorText } from '../../lib/redact';
import type { Result } from '../../lib/result';
import type { Principal } from '../auth/auth-service';
import type { ConnectClient } from './connect-client';
import type { ConnectorsMonitor } from './connectors-monitor';

/**
 * An operator's pause, resume or task restart (issue #13 §4), recorded in the
 * audit log exactly as a replay is: a `started` record made durable before
 * Connect is asked, a `finished` one with Connect's answer after, so an
 * action nobody knows the outcome of still shows who asked. Only connectors
 * and tasks of Connect's last answer are accepted (no name goes into a URL
 * unchecked). With auth off only the demo's simulated cluster may be
 * operated, as replay allows only the demo's own sinks.
 */

export interface ActionRefusal {
  status: number;
  message: string;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');
const VERB: Record<ConnectorAction, string> = { pause: 'pause', resume: 'resume', 'restart-task': 'restart' };

export interface ConnectorActions {
  /** Whether this caller may act at all (the page hides the buttons otherwise). */
  allowed(caller: Principal): boolean;
  run(
    caller: Principal,
    action: ConnectorAction,
    connector: string,
    task: number | null,
  ): Promise<Result<ConnectorActionResult, ActionRefusal>>;
}

export function createConnectorActions(deps: {
  client: ConnectClient | null;
  monitor: ConnectorsMonitor;
  audit: AuditLog;
  authEnabled: boolean;
  /** The demo's cluster may be operated with auth off. */
  demo: boolean;
}): ConnectorActions {
  const allowed = (caller: Principal) =>
    deps.client !== null && (deps.authEnabled ? caller.role === 'operator' : deps.demo);
  const refuse = (status: number, message: string) => ({ ok: false as const, error: { status, message } });

  return {
    allowed,
    async run(caller, action, connector, task) {
      const client = deps.client;
      if (!client) return refuse(404, 'no Kafka Connect is configured (connect: in the configuration)');
      if (!allowed(caller))
        return refuse(403, 'connector actions need the operator role (with auth off, only the demo may be operated)');
      const known = deps.monitor.connectors().find((c) => c.name === connector);
      if (!known) return refuse(404, `connector ${connector} is not in Kafka Connect's last answer`);
      if (task !== null && !known.tasks.some((t) => t.id === task))
        return refuse(404, `connector ${connector} has no task ${task}`);

      const actionId = `connector-${randomUUID()}`;
      const started: AuditStarted = {
        replayId: actionId,
        at: Date.now(),
        phase: 'started',
        actor: { user: caller.user, role: caller.role, via: caller.via },
        event: {
          id: `connect:${connector}`,
          sourceId: 'connect',
          channel: connector,
          position: task === null ? 'connector' : `task ${task}`,
          tableKey: null,
        },
        sink: {
          id: 'kafka-connect',
          kind: 'connect',
          target: `${client.url}/connectors/${connector}${task === null ? '' : `/tasks/${task}`}/${VERB[action]}`,
        },
        payloadSha256: EMPTY_SHA256,
        payloadBytes: 0,
        edited: false,
        unmasked: false,
        action: { kind: action, connector, task },
      };
      try {
        await deps.audit.append(started);
      } catch (err) {
        return refuse(503, `the audit log cannot be written, so nothing was done: ${safeErrorText(err)}`);
      }
      let outcome: { ok: true; detail: string } | { ok: false; error: string };
      try {
        const detail =
          action === 'pause'
            ? await client.pause(connector)
            : action === 'resume'
              ? await client.resume(connector)
              : await client.restartTask(connector, task ?? 0);
        outcome = { ok: true, detail: `Kafka Connect: ${detail}` };
      } catch (err) {
        outcome = { ok: false, error: safeErrorText(err) };
      }
      await deps.audit
        .append({ replayId: actionId, at: Date.now(), phase: 'finished', result: outcome })
        .catch((err: unknown) => console.error(`cdcscope: audit log: ${safeErrorText(err)}`));
      await deps.monitor.refresh();
      return {
        ok: true,
        value: {
          actionId,
          connector,
          action,
          task,
          ok: outcome.ok,
          detail: outcome.ok ? outcome.detail : outcome.error,
        },
      };
    },
  };
}
