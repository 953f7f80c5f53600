import type { SourceBacklog } from '../contracts/source-status';

/**
 * When a table's end-to-end lag is measured while cdcscope itself is behind
 * one of the table's sources, the figure includes cdcscope's own delay and is
 * flagged as such. One rule for every view that shows a table's end-to-end
 * lag (overview rows, the table page's tiles), so they never disagree.
 * Capture lag is never flagged: it is the connector's, measured from the
 * event alone.
 */

/** Sources cdcscope is behind on (their `backlog.behind`), with the backlog in seconds. */
export function behindSources(
  sources: readonly { id: string; backlog?: SourceBacklog | undefined }[],
): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const s of sources) if (s.backlog?.behind === true) out.set(s.id, s.backlog.seconds);
  return out;
}

/**
 * The largest backlog, in seconds, among a table's sources cdcscope is behind
 * on; undefined when it is behind on none (undefined, not 0: memoized rows
 * keep their props equal while nothing is behind).
 */
export function behindSecondsOf(sourceIds: readonly string[], behind: ReadonlyMap<string, number>): number | undefined {
  let worst: number | undefined;
  for (const id of sourceIds) {
    const s = behind.get(id);
    if (s !== undefined) worst = Math.max(worst ?? 0, s);
  }
  return worst;
}
