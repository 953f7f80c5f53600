import type { ChangeRecord } from '../contracts/change-event';

/**
 * The last N first copies, kept whole, so a divergent pair can show a field
 * diff. Only a reference is kept (records are not mutated after decoding).
 * A pending entry stores its ring slot; the slot is valid while the ring has
 * not wrapped past it, which the id check tells.
 */
export interface CopyRing {
  /** Keeps `record` under `id`; returns its slot, or −1 when keeping copies is off. */
  keep(id: string, record: ChangeRecord): number;
  /** The record kept in `slot` for `id`, or undefined when overwritten since. */
  get(slot: number, id: string): ChangeRecord | undefined;
}

export function createCopyRing(size: number): CopyRing {
  const n = Math.max(0, Math.floor(size));
  const ids: string[] = new Array<string>(n).fill('');
  const records: (ChangeRecord | undefined)[] = new Array<ChangeRecord | undefined>(n).fill(undefined);
  let next = 0;
  return {
    keep(id, record) {
      if (n === 0) return -1;
      const slot = next;
      ids[slot] = id;
      records[slot] = record;
      next = slot + 1 === n ? 0 : slot + 1;
      return slot;
    },
    get: (slot, id) => (slot >= 0 && slot < n && ids[slot] === id ? records[slot] : undefined),
  };
}
