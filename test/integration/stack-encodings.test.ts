import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import {
  eventually,
  kafkaClient,
  kafkaEndOrNone,
  kafkaFindRaw,
  kafkaReadRaw,
  stackEnv,
  stackOk,
  type RawRecord,
} from '../../scripts/stack.d/testkit';

/**
 * The stack's other encodings (issue #16), read off the topics as bytes: Avro in
 * Confluent's wire format through the Schema Registry (avro_a), flattened rows from
 * ExtractNewRecordState (flat_a) and outbox events from the event router (outbox).
 * Nothing here decodes Avro: the checks are the wire format, the registry's answer for
 * each id, and values found verbatim in the bytes.
 */
const env = stackEnv();
const db = env.MARIADB_DATABASE!;
const AVRO = env.AVRO_CONNECTOR!;
const FLAT = env.FLAT_CONNECTOR!;
const OUTBOX_TOPIC = env.OUTBOX_TOPIC!;
const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const registrySchema = z.object({ schema: z.string(), schemaType: z.string().optional() });
const avroRecord = z.object({
  type: z.literal('record'),
  name: z.string(),
  namespace: z.string().optional(),
  fields: z.array(z.object({ name: z.string() })),
});
const flatRow = z
  .object({
    __op: z.enum(['c', 'u', 'd', 'r']),
    __table: z.string(),
    __source_ts_ms: z.number(),
    __deleted: z.enum(['true', 'false']),
  })
  .catchall(z.unknown());
const orderEvent = z.object({ orderId: z.number() }).catchall(z.unknown());

let kafka: Kafka;
let primary: mysql.Connection;

/** Confluent's wire format: magic byte 0, a big-endian 4-byte schema id, then the Avro body. */
function schemaId(bytes: Buffer | null): number {
  if (!bytes || bytes.length < 6) throw new Error(`not Confluent wire format: ${bytes?.length ?? 'null'} bytes`);
  expect(bytes[0]).toBe(0);
  return bytes.readInt32BE(1);
}

const schemas = new Map<number, z.infer<typeof avroRecord>>();
/** The Avro schema the registry's Confluent-compatible API serves for an id. */
async function schemaById(id: number): Promise<z.infer<typeof avroRecord>> {
  const known = schemas.get(id);
  if (known) return known;
  const res = await fetch(`${env.SCHEMA_REGISTRY_URL}/schemas/ids/${id}`);
  expect(res.status, `GET /schemas/ids/${id}`).toBe(200);
  const body = registrySchema.parse(await res.json());
  expect(body.schemaType ?? 'AVRO').toBe('AVRO');
  const parsed = avroRecord.parse(JSON.parse(body.schema));
  schemas.set(id, parsed);
  return parsed;
}

const json = (b: Buffer | null): unknown => JSON.parse(b?.toString('utf8') ?? 'null');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sameEnds = (a: Map<number, string>, b: Map<number, string>) =>
  a.size === b.size && [...a].every(([p, high]) => b.get(p) === high);

/** The end offsets of a topic once it has moved past `from` and then not moved for 3 s. */
async function settledEnd(topic: string, from: Map<number, string>): Promise<Map<number, string>> {
  const deadline = Date.now() + 90_000;
  let last = await kafkaEndOrNone(kafka, topic);
  for (;;) {
    await sleep(3_000);
    const now = await kafkaEndOrNone(kafka, topic);
    const moved = [...now].some(([p, high]) => Number(high) > Number(from.get(p) ?? 0));
    if (moved && sameEnds(last, now)) return now;
    if (Date.now() > deadline)
      throw new Error(`${topic} did not settle within 90 s (${moved ? 'still growing' : 'no new records'})`);
    last = now;
  }
}

beforeAll(async () => {
  stackOk(['up']);
  kafka = kafkaClient(env);
  primary = await mysql.createConnection({
    host: env.STACK_HOST,
    port: Number(env.MARIADB_PRIMARY_PORT),
    user: env.MARIADB_USER,
    password: env.MARIADB_PASSWORD,
    database: db,
  });
}, 300_000);

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await primary?.end();
});

