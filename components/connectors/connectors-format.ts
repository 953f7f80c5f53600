import type { ConnectState, ConnectorHealthState, ConnectorSnapshot } from '@/lib/contracts/connectors';
import type { Tone } from '../lag/lag-status';

/** Pure helpers of the Connectors page: tones and words. Everything is rendered as text. */

export function stateTone(state: ConnectState): Tone {
  switch (state) {
    case 'RUNNING':
      return 'ok';
    case 'FAILED':
      return 'err';
    case 'PAUSED':
    case 'RESTARTING':
    case 'UNASSIGNED':
      return 'warn';
    default:
      return 'idle';
  }
}

export function healthTone(h: ConnectorHealthState): Tone {
  return h === 'ok' ? 'ok' : h === 'failed' ? 'err' : h === 'stopped' ? 'idle' : 'warn';
}

/** `3 of 5 tables done`, `completed`, `incremental`. */
export function snapshotText(s: ConnectorSnapshot): string {
  const done = s.tables.filter((t) => t.state === 'completed').length;
  if (s.state === 'completed') return `completed · ${s.tables.length} table${s.tables.length === 1 ? '' : 's'}`;
  if (s.state === 'incremental') return `incremental · ${s.tables.length} table${s.tables.length === 1 ? '' : 's'}`;
  return `running · ${done} of ${s.tables.length} table${s.tables.length === 1 ? '' : 's'} done`;
}

/** The path of an action's route; names are URL-encoded. */
export function actionUrl(connector: string, action: 'pause' | 'resume' | 'restart-task', task?: number): string {
  const base = `/api/connectors/${encodeURIComponent(connector)}`;
  return action === 'restart-task' ? `${base}/tasks/${task ?? 0}/restart` : `${base}/${action}`;
}
