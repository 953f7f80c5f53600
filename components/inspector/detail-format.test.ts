import { describe, expect, it } from 'vitest';
import {
  MASK_REPLACEMENT,
  prettyJsonText,
  fieldRows,
  originEntries,
  sourceEntries,
  splitMasked,
  transactionEntries,
  valueView,
} from './detail-format';

describe('fieldRows', () => {
  it('marks changed columns from diff paths, nested ones with their full path', () => {
    const rows = fieldRows({
      change: {
        op: 'u',
        table: 't',
        tableKey: 's.t',
        key: { id: 1 },
        keySource: 'message',
        before: { id: 1, status: 'new', address: { city: 'A' }, gone: 1 },
        after: { id: 1, status: 'shipped', address: { city: 'B' }, added: true },
      },
      diff: {
        changes: [
          { path: ['status'], kind: 'changed', before: 'new', after: 'shipped' },
          { path: ['address', 'city'], kind: 'changed', before: 'A', after: 'B' },
        ],
        omitted: 0,
        complete: true,
      },
    });
    expect(rows.map((r) => [r.name, r.changed])).toEqual([
      ['id', false],
      ['status', true],
      ['address', true],
      ['added', false],
      ['gone', false],
    ]);
    expect(rows.find((r) => r.name === 'address')?.changedPaths).toEqual(['address.city']);
    expect(rows.find((r) => r.name === 'gone')).toMatchObject({ inBefore: true, inAfter: false });
  });

  it('falls back to changedFields when the diff was capped, and handles inserts', () => {
    const rows = fieldRows({
      change: {
        op: 'u',
        table: 't',
        tableKey: 't',
        key: null,
        keySource: 'none',
        before: { a: 1, b: 1 },
        after: { a: 2, b: 2 },
      },
      diff: { changes: [{ path: ['a'], kind: 'changed' }], omitted: 1, complete: false },
      changedFields: ['a', 'b'],
    });
    expect(rows.map((r) => r.changed)).toEqual([true, true]);
    expect(
      fieldRows({
        change: { op: 'c', table: 't', tableKey: 't', key: null, keySource: 'none', before: null, after: { a: 1 } },
      }),
    ).toEqual([
      { name: 'a', before: undefined, after: 1, inBefore: false, inAfter: true, changed: false, changedPaths: [] },
    ]);
    expect(fieldRows({})).toEqual([]);
  });
});

describe('values', () => {
  it('classifies values for display', () => {
    expect(valueView(undefined)).toEqual({ kind: 'absent' });
    expect(valueView(null)).toEqual({ kind: 'null' });
    expect(valueView(MASK_REPLACEMENT)).toEqual({ kind: 'masked', text: MASK_REPLACEMENT });
    expect(valueView('<script>x</script>')).toEqual({ kind: 'scalar', text: '<script>x</script>' });
    expect(valueView(12.5)).toEqual({ kind: 'scalar', text: '12.5' });
    expect(valueView({ a: 1 })).toEqual({ kind: 'nested', summary: '{…} 1 key', text: '{\n  "a": 1\n}' });
    expect(valueView([1, 2])).toMatchObject({ kind: 'nested', summary: '[…] 2 items' });
    expect(valueView('x'.repeat(200))).toMatchObject({ kind: 'long', text: 'x'.repeat(200) });
  });

  it('splits masked runs out of text', () => {
    expect(splitMasked(`email=${MASK_REPLACEMENT}…`)).toEqual([
      { text: 'email=', masked: false },
      { text: MASK_REPLACEMENT, masked: true },
      { text: '…', masked: false },
    ]);
    expect(splitMasked('id=1')).toEqual([{ text: 'id=1', masked: false }]);
  });
});

describe('key/value lists', () => {
  it('lists source, position, transaction and origin fields', () => {
    const src = sourceEntries({
      connector: 'mysql',
      name: 'demo_b',
      snapshot: 'false',
      tsMs: 0,
      position: { kind: 'mysql', flavor: 'mariadb', gtid: '0-1-5', pos: 12 },
    });
    expect(src).toEqual([
      ['connector', 'mysql'],
      ['server name', 'demo_b'],
      ['snapshot', 'false'],
      ['committed (ts_ms)', '1970-01-01T00:00:00.000Z'],
      ['flavor', 'mariadb'],
      ['gtid', '0-1-5'],
      ['pos', '12'],
    ]);
    expect(transactionEntries({ id: '571', totalOrder: 2 })).toEqual([
      ['id', '571'],
      ['total order', '2'],
    ]);
    expect(
      originEntries({ kind: 'kafka', topic: 't', partition: 3, offset: '1042', timestamp: 0 }).slice(0, 4),
    ).toEqual([
      ['broker', 'kafka'],
      ['topic', 't'],
      ['partition', '3'],
      ['offset', '1042'],
    ]);
    expect(originEntries({ kind: 'jetstream', stream: 'S', subject: 'a.b', seq: 9, timestamp: 0 })[3]).toEqual([
      'stream seq',
      '9',
    ]);
  });
});

describe('prettyJsonText', () => {
  it('indents objects and arrays, keeping every token as received', () => {
    expect(prettyJsonText('{"id":12345678901234567890,"a":[1,2.50],"s":"x, {y}: \\"z\\"","e":{},"f":[]}')).toBe(
      '{\n  "id": 12345678901234567890,\n  "a": [\n    1,\n    2.50\n  ],\n  "s": "x, {y}: \\"z\\"",\n  "e": {},\n  "f": []\n}',
    );
  });
  it('leaves anything else alone', () => {
    for (const t of ['plain text', '42', '{"open":', '{"a":1}}']) expect(prettyJsonText(t)).toBe(t);
  });
});

describe('transactionEntries', () => {
  it('says where a tx id comes from when the event has no transaction block', () => {
    expect(transactionEntries(undefined)).toEqual([]);
    expect(transactionEntries(undefined, '0-1-2220')[0]).toEqual(['id', '0-1-2220']);
    expect(transactionEntries(undefined, '0-1-2220')[1]?.[1]).toContain('source position');
  });
});
