import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection, with or without `--expose-gc`, so memory figures measure what is live. */
export function forceGc(): void {
  let g = (globalThis as { gc?: () => void }).gc;
  if (g === undefined) {
    setFlagsFromString('--expose-gc');
    g = runInNewContext('gc') as () => void;
  }
  // Twice: the first pass queues finalisation of array buffers, the second collects what that released.
  g();
  g();
}

/** JS heap plus array buffers: typed arrays (rings, histograms, pending columns) live outside the heap. */
export function liveBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
