import { z } from 'zod';
import { AUDIT_PAGE_DEFAULT_LIMIT, AUDIT_PAGE_MAX_LIMIT, type AuditLog } from '../../lib/contracts/audit';
import { parseSearchParams } from '../../lib/contracts/query-params';
import type { Route } from '../http/route';
import { isAuditUnavailable } from './audit-errors';

/**
 * `GET /api/audit?limit=&before=`: the replay audit log, newest first. Viewers
 * may read it: it holds who replayed what where and the payload's hash, never
 * the payload.
 */
export const auditQuerySchema = z
  .object({
    limit: z
      .string()
      .regex(/^\d+$/, 'expected a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(AUDIT_PAGE_MAX_LIMIT))
      .default(AUDIT_PAGE_DEFAULT_LIMIT),
    /** The previous page's `nextBefore`: a byte offset or a row id, so digits only (15 keep it a safe integer). */
    before: z.string().regex(/^\d{1,15}$/, 'expected the nextBefore of a previous page').optional(),
  })
  .strict();

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The query string as an AuditQuery, or one readable error line (`limit: …; unknown parameter x`). */
export function parseAuditQuery(params: URLSearchParams): { ok: true; query: AuditQuery } | { ok: false; error: string } {
  const parsed = parseSearchParams(auditQuerySchema, params);
  return parsed.ok ? { ok: true, query: parsed.value } : parsed;
}

export function createAuditRoutes(log: AuditLog): Route[] {
  return [
    {
      pattern: /^\/api\/audit$/,
      role: 'viewer',
      handle: async (_params, search) => {
        const parsed = parseAuditQuery(search);
        if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
        try {
          return { status: 200, body: await log.page(parsed.query) };
        } catch (err) {
          // The store is down (database unreachable): say so; the page keeps retrying.
          if (isAuditUnavailable(err)) return { status: 503, body: { error: err.message } };
          throw err;
        }
      },
    },
  ];
}
