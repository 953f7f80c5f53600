import { describe, expect, it } from 'vitest';
import { changeAt } from '../../lib/debezium/fixtures/records';
import { tableKeyOf } from '../../lib/debezium/table-identity';
import { createMetrics } from './metrics';

describe('metrics', () => {
  it('exports counts and lag histograms per table, and forgets evicted tables', async () => {
    const m = createMetrics();
    for (const op of ['c', 'u', 'u'] as const) {
      const rec = changeAt({ op, topic: 'pg.inventory.orders', sourceId: 'src' });
      m.observe(rec, tableKeyOf(rec));
    }
    let text = await m.registry.metrics();
    expect(text).toContain('cdcscope_events_total{source="src",table="pg.inventory.orders",op="u"} 2');
    expect(text).toContain('cdcscope_records_total{source="src",kind="change"} 3');
    expect(text).toMatch(/cdcscope_end_to_end_lag_seconds_count\{table="pg\.inventory\.orders"\} 3/);
    m.forgetTable('pg.inventory.orders');
    text = await m.registry.metrics();
    expect(text).not.toContain('table="pg.inventory.orders"');
    expect(text).toContain('cdcscope_records_total{source="src",kind="change"} 3');
  });
});
