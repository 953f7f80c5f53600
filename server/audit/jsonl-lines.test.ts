import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJsonLines, type JsonLine } from './jsonl-lines';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function linesOf(content: string | Buffer, maxLineBytes = 100): Promise<JsonLine[]> {
  dir = await mkdtemp(join(tmpdir(), 'cdcscope-lines-'));
  const path = join(dir, 'f.jsonl');
  await writeFile(path, content);
  const out: JsonLine[] = [];
  for await (const l of readJsonLines(path, { end: Buffer.byteLength(content), maxLineBytes })) out.push(l);
  return out;
}

describe('readJsonLines', () => {
  it('yields each line with its byte offset and whether it ended with a newline', async () => {
    expect(await linesOf('ab\n\nçd\nlast')).toEqual([
      { offset: 0, text: 'ab', terminated: true },
      { offset: 3, text: '', terminated: true },
      { offset: 4, text: 'çd', terminated: true },
      { offset: 8, text: 'last', terminated: false },
    ]);
  });

  it('skips a line longer than the limit without buffering it, across read chunks', async () => {
    const long = 'x'.repeat(200_000);
    expect(await linesOf(`ok\n${long}\nafter\n`)).toEqual([
      { offset: 0, text: 'ok', terminated: true },
      { offset: 3, tooLong: true, terminated: true },
      { offset: 3 + long.length + 1, text: 'after', terminated: true },
    ]);
  });

  it('keeps multi-byte characters split across read chunks whole', async () => {
    const text = `${'a'.repeat(65_535)}é`;
    const [line] = await linesOf(`${text}\n`, 100_000);
    expect(line).toEqual({ offset: 0, text, terminated: true });
  });
});
