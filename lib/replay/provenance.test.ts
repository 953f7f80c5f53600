import { describe, expect, it } from 'vitest';
import type { RawMessageView } from '../contracts/inspector';
import { buildOutgoing, jsonProblem, PROVENANCE } from './provenance';
import { headerSafe, sinkRef } from './sink-ref';

const raw: RawMessageView = {
  key: '{"id":7}',
  value: '{"op":"u","after":{"id":7}}',
  truncated: false,
  sizeBytes: 30,
  masking: 'none',
  headers: { '__debezium.oldkey': '{"id":6}', 'cdcscope-replay-id': 'forged' },
  origin: { kind: 'kafka', topic: 't', partition: 2, offset: '41', timestamp: 0 },
};
const p = {
  replayId: '0b7e3f0e-8c1a-4d7e-9a57-1f0b1f2d3c4e',
  user: 'ops',
  at: Date.UTC(2026, 10, 23),
  sourceId: 'kafka',
  channel: 't',
  position: 'p2@41',
  eventId: 'kafka:t:p2@41',
};

describe('buildOutgoing', () => {
  it('adds provenance, keeps the Kafka key and drops forged provenance headers', () => {
    const m = buildOutgoing(raw, p, { keyInHeader: false });
    expect(m.key).toBe('{"id":7}');
    expect(m.value).toBe(raw.value);
    expect(m.headers[PROVENANCE.replayId]).toBe(p.replayId);
    expect(m.headers[PROVENANCE.replayedBy]).toBe('ops');
    expect(m.headers[PROVENANCE.replayedAt]).toBe('2026-11-23T00:00:00.000Z');
    expect(m.headers[PROVENANCE.source]).toBe('kafka/t');
    expect(m.headers[PROVENANCE.position]).toBe('p2@41');
    expect(m.headers[PROVENANCE.eventId]).toBe('kafka:t:p2@41');
    expect(m.headers['__debezium.oldkey']).toBe('{"id":6}');
    expect(Object.values(m.headers)).not.toContain('forged');
    expect(m.headers[PROVENANCE.key]).toBeUndefined();
  });

  it('moves the key to a header for keyless sinks, and sends an edited value', () => {
    const m = buildOutgoing(raw, { ...p, user: null }, { keyInHeader: true, editedValue: '{"x":1}' });
    expect(m.key).toBeNull();
    expect(m.headers[PROVENANCE.key]).toBe('{"id":7}');
    expect(m.headers[PROVENANCE.replayedBy]).toBe('anonymous');
    expect(m.value).toBe('{"x":1}');
  });

  it('replays a tombstone as a null value', () => {
    expect(buildOutgoing({ ...raw, value: null }, p, { keyInHeader: false }).value).toBeNull();
  });
});

describe('jsonProblem', () => {
  it('accepts one JSON document and names what is wrong otherwise', () => {
    expect(jsonProblem('{"a":[1,2]}')).toBeNull();
    expect(jsonProblem('{"a":')).toMatch(/^payload is not valid JSON: /);
    expect(jsonProblem('{} {}')).toMatch(/not valid JSON/);
  });
});

describe('sinkRef', () => {
  it('never shows URL credentials, query strings or headers of an HTTP sink', () => {
    const ref = sinkRef({
      id: 'hook',
      kind: 'http',
      url: 'https://user:secret@example.com/hooks/cdc?token=abc',
      headers: { authorization: 'Bearer x' },
      timeoutMs: 1000,
    });
    expect(ref).toEqual({ id: 'hook', kind: 'http', target: 'POST https://example.com/hooks/cdc' });
    expect(JSON.stringify(ref)).not.toMatch(/secret|abc|Bearer/);
  });
  it('names topics with their cluster and subjects with their mode', () => {
    expect(sinkRef({ id: 'k', kind: 'kafka', cluster: 'prod', topic: 'orders.retry' }).target).toBe(
      'prod/orders.retry',
    );
    expect(
      sinkRef({ id: 'n', kind: 'nats', servers: ['nats://x:4222'], subject: 'replay.orders', mode: 'core' }).target,
    ).toBe('replay.orders (core NATS)');
  });
  it('percent-encodes header values transports would refuse', () => {
    expect(headerSafe('{"id":7}')).toBe('{"id":7}');
    expect(headerSafe('a\r\nb: c')).toBe('a%0D%0Ab%3A%20c');
    expect(headerSafe('Zoë')).toBe('Zo%C3%AB');
  });
});
