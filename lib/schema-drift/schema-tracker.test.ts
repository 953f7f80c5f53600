import { describe, expect, it } from 'vitest';
import { columnsFromConnectSchema, columnsFromRow, rowFitsShape } from './column-shapes';
import type { ChangeRecord, SchemaChangeRecord } from '../contracts/change-event';
import { createSchemaTracker, MAX_DDL_CHARS } from './schema-tracker';

const envelopeSchema = (rowFields: object[]) => ({
  type: 'struct',
  fields: [
    { type: 'struct', optional: true, field: 'before', fields: rowFields },
    { type: 'struct', optional: true, field: 'after', fields: rowFields },
    { type: 'string', optional: false, field: 'op' },
  ],
});
const id = { type: 'int32', optional: false, field: 'id' };
const email = { type: 'string', optional: false, field: 'email' };
const created = { type: 'int64', optional: true, name: 'io.debezium.time.Timestamp', field: 'created_at' };

describe('columnsFromConnectSchema', () => {
  it('reads the row struct fields, preferring logical type names', () => {
    expect(columnsFromConnectSchema(envelopeSchema([id, created]))).toEqual([
      { name: 'id', type: 'int32', optional: false },
      { name: 'created_at', type: 'io.debezium.time.Timestamp', optional: true },
    ]);
    expect(columnsFromConnectSchema({ type: 'string' })).toBeUndefined();
    expect(columnsFromConnectSchema(null)).toBeUndefined();
  });
});

describe('schema tracker', () => {
  it('records added, removed, type and optionality changes from Connect schemas', () => {
    const t = createSchemaTracker();
    const at = (n: number) => n * 1000;
    const cols = (fields: object[]) => columnsFromConnectSchema(envelopeSchema(fields)) ?? [];
    expect(t.observe('pg.inventory.customers', cols([id, email]), 'connect', at(1))).toEqual([]);
    expect(t.observe('pg.inventory.customers', cols([id, email]), 'connect', at(2))).toEqual([]);
    expect(t.get('pg.inventory.customers')?.drift).toBe(false);
    const changes = t.observe(
      'pg.inventory.customers',
      cols([{ ...id, type: 'int64' }, { ...email, optional: true }, created]),
      'connect',
      at(3),
    );
    expect(changes).toEqual([
      { kind: 'type-changed', column: 'id', from: 'int32', to: 'int64' },
      { kind: 'optionality-changed', column: 'email', from: 'required', to: 'optional' },
      { kind: 'added', column: 'created_at', to: 'io.debezium.time.Timestamp' },
    ]);
    expect(t.observe('pg.inventory.customers', cols([created]), 'connect', at(4)).map((c) => c.kind)).toEqual([
      'removed',
      'removed',
    ]);
    const got = t.get('pg.inventory.customers');
    expect(got?.drift).toBe(true);
    expect(got?.versions.map((v) => v.since)).toEqual([at(1), at(3), at(4)]);
    expect(t.drifted()).toEqual(['pg.inventory.customers']);
  });

  it('from JSON rows: a null gives no type and no change, a new column or a new type does', () => {
    const t = createSchemaTracker();
    const table = 'a.inventory.orders';
    const observe = (row: Record<string, unknown>) =>
      t.observe(table, columnsFromRow(row, t.current(table)), 'json', 0);
    expect(observe({ id: 1, note: null })).toEqual([]);
    expect(observe({ id: 2, note: 'x' })).toEqual([]);
    expect(observe({ id: 3, note: null })).toEqual([]);
    expect(t.get(table)?.versions[0]?.columns).toEqual([
      { name: 'id', type: 'number' },
      { name: 'note', type: 'string' },
    ]);
    expect(observe({ id: '4', note: null, extra: true })).toEqual([
      { kind: 'type-changed', column: 'id', from: 'number', to: 'string' },
      { kind: 'added', column: 'extra', to: 'boolean' },
    ]);
  });

  it('keeps at most maxVersions per table and maxTables tables', () => {
    const t = createSchemaTracker({ maxVersions: 2, maxTables: 2 });
    for (let i = 0; i < 4; i++) t.observe('t1', [{ name: `c${i}`, type: 'string' }], 'json', i);
    expect(t.get('t1')?.versions).toHaveLength(2);
    expect(t.get('t1')?.droppedVersions).toBe(2);
    t.observe('t2', [], 'json', 0);
    t.observe('t3', [], 'json', 0);
    expect(t.get('t1')).toBeUndefined();
    expect(t.get('t3')).toBeDefined();
  });
});

