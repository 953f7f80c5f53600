import { createRetainedLog, type RetainedLog } from '../../../lib/demo/retained-log';

/**
 * The retained log of each running demo source, by source id: the source
 * appends what it generates, seeks and event links read it back (the
 * adapter's reads get the source's configuration, not the source itself).
 * One entry per configured demo source; removed when the source closes.
 */
const logs = new Map<string, RetainedLog>();

export function openRetainedLog(sourceId: string): RetainedLog {
  const log = createRetainedLog();
  logs.set(sourceId, log);
  return log;
}

export function closeRetainedLog(sourceId: string, log: RetainedLog): void {
  if (logs.get(sourceId) === log) logs.delete(sourceId);
}

/** The log of a running demo source; undefined before it starts or after it closed. */
export function retainedLogOf(sourceId: string): RetainedLog | undefined {
  return logs.get(sourceId);
}
