import type { AuditFinished, AuditRecord, AuditStarted } from '../../lib/contracts/audit';
import { readJsonLines } from './jsonl-lines';
import { parseStoredRecord } from './stored-record';

/**
 * Streaming reads of the audit file, for what the in-memory window does not
 * hold: one replay id, or a page of older entries. Both read the whole file
 * (a finished record may come any time after its started one) with memory
 * bounded by one line plus, for a page, the page itself.
 */

/**
 * Longest line read back. A valid record is at most ~12 KB (the caps in
 * lib/contracts/audit.ts), so anything longer is damage and is skipped
 * without being buffered.
 */
export const MAX_LINE_BYTES = 64 * 1024;

export type ScannedLine =
  | { offset: number; record: AuditRecord; terminated: boolean }
  | { offset: number; record: undefined; terminated: boolean };

/** Every line of the file up to `end` (bytes), parsed and checked; `record` undefined for a line that is not a valid record. */
export async function* scanRecords(path: string, end: number): AsyncGenerator<ScannedLine> {
  for await (const line of readJsonLines(path, { end, maxLineBytes: MAX_LINE_BYTES })) {
    let record: AuditRecord | undefined;
    if ('text' in line) {
      try {
        record = parseStoredRecord(JSON.parse(line.text));
      } catch {
        record = undefined;
      }
    }
    yield { offset: line.offset, record, terminated: line.terminated };
  }
}

/** A started record with its byte offset (the page cursor) and its finished record once seen. */
export interface OffsetEntry {
  offset: number;
  started: AuditStarted;
  finished: AuditFinished | undefined;
}

/** The records of one replay id, or undefined when the file has no started record for it. */
export async function scanReplay(path: string, end: number, replayId: string): Promise<OffsetEntry | undefined> {
  let found: OffsetEntry | undefined;
  for await (const { offset, record } of scanRecords(path, end)) {
    if (record?.replayId !== replayId) continue;
    if (record.phase === 'started') found ??= { offset, started: record, finished: undefined };
    else if (found && !found.finished) found.finished = record;
  }
  return found;
}

/**
 * The `limit` newest entries whose started record lies before byte `before`,
 * newest first, and whether older ones exist. Keeps only a ring of `limit`
 * candidates (at most AUDIT_PAGE_MAX_LIMIT): an entry pushed out of the ring
 * cannot be on the page, and its finished record, seen later, is ignored.
 */
export async function scanPage(
  path: string,
  end: number,
  options: { limit: number; before: number },
): Promise<{ entries: OffsetEntry[]; more: boolean }> {
  const ring: OffsetEntry[] = [];
  const byId = new Map<string, OffsetEntry>();
  let more = false;
  for await (const { offset, record } of scanRecords(path, end)) {
    if (!record) continue;
    if (record.phase === 'finished') {
      const entry = byId.get(record.replayId);
      if (entry && !entry.finished) entry.finished = record;
      continue;
    }
    if (offset >= options.before || byId.has(record.replayId)) continue;
    const entry: OffsetEntry = { offset, started: record, finished: undefined };
    ring.push(entry);
    byId.set(record.replayId, entry);
    if (ring.length > options.limit) {
      const out = ring.shift() as OffsetEntry;
      byId.delete(out.started.replayId);
      more = true;
    }
  }
  return { entries: ring.reverse(), more };
}
