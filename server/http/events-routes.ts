import { parseEventQuery } from '../../lib/contracts/inspector';
import { toEventDetail, type EventMasker, type OutboxLinks, type StoredEvent } from '../../lib/store/event-store-view';
import { BrokerBusyError, type EventLookup } from '../event-lookup/event-lookup';
import type { DashboardState } from '../pipeline/dashboard-state';
import { badRequest, notFound, ok, type Route } from './route';
import { safeErrorText } from '../../lib/redact';
import { parseEventRef } from '../../lib/replay/event-ref';

/** A 400, not a 404: such an id names no event anywhere (issue #12). */
const MALFORMED_ID = 'malformed event id: expected <source>:<topic or subject>:p<partition>@<offset> or …:#<seq>';

/**
 * The event inspector over the buffer: `GET /api/events` (filters in the query
 * string, lib/contracts/inspector.ts; newest first, masked) and
 * `GET /api/events/:id`.
 */
export function createEventsRoutes(state: DashboardState): Route[] {
  return [
    {
      pattern: /^\/api\/events$/,
      handle: (_params, search) => {
        const parsed = parseEventQuery(search);
        if (!parsed.ok) return badRequest(parsed.error);
        const result = state.events(parsed.value);
        return result.ok ? ok(result.value) : badRequest(result.error);
      },
    },
    {
      pattern: /^\/api\/events\/([^/]+)$/,
      handle: ([id = '']) => {
        if (!parseEventRef(id)) return badRequest(MALFORMED_ID);
        const detail = state.event(id);
        return detail ? ok(detail) : notFound(`event ${id}`);
      },
    },
  ];
}

/**
 * `GET /api/events/:id`: the buffer's copy, else the message read again from
 * its broker (`readFrom: 'broker'`), so an event's link keeps working after
 * it left the buffer or a restart, for as long as the broker keeps it.
 * Registered before the buffer-only route of the same path, which it replaces.
 * A change that does not fit its table's current shape is flagged (`offShape`) as in the inspector's list,
 * wherever it was read from.
 */
export function createEventDetailRoute(
  lookup: EventLookup,
  masker: EventMasker,
  extras: {
    clockOf?: DashboardState['clockOf'];
    links?: (e: StoredEvent) => OutboxLinks;
    offShape?: DashboardState['offShape'];
  } = {},
): Route {
  const { clockOf, links, offShape } = extras;
  return {
    pattern: /^\/api\/events\/([^/]+)$/,
    handle: async ([id = '']) => {
      if (!parseEventRef(id)) return badRequest(MALFORMED_ID);
      try {
        const found = await lookup.find(id);
        if (!found)
          return {
            status: 404,
            body: { error: `event ${id} not found (not in the buffer, and not on its broker any more)` },
          };
        const detail = toEventDetail(found.event, masker, links?.(found.event));
        // Its lag is read against the connector's commit clock: say how precise that clock is.
        const clock = detail.lagMs === undefined ? undefined : clockOf?.(detail.serverName);
        if (clock !== undefined) detail.lagClock = clock;
        if (offShape?.(found.event) === true) detail.offShape = true;
        return { status: 200, body: found.from === 'broker' ? { ...detail, readFrom: 'broker' } : detail };
      } catch (err) {
        if (err instanceof BrokerBusyError)
          return { status: 503, body: { error: err.message }, headers: { 'retry-after': '1' } };
        return { status: 502, body: { error: `could not read event ${id} from its broker: ${safeErrorText(err)}` } };
      }
    },
  };
}
