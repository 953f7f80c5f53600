import { describe, expect, it } from 'vitest';
import { createMasker } from './masker';
import { DEFAULT_REPLACEMENT, maskingSchema } from './schema';

describe('masking config schema', () => {
  it('fills the defaults: no extra fields, the constant-width replacement, built-in patterns on', () => {
    expect(maskingSchema.parse({})).toEqual({ fields: [], replacement: DEFAULT_REPLACEMENT, defaults: true });
    expect(DEFAULT_REPLACEMENT).toBe('••••••');
  });

  it('accepts the three spellings of a field spec', () => {
    const fields = [
      'password',
      'Email',
      '*_token',
      '*.email',
      'inventory.customers.phone',
      'billing.*.iban',
      'replica_a.inventory.customers.phone',
      '/^acct_\\d+$/i',
      '/a\\/b/',
    ];
    expect(maskingSchema.parse({ fields }).fields).toEqual(fields);
  });

  it.each([
    ['', 'empty field spec'],
    ['   ', 'empty field spec'],
    ['inventory..phone', 'empty segment'],
    ['.email', 'empty segment'],
    ['first name', 'no spaces'],
    ['/unclosed', 'a regex spec is /pattern/flags'],
    ['/x/g', 'flag g makes matching stateful'],
    ['/x/y', 'flag y makes matching stateful'],
    ['/x/q', 'unknown regex flag q'],
    ['/(/', '"/(/"'],
  ])('refuses %j with a message that says why', (spec, message) => {
    const r = maskingSchema.safeParse({ fields: [spec] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(message);
    expect(r.error?.issues[0]?.path).toEqual(['fields', 0]);
  });

  it('refuses unknown options and an empty or oversized replacement', () => {
    expect(maskingSchema.safeParse({ field: ['x'] }).success).toBe(false);
    expect(maskingSchema.safeParse({ replacement: '' }).success).toBe(false);
    expect(maskingSchema.safeParse({ replacement: 'x'.repeat(65) }).success).toBe(false);
    expect(maskingSchema.safeParse({ defaults: 'yes' }).success).toBe(false);
  });

  it('makes createMasker fail at start-up on a bad spec, never later', () => {
    expect(() => createMasker({ fields: ['/(/'] })).toThrow();
    expect(() => createMasker({ fields: ['a..b'] })).toThrow();
  });
});
