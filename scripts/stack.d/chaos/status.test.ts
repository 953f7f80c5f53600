import { describe, expect, it } from 'vitest';
import { healthy, parseStatus } from './status';

const status = (rows: string[]) =>
  ['COMPONENT            VERSION          PORT    PID      HEALTH', ...rows].join('\n');

describe('stack status for the healing loop', () => {
  it('a healthy stack is healthy', () => {
    const h = parseStatus(
      status([
        'nats                 2.9.10           34222   101      ok, stream DebeziumStream',
        'kafka                4.1.1            39092   102      ok',
        'mariadb-replica-a    10.11.6          33308   103      ok, replicating',
        'debezium-server      3.6.0.Final      38080   104      UP, streaming',
        'consumers            -                -       105      ok, delay 20 ms',
        'connector:replica_a  3.5.0.Final      38083   -        RUNNING RUNNING',
      ]),
    );
    expect(h).toEqual({ down: [], unhealthy: [], connectors: [] });
    expect(healthy(h)).toBe(true);
  });

  it('tells down, unhealthy and failed connectors apart', () => {
    const h = parseStatus(
      status([
        'kafka                4.1.1            39092   -        down',
        'connect              4.1.1            38083   102      unhealthy',
        'mariadb-replica-b    10.11.6          33309   103      ok, replication broken',
        'debezium-server      3.6.0.Final      38080   104      UP',
        'connector:replica_b  3.5.0.Final      38083   -        RUNNING FAILED',
        'connector:avro_a     3.5.0.Final      38083   -        missing',
      ]),
    );
    expect(h).toEqual({
      down: ['kafka'],
      unhealthy: ['connect', 'mariadb-replica-b', 'debezium-server'],
      connectors: ['replica_b', 'avro_a'],
    });
    expect(healthy(h)).toBe(false);
  });
});
