import { describe, expect, it } from 'vitest';
import { decodeMessage } from './decode-message';
import { anne, pgCreate, rawFrom, withSchema } from './fixtures';
import { parsePayload, wrappedPayloadText } from './schema-wrapper';

const enc = new TextEncoder();
const parse = (text: string) => parsePayload(enc.encode(text));

describe('schema wrapper fast path', () => {
  it('finds the payload of a compact wrapper without parsing the schema', () => {
    const text = JSON.stringify(withSchema(pgCreate, 'pg.inventory.customers'));
    expect(JSON.parse(wrappedPayloadText(text) ?? 'null')).toEqual(pgCreate);
    expect(wrappedPayloadText('{"schema":null,"payload":{"a":1}}  \n')).toBe('{"a":1}');
  });

  it('leaves anything else to the full parse', () => {
    expect(wrappedPayloadText(JSON.stringify(pgCreate))).toBeUndefined();
    expect(wrappedPayloadText('{ "schema": {}, "payload": {} }')).toBeUndefined();
    expect(wrappedPayloadText('{"schema":5,"payload":{}}')).toBeUndefined();
    expect(wrappedPayloadText('{"schema":{},"payload":{}}x')).toBeUndefined();
  });

  it('is not fooled by a "payload" key inside the schema', () => {
    const schema = {
      type: 'struct',
      parameters: { x: '1', payload: 'tricky' },
      fields: [{ field: 'payload', type: 'string', optional: false }],
    };
    const value = { op: 'c', after: { id: 1, payload: 'p' }, source: { connector: 'postgresql' } };
    expect(parse(JSON.stringify({ schema, payload: value }))).toEqual({
      ok: true,
      value,
      schemaText: JSON.stringify(schema),
    });
  });

  it('is not fooled by an escaped sequence in a schema string', () => {
    const schema = { type: 'struct', doc: 'looks like ,"payload":{"op":"x"} but is text' };
    const value = { op: 'c', after: { id: 2 } };
    expect(parse(JSON.stringify({ schema, payload: value }))).toEqual({
      ok: true,
      value,
      schemaText: JSON.stringify(schema),
    });
  });

  it('hands back the schema of a spaced-out wrapper compactly, and none for a null schema', () => {
    const schema = { type: 'struct', fields: [] };
    expect(parse(JSON.stringify({ schema, payload: { op: 'c' } }, null, 2))).toEqual({
      ok: true,
      value: { op: 'c' },
      schemaText: JSON.stringify(schema),
    });
    expect(parse('{"schema":null,"payload":{"op":"c"}}')).toEqual({ ok: true, value: { op: 'c' } });
  });

  it('keeps extra top-level fields meaningful (not a wrapper then)', () => {
    const r = parse('{"schema":{},"payload":{"op":"c"},"extra":1}');
    expect(r).toEqual({ ok: true, value: { schema: {}, payload: { op: 'c' }, extra: 1 } });
  });

  it('reports the full-text error when the payload is broken', () => {
    const r = parse('{"schema":{"type":"struct"},"payload":{"op":"c",}');
    expect(r.ok).toBe(false);
    expect(
      decodeMessage(rawFrom({ topic: 'pg.a.b', valueBytes: '{"schema":{},"payload":{"op":"c",}}' })),
    ).toMatchObject({ kind: 'undecodable', reason: expect.stringMatching(/^not JSON/) });
  });

  it('decodes a wrapped null payload as a tombstone', () => {
    expect(decodeMessage(rawFrom({ topic: 'pg.a.b', valueBytes: '{"schema":null,"payload":null}' })).kind).toBe(
      'tombstone',
    );
    expect(decodeMessage(rawFrom({ topic: 'pg.a.b', value: withSchema({ op: 'c', after: anne }) })).kind).toBe(
      'change',
    );
  });
});
