import {
  OPS,
  type FlattenedInfo,
  type Op,
  type Row,
  type SourceInfo,
  type TransactionRef,
} from '../contracts/change-event';
import { epochMs, nonEmpty, num, str, type JsonObject } from './json-guards';
import { parseSource } from './source-info';
import { splitChannel } from './table-identity';

/**
 * Rows from Debezium's `ExtractNewRecordState` transform ("event
 * flattening"): the `after` row alone, plus the metadata named in
 * `add.fields` as `__<field>` (`__op`, `__table`, `__lsn`, `__source_ts_ms`,
 * `__deleted` for rewritten deletes…) and in `add.headers` as `__<field>`
 * headers. Recognised by those fields: a bare row with no metadata at all
 * cannot be told from any other JSON object.
 */

/** Metadata `add.fields`/`add.headers` can name: envelope fields, `source` fields, and `source_*`/`transaction_*` for qualified ones. */
const KNOWN = new Set([
  'op',
  'ts_ms',
  'ts_us',
  'ts_ns',
  'deleted',
  'table',
  'db',
  'schema',
  'collection',
  'lsn',
  'txId',
  'xmin',
  'sequence',
  'connector',
  'name',
  'version',
  'snapshot',
  'gtid',
  'file',
  'pos',
  'row',
  'server_id',
  'thread',
  'query',
  'scn',
  'commit_lsn',
  'change_lsn',
]);
/** Envelope-level metadata; every other name is a `source` field. */
const ENVELOPE = new Set(['op', 'ts_ms', 'ts_us', 'ts_ns', 'deleted']);
/** Fields that are numbers in a source block: headers carry them as text. */
const NUMERIC = new Set([
  'ts_ms',
  'ts_us',
  'ts_ns',
  'lsn',
  'txId',
  'xmin',
  'pos',
  'row',
  'server_id',
  'thread',
  'total_order',
  'data_collection_order',
]);
const OP_SET: ReadonlySet<string> = new Set(OPS);

function metaName(key: string, prefix: string): string | undefined {
  if (key.length <= prefix.length || !key.startsWith(prefix)) return undefined;
  const name = key.slice(prefix.length);
  return KNOWN.has(name) || name.startsWith('source_') || name.startsWith('transaction_') ? name : undefined;
}

/** True when the value or the headers carry `ExtractNewRecordState` metadata. */
export function isFlattenedRow(
  p: JsonObject,
  headers: Record<string, string>,
  fieldPrefix: string,
  headerPrefix: string,
): boolean {
  for (const key in p) if (metaName(key, fieldPrefix) !== undefined) return true;
  for (const key in headers) if (metaName(key, headerPrefix) !== undefined) return true;
  return false;
}

function normalise(name: string, value: unknown): unknown {
  const field = name.startsWith('source_')
    ? name.slice('source_'.length)
    : name.startsWith('transaction_')
      ? name.slice('transaction_'.length)
      : name;
  if (NUMERIC.has(field) && typeof value === 'string' && /^-?\d{1,19}$/.test(value)) return Number(value);
  return value;
}

export interface FlattenedParts {
  op: Op;
  flattened: FlattenedInfo;
  before: Row | null;
  after: Row | null;
  table: string;
  source: SourceInfo;
  tsMs?: number;
  transaction?: TransactionRef;
}

/** Splits a flattened row into the row and its metadata, and reads op, table, source and time from them. */
export function readFlattenedRow(
  p: JsonObject,
  headers: Record<string, string>,
  channel: string,
  fieldPrefix: string,
  headerPrefix: string,
): FlattenedParts {
  const row: Row = {};
  const meta: JsonObject = {};
  for (const key in p) {
    const name = metaName(key, fieldPrefix);
    if (name === undefined) row[key] = p[key];
    else meta[name] = normalise(name, p[key]);
  }
  let opFrom: FlattenedInfo['opFrom'] = 'field';
  if (!('op' in meta)) opFrom = 'header';
  for (const key in headers) {
    const name = metaName(key, headerPrefix);
    if (name !== undefined && !(name in meta)) meta[name] = normalise(name, headers[key]);
  }

  const deleted = meta.deleted === true || meta.deleted === 'true';
  let op: Op;
  if (typeof meta.op === 'string' && OP_SET.has(meta.op)) op = meta.op as Op;
  else if (deleted) {
    op = 'd';
    opFrom = 'deleted';
  } else {
    // Without `__op` the row is the state after some change: shown as an update, flagged as a guess.
    op = 'u';
    opFrom = 'none';
  }

  const sourceBlock: JsonObject = {};
  const txBlock: JsonObject = {};
  for (const name in meta) {
    if (name.startsWith('source_')) sourceBlock[name.slice('source_'.length)] = meta[name];
    else if (name.startsWith('transaction_')) txBlock[name.slice('transaction_'.length)] = meta[name];
  }
  // Unqualified names (`__table`, `__db`, `__lsn`) are source fields too; the qualified form wins.
  for (const name in meta) {
    if (ENVELOPE.has(name) || name.startsWith('source_') || name.startsWith('transaction_') || name in sourceBlock)
      continue;
    sourceBlock[name] = meta[name];
  }
  const source = parseSource(sourceBlock);

  const isDelete = op === 'd';
  const txId = str(txBlock.id);
  return {
    op,
    flattened: { opFrom },
    before: isDelete ? row : null,
    after: isDelete ? null : row,
    table: flattenedTable(source, channel),
    source,
    tsMs: epochMs(meta),
    transaction:
      txId === undefined
        ? undefined
        : { id: txId, totalOrder: num(txBlock.total_order), dataCollectionOrder: num(txBlock.data_collection_order) },
  };
}

/**
 * `__table` is the bare table name. A schema (`__source_schema`) qualifies it
 * as envelopes do; else the topic usually has the qualified name
 * (`<prefix>.<db>.<table>`) and is preferred when it ends with the table;
 * else the database qualifies it.
 */
function flattenedTable(source: SourceInfo, channel: string): string {
  const fromTopic = splitChannel(channel, source.name).table;
  const bare = nonEmpty(source.table);
  if (bare === undefined) return fromTopic;
  if (source.schema !== undefined) return `${source.schema}.${bare}`;
  if (fromTopic === bare || fromTopic.endsWith(`.${bare}`)) return fromTopic;
  return source.db !== undefined ? `${source.db}.${bare}` : bare;
}
