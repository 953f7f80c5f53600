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
