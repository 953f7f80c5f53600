import { createReadStream } from 'node:fs';

/**
 * Reads a JSON-lines file line by line in bounded memory: one 64 KiB read
 * buffer plus at most one line of `maxLineBytes`. A longer line is not
 * buffered: it is reported as `tooLong` and skipped, so a damaged file (say,
 * megabytes without a newline) cannot make the reader hold it all.
 */
export type JsonLine =
  /** `terminated`: false only for a last line without its newline (a torn write). */
  { offset: number; text: string; terminated: boolean } | { offset: number; tooLong: true; terminated: boolean };

const NEWLINE = 0x0a;
const READ_CHUNK_BYTES = 64 * 1024;

/** Lines of `path` in the byte range [start, end), with the byte offset where each starts. */
export async function* readJsonLines(
  path: string,
  options: { start?: number; end: number; maxLineBytes: number },
): AsyncGenerator<JsonLine> {
  const start = options.start ?? 0;
  if (options.end <= start) return;
  const stream = createReadStream(path, { start, end: options.end - 1, highWaterMark: READ_CHUNK_BYTES });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let lineStart = start;
  let tooLong = false;
  let pos = start;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      while (from < chunk.length) {
        const nl = chunk.indexOf(NEWLINE, from);
        const until = nl === -1 ? chunk.length : nl;
        if (!tooLong) {
          if (partBytes + (until - from) > options.maxLineBytes) {
            tooLong = true;
            parts = [];
            partBytes = 0;
          } else if (until > from) {
            parts.push(chunk.subarray(from, until));
            partBytes += until - from;
          }
        }
        if (nl === -1) break;
        yield finish(lineStart, parts, tooLong, true);
        parts = [];
        partBytes = 0;
        tooLong = false;
        lineStart = pos + nl + 1;
        from = nl + 1;
      }
      pos += chunk.length;
    }
    if (pos > lineStart) yield finish(lineStart, parts, tooLong, false);
  } finally {
    stream.destroy();
  }
}

function finish(offset: number, parts: Buffer[], tooLong: boolean, terminated: boolean): JsonLine {
  if (tooLong) return { offset, tooLong: true, terminated };
  return { offset, text: Buffer.concat(parts).toString('utf8'), terminated };
}
