import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issuesText, parseSearchParams } from './query-params';

const schema = z
  .object({ a: z.string().regex(/^\d+$/, 'expected digits').optional(), tag: z.array(z.string()).optional() })
  .strict();

describe('query params', () => {
  it('keeps repeatable names as arrays and refuses any other repeated name', () => {
    expect(parseSearchParams(schema, new URLSearchParams('a=1&tag=x&tag=y'), new Set(['tag']))).toEqual({
      ok: true,
      value: { a: '1', tag: ['x', 'y'] },
    });
    expect(parseSearchParams(schema, new URLSearchParams('a=1&a=2'))).toEqual({
      ok: false,
      error: 'given more than once: a',
    });
  });
  it('says what is wrong in one line, naming unknown parameters or body fields', () => {
    expect(parseSearchParams(schema, new URLSearchParams('a=x&b=1'))).toEqual({
      ok: false,
      error: 'a: expected digits; unknown parameter b',
    });
    const body = schema.safeParse({ zz: 1 });
    expect(body.success ? '' : issuesText(body.error, 'field')).toBe('unknown field zz');
  });
});
