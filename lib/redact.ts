import { errorMessage } from './error-message';

/**
 * Making error text safe to show to any signed-in user or to keep in the
 * audit log (issue #17.1). Errors from sinks and brokers often quote what they
 * were given: a URL with `user:password@` or `?apikey=`, a connection string.
 * Raw error text therefore never goes into a reply or an audit record; it
 * goes through here first.
 */

/** Longest error summary kept: enough for a code and a sentence, too short to carry a payload. */
export const MAX_SAFE_ERROR_CHARS = 300;

/** `scheme://user:pass@host/path?query#frag` → `scheme://host/path`: user info, query and fragment dropped. */
const URL_RE =
  /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@'"<>]*@)?([^\s/?#'"<>]*)([^\s?#'"<>]*)(\?[^\s#'"<>]*)?(#[^\s'"<>]*)?/gi;
/** `password=…`, `apikey: …`, `token=…` outside URLs: the value goes. */
const SECRET_PAIR_RE =
  /\b((?:pass(?:word|wd)?|secret|token|api[-_]?key|access[-_]?key|auth(?:orization)?|credentials?|sasl)[A-Za-z_-]*)(["']?\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&)]+)/gi;
/** `Bearer abc…` / `Basic abc…` as they appear in echoed headers. */
const AUTH_SCHEME_RE = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/** The text with URL credentials and queries, secret-looking values and auth headers removed, then capped. */
export function redactText(text: string, max = MAX_SAFE_ERROR_CHARS): string {
  const cleaned = text
    .replace(URL_RE, (_m, scheme: string, _user, host: string, path: string) => `${scheme}${host}${path}`)
    .replace(AUTH_SCHEME_RE, '$1 [redacted]')
    .replace(SECRET_PAIR_RE, '$1$2[redacted]');
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

/** The system error codes (`ECONNREFUSED`, `ETIMEDOUT`, `UND_ERR_…`) on an error and its causes, outermost first. */
function codesOf(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) && !codes.includes(code)) codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * A thrown error as a safe one-line summary: its message (redacted) and the
 * system error codes of its causes, e.g. `fetch failed (ECONNREFUSED)`.
 */
export function safeErrorText(err: unknown): string {
  const codes = codesOf(err);
  const message = redactText(errorMessage(err));
  const extra = codes.filter((c) => !message.includes(c));
  return redactText(extra.length > 0 ? `${message} (${extra.join(', ')})` : message);
}
