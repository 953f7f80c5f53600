import { z } from 'zod';
import { ROLES } from '../auth/roles';

/** `GET /api/me`: who is signed in, and the session's CSRF token for write requests. */
export const meSchema = z.object({
  authEnabled: z.boolean(),
  /** Null when nobody is signed in (and with authentication off). */
  user: z.string().nullable(),
  role: z.enum(ROLES).nullable(),
  /** Sessions only (not bearer tokens): sent back as `x-csrf-token` on writes. */
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof meSchema>;
