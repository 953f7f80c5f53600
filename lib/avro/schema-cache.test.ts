import { describe, expect, it } from 'vitest';
import { createSchemaCache } from './schema-cache';
import { encodeForReplay } from './replay-encode';
import { frameWire, wireSchemaId, wireSchemaIds } from './wire-format';

const T0 = 1_700_000_000_000;
const record = { type: 'record', name: 'K', fields: [{ name: 'id', type: 'int' }] };

describe('wire format', () => {
  it('reads and writes the 5-byte header', () => {
    const framed = frameWire(258, new Uint8Array([7]));
    expect(Array.from(framed)).toEqual([0, 0, 0, 1, 2, 7]);
    expect(wireSchemaId(framed)).toBe(258);
    expect(wireSchemaId(frameWire(0xffffffff, new Uint8Array()))).toBe(0xffffffff);
    expect(wireSchemaId(new TextEncoder().encode('{"a":1}'))).toBeUndefined();
    expect(wireSchemaId(new Uint8Array([0, 0, 0]))).toBeUndefined();
    expect(wireSchemaIds(frameWire(1, new Uint8Array()), frameWire(2, new Uint8Array()))).toEqual([1, 2]);
    expect(wireSchemaIds(null, frameWire(2, new Uint8Array()))).toEqual([2]);
    expect(() => frameWire(-1, new Uint8Array())).toThrow(RangeError);
  });
});

describe('createSchemaCache', () => {
  it('hands out each id once to fetch, then serves it', () => {
    const cache = createSchemaCache();
    expect(cache.lookup(7)).toEqual({ state: 'missing' });
    expect(cache.claim([7, 7, 8], T0)).toEqual([7, 8]);
    expect(cache.claim([7], T0)).toEqual([]);
    expect(cache.lookup(7)).toEqual({ state: 'pending' });
    expect(cache.resolve(7, { schema: JSON.stringify(record) }, T0).state).toBe('ready');
    const ready = cache.lookup(7);
    expect(ready.state === 'ready' && ready.schema.decode(new Uint8Array([0x54]))).toEqual({
      ok: true,
      value: { id: 42 },
    });
  });

  it('remembers a failed fetch until retryMs passes', () => {
    const cache = createSchemaCache({ retryMs: 1_000 });
    cache.claim([9], T0);
    cache.fail(9, 'registry unreachable (ECONNREFUSED)', T0);
    expect(cache.lookup(9)).toEqual({ state: 'failed', reason: 'schema id 9: registry unreachable (ECONNREFUSED)' });
    expect(cache.claim([9], T0 + 999)).toEqual([]);
    expect(cache.claim([9], T0 + 1_000)).toEqual([9]);
  });

  it('says what it does not support, for good', () => {
    const cache = createSchemaCache();
    expect(cache.resolve(1, { schema: 'syntax = "proto3";', schemaType: 'PROTOBUF' }, T0)).toEqual({
      state: 'failed',
      reason: expect.stringMatching(/Protobuf schema: Protobuf is not supported/),
    });
    expect(cache.claim([1], T0 + 10 ** 9)).toEqual([]);
    expect(
      cache.resolve(2, { schema: JSON.stringify(record), references: [{ name: 'x', subject: 's', version: 1 }] }, T0)
        .state,
    ).toBe('failed');
    expect(cache.resolve(3, { schema: '{"type":"record"' }, T0)).toEqual({
      state: 'failed',
      reason: expect.stringMatching(/^schema id 3: invalid Avro schema/),
    });
    expect(cache.resolve(4, { nope: true }, T0)).toEqual({
      state: 'failed',
      reason: expect.stringMatching(/the registry's answer is not a schema/),
    });
    // An invalid answer may be a proxy's error page: asked again later.
    expect(cache.claim([4], T0 + 30_000)).toEqual([4]);
  });

  it('decodes JSON Schema bodies as JSON text', () => {
    const cache = createSchemaCache();
    cache.resolve(5, { schema: '{"type":"object"}', schemaType: 'JSON' }, T0);
    const ready = cache.lookup(5);
    expect(ready.state === 'ready' && ready.schema.type).toBe('JSON');
    expect(encodeForReplay(cache, 5, { a: 1 })).toEqual({
      ok: true,
      value: frameWire(5, new TextEncoder().encode('{"a":1}')),
    });
  });

  it('keeps at most maxSchemas, dropping the one stored longest ago', () => {
    const cache = createSchemaCache({ maxSchemas: 2 });
    for (const id of [1, 2, 3]) cache.resolve(id, { schema: '"string"' }, T0);
    expect(cache.size).toBe(2);
    expect(cache.lookup(1)).toEqual({ state: 'missing' });
    expect(cache.lookup(3).state).toBe('ready');
  });

  it('re-encodes for replay with the original schema id', () => {
    const cache = createSchemaCache();
    cache.resolve(12, { schema: JSON.stringify(record) }, T0);
    expect(encodeForReplay(cache, 12, { id: 42 })).toEqual({ ok: true, value: frameWire(12, new Uint8Array([0x54])) });
    expect(encodeForReplay(cache, 12, { id: '****' })).toMatchObject({ ok: false });
    expect(encodeForReplay(cache, 13, { id: 1 })).toEqual({
      ok: false,
      error: 'schema id 13 is not cached: fetch it from the registry first',
    });
  });
});
