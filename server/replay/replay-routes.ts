import { issuesText } from '../../lib/contracts/query-params';
import { MAX_EDITED_PAYLOAD_BYTES, replayRequestSchema, type ReplayRequest } from '../../lib/contracts/replay';
import { MAX_BODY_BYTES } from '../http/body';
import type { Principal } from '../auth/auth-service';
import type { Reply, Route } from '../http/route';
import type { Refusal, ReplayService } from './replay-service';
import type { Result } from '../../lib/result';

/**
 * A replay request may carry an edited payload of up to 1 MiB as a JSON
 * string, where every quote and backslash of the payload is escaped (doubled):
 * twice the payload plus the small request around it. The payload's own
 * 1 MiB limit is checked by the schema, so 413 only means "far too big".
 */
const REPLAY_BODY_BYTES = 2 * MAX_EDITED_PAYLOAD_BYTES + MAX_BODY_BYTES;

const ANONYMOUS: Principal = { user: null, role: 'viewer', via: 'anonymous', unmaskedReplay: false };

function parse(body: unknown): Result<ReplayRequest, Reply> {
  const parsed = replayRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: { status: 400, body: { error: issuesText(parsed.error, 'field') } } };
}

/** A refusal of the service as the HTTP answer. */
const refused = (r: Refusal): Reply => ({ status: r.status, body: { error: r.message } });

/** A write taking a replay request: operator only, or anyone with auth off (the service then allows the demo sinks only). */
function operatorWrite(pattern: RegExp, run: (caller: Principal, req: ReplayRequest) => Promise<Reply>): Route {
  return {
    pattern,
    method: 'POST',
    role: 'operator',
    openWhenAuthOff: true,
    maxBodyBytes: REPLAY_BODY_BYTES,
    handle: async (_p, _s, { principal, body }) => {
      const parsed = parse(body);
      return parsed.ok ? run(principal ?? ANONYMOUS, parsed.value) : parsed.error;
    },
  };
}

/**
 * `GET /api/sinks`, `POST /api/replay/preview`, `POST /api/replay`. The
 * writes need the operator role; with auth off they are open, and the
 * service then allows the demo's own sinks only.
 */
export function createReplayRoutes(service: ReplayService): Route[] {
  return [
    {
      pattern: /^\/api\/sinks$/,
      handle: (_p, _s, { principal }) => ({ status: 200, body: service.sinkList(principal ?? ANONYMOUS) }),
    },
    operatorWrite(/^\/api\/replay\/preview$/, async (caller, req) => {
      const r = await service.preview(caller, req);
      return r.ok ? { status: 200, body: r.value } : refused(r.error);
    }),
    operatorWrite(/^\/api\/replay$/, async (caller, req) => {
      const r = await service.replay(caller, req);
      if (!r.ok) return refused(r.error);
      // A sink that refused is a gateway failure; the body still says what happened (and it is in the audit log).
      return { status: r.value.status === 'failed' ? 502 : 200, body: r.value };
    }),
  ];
}
