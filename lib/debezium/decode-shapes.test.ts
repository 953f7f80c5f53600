import { describe, expect, it } from 'vitest';
import type { ChangeRecord, DecodedRecord, OutboxRecord } from '../contracts/change-event';
import { decodeMessage } from './decode-message';
import { rawFrom } from './fixtures';
import { MARIADB_COMMIT_MS } from './fixtures/mariadb';
import {
  cloudEventFixtures,
  flattenedFixtures,
  OUTBOX_EVENT_ID,
  outboxFixtures,
  outboxTableChange,
} from './fixtures/shapes';
import { outboxEventIdOf } from './outbox-event';
import { tableKeyOf } from './table-identity';

function change(r: DecodedRecord): ChangeRecord {
  if (r.kind !== 'change')
    throw new Error(`expected a change, got ${r.kind}${r.kind === 'undecodable' ? `: ${r.reason}` : ''}`);
  return r;
}
function outbox(r: DecodedRecord): OutboxRecord {
  if (r.kind !== 'outbox')
    throw new Error(`expected an outbox event, got ${r.kind}${r.kind === 'undecodable' ? `: ${r.reason}` : ''}`);
  return r;
}

describe('flattened rows (ExtractNewRecordState)', () => {
  it('reads op, table, time and source from the __ fields, and keeps the row without them', () => {
    const r = change(decodeMessage(flattenedFixtures.update));
    expect(r).toMatchObject({
      op: 'u',
      table: 'inventory.orders',
      flattened: { opFrom: 'field' },
      before: null,
      tsMs: MARIADB_COMMIT_MS + 40,
      keySource: 'message',
      key: { order_id: 7, line: 2 },
    });
    expect(r.after).toEqual({ order_id: 7, line: 2, sku: 'KB-104', quantity: 4, total: 12 });
    expect(r.source).toMatchObject({ tsMs: MARIADB_COMMIT_MS, db: 'inventory', table: 'orders' });
    expect(tableKeyOf(r)).toBe('replica_a.inventory.orders');
  });

  it('treats __deleted=true as a delete whose row is the before image', () => {
    const r = change(decodeMessage(flattenedFixtures.rewrittenDelete));
    expect(r).toMatchObject({
      op: 'd',
      flattened: { opFrom: 'deleted' },
      after: null,
      before: { order_id: 7, total: 12 },
    });
  });

  it('decodes the schema-wrapped form the same way', () => {
    const r = change(decodeMessage(flattenedFixtures.updateWrapped));
    expect(r).toMatchObject({
      op: 'c',
      table: 'inventory.orders',
      key: { order_id: 7, line: 2 },
      after: { sku: 'KB-104' },
    });
  });

  it('takes the table from source fields when the topic was rerouted, and PostgreSQL positions from __lsn', () => {
    const r = change(decodeMessage(flattenedFixtures.postgres));
    expect(r).toMatchObject({
      op: 'c',
      table: 'inventory.customers',
      source: { name: 'pg', connector: 'postgresql', position: { kind: 'postgresql', lsn: 24023128 } },
    });
    expect(tableKeyOf(r)).toBe('pg.inventory.customers');
  });

  it('reads metadata from headers (add.headers), numbers from their text', () => {
    const r = change(decodeMessage(flattenedFixtures.headersOnly));
    expect(r).toMatchObject({
      op: 'c',
      flattened: { opFrom: 'header' },
      source: { tsMs: MARIADB_COMMIT_MS, db: 'inventory' },
    });
    expect(r.after).toEqual({ order_id: 7, line: 2, sku: 'KB-104', quantity: 4, total: 12 });
  });

  it('is not fooled by a column named op', () => {
    const r = change(decodeMessage(flattenedFixtures.opColumn));
    expect(r).toMatchObject({ op: 'c', after: { id: 1, op: 'restart' } });
  });

  it('guesses u, flagged, when nothing says the op', () => {
    const r = change(decodeMessage(rawFrom({ topic: 'a.b.c', value: { id: 1, __table: 'c' } })));
    expect(r).toMatchObject({ op: 'u', flattened: { opFrom: 'none' }, table: 'b.c' });
  });

  it('leaves Spring and Debezium headers alone: a bare object with them is still not a change', () => {
    const r = decodeMessage(
      rawFrom({
        topic: 'a.b.c',
        value: { id: 1 },
        headers: { __TypeId__: 'com.example.X', '__debezium.oldkey': '{}' },
      }),
    );
    expect(r).toMatchObject({ kind: 'undecodable', reason: 'JSON but not a Debezium envelope: missing op' });
  });
});

