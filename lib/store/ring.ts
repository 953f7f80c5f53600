/** Fixed-capacity ring: pushing past capacity overwrites the oldest item. */
export interface Ring<T> {
  push(item: T): void;
  /** Oldest first. */
  toArray(): T[];
  readonly size: number;
}

export function createRing<T>(capacity: number): Ring<T> {
  const items = new Array<T | undefined>(capacity);
  let start = 0;
  let size = 0;
  return {
    push(item) {
      items[(start + size) % capacity] = item;
      if (size < capacity) size++;
      else start = (start + 1) % capacity;
    },
    toArray() {
      const out: T[] = [];
      for (let i = 0; i < size; i++) out.push(items[(start + i) % capacity] as T);
      return out;
    },
    get size() {
      return size;
    },
  };
}
