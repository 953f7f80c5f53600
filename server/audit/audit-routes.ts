import { entryFor, parseAuditQuery, type AuditLog } from '../../lib/contracts/audit';
import type { Route } from '../http/route';
import { isAuditUnavailable } from './audit-errors';

/**
 * `GET /api/audit?limit=&before=`: the replay audit log, newest first. Viewers
 * may read it: it holds who replayed what where and the payload's hash, never
 * the payload; an unmasked send's hash and size only for readers who may
 * unmask themselves (issue #17.2).
 */
export function createAuditRoutes(log: AuditLog): Route[] {
  return [
    {
      pattern: /^\/api\/audit$/,
      role: 'viewer',
      handle: async (_params, search, { principal }) => {
        const parsed = parseAuditQuery(search);
        if (!parsed.ok) return { status: 400, body: { error: parsed.error } };
        try {
          const page = await log.page(parsed.value);
          const reader = { unmaskedReplay: principal?.unmaskedReplay ?? false };
          const entries = page.entries.map((e) => entryFor(e, reader));
          return { status: 200, body: { ...page, entries } };
        } catch (err) {
          // The store is down (database unreachable): say so; the page keeps retrying.
          if (isAuditUnavailable(err)) return { status: 503, body: { error: err.message } };
          throw err;
        }
      },
    },
  ];
}
