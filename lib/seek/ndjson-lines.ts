/**
 * Splits a stream of text chunks into lines. Holds only the unfinished
 * tail; a single line longer than `maxLineChars` is an error rather than a
 * buffer that grows without end (seek lines are a few KB at most).
 */
export const MAX_LINE_CHARS = 1024 * 1024;

export function createLineSplitter(maxLineChars = MAX_LINE_CHARS) {
  let rest = '';
  return (chunk: string): string[] => {
    rest += chunk;
    const lines = rest.split('\n');
    rest = lines.pop() ?? '';
    if (rest.length > maxLineChars) throw new Error(`a line longer than ${maxLineChars} characters`);
    return lines.filter((l) => l.length > 0);
  };
}

/**
 * Reads a streamed body (`fetch`'s `res.body`) to its end as NDJSON: each
 * complete line's text to `onLine`, in order, as chunks arrive. UTF-8 split
 * across chunks is joined before decoding; the line length is bounded as
 * createLineSplitter bounds it. A last line without its newline is not
 * passed on (the server ends every line with one: a cut line is a cut
 * answer). An abort of the fetch rejects from here.
 */
export async function readNdjsonLines(
  body: ReadableStream<Uint8Array>,
  onLine: (text: string) => void,
  maxLineChars = MAX_LINE_CHARS,
): Promise<void> {
  const split = createLineSplitter(maxLineChars);
  const decoder = new TextDecoder();
  const reader = body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    for (const text of split(decoder.decode(value, { stream: true }))) onLine(text);
  }
}
