import { describe, expect, it } from 'vitest';
import { connectorHealth, connectorHealthAll } from './connector-stall';

const T0 = 1_700_000_000_000;

describe('connector liveness', () => {
  it('streaming with recent events, idle on heartbeats only, stalled when both stop', () => {
    expect(connectorHealth({ serverName: 'a', lastEventAt: T0 - 1_000 }, T0)).toMatchObject({
      status: 'streaming',
      silentForMs: 1_000,
    });
    expect(
      connectorHealth({ serverName: 'a', lastEventAt: T0 - 30_000, lastHeartbeatAt: T0 - 2_000 }, T0),
    ).toMatchObject({ status: 'idle', silentForMs: 2_000 });
    expect(
      connectorHealth({ serverName: 'a', lastEventAt: T0 - 90_000, lastHeartbeatAt: T0 - 60_000 }, T0),
    ).toMatchObject({ status: 'stalled', silentForMs: 60_000 });
    expect(connectorHealth({ serverName: 'a' }, T0)).toMatchObject({ status: 'unknown', silentForMs: null });
  });

  it('takes per-server thresholds and lists stalled servers first', () => {
    const all = connectorHealthAll(
      [
        { serverName: 'b', lastEventAt: T0 - 100 },
        { serverName: 'slow', lastHeartbeatAt: T0 - 100_000 },
        { serverName: 'a', lastHeartbeatAt: T0 - 70_000 },
      ],
      T0,
      { overrides: { slow: 300_000 } },
    );
    expect(all.map((h) => [h.serverName, h.status])).toEqual([
      ['a', 'stalled'],
      ['slow', 'idle'],
      ['b', 'streaming'],
    ]);
  });
});
