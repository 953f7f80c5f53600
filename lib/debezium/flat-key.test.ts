import { describe, expect, it } from 'vitest';
import { MAX_FLAT_KEY_BYTES, readFlatKey } from './flat-key';
import { rng } from './fixtures/avro-envelopes';
import { decodeKey, keyFromValue } from './key';
import { parsePayload } from './schema-wrapper';

const bytes = (text: string) => new TextEncoder().encode(text);

/** What decodeKey gives without the flat-key path: the whole text parsed, unwrapped, checked. */
function ordinary(b: Uint8Array, maxDepth = 64) {
  const parsed = parsePayload(b);
  return parsed.ok ? keyFromValue(parsed.value, maxDepth) : undefined;
}

/** Equal as JSON.parse would build it: same values (-0 included) and same key order. */
function expectSame(actual: Record<string, unknown> | undefined, expected: Record<string, unknown> | undefined) {
  expect(actual).toStrictEqual(expected);
  if (actual === undefined || expected === undefined) return;
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  for (const [k, v] of Object.entries(actual)) if (typeof v === 'number') expect(Object.is(v, expected[k])).toBe(true);
}

describe('readFlatKey', () => {
  it('reads compact flat keys of integers and plain strings as JSON.parse does', () => {
    for (const text of [
      '{"id":42}',
      '{"id":-0}',
      '{"id":0}',
      '{"order_id":7,"sku":"A-1 b/c"}',
      '{"s":""}',
      '{"b":1,"1":2,"a":3}',
      '{"a":1,"a":2}',
      '{"n":123456789012345}',
      '{"n":-999999999999999}',
    ]) {
      expectSame(readFlatKey(bytes(text)), JSON.parse(text) as Record<string, unknown>);
    }
  });

  it('leaves everything else to the ordinary path', () => {
    for (const text of [
      '{}',
      '{ "id":1}',
      '{"id": 1}',
      '{"id":1 }',
      '{"id":1.5}',
      '{"id":1e3}',
      '{"id":01}',
      '{"id":-}',
      '{"id":1234567890123456}',
      '{"id":null}',
      '{"id":true}',
      '{"id":{"a":1}}',
      '{"id":[1]}',
      '{"id":"a\\"b"}',
      '{"id":"é"}',
      '{"é":1}',
      '{"a-b":1}',
      '{"__proto__":1}',
      '{"schema":null,"payload":{"id":1}}',
      '\uFEFF{"id":1}',
      '{"id":1}}',
      '{"id":1,}',
      '{"id":1',
      '[1]',
      '42',
      `{"k":"${'x'.repeat(MAX_FLAT_KEY_BYTES)}"}`,
    ]) {
      expect(readFlatKey(bytes(text))).toBeUndefined();
    }
  });

  it('leaves a BOM and invalid UTF-8 to the ordinary path, which decodes them as before', () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes('{"id":1}')]);
    const invalid = Uint8Array.from([...bytes('{"id":"a'), 0xff, ...bytes('b"}')]);
    expect(readFlatKey(bom)).toBeUndefined();
    expect(readFlatKey(invalid)).toBeUndefined();
    expect(decodeKey(bom, 64)).toStrictEqual({ id: 1 });
    expect(decodeKey(invalid, 64)).toStrictEqual({ id: 'a\uFFFDb' });
  });

  it('makes no difference to decodeKey on 10,000 random near-miss keys (seeded)', () => {
    const r = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const names = ['id', 'a_1', 'B', '__proto__', '1', 'x-y', 'é', 'schema', 'payload', ''];
    const values = [
      '0',
      '-0',
      '42',
      '-7',
      '01',
      '1.5',
      '1e3',
      '123456789012345',
      '1234567890123456',
      '"abc"',
      '""',
      '"a\\"b"',
      '"é"',
      'null',
      'true',
      '{}',
      '[1]',
      '"\t"',
      '-',
      '"x',
      ' 1',
    ];
    const noise = ['{', '}', '"', ':', ',', ' ', '\\', '0', 'a', '\u0000', '\u00e9'];
    for (let i = 0; i < 10_000; i++) {
      const fields = Array.from({ length: 1 + Math.floor(r() * 3) }, () => `"${pick(names)}":${pick(values)}`);
      let text = `{${fields.join(',')}}`;
      // Half the keys get one character inserted, removed or replaced somewhere.
      if (r() < 0.5) {
        const at = Math.floor(r() * (text.length + 1));
        const cut = Math.floor(r() * 2);
        text = text.slice(0, at) + (r() < 0.7 ? pick(noise) : '') + text.slice(at + cut);
      }
      const b = bytes(text);
      expectSame(decodeKey(b, 64), ordinary(b));
      expectSame(decodeKey(b, 0), ordinary(b, 0));
    }
  });
});
