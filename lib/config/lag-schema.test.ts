import { describe, expect, it } from 'vitest';
import { configSchema } from './schema';

const base = { sources: [{ kind: 'demo' }] };

describe('lag: configuration', () => {
  it('defaults to no configured clock table and detection on', () => {
    expect(configSchema.parse(base).lag).toEqual({ connectors: {}, detectClockTables: true });
  });

  it('takes a clock table per connector, and * for the rest', () => {
    const lag = configSchema.parse({
      ...base,
      lag: {
        connectors: {
          replica_a: { clockTable: { table: 'stack_meta.heartbeat', column: 'ts' } },
          '*': { clockTable: { table: 'ops.debezium_heartbeat', column: 'beat_at' } },
        },
        detectClockTables: false,
      },
    }).lag;
    expect(lag.connectors.replica_a?.clockTable).toEqual({ table: 'stack_meta.heartbeat', column: 'ts' });
    expect(lag.connectors['*']?.clockTable.column).toBe('beat_at');
    expect(lag.detectClockTables).toBe(false);
  });

  it('names the field of a bad clock table', () => {
    const r = configSchema.safeParse({ ...base, lag: { connectors: { replica_a: { clockTable: { table: 'x' } } } } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['lag', 'connectors', 'replica_a', 'clockTable', 'column']);
    expect(configSchema.safeParse({ ...base, lag: { clockTable: { table: 'x', column: 'y' } } }).success).toBe(false);
  });
});
