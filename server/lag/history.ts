import type { ConsumerId, ConsumerLagPoint } from '../../lib/contracts/lag-api';
import { createRing, type Ring } from '../../lib/store/ring';
import { trimToSize } from '../../lib/bounded-map';

/** Points kept per consumer: 15 minutes at the default 2-second poll. */
const POINTS = 450;
/** Consumers with a history; the least recently updated is dropped first. */
const MAX_CONSUMERS = 1_000;

/** Lag history per downstream consumer, for the Lag page's charts. */
export function createLagHistory() {
  const rings = new Map<ConsumerId, Ring<ConsumerLagPoint>>();
  return {
    add(id: ConsumerId, point: ConsumerLagPoint) {
      let ring = rings.get(id);
      if (ring) rings.delete(id);
      else ring = createRing(POINTS);
      rings.set(id, ring);
      ring.push(point);
      trimToSize(rings, MAX_CONSUMERS);
    },
    all(ids: Iterable<ConsumerId>): Record<ConsumerId, ConsumerLagPoint[]> {
      const out: Record<ConsumerId, ConsumerLagPoint[]> = {};
      for (const id of ids) out[id] = rings.get(id)?.toArray() ?? [];
      return out;
    },
  };
}
