import type { Row } from '../contracts/change-event';
import { displayJson } from '../display-json';
import {
  PREVIEW_MAX_FIELDS,
  PREVIEW_VALUE_MAX_CHARS,
  type BrokerRef,
  type RowPreview,
  type SeekDoneLine,
  type SeekDoneReason,
  type SeekEventLine,
  type SeekProgressLine,
} from '../contracts/seek';
import type { MessageOrigin } from '../contracts/raw-message';
import { maskedListItem, maskedRows, type EventMasker, type StoredEvent } from '../store/event-store-view';

/** Builds the NDJSON lines of a seek. Pure: the clock is passed in. */

function cut(text: string): { text: string; cut: boolean } {
  return text.length > PREVIEW_VALUE_MAX_CHARS
    ? { text: `${text.slice(0, PREVIEW_VALUE_MAX_CHARS - 1)}…`, cut: true }
    : { text, cut: false };
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  return displayJson(v);
}

/** The first PREVIEW_MAX_FIELDS columns of a masked row, each cut at PREVIEW_VALUE_MAX_CHARS. */
export function previewRow(side: RowPreview['side'], row: Row): RowPreview {
  const fields: Record<string, string> = {};
  const names = Object.keys(row);
  let truncated = names.length > PREVIEW_MAX_FIELDS;
  for (const name of names.slice(0, PREVIEW_MAX_FIELDS)) {
    const c = cut(asText(row[name]));
    fields[cut(name).text] = c.text;
    truncated ||= c.cut;
  }
  return { side, fields, truncated };
}

/** The row a list shows: after (create, update, read), else before (delete), else the key (tombstone). */
export function previewOf(e: StoredEvent, masker: EventMasker): RowPreview | null {
  const rows = maskedRows(e, masker);
  if (rows.after) return previewRow('after', rows.after);
  if (rows.before) return previewRow('before', rows.before);
  if (rows.key) return previewRow('key', rows.key);
  return null;
}

/** Where a message can be read again (undefined is kept in the type for a kind that cannot be). */
export function brokerRefOf(sourceId: string, origin: MessageOrigin): BrokerRef | undefined {
  if (origin.kind === 'kafka')
    return { kind: 'kafka', sourceId, topic: origin.topic, partition: origin.partition, offset: origin.offset };
  if (origin.kind === 'jetstream') return { kind: 'jetstream', sourceId, subject: origin.subject, seq: origin.seq };
  return { kind: 'demo', sourceId, topic: origin.topic, seq: origin.seq };
}

/** A matched event: the masked list item, a cut preview of its row, and where to read it whole. */
export function eventLine(e: StoredEvent, masker: EventMasker): SeekEventLine | undefined {
  const ref = brokerRefOf(e.record.sourceId, e.record.origin);
  if (ref === undefined) return undefined;
  const item = maskedListItem(e, masker);
  // A key made of long values would make every list row long; the detail has it whole.
  if (item.key !== undefined) item.key = cut(item.key).text;
  return { type: 'event', item, preview: previewOf(e, masker), ref };
}

export interface SeekCounters {
  scanned: number;
  matched: number;
  position: string | null;
  positionTime: number | null;
}

export function progressLine(c: SeekCounters, elapsedMs: number): SeekProgressLine {
  return {
    type: 'progress',
    scanned: c.scanned,
    matched: c.matched,
    position: c.position,
    positionTime: c.positionTime,
    elapsedMs: Math.round(elapsedMs),
  };
}

export function doneLine(reason: SeekDoneReason, c: SeekCounters, elapsedMs: number): SeekDoneLine {
  return { type: 'done', reason, scanned: c.scanned, matched: c.matched, elapsedMs: Math.round(elapsedMs) };
}

/** True at most once per `intervalMs`: progress lines stay at a few a second whatever the scan rate. */
export function createProgressGate(intervalMs: number, start: number): (now: number) => boolean {
  let last = start;
  return (now) => {
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}
