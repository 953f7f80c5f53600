/**
 * The stored password format, `scrypt$N$r$p$salt$hash` (salt and hash in
 * base64). Parsed here, without node:crypto, so the configuration schema can
 * reject a malformed hash at start-up instead of at the first failed login.
 */

export type ScryptParams = { N: number; r: number; p: number; salt: string; hash: string };

/** Upper bounds keep a hostile or mistyped config from making each login allocate gigabytes. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const B64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function parseScryptHash(encoded: string): ScryptParams | string {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt')
    return 'expected scrypt$N$r$p$salt$hash (make one with npx tsx scripts/hash-password.ts)';
  const [, n, r, p, salt = '', hash = ''] = parts;
  const N = Number(n);
  const R = Number(r);
  const P = Number(p);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0)
    return `N must be a power of two between 2 and ${MAX_N}`;
  if (!Number.isInteger(R) || R < 1 || R > MAX_R) return `r must be between 1 and ${MAX_R}`;
  if (!Number.isInteger(P) || P < 1 || P > MAX_P) return `p must be between 1 and ${MAX_P}`;
  if (!B64.test(salt) || salt.length < 16) return 'salt must be base64, at least 12 bytes';
  if (!B64.test(hash) || hash.length < 24) return 'hash must be base64, at least 16 bytes';
  return { N, r: R, p: P, salt, hash };
}
