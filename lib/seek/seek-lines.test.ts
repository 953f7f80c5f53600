import { describe, expect, it } from 'vitest';
import { parseSeekLine, PREVIEW_MAX_FIELDS, PREVIEW_VALUE_MAX_CHARS } from '../contracts/seek';
import { decodeMessage } from '../debezium/decode-message';
import { mariadbSource, pgSource, rawFrom } from '../debezium/fixtures';
import { schemaChange } from '../debezium/fixtures/control';
import { createMasker } from '../masking/masker';
import { createSeekMatcher, isListed, toSeekEvent } from './seek-event';
import { createProgressGate, doneLine, eventLine, previewRow } from './seek-lines';

const masker = createMasker({});

function event(value: unknown, opts: { key?: unknown; topic?: string; broker?: 'kafka' | 'jetstream' } = {}) {
  const raw = rawFrom({
    topic: opts.topic ?? 'replica_a.inventory.customers',
    key: opts.key ?? { id: 1 },
    value,
    broker: opts.broker ?? 'kafka',
    partition: 2,
    offset: 41,
  });
  return toSeekEvent(decodeMessage(raw), raw, false);
}

const customer = (
  op: string,
  after: Record<string, unknown> | null,
  before: Record<string, unknown> | null = null,
) => ({
  op,
  before,
  after,
  source: mariadbSource({ table: 'customers', db: 'inventory', name: 'replica_a' }),
  ts_ms: 1_700_000_000_000,
});

describe('seek matcher', () => {
  it('applies table, op and field filters like the inspector', () => {
    const e = event(customer('u', { id: 1, status: 'gold' }, { id: 1, status: 'silver' }));
    const m = (f: Parameters<typeof createSeekMatcher>[0]) => createSeekMatcher(f, masker)(e);
    expect(m({})).toBe(true);
    expect(m({ table: 'replica_a.inventory.customers', op: ['u'] })).toBe(true);
    expect(m({ table: 'replica_b.inventory.customers' })).toBe(false);
    expect(m({ op: ['c'] })).toBe(false);
    expect(m({ field: [{ side: 'after', path: ['status'], op: '=', value: 'gold' }] })).toBe(true);
    expect(m({ field: [{ side: 'before', path: ['status'], op: '=', value: 'gold' }] })).toBe(false);
  });

  it('cannot probe a masked column', () => {
    const e = event(customer('c', { id: 1, password: 'hunter2' }));
    expect(
      createSeekMatcher({ field: [{ side: 'after', path: ['password'], op: '=', value: 'hunter2' }] }, masker)(e),
    ).toBe(false);
    expect(createSeekMatcher({ q: 'hunter2' }, masker)(e)).toBe(false);
  });

  it('lists changes, tombstones, undecodables and schema changes, not transaction markers or heartbeats', () => {
    expect(isListed(event(customer('c', { id: 1 })).record)).toBe(true);
    expect(isListed(event(null).record)).toBe(true);
    // A seek on a MySQL/MariaDB connector's schema-change topic (`<prefix>`) lists its statements.
    expect(isListed(event(schemaChange, { topic: 'replica_a', key: { databaseName: 'inventory' } }).record)).toBe(true);
    expect(isListed(event({ ts_ms: 1 }, { topic: '__debezium-heartbeat.replica_a' }).record)).toBe(false);
    expect(
      isListed(
        event(
          { status: 'BEGIN', id: 'tx1', event_count: null, data_collections: null, ts_ms: 1 },
          { topic: 'replica_a.transaction' },
        ).record,
      ),
    ).toBe(false);
  });
});

describe('seek lines', () => {
  it('builds a masked event line with a cut preview and the broker reference', () => {
    const long = 'x'.repeat(5_000);
    const line = eventLine(
      event(customer('c', { id: 1, password: 'hunter2', note: long }), { key: { id: 1, password: 'k-secret' } }),
      masker,
    );
    if (line?.type !== 'event') throw new Error('no event line');
    expect(line.ref).toEqual({
      kind: 'kafka',
      sourceId: 'kafka-test',
      topic: 'replica_a.inventory.customers',
      partition: 2,
      offset: '41',
    });
    expect(line.preview?.side).toBe('after');
    expect(line.preview?.fields.note).toHaveLength(PREVIEW_VALUE_MAX_CHARS);
    expect(line.preview?.truncated).toBe(true);
    const text = JSON.stringify(line);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('k-secret');
    expect(text.length).toBeLessThan(2_000);
  });

  it('previews before for a delete, key for a tombstone, and references a JetStream sequence', () => {
    const del = eventLine(
      event(
        { ...customer('d', null, { id: 9 }), source: pgSource({ table: 'customers' }) },
        { topic: 'pg.inventory.customers', broker: 'jetstream' },
      ),
      masker,
    );
    expect(del?.type === 'event' && [del.preview?.side, del.ref]).toEqual([
      'before',
      { kind: 'jetstream', sourceId: 'jetstream-test', subject: 'pg.inventory.customers', seq: 41 },
    ]);
    const tomb = eventLine(event(null, { key: { id: 9 } }), masker);
    expect(tomb?.type === 'event' && tomb.preview).toEqual({ side: 'key', fields: { id: '9' }, truncated: false });
  });

  it('caps the number of columns in a preview', () => {
    const row = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`c${i}`, i]));
    const p = previewRow('after', row);
    expect(Object.keys(p.fields)).toHaveLength(PREVIEW_MAX_FIELDS);
    expect(p.truncated).toBe(true);
  });

  it('lets progress through at most once per interval', () => {
    const due = createProgressGate(250, 0);
    expect([100, 250, 300, 499, 500, 760].map(due)).toEqual([false, true, false, false, true, true]);
  });

  it('round-trips lines through the browser-side check and rejects anything else', () => {
    const line = eventLine(event(customer('c', { id: 1 })), masker);
    expect(parseSeekLine(JSON.stringify(line))).toEqual(line);
    const done = doneLine('scan-limit', { scanned: 5, matched: 1, position: 'p0@4', positionTime: 1 }, 12.4);
    expect(parseSeekLine(JSON.stringify(done))).toEqual({
      type: 'done',
      reason: 'scan-limit',
      scanned: 5,
      matched: 1,
      elapsedMs: 12,
    });
    expect(parseSeekLine('{"type":"done","reason":"bored","scanned":1,"matched":0,"elapsedMs":1}')).toBeUndefined();
    expect(parseSeekLine('{"type":"event","item":{"id":1}}')).toBeUndefined();
    expect(parseSeekLine('not json')).toBeUndefined();
  });
});
