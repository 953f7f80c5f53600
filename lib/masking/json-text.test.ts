import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canonicalJson } from '../replicas/content-hash';
import { hasMaskedKey, looksLikeJson, maskJsonText, MAX_JSON_DEPTH, type KeyTest } from './json-text';

const R = JSON.stringify('••••••');
/** Top-level `email` and `password` anywhere, like a row scan with `*.email` plus the defaults. */
const rowKeys: KeyTest = (key, depth) => key === 'password' || (depth === 1 && key === 'email');
const scan = (text: string, keys: KeyTest = rowKeys) => maskJsonText(text, keys, R)?.text;

describe('JSON text scanner', () => {
  it('replaces the values of masked keys and keeps valid JSON valid', () => {
    const out = scan('{"email":"a@b.c","id":7,"meta":{"password":{"x":[1,2]},"email":"kept"}}');
    expect(out).toBe('{"email":"••••••","id":7,"meta":{"password":"••••••","email":"kept"}}');
    expect(JSON.parse(out ?? '')).toEqual({ email: '••••••', id: 7, meta: { password: '••••••', email: 'kept' } });
  });

  it('returns the same text when nothing is masked, whitespace and escapes included', () => {
    const text = ' { "a" : [ 1 , true , null , -2.5e3 ] , "b\\"c" : "x\\\\" } ';
    expect(scan(text)).toBe(text);
    expect(scan('null')).toBe('null');
    expect(scan('[]')).toBe('[]');
  });

  it('masks through cut text: clipValue`s `…` and canonicalJson`s `…#hash`', () => {
    expect(scan('{"id":7,"email":"annek@noansw…')).toBe('{"id":7,"email":"••••••"…');
    expect(scan('{"id":7,"meta":{"password":"hunter2","x":1…')).toBe('{"id":7,"meta":{"password":"••••••","x":1…');
    expect(scan('{"id":7,"meta":{"password":[1,2,{"deep":"hunt…')).toBe('{"id":7,"meta":{"password":"••••••"…');
    const cut = canonicalJson({ a: 'x'.repeat(30), email: 'secret@example.org', z: 1 }, 50);
    expect(cut).toMatch(/…#[0-9a-z]+$/);
    expect(scan(cut)).not.toContain('secret@');
    // Cut inside a key or right after the colon: no value to mask, nothing is lost.
    expect(scan('{"id":7,"ema…')).toBe('{"id":7,"ema…');
    expect(scan('{"id":7,"email":…#1x')).toBe('{"id":7,"email":…#1x');
  });

  it('masks keys inside JSON held in a string (a JSON column as Debezium sends it)', () => {
    const inner = JSON.stringify({ password: 'hunter2', ok: 1 });
    const out = scan(JSON.stringify({ id: 1, doc: inner }));
    expect(out).not.toContain('hunter2');
    expect(JSON.parse(z.object({ doc: z.string() }).parse(JSON.parse(out ?? '')).doc)).toEqual({
      password: '••••••',
      ok: 1,
    });
    // …and when that string was cut.
    const cut = JSON.stringify({ id: 1, doc: inner }).slice(0, 30);
    expect(scan(`${cut}…`)).not.toContain('hunter');
  });

  it('gives up (undefined) on what is not JSON, and hasMaskedKey then tells whether to hide it', () => {
    for (const text of ['{not json}', '{"a" 1}', '{"a":1}}', 'abc', '{"a":1,}x', '{"\\x":1}'])
      expect(maskJsonText(text, rowKeys, R)).toBeUndefined();
    expect(hasMaskedKey('{"password": oops', (k) => k === 'password')).toBe(true);
    expect(hasMaskedKey('{\\"password\\":1', (k) => k === 'password')).toBe(true);
    expect(hasMaskedKey('{oops "name": 1', (k) => k === 'password')).toBe(false);
  });

  it('refuses documents deeper than the cap instead of walking them', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}1${']'.repeat(MAX_JSON_DEPTH + 1)}`;
    expect(maskJsonText(deep, rowKeys, R)).toBeUndefined();
    const ok = `${'['.repeat(MAX_JSON_DEPTH - 1)}1${']'.repeat(MAX_JSON_DEPTH - 1)}`;
    expect(maskJsonText(ok, rowKeys, R)?.text).toBe(ok);
  });

  it('stops after one value when trailing text is allowed, and says where', () => {
    const text = '{"password":"a,b=c","n":1},id=7';
    expect(maskJsonText(text, rowKeys, R, { allowTrailing: true })).toEqual({
      text: '{"password":"••••••","n":1}',
      end: 26,
    });
  });

  it('recognises JSON-looking strings cheaply', () => {
    expect(looksLikeJson('{"a":1}')).toBe(true);
    expect(looksLikeJson('  [1]')).toBe(true);
    expect(looksLikeJson('a{')).toBe(false);
    expect(looksLikeJson('')).toBe(false);
  });
});
