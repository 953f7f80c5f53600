import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import type { JsMsg } from '@nats-io/jetstream';
import type { JetStreamSourceConfig } from '../../../lib/config/schema';

/**
 * A message's stream time in ms. The client parses it from the reply subject (and builds a BigInt) on every
 * read of `timestampNanos`, so a caller that needs it twice takes it once.
 */
export function streamTimeMs(m: JsMsg): number {
  return Number(m.timestampNanos / 1_000_000n);
}

/** Connection options of a source: servers, credentials, and a reconnect loop that never gives up. */
export function connectionOptions(config: JetStreamSourceConfig): ConnectionOptions {
  const auth = config.auth;
  const base: ConnectionOptions = {
    servers: config.servers,
    name: `cdcscope:${config.id}`,
    // Never give up: an outage of the server is a state to show, not a reason to stop.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    timeout: 5_000,
  };
  if (!auth) return base;
  if ('credsFile' in auth) return { ...base, authenticator: credsAuthenticator(readFileSync(auth.credsFile)) };
  if ('token' in auth) return { ...base, token: auth.token };
  return { ...base, user: auth.user, pass: auth.pass };
}

export function headersOf(m: JsMsg): Record<string, string> {
  const out: Record<string, string> = {};
  if (m.headers) for (const k of m.headers.keys()) out[k] = m.headers.get(k);
  return out;
}

/** Strips credentials from server URLs before they are shown anywhere. */
export function displayServers(servers: string[]): string {
  return servers.map((s) => s.replace(/\/\/[^@/]*@/, '//')).join(',');
}

/** A connection for one seek or one message read: no reconnect loop, an outage is an error shown to the user. */
export function connectForSeek(config: JetStreamSourceConfig): Promise<NatsConnection> {
  return connect({
    ...connectionOptions(config),
    name: `cdcscope-seek:${config.id}`,
    reconnect: false,
    maxReconnectAttempts: 0,
  });
}
