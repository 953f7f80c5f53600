import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { tableKeyOf } from '../debezium/table-identity';
import { createSchemaTracker } from '../schema-drift/schema-tracker';
import { createTransactionTable } from '../transactions/transaction-table';
import { createDemoGenerator } from './generator';

/** The demo's tables keep their shape between its planned schema changes: nulls and integral decimals do not read as drift. */
describe('demo schemas', () => {
  it('shows no drift from ordinary rows', () => {
    const gen = createDemoGenerator({ sourceId: 'demo', seed: 3 });
    const tracker = createSchemaTracker();
    const t0 = 1_000_000;
    for (let i = 0; i < 300; i++) {
      // 25 s of demo time: before the first planned schema change.
      for (const m of gen.tick(t0 + i * 80, 6)) {
        const rec = decodeMessage(m);
        if (rec.kind === 'change' && rec.after !== null) tracker.observeChange(tableKeyOf(rec), rec, m.receivedAt);
      }
    }
    expect(tracker.get('demo_a.inventory.customers')?.versions[0]?.basis).toBe('connect');
    expect(tracker.drifted()).toEqual([]);
  });
});

describe('demo drift and transactions', () => {
  it('changes a table within the first minute, on its schema-change topics and in its rows; a large and an incomplete transaction', () => {
    const gen = createDemoGenerator({ sourceId: 'demo', seed: 5 });
    const tracker = createSchemaTracker();
    const txs = createTransactionTable();
    const t0 = 1_000_000;
    let now = t0;
    // Few changes a tick: every GTID-grouped change is a transaction too, and the table keeps 2,000.
    for (; now < t0 + 70_000; now += 200) {
      for (const m of gen.tick(now, 1)) {
        const rec = decodeMessage(m);
        txs.offer(rec, now);
        if (rec.kind === 'schema-change') tracker.observeDdl(rec, now);
        else if (rec.kind === 'change' && rec.after !== null) tracker.observeChange(tableKeyOf(rec), rec, now);
      }
      txs.tick(now);
    }
    const drifted = tracker.drifted();
    expect(drifted).toEqual(expect.arrayContaining(['demo_a.inventory.customers', 'demo_b.inventory.customers']));
    const a = tracker.get('demo_a.inventory.customers');
    expect(a?.ddl.map((d) => d.ddl)).toEqual(['ALTER TABLE customers ADD COLUMN promo_code_1 VARCHAR(20) NULL']);
    expect(a?.versions.at(-1)?.changes).toEqual([{ kind: 'added', column: 'promo_code_1', to: 'string' }]);
    const list = txs.list(now);
    expect(Math.max(...list.map((t) => t.events))).toBeGreaterThanOrEqual(30);
    expect(list.filter((t) => t.state === 'incomplete').map((t) => t.connector)).toEqual(['demo_a']);
  });
});
