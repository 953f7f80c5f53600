import type { DivergentPair, EventRef, UnmatchedEvent } from '../contracts/replicas';

/**
 * The bounded lists a pair shows: newest only-in-A/B events and divergent
 * pairs. Overdue events live in the pending window, so only their (slot,
 * generation) is noted here and they are read back, if still unmatched, at
 * snapshot time; lost and evicted ones have left the window, so their
 * reference is kept as an object (few: one per give-up).
 */
export interface RecentLists {
  overdue(side: number, slot: number, gen: number): void;
  gone(side: number, event: UnmatchedEvent): void;
  divergent(pair: DivergentPair): void;
  /**
   * Newest first, at most `limit`: overdue entries still pending (`readOverdue`
   * returns undefined for those matched since) and gone ones not resolved
   * since (`resolved`).
   */
  unmatched(
    side: number,
    now: number,
    readOverdue: (slot: number, gen: number) => EventRef | undefined,
    resolved: (id: string) => boolean,
  ): UnmatchedEvent[];
  divergentPairs(): DivergentPair[];
}

/** Overdue notes kept per listed entry: late matches remove some, and the list should still fill. */
const OVERDUE_HEADROOM = 4;

export function createRecentLists(limit: number): RecentLists {
  const cap = Math.max(1, limit) * OVERDUE_HEADROOM;
  const overdueSlots = [new Int32Array(cap).fill(-1), new Int32Array(cap).fill(-1)] as const;
  const overdueGens = [new Uint32Array(cap), new Uint32Array(cap)] as const;
  const overdueNext = [0, 0];
  const goneLists: [UnmatchedEvent[], UnmatchedEvent[]] = [[], []];
  let divergentList: DivergentPair[] = [];

  const push = <T>(list: T[], item: T) => {
    list.push(item);
    // Trim in batches: one splice per `limit` pushes instead of one per push.
    if (list.length >= limit * 2) list.splice(0, list.length - limit);
  };

  return {
    overdue(side, slot, gen) {
      const i = overdueNext[side] ?? 0;
      overdueSlots[side === 0 ? 0 : 1][i] = slot;
      overdueGens[side === 0 ? 0 : 1][i] = gen;
      overdueNext[side] = (i + 1) % cap;
    },
    gone(side, event) {
      push(goneLists[side === 0 ? 0 : 1], event);
    },
    divergent(pair) {
      push(divergentList, pair);
    },
    unmatched(side, now, readOverdue, resolved) {
      const s = side === 0 ? 0 : 1;
      const out: UnmatchedEvent[] = [];
      const slots = overdueSlots[s];
      const gens = overdueGens[s];
      const start = overdueNext[s] ?? 0;
      const seen = new Set<string>();
      for (let k = 1; k <= cap && out.length < limit; k++) {
        const i = (start - k + cap) % cap;
        const slot = slots[i] ?? -1;
        if (slot < 0) continue;
        const ref = readOverdue(slot, gens[i] ?? 0);
        if (ref === undefined || seen.has(ref.id)) continue;
        seen.add(ref.id);
        out.push({ ...ref, state: 'overdue', ageMs: Math.max(0, now - ref.receivedAt) });
      }
      const gone = goneLists[s];
      for (let k = gone.length - 1, taken = 0; k >= 0 && taken < limit; k--) {
        const e = gone[k];
        if (e === undefined || resolved(e.id)) continue;
        taken++;
        out.push({ ...e, ageMs: Math.max(0, now - e.receivedAt) });
      }
      return out.sort((x, y) => y.receivedAt - x.receivedAt).slice(0, limit);
    },
    divergentPairs() {
      divergentList = divergentList.slice(-limit);
      return [...divergentList].reverse();
    },
  };
}
