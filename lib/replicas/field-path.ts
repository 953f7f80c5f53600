import type { ChangeRecord } from '../contracts/change-event';

/**
 * Field paths for a configured event identity, written the way the Debezium
 * envelope names things (`after.id`, `source.gtid`, `source.server_id`,
 * `transaction.data_collection_order`, `key.order_id`, `headers.id`, `op`,
 * `table`, `ts_ms`) and resolved against the decoded ChangeRecord, whose
 * source block is camel-cased and split into `position`. Row fields whose
 * names contain dots cannot be addressed (rare; use a header or outbox id).
 */
export type FieldReader = (record: ChangeRecord) => unknown;

const ROOTS = new Set(['after', 'before', 'key', 'source', 'transaction', 'headers', 'op', 'table', 'ts_ms', 'tsMs']);

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function walk(value: unknown, segments: readonly string[]): unknown {
  let v = value;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

function sourceField(record: ChangeRecord, name: string): unknown {
  const src = record.source as unknown as Record<string, unknown>;
  const pos = record.source.position as unknown as Record<string, unknown>;
  const alt = name === 'ts_ms' ? 'tsMs' : camel(name);
  return src[name] ?? src[alt] ?? pos[name] ?? pos[alt];
}

/** Compiles one path; throws on a path no record could have, so a bad config fails at start-up. */
export function compileFieldPath(path: string): FieldReader {
  const [root = '', ...rest] = path.split('.');
  if (!ROOTS.has(root))
    throw new Error(`identity field path "${path}": must start with one of ${[...ROOTS].join(', ')}`);
  switch (root) {
    case 'after':
      return (r) => walk(r.after, rest);
    case 'before':
      return (r) => walk(r.before, rest);
    case 'key':
      return (r) => walk(r.key, rest);
    case 'source': {
      const [first, ...deeper] = rest;
      if (first === undefined) throw new Error(`identity field path "${path}": name a source field, e.g. source.gtid`);
      return (r) => walk(sourceField(r, first), deeper);
    }
    case 'transaction': {
      const [first, ...deeper] = rest;
      if (first === undefined)
        throw new Error(`identity field path "${path}": name a transaction field, e.g. transaction.id`);
      const name = camel(first);
      return (r) => walk((r.transaction as unknown as Record<string, unknown> | undefined)?.[name], deeper);
    }
    case 'headers': {
      // Header names may contain dots: everything after `headers.` is the name.
      const name = rest.join('.');
      if (name === '') throw new Error(`identity field path "${path}": name a header, e.g. headers.id`);
      return (r) => r.headers[name];
    }
    case 'op':
      return (r) => r.op;
    case 'table':
      return (r) => r.table;
    default:
      return (r) => r.tsMs;
  }
}
