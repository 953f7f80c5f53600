import type { IncomingMessage } from 'node:http';

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
 * preflight, which this server never answers.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, `body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError(415, 'expected content-type application/json');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'body is not valid JSON');
  }
}
