import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('reads errors, error-like objects and anything else thrown', () => {
    expect(errorMessage(new TypeError('bad type'))).toBe('bad type');
    expect(errorMessage(Object.assign(new Error(''), { code: 'X' }))).toBe('');
    expect(errorMessage({ message: 'from a plain object', code: 42 })).toBe('from a plain object');
    expect(errorMessage({ message: 42 })).toBe('[object Object]');
    expect(errorMessage('a string')).toBe('a string');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage(null)).toBe('null');
  });
});
