import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { SourceSummary } from '../../lib/contracts/source-status';
import type { Source } from '../sources/source';

/** Per-source message, byte and undecodable counts, joined with the source's health for the API. */
export function createSourceCounters(sources: Source[]) {
  const counts = new Map(sources.map((s) => [s.id, { messages: 0, bytes: 0, undecodable: 0, lastMessageAt: undefined as number | undefined }]));
  return {
    count(rec: DecodedRecord) {
      const c = counts.get(rec.sourceId);
      if (!c) return;
      c.messages++;
      c.bytes += rec.sizeBytes;
      if (rec.kind === 'undecodable') c.undecodable++;
      c.lastMessageAt = rec.receivedAt;
    },
    summaries(): SourceSummary[] {
      return sources.map((s) => {
        const c = counts.get(s.id);
        const h = s.status();
        return {
          id: s.id,
          kind: s.kind,
          target: s.target,
          channels: s.channels,
          status: h.status,
          reconnects: h.reconnects,
          messages: c?.messages ?? 0,
          bytes: c?.bytes ?? 0,
          undecodable: c?.undecodable ?? 0,
          ...(c?.lastMessageAt !== undefined ? { lastMessageAt: c.lastMessageAt } : {}),
        };
      });
    },
  };
}
