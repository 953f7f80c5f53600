import { describe, expect, it } from 'vitest';
import { connectorHealthState, connectState, MAX_TRACE_CHARS, parseConnectStatus } from './connect-status';
import { healthyAndFailed } from './fixtures/connect-answers';

describe('parseConnectStatus', () => {
  it('reads connectors, tasks, workers and topic prefixes, sorted by name', () => {
    const r = parseConnectStatus(healthyAndFailed);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.connectors.map((c) => c.name)).toEqual(['legacy', 'replica_a', 'replica_b']);
    const [legacy, a, b] = r.value.connectors;
    expect(a).toMatchObject({
      type: 'source',
      className: 'io.debezium.connector.mariadb.MariaDbConnector',
      topicPrefix: 'replica_a',
      state: 'RUNNING',
      workerId: '127.0.0.1:38083',
      trace: null,
      tasks: [{ id: 0, state: 'RUNNING', workerId: '127.0.0.1:38083', trace: null }],
    });
    expect(b?.tasks[0]?.state).toBe('FAILED');
    // Debezium 1.x named the prefix database.server.name.
    expect(legacy).toMatchObject({ topicPrefix: 'old_srv', state: 'PAUSED', tasks: [] });
  });

  it('never lets the config (with its passwords) through, and redacts traces', () => {
    const r = parseConnectStatus(healthyAndFailed);
    if (!r.ok) throw new Error(r.error);
    const text = JSON.stringify(r.value);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('dbz');
    const trace = r.value.connectors[2]?.tasks[0]?.trace ?? '';
    expect(trace).toContain('Access denied');
    expect(trace).toContain('mariadb://db-b:3306/inventory');
  });

  it('caps a huge trace and survives odd shapes', () => {
    const huge = {
      x: {
        status: {
          connector: { state: 'FAILED', trace: 'a'.repeat(100_000) },
          tasks: [{ id: 'zero' }, { id: 1, state: 'NEW_STATE' }],
        },
      },
    };
    const r = parseConnectStatus({ ...huge, y: 42, z: { info: 'nope' } });
    if (!r.ok) throw new Error(r.error);
    const [x, y, z] = r.value.connectors;
    expect(x?.trace?.length).toBeLessThanOrEqual(MAX_TRACE_CHARS);
    expect(x?.tasks).toEqual([{ id: 1, state: 'UNKNOWN', workerId: null, trace: null }]);
    expect(y?.state).toBe('UNKNOWN');
    expect(z?.state).toBe('UNKNOWN');
    expect(parseConnectStatus([]).ok).toBe(false);
    expect(parseConnectStatus(null).ok).toBe(false);
  });
});

describe('connector health state', () => {
  const task = (state: string) => ({ id: 0, state: connectState(state), workerId: null, trace: null });
  it('maps connector and task states to one word', () => {
    expect(connectorHealthState({ state: 'RUNNING', tasks: [task('RUNNING')] })).toBe('ok');
    expect(connectorHealthState({ state: 'RUNNING', tasks: [task('RUNNING'), task('FAILED')] })).toBe('failed');
    expect(connectorHealthState({ state: 'FAILED', tasks: [] })).toBe('failed');
    expect(connectorHealthState({ state: 'PAUSED', tasks: [task('PAUSED')] })).toBe('paused');
    expect(connectorHealthState({ state: 'STOPPED', tasks: [] })).toBe('stopped');
    expect(connectorHealthState({ state: 'RUNNING', tasks: [] })).toBe('degraded');
    expect(connectorHealthState({ state: 'RUNNING', tasks: [task('UNASSIGNED')] })).toBe('degraded');
    expect(connectorHealthState({ state: 'RESTARTING', tasks: [task('RUNNING')] })).toBe('degraded');
  });
});