describe('under the load generator', () => {
  const avroOrders = `${AVRO}.${db}.orders`;
  const flatOrders = `${FLAT}.${db}.orders`;
  const read: Record<string, RawRecord[]> = {};

  beforeAll(async () => {
    const topics = [avroOrders, flatOrders, OUTBOX_TOPIC];
    const from = await Promise.all(topics.map((t) => kafkaEndOrNone(kafka, t)));
    const load = stackOk(['load', '--rate', '20', '--seconds', '6', '--db', 'mariadb'], 60_000);
    expect(load.stdout).toMatch(/load: mariadb: \d+ operations, \d+ rows changed, 0 errors/);
    // Each connector has caught up with the load (its topic moved, then stood still for
    // 3 s); then read exactly that stretch.
    const until = await Promise.all(topics.map((t, i) => settledEnd(t, from[i]!)));
    await Promise.all(
      topics.map(async (t, i) => {
        read[t] = await kafkaReadRaw(kafka, t, from[i]!, until[i]!, 60_000);
      }),
    );
  }, 180_000);

  it(`${AVRO}: every record is magic byte 0 + a schema id that the registry resolves to the topic's Envelope`, async () => {
    const records = read[avroOrders]!.filter((r) => r.value !== null);
    expect(records.length).toBeGreaterThan(10);
    const valueIds = new Set(records.map((r) => schemaId(r.value)));
    const keyIds = new Set(records.map((r) => schemaId(r.key)));
    for (const id of valueIds) {
      const s = await schemaById(id);
      expect({ name: s.name, namespace: s.namespace }).toEqual({ name: 'Envelope', namespace: avroOrders });
      expect(s.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['before', 'after', 'source', 'op', 'ts_ms']));
    }
    for (const id of keyIds)
      expect(await schemaById(id)).toMatchObject({ name: 'Key', namespace: avroOrders, fields: [{ name: 'id' }] });
    const subjects = z.array(z.string()).parse(await (await fetch(`${env.SCHEMA_REGISTRY_URL}/subjects`)).json());
    expect(subjects).toEqual(expect.arrayContaining([`${avroOrders}-key`, `${avroOrders}-value`]));
  });

  it(`${FLAT}: every record is a flat row with __op, __table, __source_ts_ms and __deleted`, () => {
    const rows = read[flatOrders]!.map((r) => flatRow.parse(json(r.value)));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.__table).toBe('orders');
      expect(row).not.toHaveProperty('after');
      expect(typeof row.id).toBe('number');
      expect(row.__deleted).toBe(row.__op === 'd' ? 'true' : 'false');
    }
    expect(new Set(rows.map((r) => r.__op))).toContain('c');
  });

  it(`${OUTBOX_TOPIC}: aggregate id as the key, event id and type as headers, the payload as JSON`, () => {
    const events = read[OUTBOX_TOPIC]!;
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) {
      const aggregateId = e.key?.toString('utf8') ?? '';
      expect(aggregateId).toMatch(/^\d+$/);
      expect(e.headers.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(['OrderCreated', 'OrderStatusChanged']).toContain(e.headers.eventType);
      expect(orderEvent.parse(json(e.value)).orderId).toBe(Number(aggregateId));
    }
    expect(new Set(events.map((e) => e.headers.id)).size).toBe(events.length);
  });
});

