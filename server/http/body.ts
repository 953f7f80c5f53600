import type { IncomingMessage } from 'node:http';
import { errorMessage } from '../../lib/error-message';

/** Every write body here is small (a login's two strings, a replay request): anything bigger is refused unread. */
export const MAX_BODY_BYTES = 16 * 1024;

/** A body the API refuses to read, with the status to answer. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON body (undefined when empty). Only `application/json` is read:
 * an HTML form cannot send that content type cross-site without a CORS
 * preflight, which this server never answers. A body over the limit is refused
 * as soon as it is declared or seen; the request is left paused, not destroyed,
 * so the reply can still drain the rest (`early-reply.ts`).
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError(413, `body larger than ${limit} bytes`);
  const chunks = await readUpTo(req, limit);
  if (!chunks) throw new BodyError(413, `body larger than ${limit} bytes`);
  const size = chunks.reduce((n, c) => n + c.length, 0);
  if (size === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError(415, 'expected content-type application/json');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'body is not valid JSON');
  }
}

/**
 * The body's chunks, or null once they pass `limit` (the request is then paused).
 * Listeners rather than `for await`: leaving that loop early destroys the request,
 * and the rest of the body could no longer be read and dropped.
 */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer[] | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer[] | null, err?: unknown) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      if (err !== undefined) reject(err instanceof Error ? err : new Error(errorMessage(err)));
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        req.pause();
        finish(null);
      }
    };
    const onEnd = () => {
      finish(chunks);
    };
    const onError = (err: unknown) => {
      finish(null, err);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
