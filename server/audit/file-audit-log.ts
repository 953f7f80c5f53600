import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  toEntry,
  type AuditEntry,
  type AuditLog,
  type AuditLogPage,
  type AuditRecord,
} from '../../lib/contracts/audit';
import { createAppendQueue } from './append-queue';
import { AuditDuplicateError, AuditUnavailableError, AuditUnknownReplayError } from './audit-errors';
import { scanPage, scanRecords, scanReplay, type OffsetEntry } from './file-scan';
import { createReplayIdSet } from './replay-id-set';
import { errorMessage } from '../../lib/error-message';

/**
 * The audit log as a local JSON-lines file (the default `audit.kind: file`).
 *
 * The file is opened for append only and never rewritten: one record per
 * line, each `fdatasync`'d before `append` resolves, all appends through one
 * queue so lines never interleave. Opening reads the file once, streaming, to
 * rebuild the index. A line that is not a valid record (a write torn by a
 * crash, damage) is skipped and counted, never fatal; after a torn last line
 * the next append starts on a fresh line. A failed write or sync closes the
 * log for writing (fail closed, as PostgreSQL does after an fsync failure:
 * the page cache can no longer be trusted); a restart reopens it.
 *
 * Memory: the newest `memoryEntries` replays (default 10,000, ~1 KB each, so
 * ~10 MB) for pages and lookups, plus every replay id ever written in a
 * compact hash set (12–24 bytes per id, see replay-id-set.ts). A replay id
 * or a page older than the window is read by streaming the file.
 *
 * Measured here (200,000 replays, 123 MB): opening reads the file in ~5 s
 * and keeps ~10 MB of heap; a lookup or page outside the window streams the
 * file in ~2 s (one at a time); an append with its fdatasync takes ~1 ms.
 *
 * The cursor (`before`, `nextBefore`) is the byte offset of a started record.
 * One server per file: two processes appending to one file would each index
 * only their own replays.
 */
export const DEFAULT_MEMORY_ENTRIES = 10_000;

