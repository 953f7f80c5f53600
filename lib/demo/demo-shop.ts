import { createReviewsWriter, REVIEWS_TOPIC } from './demo-avro';
import { createRandom } from './random';

/**
 * The demo's third kind of connector, `demo_shop` (PostgreSQL, database
 * `shop`), for the decoders the other two do not exercise:
 * - `shop.reviews` in Avro (Schema Registry wire format, lib/demo/demo-avro.ts);
 * - the outbox event router's topic `outbox.event.order`: an order's events
 *   (OrderPlaced → OrderPaid → OrderShipped), key the aggregate id, headers
 *   `id` (event id) and `type`, value the payload column as a JSON string of
 *   JSON, as the router writes them with its defaults.
 * About one message in twenty of the demo's changes each; own random (seed + 7)
 * so the other tables' streams stay as they were for a seed.
 */
export interface ShopMessage {
  topic: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Record<string, string>;
}

export const OUTBOX_TOPIC = 'outbox.event.order';
const SHARE = 0.05;
/** Orders whose next event is still to come; the oldest is dropped past this. */
const OPEN_ORDERS = 50;
const STEPS = ['OrderPlaced', 'OrderPaid', 'OrderShipped'] as const;
const PRODUCTS = ['keyboard', 'monitor', 'cable', 'dock', 'webcam', 'headset'];
const TITLES = ['Does the job', 'Great value', 'Broke after a week', 'Would buy again', 'Too loud'];

const encoder = new TextEncoder();

export function createDemoShop(seed: number) {
  const rnd = createRandom(seed + 7);
  const reviews = createReviewsWriter();
  const rows = new Map<number, Record<string, unknown>>();
  let nextReview = 1;
  let nextOrder = 1_000;
  let lsn = 41_000_000;
  let txId = 90_000;
  let eventSeq = 0;
  const open = new Map<number, number>();

  function review(now: number): ShopMessage {
    const update = rows.size > 20 && rnd.chance(0.3);
    const id = update ? rnd.pick([...rows.keys()]) : nextReview++;
    const before = rows.get(id) ?? null;
    const after = {
      id,
      product: before?.product ?? rnd.pick(PRODUCTS),
      rating: rnd.int(1, 5),
      title: rnd.pick(TITLES),
      body: rnd.chance(0.3) ? null : `Review ${id}: ${rnd.pick(TITLES).toLowerCase()}.`,
      price_paid: (rnd.int(500, 40_000) / 100).toFixed(2),
      created_at: (before?.created_at as number | undefined) ?? now * 1000,
    };
    rows.set(id, after);
    if (rows.size > 200) rows.delete(rows.keys().next().value as number);
    lsn += rnd.int(100, 900);
    const envelope = {
      before: update ? before : null,
      after,
      source: {
        version: '3.3.1.Final',
        connector: 'postgresql',
        name: 'demo_shop',
        ts_ms: now - rnd.int(5, 80),
        snapshot: 'false',
        db: 'shop',
        sequence: null,
        schema: 'shop',
        table: 'reviews',
        txId: ++txId,
        lsn,
        xmin: null,
      },
      op: update ? 'u' : 'c',
      ts_ms: now,
    };
    return { topic: REVIEWS_TOPIC, key: reviews.key(id), value: reviews.value(envelope), headers: {} };
  }

  function outbox(now: number): ShopMessage {
    let order: number;
    let step: number;
    if (open.size > 0 && rnd.chance(0.6)) {
      order = rnd.pick([...open.keys()]);
      step = open.get(order) ?? 0;
    } else {
      order = nextOrder++;
      step = 0;
    }
    if (step + 1 < STEPS.length) open.set(order, step + 1);
    else open.delete(order);
    if (open.size > OPEN_ORDERS) open.delete(open.keys().next().value as number);
    const type = STEPS[step] ?? 'OrderPlaced';
    const payload = {
      orderId: order,
      status: type.slice(5).toLowerCase(),
      total: (rnd.int(1_000, 90_000) / 100).toFixed(2),
      at: now,
    };
    const id = `6f1e2d3c-0000-4000-8000-${String(++eventSeq).padStart(12, '0')}`;
    return {
      topic: OUTBOX_TOPIC,
      key: encoder.encode(String(order)),
      value: encoder.encode(JSON.stringify(JSON.stringify(payload))),
      headers: { id, type },
    };
  }

  return {
    /** What the shop writes while the rest of the demo makes `changes` row changes. */
    tick(now: number, changes: number): ShopMessage[] {
      const out: ShopMessage[] = [];
      for (let i = 0; i < changes; i++) {
        if (rnd.chance(SHARE)) out.push(review(now));
        if (rnd.chance(SHARE)) out.push(outbox(now));
      }
      return out;
    },
  };
}
