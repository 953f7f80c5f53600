/** Public surface of the Debezium decoder: pure, no I/O, runs in Node and the browser. */
export { decodeMessage } from './decode-message';
export type { DecodeOptions } from './decode-options';
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_PREVIEW_BYTES, DEFAULT_MAX_VALUE_BYTES, DEFAULT_HEARTBEAT_TOPIC_PREFIX } from './decode-options';
export { tableKeyOf, serverNameOf, splitChannel } from './table-identity';
export { changedFields } from './changed-fields';
export { unwrapSchema } from './schema-wrapper';