export async function openFileAuditLog(path: string, options: { memoryEntries?: number } = {}): Promise<AuditLog> {
  const memoryEntries = options.memoryEntries ?? DEFAULT_MEMORY_ENTRIES;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  const fh = await open(path, 'a', 0o600);
  try {
    // An existing file keeps whatever mode it was given; the audit log is for this server's user only.
    await fh.chmod(0o600);
    if (!existed) await syncDirectory(dirname(path));
  } catch (err) {
    await fh.close();
    throw err;
  }

  const ids = createReplayIdSet();
  /** Newest entries, oldest first (ascending offsets). */
  const window: OffsetEntry[] = [];
  const byId = new Map<string, OffsetEntry>();
  const skipped = { unreadable: 0, duplicate: 0, orphan: 0 };
  let firstStartedOffset: number | undefined;
  /** Bytes written and synced: scans read up to here, never into a write in progress. */
  let size = (await fh.stat()).size;
  let needsNewline = false;
  /** The write failure that stopped the log (anything thrown, so not necessarily an Error). */
  let broken: { cause: unknown } | undefined;

  const remember = (entry: OffsetEntry) => {
    window.push(entry);
    byId.set(entry.started.replayId, entry);
    if (window.length > memoryEntries) byId.delete((window.shift() as OffsetEntry).started.replayId);
  };

  /** Indexes one record; false when it is skipped (a repeated or orphaned record, which this log never writes itself). */
  const index = (offset: number, record: AuditRecord): boolean => {
    const state = ids.state(record.replayId);
    if (record.phase === 'started') {
      if (state !== 'absent') return false;
      ids.markStarted(record.replayId);
      firstStartedOffset ??= offset;
      remember({ offset, started: record, finished: undefined });
    } else {
      if (state !== 'started') return false;
      ids.markFinished(record.replayId);
      const entry = byId.get(record.replayId);
      if (entry) entry.finished = record;
    }
    return true;
  };

  for await (const line of scanRecords(path, size)) {
    needsNewline = !line.terminated;
    if (!line.record) skipped.unreadable++;
    else if (!index(line.offset, line.record)) {
      if (line.record.phase === 'finished' && ids.state(line.record.replayId) === 'absent') skipped.orphan++;
      else skipped.duplicate++;
    }
  }

  /** The exact entry of a replay id: memory, or (after a hash hit outside the window) the file. */
  const lookup = async (replayId: string): Promise<OffsetEntry | undefined> => {
    const inMemory = byId.get(replayId);
    if (inMemory) return inMemory;
    if (ids.state(replayId) === 'absent') return undefined;
    return oneScanAtATime(() => scanReplay(path, size, replayId));
  };

  /**
   * Scans read the whole file: one at a time, so a few browsers paging old
   * entries cost one file read at once, not one each (memory and disk stay bounded).
   */
  let scanning: Promise<unknown> = Promise.resolve();
  const oneScanAtATime = <T>(scan: () => Promise<T>): Promise<T> => {
    const result = scanning.then(scan);
    scanning = result.catch(() => undefined);
    return result;
  };

  const refuseIfBroken = () => {
    if (broken)
      throw new AuditUnavailableError(
        `audit log ${path} stopped accepting records after a write failure (${errorMessage(broken.cause)}); restart the server`,
        { cause: broken.cause },
      );
  };

  const write = async (record: AuditRecord) => {
    refuseIfBroken();
    const known = await lookup(record.replayId);
    if (record.phase === 'started' && known) throw new AuditDuplicateError(record.replayId, 'started');
    if (record.phase === 'finished' && !known) throw new AuditUnknownReplayError(record.replayId);
    if (record.phase === 'finished' && known?.finished) throw new AuditDuplicateError(record.replayId, 'finished');
    const prefix = needsNewline ? '\n' : '';
    const bytes = Buffer.from(`${prefix}${JSON.stringify(record)}\n`, 'utf8');
    try {
      // Set before writing: a partial write leaves a fragment the next line must not continue.
      needsNewline = true;
      let done = 0;
      while (done < bytes.length) done += (await fh.write(bytes, done, bytes.length - done)).bytesWritten;
      await fh.datasync();
    } catch (err) {
      broken = { cause: err };
      throw new AuditUnavailableError(`audit log ${path}: write failed: ${errorMessage(err)}`, { cause: err });
    }
    const offset = size + prefix.length;
    size += bytes.length;
    needsNewline = false;
    index(offset, record);
  };

  const toPage = (entries: OffsetEntry[], more: boolean): AuditLogPage => {
    const last = entries[entries.length - 1];
    return {
      entries: entries.map((e) => toEntry(e.started, e.finished)),
      nextBefore: more && last ? String(last.offset) : null,
      store: `file ${path}`,
      warnings: warnings(skipped),
    };
  };

  const appends = createAppendQueue(path, write);
  return {
    description: `file ${path}`,
    append: appends.append,
    async find(replayId): Promise<AuditEntry | undefined> {
      appends.refuseIfClosed();
      const entry = await lookup(replayId);
      return entry && toEntry(entry.started, entry.finished);
    },
    async page({ limit, before }): Promise<AuditLogPage> {
      appends.refuseIfClosed();
      const cursor = before === undefined ? Number.POSITIVE_INFINITY : Number(before);
      // Entries of the window before the cursor: window[0 .. end).
      let end = window.length;
      while (end > 0 && (window[end - 1] as OffsetEntry).offset >= cursor) end--;
      const fromMemory = window.slice(Math.max(0, end - limit), end).reverse();
      const windowHoldsOldest = window[0]?.offset === firstStartedOffset;
      const last = fromMemory[fromMemory.length - 1];
      if (fromMemory.length === limit || windowHoldsOldest)
        return toPage(fromMemory, last !== undefined && last.offset !== firstStartedOffset);
      const scanned = await oneScanAtATime(() => scanPage(path, size, { limit, before: cursor }));
      return toPage(scanned.entries, scanned.more);
    },
    async close() {
      if (await appends.close()) await fh.close();
    },
  };
}

function warnings(skipped: { unreadable: number; duplicate: number; orphan: number }): string[] {
  const out: string[] = [];
  const lines = (n: number) => `${n} line${n === 1 ? '' : 's'}`;
  if (skipped.unreadable > 0)
    out.push(
      `${lines(skipped.unreadable)} of the file could not be read and ${skipped.unreadable === 1 ? 'was' : 'were'} skipped (a write torn by a crash, or damage)`,
    );
  if (skipped.duplicate > 0) out.push(`${lines(skipped.duplicate)} repeating an earlier record skipped`);
  if (skipped.orphan > 0) out.push(`${lines(skipped.orphan)} finishing a replay that was never started skipped`);
  return out;
}

/** Makes a new file's directory entry durable, so the file itself survives a power loss. */
async function syncDirectory(dir: string): Promise<void> {
  const handle: FileHandle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
