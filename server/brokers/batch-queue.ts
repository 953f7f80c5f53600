/**
 * A bounded hand-off between a broker client's callbacks and the pipeline's
 * loop. When the pipeline falls behind, `push` waits, which holds the client's
 * fetch loop: memory stays bounded and the broker keeps what we have not read.
 */
export interface BatchQueue<T> {
  push(batch: T[]): Promise<void>;
  /** Adds without waiting; false (and nothing added) when full. For producers that must never block. */
  offer(batch: T[]): boolean;
  close(): void;
  [Symbol.asyncIterator](): AsyncIterator<T[]>;
}

export function createBatchQueue<T>(capacity: number): BatchQueue<T> {
  const batches: T[][] = [];
  let size = 0;
  let closed = false;
  let wakeReader: (() => void) | null = null;
  const waitingWriters: (() => void)[] = [];

  const wake = () => {
    const w = wakeReader;
    wakeReader = null;
    w?.();
  };

  return {
    async push(batch) {
      if (closed || batch.length === 0) return;
      // `closed` and `size` change while this awaits (close() and the reader); TypeScript's narrowing cannot see that.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      while (size >= capacity && !closed) await new Promise<void>((r) => waitingWriters.push(r));
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (closed) return;
      batches.push(batch);
      size += batch.length;
      wake();
    },
    offer(batch) {
      if (closed || size >= capacity) return false;
      if (batch.length === 0) return true;
      batches.push(batch);
      size += batch.length;
      wake();
      return true;
    },
    close() {
      closed = true;
      wake();
      for (const w of waitingWriters.splice(0)) w();
    },
    async *[Symbol.asyncIterator]() {
      while (true) {
        const next = batches.shift();
        if (next) {
          size -= next.length;
          if (size < capacity) for (const w of waitingWriters.splice(0)) w();
          yield next;
          continue;
        }
        if (closed) return;
        await new Promise<void>((r) => (wakeReader = r));
      }
    },
  };
}