describe('outbox events', () => {
  it('reads the docs’ example: aggregate from the topic, id from the key, event id from the header, payload parsed', () => {
    const r = outbox(decodeMessage(outboxFixtures.stringPayload));
    expect(r).toMatchObject({
      aggregateType: 'order',
      aggregateId: '1',
      eventId: OUTBOX_EVENT_ID,
      shape: 'router',
      tsMs: 1_556_890_294_484,
    });
    expect(r.eventType).toBeUndefined();
    expect(r.payload).toMatchObject({ id: 1, customerId: 123, lineItems: [{ item: 'Debezium in Action' }] });
  });

  it('takes the event type from a type header, and a StringConverter key as text', () => {
    expect(outbox(decodeMessage(outboxFixtures.expanded))).toMatchObject({
      aggregateType: 'Order',
      aggregateId: '4711',
      eventType: 'OrderCreated',
      payload: { orderId: 4711, total: '12.34' },
    });
  });

  it('unpacks envelope placements', () => {
    const r = outbox(decodeMessage(outboxFixtures.envelope));
    expect(r).toMatchObject({
      eventType: 'OrderShipped',
      payload: { orderId: 4711 },
      extra: { eventType: 'OrderShipped' },
    });
  });

  it('reads schema-wrapped keys and values', () => {
    expect(outbox(decodeMessage(outboxFixtures.wrapped))).toMatchObject({
      aggregateId: '4711',
      eventType: 'OrderCreated',
      payload: { orderId: 4711 },
    });
  });

  it('recognises the outbox columns on any topic', () => {
    expect(outbox(decodeMessage(outboxFixtures.row))).toMatchObject({
      shape: 'row',
      aggregateType: 'Order',
      aggregateId: '4711',
      eventType: 'OrderCreated',
      eventId: OUTBOX_EVENT_ID,
      payload: { orderId: 4711 },
      tsMs: 1_556_890_294_344,
    });
  });

  it('follows configured topic patterns and their captures', () => {
    const opts = { outboxTopics: ['/^events\\.(?<aggregate>[^.]+)\\.v1$/', 'shop-*-events'] };
    expect(
      outbox(decodeMessage(rawFrom({ topic: 'events.Invoice.v1', key: 'I-1', value: { n: 1 } }), opts)).aggregateType,
    ).toBe('Invoice');
    expect(
      outbox(decodeMessage(rawFrom({ topic: 'shop-Cart-events', key: 'C-1', value: 'plain text' }), opts)),
    ).toMatchObject({ aggregateType: 'Cart', payload: 'plain text' });
    // outbox.event.* is not in this list: an envelope there is a change again.
    expect(decodeMessage(outboxTableChange, opts).kind).toBe('change');
  });

  it('links an event to the outbox table row change it came from', () => {
    const row = change(decodeMessage(outboxTableChange));
    expect(outboxEventIdOf(row)).toBe(outbox(decodeMessage(outboxFixtures.stringPayload)).eventId);
    expect(outboxEventIdOf(change(decodeMessage(flattenedFixtures.update)))).toBeUndefined();
  });

  it('keeps a flattened row of the outbox table a row change, linked to its event (not a second event)', () => {
    const flat = rawFrom({
      topic: 'flat_a.inventory.outbox',
      key: { id: OUTBOX_EVENT_ID },
      value: {
        id: OUTBOX_EVENT_ID,
        aggregatetype: 'Order',
        aggregateid: '4711',
        type: 'OrderCreated',
        payload: '{"orderId":4711}',
        __op: 'c',
        __table: 'outbox',
        __source_ts_ms: 1_556_890_294_344,
        __deleted: 'false',
      },
    });
    const row = change(decodeMessage(flat));
    expect(row).toMatchObject({ op: 'c', table: 'inventory.outbox', flattened: { opFrom: 'field' } });
    expect(outboxEventIdOf(row)).toBe(OUTBOX_EVENT_ID);
  });

  it('keeps a null value on an outbox topic a tombstone', () => {
    expect(decodeMessage(rawFrom({ topic: 'outbox.event.Order', key: '4711', value: null })).kind).toBe('tombstone');
  });
});

describe('CloudEvents', () => {
  it('unwraps the docs’ example to the change inside, keeping the CloudEvent visible', () => {
    const r = change(decodeMessage(cloudEventFixtures.json));
    expect(r).toMatchObject({
      op: 'r',
      table: 's1.a',
      after: { pk: 1, name: 'Bob' },
      before: null,
      key: { pk: 1 },
      source: {
        connector: 'postgresql',
        name: 'test_server',
        tsMs: 1_578_923_739_738,
        snapshot: 'true',
        position: { kind: 'postgresql', lsn: 29_274_832, txId: 565 },
      },
      transaction: { id: '565', totalOrder: 1, dataCollectionOrder: 1 },
      cloudEvent: {
        id: 'name:test_server;lsn:29274832;txId:565',
        type: 'io.debezium.postgresql.datachangeevent',
        source: '/debezium/postgresql/test_server',
        time: '2020-01-13T13:55:39.738Z',
      },
    });
    expect(tableKeyOf(r)).toBe('test_server.s1.a');
  });

  it('unwraps schema-wrapped data', () => {
    expect(change(decodeMessage(cloudEventFixtures.wrappedData)).after).toEqual({ pk: 1, name: 'Bob' });
  });

  it('says when a CloudEvent is not a Debezium change', () => {
    expect(decodeMessage(cloudEventFixtures.foreign)).toMatchObject({
      kind: 'undecodable',
      reason: 'CloudEvent com.example.thing without iodebeziumop: not a Debezium change',
    });
  });
});
