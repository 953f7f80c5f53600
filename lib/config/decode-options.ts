import type { DecodeOptions } from '../debezium/decode-options';
import type { Config, SourceConfig } from './schema';

/**
 * How a source's messages are decoded, wherever they are read (the live
 * pipeline, a seek, an event read again from its broker): the size limit for
 * everyone, and the primary keys a JetStream source derives keys from.
 */
export function decodeOptionsFor(limits: Pick<Config['limits'], 'maxValueBytes'>, source: SourceConfig | undefined): DecodeOptions {
  return { maxValueBytes: limits.maxValueBytes, ...(source?.kind === 'jetstream' ? { primaryKeys: source.primaryKeys } : {}) };
}
