import { describe, expect, it } from 'vitest';
import { parseEventRef, refOnSource } from './event-ref';

describe('parseEventRef', () => {
  it('reads Kafka and JetStream ids', () => {
    expect(parseEventRef('kafka:replica_a.inventory.customers:p2@1042')).toEqual({
      sourceId: 'kafka',
      channel: 'replica_a.inventory.customers',
      kind: 'kafka',
      partition: 2,
      offset: '1042',
    });
    expect(parseEventRef('nats:pg.inventory.orders:#88')).toEqual({
      sourceId: 'nats',
      channel: 'pg.inventory.orders',
      kind: 'jetstream',
      seq: 88,
    });
  });
  it('keeps colons inside the channel and refuses anything else', () => {
    expect(parseEventRef('nats:a:b:#1')).toMatchObject({ channel: 'a:b', seq: 1 });
    for (const bad of ['', 'kafka', 'kafka::p1@2', ':t:p1@2', 'kafka:t:p1', 'kafka:t:#x', 'kafka:t:p1@-2'])
      expect(parseEventRef(bad)).toBeUndefined();
  });
  it('reads a #seq id as the demo retained log when the source is the demo', () => {
    const ref = parseEventRef('demo:demo_a.inventory.orders:#7');
    expect(ref && refOnSource(ref, 'demo')).toEqual({
      sourceId: 'demo',
      channel: 'demo_a.inventory.orders',
      kind: 'demo',
      seq: 7,
    });
    expect(ref && refOnSource(ref, 'jetstream')).toMatchObject({ kind: 'jetstream' });
    const kafka = parseEventRef('k:t:p1@2');
    expect(kafka && refOnSource(kafka, 'demo')).toMatchObject({ kind: 'kafka' });
  });
});
