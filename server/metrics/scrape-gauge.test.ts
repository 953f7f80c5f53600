import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { scrapeCounters, scrapeGauges } from './scrape-gauge';

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

  it('sets counters from totals kept elsewhere at each scrape, and drops a label set whose total is gone', async () => {
    const registry = new Registry();
    let totals: Record<string, number> = { a: 3, b: 5 };
    scrapeCounters(registry)('test_things_total', 'things seen', ['thing'], (c) => {
      for (const [thing, n] of Object.entries(totals)) c.inc({ thing }, n);
    });
    const first = await registry.metrics();
    expect(first).toContain('# TYPE test_things_total counter');
    expect(first).toContain('test_things_total{thing="a"} 3');
    expect(first).toContain('test_things_total{thing="b"} 5');
    totals = { a: 7 };
    const second = await registry.metrics();
    // The total, not the total added to the last scrape's.
    expect(second).toContain('test_things_total{thing="a"} 7');
    expect(second).not.toContain('thing="b"');
  });
});
