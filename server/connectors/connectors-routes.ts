import '../server-only';
import type { ConnectorAction } from '../../lib/contracts/connectors';
import type { Principal } from '../auth/auth-service';
import type { DashboardState } from '../pipeline/dashboard-state';
import type { Reply, Route } from '../http/route';
import type { ConnectorActions } from './connector-actions';
import type { ConnectorsMonitor } from './connectors-monitor';

const ANONYMOUS: Principal = { user: null, role: 'viewer', via: 'anonymous', unmaskedReplay: false };
/** Connect's connector names: what its REST API accepts in a path segment, kept short. */
const NAME = '([^/]{1,249})';

/**
 * `GET /api/connectors`; `POST /api/connectors/:name/pause`, `…/resume` and
 * `…/tasks/:id/restart`. The writes need the operator role and pass the CSRF
 * checks (server/http/api.ts); with auth off they are open and the action
 * service then allows the demo's cluster only.
 */
export function createConnectorsRoutes(
  state: DashboardState,
  monitor: ConnectorsMonitor,
  actions: ConnectorActions,
): Route[] {
  const act = (pattern: RegExp, action: ConnectorAction): Route => ({
    pattern,
    method: 'POST',
    role: 'operator',
    openWhenAuthOff: true,
    handle: async ([name, task], _s, { principal }): Promise<Reply> => {
      const taskId = task === undefined ? null : Number(task);
      const r = await actions.run(principal ?? ANONYMOUS, action, name ?? '', taskId);
      if (!r.ok) return { status: r.error.status, body: { error: r.error.message } };
      // Connect refused or was unreachable: a gateway failure; the body says what happened (and the audit log has it).
      return { status: r.value.ok ? 200 : 502, body: r.value };
    },
  });
  return [
    {
      pattern: /^\/api\/connectors$/,
      handle: (_p, _s, { principal }) => ({
        status: 200,
        body: monitor.view(state.connectorsSeen(), actions.allowed(principal ?? ANONYMOUS)),
      }),
    },
    act(new RegExp(`^/api/connectors/${NAME}/pause$`), 'pause'),
    act(new RegExp(`^/api/connectors/${NAME}/resume$`), 'resume'),
    act(new RegExp(`^/api/connectors/${NAME}/tasks/(\\d{1,4})/restart$`), 'restart-task'),
  ];
}
