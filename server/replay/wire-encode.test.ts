import { describe, expect, it } from 'vitest';
import { createSchemaCache } from '../../lib/avro/schema-cache';
import { registryAnswer } from '../../lib/debezium/fixtures/avro';
import { avroTables, envelopePair, rng, schemasOf } from '../../lib/debezium/fixtures/avro-envelopes';
import { decodeMessage } from '../../lib/debezium/decode-message';
import { rawTexts } from '../../lib/store/raw-text';
import { reencode } from './wire-encode';

const customers = avroTables[1]!;
const IDS = { key: 41, value: 42 };
const cache = createSchemaCache();
cache.resolve(IDS.key, registryAnswer(schemasOf(customers).key), 0);
cache.resolve(IDS.value, registryAnswer(schemasOf(customers).value), 0);

describe('replay re-encoding (encoding: original)', () => {
  it('encodes the shown JSON again with the original schema ids, so it decodes to the same record', () => {
    const raw = envelopePair(customers, rng(3), 1, IDS, false).avro;
    const record = decodeMessage(raw, { schemas: cache });
    if (record.kind !== 'change' || record.wire === undefined) throw new Error('expected an Avro change');
    const { rawKey, rawValue } = rawTexts(record, raw);
    const out = reencode({ key: rawKey, value: rawValue, headers: {} }, record.wire, cache);
    if (!out.ok) throw new Error(out.error);
    expect(out.value.encoded).toMatchObject({ format: 'avro', valueSchemaId: 42, keySchemaId: 41 });
    const again = decodeMessage(
      {
        ...raw,
        key: Buffer.from(out.value.encoded?.key ?? '', 'base64'),
        value: Buffer.from(out.value.encoded?.value ?? '', 'base64'),
      },
      { schemas: cache },
    );
    if (again.kind !== 'change') throw new Error(`expected a change, got ${again.kind}`);
    expect({ before: again.before, after: again.after, op: again.op, key: again.key }).toEqual({
      before: record.before,
      after: record.after,
      op: record.op,
      key: record.key,
    });
  });

  it('refuses, with the reason, a masked value the schema cannot carry, and a source without schemas', () => {
    const raw = envelopePair(customers, rng(4), 2, IDS, false).avro;
    const record = decodeMessage(raw, { schemas: cache });
    if (record.kind !== 'change' || record.wire === undefined) throw new Error('expected an Avro change');
    const value = JSON.stringify({ ...(record.wire.decodedValue as object), op: 7 });
    const refused = reencode({ key: null, value, headers: {} }, record.wire, cache);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/does not fit schema id 42/) as unknown });
    expect(reencode({ key: null, value: '{}', headers: {} }, record.wire, undefined).ok).toBe(false);
  });
});
