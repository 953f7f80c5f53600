import { describe, expect, it } from 'vitest';
import { createLineSplitter, readNdjsonLines } from './ndjson-lines';

/** A body that delivers these byte chunks, one read each. */
function bodyOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
}

async function linesOf(chunks: Uint8Array[], max?: number): Promise<string[]> {
  const out: string[] = [];
  await readNdjsonLines(bodyOf(chunks), (t) => out.push(t), max);
  return out;
}

describe('createLineSplitter', () => {
  it('holds an unfinished line until its newline comes, and skips empty lines', () => {
    const split = createLineSplitter();
    expect(split('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(split(':2}\n\n')).toEqual(['{"b":2}']);
  });

  it('refuses a line longer than its bound instead of buffering it', () => {
    const split = createLineSplitter(5);
    expect(() => split('123456')).toThrow(/longer than 5/);
  });
});

describe('readNdjsonLines', () => {
  it('yields complete lines in order across chunk boundaries, a last line without newline dropped', async () => {
    const enc = new TextEncoder();
    expect(await linesOf([enc.encode('{"n":1}\n{"n"'), enc.encode(':2}\n{"n":3}\n{"n":4')])).toEqual([
      '{"n":1}',
      '{"n":2}',
      '{"n":3}',
    ]);
  });

  it('joins a UTF-8 character split between two chunks', async () => {
    const bytes = new TextEncoder().encode('{"name":"Zoë ✓"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ë"
    expect(await linesOf([bytes.slice(0, cut), bytes.slice(cut)])).toEqual(['{"name":"Zoë ✓"}']);
  });

  it('rejects on a line past the bound', async () => {
    await expect(linesOf([new TextEncoder().encode('x'.repeat(20))], 10)).rejects.toThrow(/longer than 10/);
  });
});
