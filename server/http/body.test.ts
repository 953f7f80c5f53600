import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyError, readJsonBody } from './body';

function request(text: string, contentType = 'application/json; charset=utf-8'): IncomingMessage {
  const chunks = text ? [Buffer.from(text.slice(0, 3)), Buffer.from(text.slice(3))] : [];
  return Object.assign(Readable.from(chunks), {
    headers: { 'content-type': contentType },
  }) as unknown as IncomingMessage;
}

async function refusal(req: IncomingMessage, limit?: number): Promise<{ status: number; message: string }> {
  const err: unknown = await readJsonBody(req, limit).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof BodyError)) throw new Error(`expected a BodyError, got ${String(err)}`);
  return { status: err.status, message: err.message };
}

describe('readJsonBody', () => {
  it('parses a JSON body sent in chunks, and answers undefined for an empty one', async () => {
    expect(await readJsonBody(request('{"username":"olga"}'))).toEqual({ username: 'olga' });
    expect(await readJsonBody(request('', 'text/plain'))).toBeUndefined();
  });

  it('refuses a body over the limit (413), another content type (415) and broken JSON (400)', async () => {
    expect(await refusal(request('{"a":"0123456789"}'), 10)).toEqual({
      status: 413,
      message: 'body larger than 10 bytes',
    });
    expect(await refusal(request('{}', 'text/plain'))).toEqual({
      status: 415,
      message: 'expected content-type application/json',
    });
    expect(await refusal(request('{"a":'))).toEqual({ status: 400, message: 'body is not valid JSON' });
  });
});
