import type { Writable } from 'node:stream';
import type { HistoryLine } from '../../lib/contracts/row-history';
import type { SeekLine } from '../../lib/contracts/seek';

/**
 * Writes NDJSON lines and waits for the socket to drain when its buffer is
 * full, so a slow browser slows the seek down instead of growing the
 * server's memory. Writes after an abort are dropped.
 */
export function createLineWriter(out: Writable, signal: AbortSignal) {
  return async function write(line: SeekLine | HistoryLine): Promise<void> {
    if (signal.aborted || out.writableEnded || out.destroyed) return;
    if (out.write(`${JSON.stringify(line)}\n`)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        out.off('drain', done);
        out.off('close', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      out.on('drain', done);
      out.on('close', done);
      signal.addEventListener('abort', done);
    });
  };
}

export type LineWriter = ReturnType<typeof createLineWriter>;
