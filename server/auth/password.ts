import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { parseScryptHash } from '../../lib/auth/scrypt-format';

/** N=2^15, r=8, p=1: OWASP's scrypt minimum, about 50–100 ms a check on a server core. */
export const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1, keyBytes: 32, saltBytes: 16 };

function scryptAsync(
  password: string,
  salt: Buffer,
  keyBytes: number,
  opts: { N: number; r: number; p: number },
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly N=2^15, r=8, so leave headroom.
  const options: ScryptOptions = { N: opts.N, r: opts.r, p: opts.p, maxmem: 256 * opts.N * opts.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string, params: Partial<typeof SCRYPT_DEFAULTS> = {}): Promise<string> {
  const { N, r, p, keyBytes, saltBytes } = { ...SCRYPT_DEFAULTS, ...params };
  const salt = randomBytes(saltBytes);
  const key = await scryptAsync(password, salt, keyBytes, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** False for a wrong password and for a malformed hash; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseScryptHash(encoded);
  if (typeof parsed === 'string') return false;
  const expected = Buffer.from(parsed.hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(parsed.salt, 'base64'), expected.length, parsed);
  return timingSafeEqual(key, expected);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Constant-time string equality. Both sides are hashed first, so the time does
 * not depend on where they differ nor (as timingSafeEqual alone would leak by
 * throwing) on whether their lengths match.
 */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/** 256 random bits, URL-safe: session ids and CSRF tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
