import { describe, expect, it } from 'vitest';
import { parseDebeziumHealth } from './debezium-health';

describe('Debezium Server health', () => {
  it('reads the status and the checks, never their data', () => {
    const r = parseDebeziumHealth({
      status: 'DOWN',
      checks: [{ name: 'debezium', status: 'DOWN', data: { url: 'nats://u:p@x' } }, { status: 1 }],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        status: 'DOWN',
        checks: [
          { name: 'debezium', status: 'DOWN' },
          { name: '(unnamed)', status: 'UNKNOWN' },
        ],
      },
    });
    expect(parseDebeziumHealth('<html>').ok).toBe(false);
  });
});
