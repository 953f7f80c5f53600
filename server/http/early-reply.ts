import type { IncomingMessage } from 'node:http';

/** Most of a refused body still read and dropped before answering; a client sending more is cut off. */
export const DRAIN_MAX_BYTES = 1024 * 1024;
/** Longest wait for the rest of a refused body before answering anyway. */
export const DRAIN_MAX_MS = 2_000;

/** True while the request has a body this server has not read to its end. */
export function bodyUnread(req: IncomingMessage): boolean {
  if (req.readableEnded || req.destroyed) return false;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Prepares an answer sent before the request's body was read to its end (a 413,
 * or a refusal before the body was looked at), and returns the headers it needs.
 * Such a connection is not reused (`Connection: close`): on a keep-alive socket
 * the client's next request would queue behind the unread rest of this body and
 * wait for the server's timeout (~6 s). Before answering, what the client still
 * sends is read and dropped, up to 1 MiB or 2 s, so the socket closes with the
 * answer delivered rather than reset under it (a close with unread input makes
 * the kernel send RST, and the client may lose the answer it has not read yet).
 */
export async function prepareEarlyReply(req: IncomingMessage): Promise<Record<string, string>> {
  if (!bodyUnread(req)) return {};
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared <= DRAIN_MAX_BYTES) await drain(req);
  return { connection: 'close' };
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', done).off('error', done).off('close', done);
      req.pause();
      resolve();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX_BYTES) done();
    };
    const timer = setTimeout(done, DRAIN_MAX_MS);
    req.on('data', onData).once('end', done).once('error', done).once('close', done);
    req.resume();
  });
}
