import { describe, expect, it } from 'vitest';
import { actionUrl, healthTone, snapshotText, stateTone } from './connectors-format';

describe('connectors page helpers', () => {
  it('colours states and health', () => {
    expect(['RUNNING', 'FAILED', 'PAUSED', 'STOPPED'].map((s) => stateTone(s as never))).toEqual([
      'ok',
      'err',
      'warn',
      'idle',
    ]);
    expect(healthTone('degraded')).toBe('warn');
    expect(healthTone('failed')).toBe('err');
  });

  it('says how far a snapshot got', () => {
    const t = (state: 'running' | 'completed') => ({
      table: 'x',
      state,
      rows: 1,
      firstAt: 0,
      lastAt: 0,
      completedAt: null,
    });
    const base = { serverName: 's', startedAt: 0, completedAt: null, tablesDropped: 0 };
    expect(snapshotText({ ...base, state: 'running', tables: [t('completed'), t('running')] })).toBe(
      'running · 1 of 2 tables done',
    );
    expect(snapshotText({ ...base, state: 'completed', tables: [t('completed')] })).toBe('completed · 1 table');
  });

  it('encodes connector names in action URLs', () => {
    expect(actionUrl('a/b c', 'pause')).toBe('/api/connectors/a%2Fb%20c/pause');
    expect(actionUrl('x', 'restart-task', 2)).toBe('/api/connectors/x/tasks/2/restart');
  });
});
