import type { DecodeOptions } from '../debezium/decode-options';
import type { Config, SourceConfig } from './schema';

/**
 * How a source's messages are decoded, wherever they are read (the live
 * pipeline, a seek, an event read again from its broker): the size limit for
 * everyone, the primary keys a JetStream source derives keys from, and the
 * outbox topics and flattening prefixes of its `decoding` block. The schema
 * lookup of a source with a `registry` is added by the server's registry
 * client (`{ ...decodeOptionsFor(…), schemas: cache }`).
 */
export function decodeOptionsFor(
  limits: Pick<Config['limits'], 'maxValueBytes'>,
  source: SourceConfig | undefined,
): DecodeOptions {
  const opts: DecodeOptions = { maxValueBytes: limits.maxValueBytes };
  if (source?.kind === 'jetstream') opts.primaryKeys = source.primaryKeys;
  if (source?.kind === 'kafka' || source?.kind === 'jetstream') {
    // The same array object each call: the decoder caches its compiled patterns per array.
    opts.outboxTopics = source.decoding.outboxTopics;
    opts.flattenedFieldPrefix = source.decoding.flattenedFieldPrefix;
    opts.flattenedHeaderPrefix = source.decoding.flattenedHeaderPrefix;
  }
  return opts;
}
