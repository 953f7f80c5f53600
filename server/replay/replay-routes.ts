import { replayRequestSchema, type ReplayRequest } from '../../lib/replay/contract';
import type { Principal } from '../auth/auth-service';
import type { Reply, Route } from '../http/api';
import type { ReplayService } from './replay-service';

const ANONYMOUS: Principal = { user: null, role: 'viewer', via: 'anonymous', unmaskedReplay: false };

function parse(body: unknown): { ok: true; req: ReplayRequest } | { ok: false; reply: Reply } {
  const parsed = replayRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, req: parsed.data };
  const error = parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown field ${i.keys.join(', ')}` : `${i.path.join('.') || 'body'}: ${i.message}`)).join('; ');
  return { ok: false, reply: { status: 400, body: { error } } };
}

/**
 * `GET /api/sinks`, `POST /api/replay/preview`, `POST /api/replay`. The
 * writes need the operator role; with auth off they are open, and the
 * service then allows the demo's own sinks only.
 */
export function createReplayRoutes(service: ReplayService): Route[] {
  return [
    { pattern: /^\/api\/sinks$/, handle: (_p, _s, { principal }) => ({ status: 200, body: service.sinkList(principal ?? ANONYMOUS) }) },
    {
      pattern: /^\/api\/replay\/preview$/,
      method: 'POST',
      role: 'operator',
      openWhenAuthOff: true,
      handle: async (_p, _s, { principal, body }) => {
        const parsed = parse(body);
        if (!parsed.ok) return parsed.reply;
        const r = await service.preview(principal ?? ANONYMOUS, parsed.req);
        return r.ok ? { status: 200, body: r.value } : { status: r.status, body: { error: r.error } };
      },
    },
    {
      pattern: /^\/api\/replay$/,
      method: 'POST',
      role: 'operator',
      openWhenAuthOff: true,
      handle: async (_p, _s, { principal, body }) => {
        const parsed = parse(body);
        if (!parsed.ok) return parsed.reply;
        const r = await service.replay(principal ?? ANONYMOUS, parsed.req);
        if (!r.ok) return { status: r.status, body: { error: r.error } };
        // A sink that refused is a gateway failure; the body still says what happened (and it is in the audit log).
        return { status: r.value.status === 'failed' ? 502 : 200, body: r.value };
      },
    },
  ];
}
