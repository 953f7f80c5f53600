import type { DecodedRecord } from '../contracts/change-event';
import type { EventListItem } from '../contracts/event-view';
import { channelOf, positionOf } from '../contracts/raw-message';
import { changedFields } from '../debezium/changed-fields';
import { serverNameOf, tableKeyOf } from '../debezium/table-identity';
import { commitMsOf } from '../lag/clock-resolution';
import { PROVENANCE } from '../replay/provenance';
import { clip, logPositionOf, MAX_SUMMARY_CHARS, renderKey, txIdOf } from './render';

/**
 * The browser's view of one event: ids, names and short renderings only, no
 * rows, so a list of thousands stays small. The id is stable across
 * re-deliveries of the same broker message and unique per source.
 */
export function toListItem(record: DecodedRecord): EventListItem {
  const channel = channelOf(record.origin);
  const position = positionOf(record.origin);
  const item: EventListItem = {
    id: `${record.sourceId}:${channel}:${position}`,
    sourceId: record.sourceId,
    channel,
    position,
    receivedAt: record.receivedAt,
    kind: record.kind,
    sizeBytes: record.sizeBytes,
  };
  const replayOf = replayOrigin(record.headers);
  if (replayOf !== undefined) item.replayOf = replayOf;
  switch (record.kind) {
    case 'change': {
      item.table = record.table;
      item.tableKey = tableKeyOf(record);
      item.op = record.op;
      const key = renderKey(record.key);
      if (key !== undefined) item.key = key;
      if (record.op === 'u' && record.before !== null && record.after !== null)
        item.changedFields = changedFields(record.before, record.after);
      const logPosition = logPositionOf(record);
      if (logPosition !== undefined) item.logPosition = logPosition;
      const txId = txIdOf(record);
      if (txId !== undefined) item.txId = txId;
      const committed = commitMsOf(record);
      if (committed !== undefined) item.lagMs = Math.round((record.receivedAt - committed) * 1_000) / 1_000; // µs, without float noise
      const serverName = serverNameOf(record);
      if (serverName !== undefined) item.serverName = serverName;
      if (record.message !== undefined) item.summary = clip(`message "${record.message.prefix}"`, MAX_SUMMARY_CHARS);
      if (record.flattened !== undefined) {
        item.flattened = true;
        item.summary = 'flattened: no before image';
      }
      break;
    }
    case 'tombstone': {
      item.table = record.table;
      item.tableKey = tableKeyOf(record);
      const key = renderKey(record.key);
      if (key !== undefined) item.key = key;
      break;
    }
    case 'undecodable':
      if (record.table !== undefined) {
        item.table = record.table;
        item.tableKey = tableKeyOf(record);
      }
      item.reason = record.reason;
      break;
    case 'transaction':
      item.txId = record.id;
      item.summary =
        record.eventCount === undefined
          ? `${record.status} tx ${record.id}`
          : `${record.status} tx ${record.id} (${record.eventCount} events)`;
      break;
    case 'heartbeat':
      item.summary = record.serverName === undefined ? 'heartbeat' : `heartbeat from ${record.serverName}`;
      break;
    case 'schema-change':
      item.summary = clip(record.ddl ?? `schema change: ${record.tables.join(', ')}`, MAX_SUMMARY_CHARS);
      break;
    case 'outbox':
      item.aggregateType = record.aggregateType;
      if (record.eventType !== undefined) item.eventType = record.eventType;
      if (record.aggregateId !== undefined) item.key = renderKey({ aggregateid: record.aggregateId });
      item.summary = clip(
        `${record.eventType ?? 'event'} on ${record.aggregateType}${record.aggregateId === undefined ? '' : ` ${record.aggregateId}`}`,
        MAX_SUMMARY_CHARS,
      );
      break;
  }
  return item;
}

/**
 * The original's inspector id when the message is a copy cdcscope replayed
 * (provenance headers, lib/replay/provenance.ts), `(replay)` when only the
 * replay id survived; undefined for an original.
 */
export function replayOrigin(headers: Readonly<Record<string, string>>): string | undefined {
  if (headers[PROVENANCE.replayId] === undefined) return undefined;
  return headers[PROVENANCE.eventId] ?? '(replay)';
}
