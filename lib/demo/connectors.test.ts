import { describe, expect, it } from 'vitest';
import { parseConnectStatus } from '../connectors/connect-status';
import { createDemoConnect, DEMO_FAILING_CONNECTOR, DEMO_FIRST_FAILURE_MS, DEMO_RESTART_MS } from './connectors';

const T0 = 1_000_000;
const statusOf = (demo: ReturnType<typeof createDemoConnect>, now: number) => {
  const r = parseConnectStatus(demo.status(now));
  if (!r.ok) throw new Error(r.error);
  return r.value.connectors;
};
const taskState = (demo: ReturnType<typeof createDemoConnect>, name: string, now: number) =>
  statusOf(demo, now).find((c) => c.name === name)?.tasks[0]?.state;

describe('demo Kafka Connect', () => {
  it('answers in Connect JSON: four running connectors named by the demo prefixes', () => {
    const demo = createDemoConnect({ seed: 1, start: T0 });
    const cs = statusOf(demo, T0);
    expect(cs.map((c) => [c.name, c.topicPrefix, c.state, c.tasks[0]?.state])).toEqual([
      ['demo_a', 'demo_a', 'RUNNING', 'RUNNING'],
      ['demo_b', 'demo_b', 'RUNNING', 'RUNNING'],
      ['demo_pg', 'demo_pg', 'RUNNING', 'RUNNING'],
      ['demo_shop', 'demo_shop', 'RUNNING', 'RUNNING'],
    ]);
  });

  it('fails a task with a trace (its password redacted once parsed) until it is restarted', () => {
    const demo = createDemoConnect({ seed: 1, start: T0 });
    const failedAt = T0 + DEMO_FIRST_FAILURE_MS;
    expect(taskState(demo, DEMO_FAILING_CONNECTOR, failedAt - 1)).toBe('RUNNING');
    expect(taskState(demo, DEMO_FAILING_CONNECTOR, failedAt)).toBe('FAILED');
    expect(taskState(demo, DEMO_FAILING_CONNECTOR, failedAt + 600_000)).toBe('FAILED');
    const raw = JSON.stringify(demo.status(failedAt));
    expect(raw).toContain('demo-secret'); // Connect's own answer carries it…
    const trace = statusOf(demo, failedAt).find((c) => c.name === DEMO_FAILING_CONNECTOR)?.tasks[0]?.trace ?? '';
    expect(trace).toContain('Connection reset');
    expect(trace).not.toContain('demo-secret'); // …the parsed status never does
    const restartAt = failedAt + 700_000;
    expect(demo.restartTask(DEMO_FAILING_CONNECTOR, 0, restartAt)).toEqual({ ok: true, value: 'HTTP 204' });
    expect(taskState(demo, DEMO_FAILING_CONNECTOR, restartAt + 1)).toBe('RESTARTING');
    expect(taskState(demo, DEMO_FAILING_CONNECTOR, restartAt + DEMO_RESTART_MS)).toBe('RUNNING');
    // …and fails again later.
    expect(taskState(demo, DEMO_FAILING_CONNECTOR, restartAt + 10 * 60_000)).toBe('FAILED');
  });

  it('pauses and resumes, and refuses unknown connectors and tasks', () => {
    const demo = createDemoConnect({ seed: 1, start: T0 });
    expect(demo.pause('demo_a', T0).ok).toBe(true);
    const a = statusOf(demo, T0 + 1).find((c) => c.name === 'demo_a');
    expect([a?.state, a?.tasks[0]?.state]).toEqual(['PAUSED', 'PAUSED']);
    expect(demo.resume('demo_a', T0 + 2).ok).toBe(true);
    expect(taskState(demo, 'demo_a', T0 + 3)).toBe('RUNNING');
    expect(demo.pause('nope', T0)).toEqual({ ok: false, error: 'HTTP 404: Connector nope not found' });
    expect(demo.restartTask('demo_a', 3, T0).ok).toBe(false);
  });
});
