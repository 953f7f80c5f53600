import { describe, expect, it } from 'vitest';
import { hashPassword, randomToken, safeEqual, sha256Hex, verifyPassword } from './password';

describe('password hashing', () => {
  it('round-trips, salts every hash, rejects a wrong or malformed one', async () => {
    const h = await hashPassword('correct horse', { N: 1024 });
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('correct hors', h)).toBe(false);
    expect(await hashPassword('correct horse', { N: 1024 })).not.toBe(h);
    expect(await verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
  });
  it('uses the default cost (N=2^15) without hitting the memory cap', async () => {
    const h = await hashPassword('pw');
    expect(h.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await verifyPassword('pw', h)).toBe(true);
  });
});

describe('helpers', () => {
  it('compares strings of any length', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
  it('hashes tokens as hex SHA-256 and makes 256-bit random tokens', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const t = randomToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(t);
  });
});
