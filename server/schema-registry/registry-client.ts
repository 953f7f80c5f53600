import '../server-only';
import type { RegistryConfig } from '../../lib/config/schema';
import type { RegistryStatus } from '../../lib/contracts/source-status';
import { createSchemaCache, type SchemaCache } from '../../lib/avro/schema-cache';
import { safeErrorText } from '../../lib/redact';
import { trimToSize } from '../../lib/bounded-map';

/**
 * One Schema Registry (Confluent's REST API: Confluent, Apicurio's `ccompat`,
 * Karapace, Redpanda) behind the pure schema cache: `fetch(ids)` claims the
 * ids the cache does not hold (or that failed `retryMs` ago), asks the
 * registry for each, and stores the answer or the failure. Decoding never
 * waits on it: the caller decodes at once and decodes again the records that
 * needed a schema once `fetch` settles. A failure is a reason on the
 * records (and on the source's status), never a stall: every request has a
 * timeout, and a failed id is asked for again after `retryMs`.
 */
export interface RegistryClient {
  readonly cache: SchemaCache;
  /** Fetches what the cache lacks of `ids`; settles when every fetch it started or joined has settled. Never rejects. */
  fetch(ids: Iterable<number>): Promise<void>;
  status(): RegistryStatus;
}

/** Requests to one registry at once: schemas are few and small, and a cold start must not open hundreds of sockets. */
const MAX_CONCURRENT = 4;

export interface RegistryClientOptions {
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

/** The URL without credentials or query, for the status the browser sees. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return '(invalid url)';
  }
}

export function createRegistryClient(config: RegistryConfig, opts: RegistryClientOptions = {}): RegistryClient {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const now = opts.now ?? Date.now;
  const cache = createSchemaCache({
    maxSchemas: config.maxSchemas,
    retryMs: config.retryMs,
    display: config.avroLogicalTypes,
  });
  const base = config.url.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    accept: 'application/vnd.schemaregistry.v1+json, application/json',
  };
  if (config.auth !== undefined) {
    headers.authorization =
      'bearerToken' in config.auth
        ? `Bearer ${config.auth.bearerToken}`
        : `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;
  }
  /** In-flight fetches by id; an entry lives only while its request does, so it is bounded by the pending ids. */
  const inFlight = new Map<number, Promise<void>>();
  /** Waiting for a free request slot, in claim order; bounded by the ids claimed, themselves bounded by the cache. */
  const queue: (() => void)[] = [];
  let running = 0;
  const status: RegistryStatus = { url: displayUrl(config.url), state: 'unused', schemas: 0, failedIds: 0 };
  const failed = new Set<number>();

  function markFailed(id: number, reason: string, reachable: boolean): void {
    cache.fail(id, reason, now());
    failed.add(id);
    // Bounded like the cache: a failed id the cache dropped is forgotten here too, oldest first.
    trimToSize(failed, config.maxSchemas);
    status.lastError = reason;
    status.lastErrorAt = now();
    if (!reachable) {
      if (status.state !== 'unreachable') status.since = now();
      status.state = 'unreachable';
    }
  }

  async function request(id: number): Promise<void> {
    try {
      const res = await doFetch(`${base}/schemas/ids/${id}`, {
        headers,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (status.state !== 'ok') status.since = now();
      status.state = 'ok';
      if (res.status === 404) {
        await res.body?.cancel();
        markFailed(id, 'unknown to the registry (HTTP 404)', true);
        return;
      }
      if (!res.ok) {
        await res.body?.cancel();
        markFailed(id, `the registry answered HTTP ${res.status}`, res.status < 500);
        return;
      }
      const body: unknown = await res.json();
      const result = cache.resolve(id, body, now());
      if (result.state === 'ready') failed.delete(id);
      else {
        failed.add(id);
        if (result.state === 'failed') {
          status.lastError = result.reason;
          status.lastErrorAt = now();
        }
      }
    } catch (err) {
      const timedOut = err instanceof Error && err.name === 'TimeoutError';
      markFailed(
        id,
        timedOut
          ? `registry did not answer within ${config.timeoutMs} ms`
          : `registry unreachable: ${safeErrorText(err).slice(0, 200)}`,
        false,
      );
    }
  }

  function slot(): Promise<void> {
    if (running < MAX_CONCURRENT) {
      running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => queue.push(resolve));
  }

  function release(): void {
    const next = queue.shift();
    if (next) next();
    else running--;
  }

  function start(id: number): Promise<void> {
    const p = slot()
      .then(() => request(id))
      .finally(() => {
        release();
        inFlight.delete(id);
      });
    inFlight.set(id, p);
    return p;
  }

  return {
    cache,
    fetch(ids) {
      const waits: Promise<void>[] = [];
      const list = [...ids];
      for (const id of cache.claim(list, now())) waits.push(start(id));
      for (const id of list) {
        const p = inFlight.get(id);
        if (p !== undefined && !waits.includes(p)) waits.push(p);
      }
      return waits.length === 0 ? Promise.resolve() : Promise.all(waits).then(() => undefined);
    },
    status: () => ({
      ...status,
      schemas: Math.max(0, cache.size - failed.size - inFlight.size),
      failedIds: failed.size,
    }),
  };
}
