import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { scrapeGauges } from './scrape-gauge';

describe('scrapeGauges', () => {
  it('sets the series at each scrape, and a label set no longer set is gone from the next scrape', async () => {
    const registry = new Registry();
    let states: Record<string, number> = { a: 1, b: 0 };
    scrapeGauges(registry)('test_up', 'up per thing', ['thing'], (g) => {
      for (const [thing, up] of Object.entries(states)) g.set({ thing }, up);
    });
    const first = await registry.metrics();
    expect(first).toContain('test_up{thing="a"} 1');
    expect(first).toContain('test_up{thing="b"} 0');
    states = { a: 0 };
    const second = await registry.metrics();
    expect(second).toContain('test_up{thing="a"} 0');
    expect(second).not.toContain('thing="b"');
  });
});
