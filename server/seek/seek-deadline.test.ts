import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import type { Reply, StreamReply } from '../http/route';
import { createSeekRoutes } from './seek-routes';
import { parseSeekQuery } from '../../lib/seek/parse-seek-query';
import { NO_MASKING } from '../../lib/store/event-store-view';
import { runSeek } from './run-seek';

/** A port nothing listens on: the broker is down. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function routesFor(options: {
  maxSeconds?: number;
  readEvent?: Parameters<typeof createSeekRoutes>[0]['readEvent'];
}) {
  const port = await closedPort();
  const config = configSchema.parse({
    sources: [{ id: 'k', kind: 'kafka', brokers: [`127.0.0.1:${port}`], topics: ['t'] }],
    seek: { concurrent: 1, maxSeconds: options.maxSeconds ?? 120 },
  });
  const [message, seek] = createSeekRoutes({ config, ...(options.readEvent ? { readEvent: options.readEvent } : {}) });
  if (!message || !seek) throw new Error('routes missing');
  return { message, seek };
}

/** A request whose socket can "close" (the client going away). */
const fakeReq = () => ({ socket: new EventEmitter() }) as unknown as IncomingMessage;
const ctx = (req = fakeReq()) => ({ req, principal: null, body: undefined });

/** Collects the NDJSON lines a stream writes. */
async function drain(reply: StreamReply): Promise<Record<string, unknown>[]> {
  let text = '';
  const res = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(res, {
    writableEnded: false,
    destroyed: false,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  });
  await reply.stream(res as unknown as ServerResponse, new AbortController().signal);
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('seek on a broker that is down (issue #17.5)', () => {
  it('ends with an error line after finite retries and gives its slot back', { timeout: 60_000 }, async () => {
    const { seek } = await routesFor({});
    const start = () => seek.handle([], new URLSearchParams('sourceId=k&channel=t&start=beginning'), ctx());
    const first = (await start()) as StreamReply;
    expect(first.status).toBe(200);
    // The only slot is taken while it runs.
    expect(((await start()) as Reply).status).toBe(429);
    const lines = await drain(first);
    expect(lines.at(-1)).toMatchObject({ type: 'error' });
    // The slot comes back once the reader has closed what it opened.
    let again = await start();
    for (let i = 0; i < 50 && again.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await start();
    }
    expect(again.status).toBe(200);
    expect((await drain(again as StreamReply)).at(-1)).toMatchObject({ type: 'error' });
  });

  it('a read that never answers is cut at the deadline or when the client goes, and holds its slot until it ends', async () => {
    let finish: () => void = () => undefined;
    const hung = new Promise<undefined>((r) => (finish = () => r(undefined)));
    const { message } = await routesFor({ readEvent: () => hung });
    const q = new URLSearchParams('sourceId=k&channel=t&partition=0&offset=5');
    const req = fakeReq();
    const answer = message.handle([], q, ctx(req));
    const second = [];
    // Two slots (seek.concurrent × 2): the third concurrent read is refused at once.
    second.push(message.handle([], q, ctx()));
    expect(((await message.handle([], q, ctx())) as Reply).status).toBe(429);
    req.socket.emit('close');
    expect(await answer).toMatchObject({ status: 504, body: { error: 'the client went away' } });
    // Its read has not ended: the slot is still held.
    expect(((await message.handle([], q, ctx())) as Reply).status).toBe(429);
    finish();
    await hung;
    await new Promise((r) => setTimeout(r, 10));
    expect(((await second[0]) as Reply).status).toBe(404);
  });

  it('one overall deadline: a reader stuck before its first message (admin.connect) does not hold the answer', async () => {
    const parsed = parseSeekQuery(new URLSearchParams('sourceId=k&channel=t&start=beginning'), {
      maxResults: 10,
      maxScan: 10,
      maxSeconds: 1,
      concurrent: 1,
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const lines: unknown[] = [];
    const reason = await runSeek({
      request: { ...parsed.value, maxMs: 50 },
      reader: { read: () => new Promise(() => undefined) }, // ignores its signal, like a connect in progress
      masker: NO_MASKING,
      decode: {},
      write: async (line) => void lines.push(line),
      signal: new AbortController().signal,
    });
    expect(reason).toBe('time-limit');
    expect(lines.at(-1)).toMatchObject({ type: 'done', reason: 'time-limit' });
  });
});
