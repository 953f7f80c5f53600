import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSeekLine, type SeekLine } from '@/lib/contracts/seek';
import { cancelledDone, fetchNdjson } from './fetch-ndjson';

/** fetch answers this Response; the request is kept to check what was asked. */
function answer(res: Response) {
  const calls: [string, RequestInit | undefined][] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push([url, init]);
    return Promise.resolve(res);
  });
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

const progress = { type: 'progress', scanned: 10, matched: 1, position: 'p0@9', positionTime: null, elapsedMs: 40 };
const done = { type: 'done', reason: 'end', scanned: 12, matched: 1, elapsedMs: 50 };

async function run(res: Response) {
  const calls = answer(res);
  const lines: SeekLine[] = [];
  const refused = await fetchNdjson('/api/seek?x=1', {
    signal: new AbortController().signal,
    parse: parseSeekLine,
    onLine: (l) => lines.push(l),
  });
  return { refused, lines, calls };
}

describe('fetchNdjson', () => {
  it('passes on the checked lines in order, skips lines the API does not write, and asks for NDJSON uncached', async () => {
    const body = [JSON.stringify(progress), '{"type":"nonsense"}', 'not json', JSON.stringify(done), ''].join('\n');
    const { refused, lines, calls } = await run(new Response(body, { status: 200 }));
    expect(refused).toBeNull();
    expect(lines).toEqual([progress, done]);
    expect(calls[0]?.[0]).toBe('/api/seek?x=1');
    expect(calls[0]?.[1]).toMatchObject({ cache: 'no-store', headers: { accept: 'application/x-ndjson' } });
  });

  it("a refusal resolves to the API's reason, or to the status when the body is not the API's", async () => {
    const json = await run(Response.json({ error: 'seek.concurrent reached' }, { status: 429 }));
    expect(json.refused).toBe('seek.concurrent reached');
    expect(json.lines).toEqual([]);
    const proxy = await run(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(proxy.refused).toBe('HTTP 502');
  });

  it('rejects when the read is aborted', async () => {
    const ac = new AbortController();
    vi.stubGlobal('fetch', () => Promise.reject(new DOMException('aborted', 'AbortError')));
    ac.abort();
    await expect(
      fetchNdjson('/api/seek', { signal: ac.signal, parse: parseSeekLine, onLine: () => undefined }),
    ).rejects.toThrow(/aborted/);
  });
});

describe('cancelledDone', () => {
  it('counts as far as the last progress line and the lines kept', () => {
    expect(cancelledDone({ ...progress, type: 'progress' } as const, 3)).toEqual({
      type: 'done',
      reason: 'cancelled',
      scanned: 10,
      matched: 3,
      elapsedMs: 40,
    });
    expect(cancelledDone(null, 0)).toEqual({ type: 'done', reason: 'cancelled', scanned: 0, matched: 0, elapsedMs: 0 });
  });
});
