import { describe, expect, it } from 'vitest';
import { defaultPartitionFor } from './murmur2';
import { choosePartition, rebuildKeyText } from './partition-choice';

const enc = new TextEncoder();
const hash = (text: string, n: number) => defaultPartitionFor(enc.encode(text), n);
const wrapped = (id: number) =>
  JSON.stringify({
    schema: { type: 'struct', fields: [{ type: 'int32', optional: false, field: 'id' }], optional: false },
    payload: { id },
  });

describe('partition choice', () => {
  it('takes the partition the key hashes to, checked on an event of the row', () => {
    const keyText = '{"id":42}';
    const p = hash(keyText, 6);
    const c = choosePartition({ partitions: 6, key: { id: 42 }, rowEvents: [{ id: 'e1', partition: p, keyText }] });
    expect(c).toMatchObject({ partition: p, basis: 'row-event' });
  });

  it('reads every partition when an event sits elsewhere than its key hashes (another partitioner)', () => {
    const keyText = '{"id":42}';
    const wrong = (hash(keyText, 6) + 1) % 6;
    const c = choosePartition({ partitions: 6, key: { id: 42 }, rowEvents: [{ id: 'e1', partition: wrong, keyText }] });
    expect(c.partition).toBe('all');
    expect(c.note).toMatch(/another partitioner/);
  });

  it('rebuilds the key bytes from another row of the table, schema envelope included', () => {
    const sample = { id: 's', partition: hash(wrapped(7), 4), keyText: wrapped(7) };
    const c = choosePartition({ partitions: 4, key: { id: '42' }, rowEvents: [], tableSample: sample });
    expect(c).toMatchObject({ partition: hash(wrapped(42), 4), basis: 'rebuilt-key' });
    expect(rebuildKeyText(wrapped(7), { id: '42' })).toBe(wrapped(42));
  });

  it('reads every partition when the bytes cannot be rebuilt exactly, or nothing shows how keys are written', () => {
    // Spaces: not the compact JSON this code writes back, so a rebuilt text could hash elsewhere.
    const spaced = '{ "id": 7 }';
    const c1 = choosePartition({
      partitions: 4,
      key: { id: 42 },
      rowEvents: [],
      tableSample: { id: 's', partition: hash(spaced, 4), keyText: spaced },
    });
    expect(c1.partition).toBe('all');
    expect(rebuildKeyText('{"id":7}', { id: 'x' })).toBeUndefined();
    expect(rebuildKeyText('{"id":7}', { other: 1 })).toBeUndefined();
    expect(choosePartition({ partitions: 4, key: { id: 42 }, rowEvents: [] }).partition).toBe('all');
    // A binary (Avro) key shows no text.
    expect(
      choosePartition({ partitions: 4, key: { id: 42 }, rowEvents: [{ id: 'e', partition: 1, keyText: null }] })
        .partition,
    ).toBe('all');
  });

  it('one partition needs no evidence', () => {
    expect(choosePartition({ partitions: 1, key: { id: 1 }, rowEvents: [] }).partition).toBe(0);
  });
});