describe('one change, followed through', () => {
  it(`a customer's insert is Avro on ${AVRO} and a flat row on ${FLAT}; its delete a __deleted row`, async () => {
    const avroTopic = `${AVRO}.${db}.customers`;
    const flatTopic = `${FLAT}.${db}.customers`;
    const [avroFrom, flatFrom] = await Promise.all([
      kafkaEndOrNone(kafka, avroTopic),
      kafkaEndOrNone(kafka, flatTopic),
    ]);
    const email = `enc-${uniq()}@example.com`;
    await primary.query(
      `INSERT INTO customers (first_name, last_name, email, password) VALUES ('Enc', 'Oding', ?, 'x')`,
      [email],
    );
    // Avro strings are their UTF-8 bytes after a length: the row is in the record verbatim.
    const avro = await kafkaFindRaw(kafka, avroTopic, avroFrom, (r) => r.value?.includes(email) === true, 30_000);
    const schema = await schemaById(schemaId(avro.value));
    expect({ name: schema.name, namespace: schema.namespace }).toEqual({ name: 'Envelope', namespace: avroTopic });
    const isRow = (op: string) => (r: RawRecord) => {
      const row = flatRow.safeParse(json(r.value));
      return row.success && row.data.email === email && row.data.__op === op;
    };
    const created = flatRow.parse(json((await kafkaFindRaw(kafka, flatTopic, flatFrom, isRow('c'), 30_000)).value));
    expect(created).toMatchObject({ __table: 'customers', __deleted: 'false', first_name: 'Enc' });
    await primary.query('DELETE FROM customers WHERE email = ?', [email]);
    const deleted = flatRow.parse(json((await kafkaFindRaw(kafka, flatTopic, flatFrom, isRow('d'), 30_000)).value));
    expect(deleted).toMatchObject({ __table: 'customers', __deleted: 'true', id: created.id });
  });

  it(`an outbox row written with its order is one event on ${OUTBOX_TOPIC}, and its row change is on ${FLAT}`, async () => {
    const rowTopic = `${FLAT}.${env.OUTBOX_TABLE}`;
    const [eventsFrom, rowsFrom] = await Promise.all([
      kafkaEndOrNone(kafka, OUTBOX_TOPIC),
      kafkaEndOrNone(kafka, rowTopic),
    ]);
    const eventId = randomUUID();
    const note = `outbox-${uniq()}`;
    await primary.beginTransaction();
    await primary.query(
      `INSERT INTO orders (customer_id, product_id, quantity, unit_price, total, note, order_date) VALUES (1, 1, 2, 5.00, 10.00, ?, CURRENT_DATE)`,
      [note],
    );
    const [rows] = await primary.query('SELECT LAST_INSERT_ID() AS id');
    const orderId = z.array(z.object({ id: z.coerce.number() })).parse(rows)[0]!.id;
    await primary.query('INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (?, ?, ?, ?, ?)', [
      eventId,
      'order',
      String(orderId),
      'OrderCreated',
      JSON.stringify({ orderId, note, lines: [{ sku: 'SKU-1', qty: 2 }] }),
    ]);
    await primary.query('DELETE FROM outbox WHERE id = ?', [eventId]);
    await primary.commit();

    await eventually(
      `${OUTBOX_TOPIC} exists`,
      async () => (await kafkaEndOrNone(kafka, OUTBOX_TOPIC)).size > 0,
      30_000,
    );
    const event = await kafkaFindRaw(kafka, OUTBOX_TOPIC, eventsFrom, (r) => r.headers.id === eventId, 30_000);
    expect(event.key?.toString('utf8')).toBe(String(orderId));
    expect(event.headers.eventType).toBe('OrderCreated');
    expect(json(event.value)).toEqual({ orderId, note, lines: [{ sku: 'SKU-1', qty: 2 }] });

    // The outbox table's own change stream: the insert the event came from, then the delete.
    const rowOf = (op: string) => (r: RawRecord) => {
      const row = flatRow.safeParse(json(r.value));
      return row.success && row.data.id === eventId && row.data.__op === op;
    };
    await eventually(`${rowTopic} exists`, async () => (await kafkaEndOrNone(kafka, rowTopic)).size > 0, 30_000);
    const inserted = flatRow.parse(json((await kafkaFindRaw(kafka, rowTopic, rowsFrom, rowOf('c'), 30_000)).value));
    expect(inserted).toMatchObject({
      __table: 'outbox',
      aggregatetype: 'order',
      aggregateid: String(orderId),
      type: 'OrderCreated',
      __deleted: 'false',
    });
    expect(JSON.parse(z.string().parse(inserted.payload))).toEqual({
      orderId,
      note,
      lines: [{ sku: 'SKU-1', qty: 2 }],
    });
    await kafkaFindRaw(kafka, rowTopic, rowsFrom, rowOf('d'), 30_000);
  });
});
