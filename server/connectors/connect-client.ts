import '../server-only';
import type { ConnectConfig } from '../../lib/config/connectors-schema';
import { redactText } from '../../lib/redact';

/**
 * Kafka Connect's REST API, the few calls cdcscope makes: the expanded
 * status list, pause, resume and task restart. Every request has the
 * configured timeout, follows no redirect, and reads at most
 * `MAX_ANSWER_BYTES`; a failure throws an Error whose text is safe to show
 * (redacted: Connect's messages may quote connector configs).
 */

/** The status of a thousand connectors is a few hundred KB; past this the answer is refused. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface ConnectClient {
  /** Where it is, as the page may show it (no credentials). */
  readonly url: string;
  /** `GET /connectors?expand=status&expand=info`, parsed JSON. */
  status(): Promise<unknown>;
  /** Each resolves with Connect's answer, e.g. `HTTP 202`. */
  pause(connector: string): Promise<string>;
  resume(connector: string): Promise<string>;
  restartTask(connector: string, task: number): Promise<string>;
}

/** A URL's origin and path only: what may be shown and logged. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return redactText(url);
  }
}

/** The body, read to at most `max` bytes (a longer one throws), as text. */
export async function readCapped(res: Response, max = MAX_ANSWER_BYTES): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > max) throw new Error(`the answer is too large (${declared} bytes)`);
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) throw new Error(`the answer is too large (over ${max} bytes)`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createConnectClient(config: ConnectConfig): ConnectClient {
  const root = config.url.replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.auth)
    headers.authorization = `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;

  async function call(method: 'GET' | 'PUT' | 'POST', path: string): Promise<{ status: number; text: string }> {
    let res: Response;
    try {
      res = await fetch(`${root}${path}`, {
        method,
        headers,
        redirect: 'error',
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'TimeoutError')
        throw new Error(`Kafka Connect did not answer within ${config.timeoutMs} ms`, { cause: err });
      const code = (err as { cause?: { code?: string } }).cause?.code;
      throw new Error(`Kafka Connect is unreachable${code ? ` (${code})` : ''}`, { cause: err });
    }
    const text = await readCapped(res);
    if (res.status >= 400) {
      let message = text.slice(0, 500);
      try {
        const body = JSON.parse(text) as { message?: unknown };
        if (typeof body.message === 'string') message = body.message;
      } catch {
        // not JSON: the text itself
      }
      throw new Error(redactText(`Kafka Connect answered HTTP ${res.status}: ${message}`));
    }
    return { status: res.status, text };
  }

  const name = (connector: string) => encodeURIComponent(connector);
  return {
    url: displayUrl(config.url),
    async status() {
      const r = await call('GET', '/connectors?expand=status&expand=info');
      try {
        return JSON.parse(r.text) as unknown;
      } catch {
        throw new Error('Kafka Connect answered with something other than JSON');
      }
    },
    pause: async (c) => `HTTP ${(await call('PUT', `/connectors/${name(c)}/pause`)).status}`,
    resume: async (c) => `HTTP ${(await call('PUT', `/connectors/${name(c)}/resume`)).status}`,
    restartTask: async (c, t) => `HTTP ${(await call('POST', `/connectors/${name(c)}/tasks/${t}/restart`)).status}`,
  };
}
