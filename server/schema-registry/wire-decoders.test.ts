import { describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { REVIEWS_TOPIC, REVIEWS_VALUE_ID } from '../../lib/demo/demo-avro';
import { OUTBOX_TOPIC } from '../../lib/demo/demo-shop';
import { createDemoGenerator } from '../../lib/demo/generator';
import { createWireDecoders } from './wire-decoders';

/** The demo's Avro table decodes with no registry: its schemas are held in process, as a registry client would cache them. */
describe('wire decoders on the demo pipeline', () => {
  const decoders = createWireDecoders(configSchema.parse({ sources: [{ kind: 'demo' }] }));
  const gen = createDemoGenerator({ sourceId: 'demo', seed: 5 });
  const all = Array.from({ length: 300 }, (_, i) => gen.tick(9_000_000 + i * 100, 4)).flat();
  const on = (topic: string) => all.filter((m) => m.origin.kind === 'demo' && m.origin.topic === topic);

  it('decodes the Avro reviews at once (nothing to fetch) and keeps their schema for drift and replay', () => {
    const reviews = on(REVIEWS_TOPIC);
    expect(reviews.length).toBeGreaterThan(0);
    expect(decoders.prefetch(reviews)).toBeUndefined();
    for (const raw of reviews) {
      const rec = decoders.decode(raw);
      expect(rec).toMatchObject({ kind: 'change', table: 'shop.reviews', wire: { format: 'avro' } });
    }
    expect(decoders.schemas('demo')?.avroSchemaText(REVIEWS_VALUE_ID)).toContain('demo_shop.shop.reviews');
    expect(decoders.schemas('demo')?.avroCodec(REVIEWS_VALUE_ID)).toBeDefined();
  });

  it('reads the outbox topic as outbox events', () => {
    const events = on(OUTBOX_TOPIC).map((raw) => decoders.decode(raw));
    expect(events.length).toBeGreaterThan(0);
    for (const rec of events) expect(rec).toMatchObject({ kind: 'outbox', aggregateType: 'order' });
  });
});
