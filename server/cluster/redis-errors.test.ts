import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { reportRedisErrors } from './redis-errors';

describe('reportRedisErrors', () => {
  it('logs the first error at once, then at most one per interval with a count of the rest', () => {
    const client = new EventEmitter();
    const lines: string[] = [];
    let t = 0;
    reportRedisErrors(
      client,
      'counts',
      (l) => lines.push(l),
      30_000,
      () => t,
    );
    client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    t = 1_000;
    client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(lines).toHaveLength(1);
    t = 31_000;
    client.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Redis (counts)');
    expect(lines[1]).toContain('2 more since the last report');
  });

  it('keeps a password in the error text out of the log', () => {
    const client = new EventEmitter();
    const lines: string[] = [];
    reportRedisErrors(client, 'sessions', (l) => lines.push(l));
    client.emit('error', new Error('could not reach redis://admin:hunter2@redis.internal:6379'));
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});
