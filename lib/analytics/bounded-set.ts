/**
 * A small insertion-ordered set that stops growing at `max`: per-table lists
 * of sources and channels must stay bounded even if a wildcard subscription
 * delivers one table on thousands of channels. Extra values are counted, not
 * kept.
 */
export interface BoundedSet {
  add(value: string): void;
  values(): string[];
  /** Distinct values refused because the set was full (approximate: repeats are counted again). */
  overflow(): number;
}

export function createBoundedSet(max: number): BoundedSet {
  const set = new Set<string>();
  let last: string | undefined;
  let overflow = 0;
  return {
    add(value) {
      // Most tables see one source and one channel: skip the hash lookup for a repeat.
      if (value === last) return;
      last = value;
      if (set.has(value)) return;
      if (set.size >= max) overflow++;
      else set.add(value);
    },
    values: () => [...set],
    overflow: () => overflow,
  };
}
