import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { parseScryptHash } from '../auth/scrypt-format';

/**
 * `auth:` in the configuration (issue #5). Off by default: the demo stays open
 * and read-only. Only hashes are configured, never a password or a token, so
 * the file leaks nothing usable; `${ENV}` interpolation works here as anywhere.
 */

const role = z.enum(ROLES);

const passwordHash = z.string().superRefine((value, ctx) => {
  const parsed = parseScryptHash(value);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

export const authUserSchema = z
  .object({
    username: z.string().min(1).max(128),
    /** `scrypt$N$r$p$salt$hash`, from `npx tsx scripts/hash-password.ts`. */
    passwordHash,
    role,
    /** May replay the unmasked original of an event (operators only; off by default). */
    unmaskedReplay: z.boolean().default(false),
  })
  .strict();

export const authTokenSchema = z
  .object({
    /** Shown as the "user" of requests made with this token. */
    name: z.string().min(1).max(128),
    /** Hex SHA-256 of the token (`printf %s "$TOKEN" | sha256sum`); the token itself is never stored. */
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "expected the token's SHA-256 as 64 hex digits"),
    role,
    unmaskedReplay: z.boolean().default(false),
  })
  .strict();

export const authSchema = z
  .object({
    enabled: z.boolean().default(false),
    users: z.array(authUserSchema).default([]),
    tokens: z.array(authTokenSchema).default([]),
    /** A session unused this long ends. */
    sessionIdleMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .default(60),
    /** A session ends this long after sign-in, however busy. */
    sessionMaxHours: z
      .number()
      .positive()
      .max(30 * 24)
      .default(12),
  })
  .strict()
  .superRefine((auth, ctx) => {
    if (auth.enabled && auth.users.length === 0 && auth.tokens.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['enabled'],
        message: 'authentication is enabled but no users or tokens are configured: nobody could sign in',
      });
    }
    const names = new Set<string>();
    auth.users.forEach((u, i) => {
      const key = u.username.toLowerCase();
      if (names.has(key))
        ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: `duplicate username "${u.username}"` });
      names.add(key);
    });
    const tokens = new Set<string>();
    auth.tokens.forEach((t, i) => {
      if (tokens.has(t.name))
        ctx.addIssue({ code: 'custom', path: ['tokens', i, 'name'], message: `duplicate token name "${t.name}"` });
      tokens.add(t.name);
    });
  });

export type AuthConfig = z.infer<typeof authSchema>;

/** Auth off, as when the configuration has no `auth:`. */
export const AUTH_DISABLED: AuthConfig = authSchema.parse({});
