/**
 * The message of anything thrown, for logs and answers: an Error's message,
 * the `message` of an error-like object (some libraries throw plain objects),
 * else its text. Never for control flow: compare error classes for that.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string')
    return err.message;
  return String(err);
}
