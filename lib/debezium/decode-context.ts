import type { ChangeRecord, Row, SourceInfo } from '../contracts/change-event';
import type { RawMessage } from '../contracts/raw-message';
import * as defaults from './decode-options';
import type { DecodeOptions } from './decode-options';
import * as keys from './key';
import { channelPrefix } from './table-identity';
import * as topics from './topic-pattern';
import type { TopicMatcher } from './topic-pattern';
import type { SchemaLookup } from './wire-schemas';

// Local copies: some loaders (tsx, which runs the server) turn imported bindings into getter calls, which show up in
// hot loops (see json-guards.ts).
const {
  DEFAULT_FLATTENED_PREFIX,
  DEFAULT_HEARTBEAT_TOPIC_PREFIX,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_PREVIEW_BYTES,
  DEFAULT_MAX_VALUE_BYTES,
  DEFAULT_OUTBOX_TOPICS,
} = defaults;
const { decodeKey, deriveKey } = keys;
const { topicMatcher } = topics;

/** Options with defaults applied, resolved once per call. */
export interface Resolved {
  maxValueBytes: number;
  maxPreviewBytes: number;
  maxDepth: number;
  heartbeatPrefix: string;
  primaryKeys?: DecodeOptions['primaryKeys'];
  schemas?: SchemaLookup;
  outbox: TopicMatcher;
  fieldPrefix: string;
  headerPrefix: string;
  /** The message key, once decoded: several builders ask for it, and an Avro key is worth decoding once. */
  key?: { row: Row | undefined };
}

export function resolve(opts: DecodeOptions): Resolved {
  return {
    maxValueBytes: opts.maxValueBytes ?? DEFAULT_MAX_VALUE_BYTES,
    maxPreviewBytes: opts.maxPreviewBytes ?? DEFAULT_MAX_PREVIEW_BYTES,
    maxDepth: opts.maxDepth ?? DEFAULT_MAX_DEPTH,
    heartbeatPrefix: opts.heartbeatTopicPrefix ?? DEFAULT_HEARTBEAT_TOPIC_PREFIX,
    primaryKeys: opts.primaryKeys,
    schemas: opts.schemas,
    outbox: topicMatcher(opts.outboxTopics ?? DEFAULT_OUTBOX_TOPICS),
    fieldPrefix: opts.flattenedFieldPrefix ?? DEFAULT_FLATTENED_PREFIX,
    headerPrefix: opts.flattenedHeaderPrefix ?? DEFAULT_FLATTENED_PREFIX,
  };
}

/** The message key as a Row (JSON, schema-wrapped JSON or wire format), or undefined. */
export function messageKey(raw: RawMessage, o: Resolved): Row | undefined {
  o.key ??= { row: decodeKey(raw.key, o.maxDepth, o.maxValueBytes, o.schemas) };
  return o.key.row;
}

/**
 * The key of a change: the message's, else derived from the row's primary-key
 * columns when configured (keyless JetStream messages).
 */
export function changeKey(
  raw: RawMessage,
  o: Resolved,
  source: SourceInfo,
  channel: string,
  table: string,
  row: Row | null,
): { key: Row | undefined; keySource: ChangeRecord['keySource'] } {
  const key = messageKey(raw, o);
  if (key !== undefined) return { key, keySource: 'message' };
  if (o.primaryKeys === undefined) return { key: undefined, keySource: 'none' };
  const server = source.name ?? channelPrefix(channel, table);
  const columns = (server === undefined ? undefined : o.primaryKeys[`${server}.${table}`]) ?? o.primaryKeys[table];
  const derived = deriveKey(row, columns);
  return derived === undefined ? { key: undefined, keySource: 'none' } : { key: derived, keySource: 'derived' };
}
