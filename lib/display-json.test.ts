import { describe, expect, it } from 'vitest';
import { displayJson } from './display-json';

describe('displayJson', () => {
  it('prints JSON values as JSON, indented when asked', () => {
    expect(displayJson({ a: [1, 'x', null] })).toBe('{"a":[1,"x",null]}');
    expect(displayJson({ a: 1 }, 2)).toBe('{\n  "a": 1\n}');
    expect(displayJson('s')).toBe('"s"');
  });

  it('prints bigints as their digits, nested too, where JSON.stringify throws', () => {
    expect(displayJson(12345678901234567890n)).toBe('12345678901234567890');
    expect(displayJson({ n: 2n ** 70n })).toBe('{"n":"1180591620717411303424"}');
  });

  it('prints what JSON has no text for instead of returning undefined', () => {
    expect(displayJson(undefined)).toBe('undefined');
    expect(displayJson(Symbol('s'))).toBe('Symbol(s)');
    expect(displayJson(() => 1)).toBe('function');
  });
});
