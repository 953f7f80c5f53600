import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, splitWords } from './default-rules';
import { createMasker } from './masker';
import { createMatcherCache, MAX_CACHED_COLUMNS, MAX_CACHED_KEYS } from './matcher-cache';
import { compileRules } from './rules';

describe('field rules', () => {
  it('masks a bare column name in every table, whatever its case, and only that name', () => {
    const m = createMasker({ fields: ['email'], defaults: false });
    expect(m.isMasked('inventory.customers', 'email')).toBe(true);
    expect(m.isMasked('public.users', 'EMAIL')).toBe(true);
    expect(m.isMasked(undefined, 'Email')).toBe(true);
    expect(m.isMasked('inventory.customers', 'email_verified')).toBe(false);
    expect(m.isMasked('inventory.customers', 'id')).toBe(false);
  });

  it('matches qualified patterns against the trailing segments of the table', () => {
    const m = createMasker({ fields: ['inventory.customers.phone', '*.email', 'billing.*.iban'], defaults: false });
    expect(m.isMasked('inventory.customers', 'phone')).toBe(true);
    expect(m.isMasked('replica_a.inventory.customers', 'phone')).toBe(true);
    expect(m.isMasked('INVENTORY.Customers', 'Phone')).toBe(true);
    expect(m.isMasked('inventory.orders', 'phone')).toBe(false);
    expect(m.isMasked('crm.customers', 'phone')).toBe(false);
    expect(m.isMasked('public.users', 'email')).toBe(true);
    expect(m.isMasked('billing.accounts', 'iban')).toBe(true);
    expect(m.isMasked('pg.billing.accounts', 'iban')).toBe(true);
    expect(m.isMasked('sales.accounts', 'iban')).toBe(false);
  });

  it('treats table segments a call site cannot supply as matching: a server-specific rule never leaks for lack of a prefix', () => {
    const m = createMasker({ fields: ['replica_a.inventory.customers.phone'], defaults: false });
    expect(m.isMasked('replica_a.inventory.customers', 'phone')).toBe(true);
    expect(m.isMasked('replica_b.inventory.customers', 'phone')).toBe(false);
    expect(m.isMasked('inventory.customers', 'phone')).toBe(true);
    expect(m.isMasked(undefined, 'phone')).toBe(true);
    // A dotted server prefix is just more leading segments.
    expect(m.isMasked('eu.replica_a.inventory.customers', 'phone')).toBe(true);
  });

  it('supports * globs inside a segment and in bare names', () => {
    const m = createMasker({ fields: ['*_token', 'inv*.cust*.birth_*'], defaults: false });
    expect(m.isMasked('a.b', 'reset_token')).toBe(true);
    expect(m.isMasked('a.b', 'token_count')).toBe(false);
    expect(m.isMasked('inventory.customers', 'birth_date')).toBe(true);
    expect(m.isMasked('inventory.orders', 'birth_date')).toBe(false);
  });

  it('matches regex specs against the column name with their own flags', () => {
    const m = createMasker({ fields: ['/^acct_\\d+$/', '/NOTE/i'], defaults: false });
    expect(m.isMasked('a.b', 'acct_12')).toBe(true);
    expect(m.isMasked('a.b', 'ACCT_12')).toBe(false);
    expect(m.isMasked('a.b', 'internal_notes')).toBe(true);
  });

  const positives = [
    'password',
    'PASSWORD',
    'password_hash',
    'user_password',
    'userPassword',
    'PasswordHash',
    'password2',
    'passwd',
    'db_passwd',
    'pwd',
    'pwdHash',
    'secret',
    'client_secret',
    'otpSecret',
    'token',
    'access_token',
    'refreshToken',
    'api_key',
    'apiKey',
    'APIKey',
    'apikey',
    'x-api-key',
    'access_key',
    'aws_access_key_id',
    'private_key',
    'privateKey',
    'credit_card',
    'credit_card_number',
    'creditCard',
    'card_number',
    'cardNumber',
    'ssn',
    'SSN_last4',
  ];
  const negatives = [
    'passenger',
    'compass',
    'secretary',
    'tokens_used',
    'tokenizer',
    'api',
    'key',
    'api_version',
    'access_level',
    'private',
    'card_type',
    'number',
    'lesson',
    'id',
    'email',
    'description',
  ];

  it.each(positives)('defaults mask %s', (name) => {
    expect(createMasker().isMasked('any.table', name)).toBe(true);
  });

  it.each(negatives)('defaults leave %s alone (whole words only)', (name) => {
    expect(createMasker().isMasked('any.table', name)).toBe(false);
  });

  it('turns the built-in patterns off with defaults: false', () => {
    const m = createMasker({ defaults: false });
    expect(m.active).toBe(false);
    expect(positives.some((n) => m.isMasked('a.b', n))).toBe(false);
  });

  it('splits identifiers into words at separators, camel humps and digits', () => {
    expect(splitWords('APIKey')).toEqual(['api', 'key']);
    expect(splitWords('userPassword2')).toEqual(['user', 'password', '2']);
    expect(splitWords('aws_access-key.id')).toEqual(['aws', 'access', 'key', 'id']);
    expect(splitWords('__x__')).toEqual(['x']);
  });

  it('documents every default with a reason', () => {
    expect(DEFAULT_RULES.map((r) => r.name)).toEqual([
      'password',
      'passwd',
      'pwd',
      'secret',
      'token',
      'api_key',
      'access_key',
      'private_key',
      'credit_card',
      'card_number',
      'ssn',
    ]);
    for (const r of DEFAULT_RULES) expect(r.why.length).toBeGreaterThan(10);
  });

  it('describes the active rules for the UI', () => {
    const d = createMasker({ fields: ['email', 'inventory.customers.phone', '/^x/'], replacement: '***' }).describe();
    expect(d.replacement).toBe('***');
    expect(d.rules.map((r) => [r.spec, r.kind, r.nested])).toEqual([
      ['email', 'name', true],
      ['inventory.customers.phone', 'qualified', false],
      ['/^x/', 'regex', true],
      ['defaults', 'default', true],
    ]);
    expect(d.rules[1]?.description).toBe('column phone of tables matching inventory.customers');
    expect(d.defaults).toHaveLength(DEFAULT_RULES.length);
    expect(createMasker({ defaults: false }).describe()).toEqual({ replacement: '••••••', rules: [], defaults: [] });
  });

  it('keeps its memo bounded and its answers unchanged when it refills', () => {
    const cache = createMatcherCache(compileRules(['*.email'], true));
    for (let i = 0; i < MAX_CACHED_COLUMNS + 5_000; i++) cache.isMasked(`db.t${i % 100}`, `c${i}`);
    for (let i = 0; i < MAX_CACHED_KEYS + 5_000; i++) cache.isMaskedKey(`k${i}`);
    expect(cache.size()).toBeLessThanOrEqual(MAX_CACHED_COLUMNS + MAX_CACHED_KEYS);
    expect(cache.isMasked('db.t1', 'email')).toBe(true);
    expect(cache.isMasked('db.t1', 'email')).toBe(true);
    expect(cache.isMaskedKey('email')).toBe(false);
    expect(cache.isMaskedKey('password')).toBe(true);
  });
});
