import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { createDemoSchemaCache, REVIEWS_TOPIC, REVIEWS_VALUE_ID } from './demo-avro';
import { OUTBOX_TOPIC } from './demo-shop';
import { createDemoGenerator } from './generator';

/** The demo's shop (issue #18): an Avro table and an outbox, decoded by the real decoder with the demo's schemas. */
function generated() {
  const gen = createDemoGenerator({ sourceId: 'demo', seed: 3 });
  // Past the snapshot (a table a second), then a minute of streaming at 40 changes a second.
  return Array.from({ length: 700 }, (_, i) => gen.tick(5_000_000 + i * 100, 4)).flat();
}

describe('demo shop', () => {
  const all = generated();
  const schemas = createDemoSchemaCache(0);

  it('writes reviews in the Schema Registry wire format, decoded with the in-process schemas only', () => {
    const reviews = all.filter((m) => m.origin.kind === 'demo' && m.origin.topic === REVIEWS_TOPIC);
    expect(reviews.length).toBeGreaterThan(50);
    const ops = new Set<string>();
    for (const raw of reviews) {
      expect(raw.value?.[0]).toBe(0);
      const rec = decodeMessage(raw, { schemas });
      if (rec.kind !== 'change') throw new Error(`not a change: ${rec.kind} ${'reason' in rec ? rec.reason : ''}`);
      expect(rec.table).toBe('shop.reviews');
      expect(rec.wire).toMatchObject({ format: 'avro', valueSchemaId: REVIEWS_VALUE_ID });
      expect(rec.key).toEqual({ id: rec.after?.id });
      // Semantic types read as the registry-backed decoder shows them: a decimal as text, a timestamp as ISO time.
      expect(rec.after?.price_paid).toMatch(/^\d+\.\d\d$/);
      expect(rec.after?.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      ops.add(rec.op);
    }
    expect([...ops].sort()).toEqual(['c', 'u']);
    const without = decodeMessage(reviews[0]!);
    expect(without.kind).toBe('undecodable');
  });

  it('writes an order’s outbox events in the router’s shape, in order per order', () => {
    const events = all
      .filter((m) => m.origin.kind === 'demo' && m.origin.topic === OUTBOX_TOPIC)
      .map((raw) => decodeMessage(raw, { schemas }));
    expect(events.length).toBeGreaterThan(50);
    const steps = new Map<string, string[]>();
    for (const rec of events) {
      if (rec.kind !== 'outbox') throw new Error(`not an outbox event: ${rec.kind}`);
      expect(rec).toMatchObject({ aggregateType: 'order', shape: 'router' });
      expect(rec.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(rec.payload).toMatchObject({ orderId: Number(rec.aggregateId) });
      steps.set(rec.aggregateId ?? '', [...(steps.get(rec.aggregateId ?? '') ?? []), rec.eventType ?? '']);
    }
    const orders = [...steps.values()];
    expect(orders.some((s) => s.length === 3)).toBe(true);
    for (const s of orders) expect(s).toEqual(['OrderPlaced', 'OrderPaid', 'OrderShipped'].slice(0, s.length));
  });
});
