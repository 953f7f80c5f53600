import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type IHeaders, type KafkaConfig } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';

/** Builds a kafkajs client from a source's configuration; `onLog` receives the client's warnings and errors. */
export function createKafkaClient(
  config: KafkaSourceConfig,
  onLog: (level: 'warn' | 'error', message: string) => void,
  /** A replay sink gives up after a few retries rather than waiting out an outage. */
  overrides: Pick<KafkaConfig, 'retry'> = {},
): Kafka {
  const options: KafkaConfig = {
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    // Retries never end: a source waits out a broker outage rather than giving up.
    retry: { initialRetryTime: 500, maxRetryTime: 5_000, retries: Number.MAX_SAFE_INTEGER },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => {
      if (entry.level === logLevel.ERROR || entry.level === logLevel.WARN) {
        const { message, error } = entry.log as { message?: string; error?: string };
        onLog(entry.level === logLevel.ERROR ? 'error' : 'warn', [message, error].filter(Boolean).join(': '));
      }
    },
  };
  Object.assign(options, overrides);
  if (config.sasl) options.sasl = { ...config.sasl };
  if (config.tls === true) options.ssl = true;
  else if (config.tls) {
    const read = (f?: string) => (f ? readFileSync(f, 'utf8') : undefined);
    options.ssl = {
      ca: read(config.tls.caFile),
      cert: read(config.tls.certFile),
      key: read(config.tls.keyFile),
      rejectUnauthorized: config.tls.rejectUnauthorized,
    };
  }
  return new Kafka(options);
}

/** A message's headers as text (the first value of a repeated header). */
export function headersOf(h: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}

/** `"/re/"` entries are patterns, the rest exact topic names. */
export function parseTopicSpecs(specs: string[]): { names: string[]; patterns: RegExp[] } {
  const names: string[] = [];
  const patterns: RegExp[] = [];
  for (const s of specs) {
    const m = /^\/(.*)\/([a-z]*)$/.exec(s);
    if (m) patterns.push(new RegExp(m[1] ?? '', m[2]));
    else names.push(s);
  }
  return { names, patterns };
}

/**
 * Whether a source's topic list (exact names and /regex/ patterns) takes in `topic`. A schema-change topic
 * read because of `schemaChangeTopics` is not: seek and event lookup stay on the topics the list names.
 */
export function readsTopic(specs: string[], topic: string): boolean {
  const { names, patterns } = parseTopicSpecs(specs);
  return names.includes(topic) || patterns.some((p) => p.test(topic));
}

/**
 * The schema-change topics of the connectors whose tables are read: a MySQL/MariaDB
 * connector writes its DDL to the topic named like its prefix, so `<prefix>.<db>.<table>`
 * gives `<prefix>`, taken when that topic exists (PostgreSQL has none). Internal (`__`) topics never.
 */
export function schemaChangeTopics(tableTopics: readonly string[], existing: readonly string[]): string[] {
  const have = new Set(existing);
  const out = new Set<string>();
  for (const t of tableTopics) {
    const parts = t.split('.');
    if (parts.length < 3) continue;
    const prefix = parts.slice(0, -2).join('.');
    if (have.has(prefix) && !prefix.startsWith('__')) out.add(prefix);
  }
  return [...out];
}

/**
 * Topics to read: the exact names plus every existing topic a pattern matches (internal topics excluded),
 * and, with `schemaChanges`, the schema-change topics of their connectors (schemaChangeTopics).
 */
export function resolveTopics(specs: string[], existing: string[], schemaChanges = false): string[] {
  const { names, patterns } = parseTopicSpecs(specs);
  const matched = existing.filter((t) => !t.startsWith('__consumer_offsets') && patterns.some((p) => p.test(t)));
  const all = [...names, ...matched];
  if (schemaChanges) all.push(...schemaChangeTopics(all, existing));
  return [...new Set(all)].sort();
}
