/**
 * A bounded hand-off between a broker client's callbacks and the pipeline's
 * loop. When the pipeline falls behind, `push` waits, which holds the client's
 * fetch loop: memory stays bounded and the broker keeps what we have not read.
 */
export interface BatchQueue<T> {
  /** Hands `batch` over in pieces of at most `maxBatch` items. */
  push(batch: T[]): Promise<void>;
  /** Adds without waiting; false (and nothing added) when full. For producers that must never block. */
  offer(batch: T[]): boolean;
  /**
   * Adds one item to the batch being filled, handed over when it holds
   * `maxBatch` items or `flushMs` after its first item, whichever comes first:
   * never later because no next item came. A promise (to await) while the queue
   * is full, else null, so the per-message path allocates nothing.
   */
  add(item: T): Promise<void> | null;
  /** Items waiting for the reader, the batch being filled included: the source's share of its own backlog. */
  readonly size: number;
  /** The oldest item waiting, if any. */
  oldest(): T | undefined;
  close(): void;
  [Symbol.asyncIterator](): AsyncIterator<T[]>;
}

export interface BatchQueueOptions {
  /** Items one handed-over batch holds at most: `add` gathers up to it, `push` and `offer` split longer ones. */
  maxBatch?: number;
  /** Longest an added item waits for company before its batch is handed over. */
  flushMs?: number;
}

/**
 * Default batch size: big enough that a busy stream costs one hand-off per
 * 500 messages, small enough that one batch's decode stays within the
 * pipeline's 20 ms slice.
 */
export const DEFAULT_MAX_BATCH = 500;
/**
 * Default flush delay: statistics must show what a source received within
 * 250 ms however quiet the stream; 50 ms leaves the rest of that budget to the
 * pipeline and the push beat, and still gathers a burst into few batches.
 */
export const DEFAULT_FLUSH_MS = 50;

export function createBatchQueue<T>(capacity: number, options: BatchQueueOptions = {}): BatchQueue<T> {
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
  const batches: T[][] = [];
  let size = 0;
  let closed = false;
  let wakeReader: (() => void) | null = null;
  const waitingWriters: (() => void)[] = [];
  // The batch `add` is filling: outside `size`, so the queue holds at most capacity + maxBatch items.
  let filling: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const wake = () => {
    const w = wakeReader;
    wakeReader = null;
    w?.();
  };
  const enqueue = (batch: T[]) => {
    // A broker's own batch can be far longer (a kafkajs partition batch is up to 1 MiB: ~950 1 KB events): the
    // pipeline yields only between batches, so one handed over whole overran its 20 ms slice and held up HTTP.
    if (batch.length <= maxBatch) batches.push(batch);
    else for (let i = 0; i < batch.length; i += maxBatch) batches.push(batch.slice(i, i + maxBatch));
    size += batch.length;
    wake();
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (filling.length === 0 || closed) return;
    const batch = filling;
    filling = [];
    enqueue(batch);
  };
  const room = async () => {
    while (size >= capacity && !closed) await new Promise<void>((r) => waitingWriters.push(r));
  };

  return {
    async push(batch) {
      if (closed || batch.length === 0) return;
      await room();
      // close() sets it while room() awaits; TypeScript's narrowing cannot see that.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (closed) return;
      enqueue(batch);
    },
    offer(batch) {
      if (closed || size >= capacity) return false;
      if (batch.length === 0) return true;
      enqueue(batch);
      return true;
    },
    add(item) {
      if (closed) return null;
      filling.push(item);
      if (filling.length >= maxBatch) flush();
      else if (filling.length === 1) timer = setTimeout(flush, flushMs);
      return size >= capacity ? room() : null;
    },
    get size() {
      return size + filling.length;
    },
    oldest() {
      return batches[0]?.[0] ?? filling[0];
    },
    close() {
      closed = true;
      clearTimeout(timer);
      filling = [];
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
