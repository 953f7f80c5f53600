import type { ChangeRecord } from '../contracts/change-event';
import { createDiffCollector, diffInto, type DiffOptions, type DiffResult } from './field-diff';

/** What two copies of one event are compared on. */
export type CopyContent = Pick<ChangeRecord, 'op' | 'key' | 'before' | 'after'>;

/**
 * The A copy vs the B copy of one event, for divergent replica pairs. Paths
 * start with `op`, `key`, `before` or `after`. The `source` block is not
 * compared: binlog file/pos, server_id, thread and the connector's
 * timestamps differ between servers by design. Unlike an update diff, a
 * field present on one copy only is a real difference here (schema drift
 * between replicas), so it shows as added/removed.
 */
export function diffCopies(a: CopyContent, b: CopyContent, options?: DiffOptions): DiffResult {
  const c = createDiffCollector(options);
  if (a.op !== b.op) c.push(['op'], a.op, b.op);
  diffInto(c, a.key ?? null, b.key ?? null, ['key']);
  diffInto(c, a.before, b.before, ['before']);
  diffInto(c, a.after, b.after, ['after']);
  return c.result();
}
