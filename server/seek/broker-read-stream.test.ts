import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SeekInputError } from '../brokers/seek-reader';
import { brokerReadStream, type BrokerReadStreamOptions } from './broker-read-stream';
import { createSeekTracker } from './seek-tracker';

/** A response that keeps what is written (never full, so no backpressure here; line-writer has that). */
function fakeRes() {
  const out = { text: '' };
  const res = Object.assign(new EventEmitter(), {
    writableEnded: false,
    destroyed: false,
    write: (chunk: string) => ((out.text += chunk), true),
  });
  return {
    res: res as unknown as ServerResponse,
    lines: () =>
      out.text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function counted() {
  let released = 0;
  return {
    release: () => {
      released++;
    },
    released: () => released,
  };
}

async function stream(
  opts: Omit<BrokerReadStreamOptions, 'release' | 'tracker'>,
  signal = new AbortController().signal,
) {
  const slot = counted();
  const tracker = createSeekTracker();
  const { res, lines } = fakeRes();
  const reply = brokerReadStream({ ...opts, release: slot.release, tracker });
  expect(reply.status).toBe(200);
  await reply.stream(res, signal);
  return { lines, slot, tracker };
}

describe('brokerReadStream', () => {
  it('writes the lines the body writes and frees the slot and the tracker entry once done', async () => {
    const { lines, slot, tracker } = await stream({
      failure: 'seek failed',
      run: async ({ write }) => {
        await write({ type: 'done', reason: 'end', scanned: 1, matched: 0, elapsedMs: 3 });
      },
    });
    expect(lines()).toEqual([{ type: 'done', reason: 'end', scanned: 1, matched: 0, elapsedMs: 3 }]);
    await tick();
    expect(slot.released()).toBe(1);
    expect(tracker.size).toBe(0);
  });

  it('ends with one error line: an input error as is, anything else prefixed and with credentials redacted', async () => {
    const input = await stream({
      failure: 'seek failed',
      run: () => Promise.reject(new SeekInputError('start: no such offset')),
    });
    expect(input.lines()).toEqual([{ type: 'error', error: 'start: no such offset' }]);
    const broken = await stream({
      failure: 'history failed',
      run: () => Promise.reject(new Error('connect to sasl://admin:s3cret@broker:9092 refused')),
    });
    const [line] = broken.lines() as { type: string; error: string }[];
    expect(line?.type).toBe('error');
    expect(line?.error).toMatch(/^history failed: /);
    expect(line?.error).not.toContain('s3cret');
    await tick();
    expect(broken.slot.released()).toBe(1);
  });

  it('holds the slot until the held broker read settles, even after the answer has ended', async () => {
    let finishRead!: () => void;
    const { slot, tracker } = await stream({
      failure: 'seek failed',
      run: async ({ hold }) => {
        // The read goes on in the background (a consumer leaving its group) after the body returns.
        void hold(new Promise<void>((r) => (finishRead = r)));
      },
    });
    await tick();
    expect(slot.released()).toBe(0);
    expect(tracker.size).toBe(1);
    finishRead();
    await tick();
    expect(slot.released()).toBe(1);
    expect(tracker.size).toBe(0);
  });

  it('a held read that fails still frees the slot, and the body sees the client going away', async () => {
    const client = new AbortController();
    let seen: AbortSignal | undefined;
    const { slot } = await stream(
      {
        failure: 'seek failed',
        run: async ({ signal, hold }) => {
          seen = signal;
          client.abort();
          await hold(Promise.reject(new Error('group leave failed'))).catch(() => undefined);
        },
      },
      client.signal,
    );
    expect(seen?.aborted).toBe(true);
    await tick();
    expect(slot.released()).toBe(1);
  });
});
