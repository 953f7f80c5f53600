import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../contracts/change-event';
import { partialTableSchema } from '../contracts/cluster';
import { changeAt } from '../debezium/fixtures';
import { createTableStats, PARTIAL_TAIL_SECONDS, type TableRecord } from '../analytics/table-stats';
import { packPartial } from './partial-table';

const T = 1_700_000_010_000;
const record = (r: DecodedRecord) => r as TableRecord;

describe('packPartial', () => {
  it("carries the table's last complete seconds, and its wire form passes the snapshot schema whole", () => {
    const s = createTableStats('pg.inventory.customers', T);
    for (const op of ['c', 'u', 'u'] as const) s.record(record(changeAt({ now: T, op })), T);
    s.record(record(changeAt({ now: T + 1_000, op: 'd' })), T + 1_000);
    const wire = packPartial(s.partial(T + 3_500));
    const parsed = partialTableSchema.parse(JSON.parse(JSON.stringify(wire)));
    expect(parsed.tail?.end).toBe((T + 3_000) / 1000);
    expect(parsed.tail?.rows).toHaveLength(PARTIAL_TAIL_SECONDS);
    // Rows are c, u, d, r, other, bytes, lag sums and counts; the last two seconds before `end` hold T+1 s and T+2 s.
    const rows = parsed.tail?.rows ?? [];
    expect(rows.at(-3)?.slice(0, 5)).toEqual([1, 2, 0, 0, 0]);
    expect(rows.at(-2)?.slice(0, 5)).toEqual([0, 0, 1, 0, 0]);
    expect(rows.at(-1)?.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(rows.at(-3)?.[9]).toBe(3);
  });

  it('leaves the tail out when those seconds were empty', () => {
    const s = createTableStats('pg.inventory.customers', T);
    s.record(record(changeAt({ now: T, op: 'c' })), T);
    expect(s.partial(T + 60_000).tail).toBeUndefined();
  });
});
