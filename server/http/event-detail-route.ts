import { toEventDetail, type EventMasker } from '../../lib/store/event-store-view';
import { BrokerBusyError, type EventLookup } from '../events/event-lookup';
import type { Route } from './route';

/**
 * `GET /api/events/:id`: the buffer's copy, else the message read again from
 * its broker (`readFrom: 'broker'`), so an event's link keeps working after
 * it left the buffer or a restart, for as long as the broker keeps it.
 * Registered before the core route of the same path, which it replaces.
 */
export function createEventDetailRoute(lookup: EventLookup, masker: EventMasker): Route {
  return {
    pattern: /^\/api\/events\/([^/]+)$/,
    handle: async ([id = '']) => {
      try {
        const found = await lookup.find(id);
        if (!found) return { status: 404, body: { error: `event ${id} not found (not in the buffer, and not on its broker any more)` } };
        const detail = toEventDetail(found.event, masker);
        return { status: 200, body: found.from === 'broker' ? { ...detail, readFrom: 'broker' } : detail };
      } catch (err) {
        if (err instanceof BrokerBusyError) return { status: 503, body: { error: err.message }, headers: { 'retry-after': '1' } };
        return { status: 502, body: { error: `could not read event ${id} from its broker: ${(err as Error).message}` } };
      }
    },
  };
}