describe('rowFitsShape', () => {
  it('accepts the same columns with values of their types or null, nothing else', () => {
    const shape = new Map([
      ['id', { name: 'id', type: 'number' }],
      ['note', { name: 'note', type: 'string' }],
    ]);
    expect(rowFitsShape({ id: 1, note: null }, shape)).toBe(true);
    expect(rowFitsShape({ id: 1 }, shape)).toBe(false);
    expect(rowFitsShape({ id: '1', note: 'x' }, shape)).toBe(false);
    expect(rowFitsShape({ id: 1, note: 'x', more: 1 }, shape)).toBe(false);
    expect(rowFitsShape({ id: 1, note: 'x' }, undefined)).toBe(false);
  });
  it('observes a row image: a fitting row changes nothing, a new column is reported', () => {
    const t = createSchemaTracker();
    const table = 'a.inventory.orders';
    expect(t.observeRow(table, { id: 1, note: 'x' }, 0)).toEqual([]);
    expect(t.observeRow(table, { id: 2, note: null }, 1)).toEqual([]);
    expect(t.get(table)?.versions).toHaveLength(1);
    expect(t.observeRow(table, { id: 3, note: 'y', extra: true }, 2)).toEqual([
      { kind: 'added', column: 'extra', to: 'boolean' },
    ]);
    expect(t.drifted()).toEqual([table]);
  });
});

describe('fits', () => {
  it('a JSON row fits with the current columns (nulls fit any type), not without one or with another type', () => {
    const t = createSchemaTracker();
    const table = 'a.inventory.orders';
    t.observeRow(table, { id: 1 }, 0);
    t.observeRow(table, { id: 2, extra: 'x' }, 1);
    const change = (after: Record<string, unknown> | null) => ({ after }) as ChangeRecord;
    expect(t.fits(table, change({ id: 3, extra: null }))).toBe(true);
    expect(t.fits(table, change({ id: 1 }))).toBe(false);
    expect(t.fits(table, change({ id: 'x', extra: 'y' }))).toBe(false);
    expect(t.fits(table, change(null))).toBe(true);
  });
});

describe('DDL from the schema-change topic', () => {
  const ddlRecord = (ddl: string, type: string | undefined, tables = ['inventory.orders']): SchemaChangeRecord => ({
    kind: 'schema-change',
    sourceId: 'kafka',
    origin: { kind: 'kafka', topic: 'replica_a', partition: 0, offset: '1', timestamp: 0 },
    receivedAt: 0,
    sizeBytes: 0,
    headers: {},
    serverName: 'replica_a',
    ddl,
    tables,
    tsMs: 5,
    ...(type === undefined ? {} : { changeTypes: Object.fromEntries(tables.map((t) => [t, type])) }),
  });

  it("puts each statement on the timeline of the tables it names; an ALTER is drift, a snapshot's CREATE is not", () => {
    const t = createSchemaTracker();
    t.observeDdl(ddlRecord('CREATE TABLE orders (id INT)', 'CREATE'), 1);
    t.observeDdl(ddlRecord('SET NAMES utf8mb4', undefined, []), 2);
    expect(t.get('replica_a.inventory.orders')).toMatchObject({
      drift: false,
      versions: [],
      ddl: [{ at: 1, tsMs: 5, type: 'CREATE', ddl: 'CREATE TABLE orders (id INT)' }],
    });
    expect(t.drifted()).toEqual([]);
    t.observeDdl(ddlRecord('ALTER TABLE orders ADD COLUMN x INT', 'ALTER'), 3);
    expect(t.drifted()).toEqual(['replica_a.inventory.orders']);
    expect(t.get('replica_a.inventory.orders')?.ddl.map((d) => d.type)).toEqual(['CREATE', 'ALTER']);
  });

  it('cuts long statements and keeps at most maxVersions per table', () => {
    const t = createSchemaTracker({ maxVersions: 2 });
    t.observeDdl(ddlRecord(`CREATE TABLE orders (${'c INT, '.repeat(1_000)})`, 'CREATE'), 1);
    const first = t.get('replica_a.inventory.orders')?.ddl[0];
    expect(first?.ddl).toHaveLength(MAX_DDL_CHARS);
    expect(first?.truncated).toBe(true);
    for (let i = 0; i < 3; i++) t.observeDdl(ddlRecord(`ALTER TABLE orders ADD c${i} INT`, 'ALTER'), 2 + i);
    expect(t.get('replica_a.inventory.orders')?.ddl.map((d) => d.at)).toEqual([3, 4]);
    expect(t.get('replica_a.inventory.orders')?.droppedDdl).toBe(2);
  });
});
