import type { DecodedRecord } from '../contracts/change-event';

/** Message accounting per configured source, by record kind. */
export interface SourceCounts {
  sourceId: string;
  messages: number;
  bytes: number;
  changes: number;
  tombstones: number;
  undecodable: number;
  heartbeats: number;
  transactions: number;
  schemaChanges: number;
  lastMessageAt?: number;
}

/**
 * Source ids come from configuration, so there are few; the cap only guards
 * against a caller inventing ids per message. Records of sources beyond it
 * are still counted in tables, just not per source.
 */
export const MAX_SOURCES = 256;

export interface SourceTally {
  count(rec: DecodedRecord, now: number): void;
  all(): SourceCounts[];
  get(sourceId: string): SourceCounts | undefined;
}

export function createSourceTally(max = MAX_SOURCES): SourceTally {
  const counts = new Map<string, SourceCounts>();
  return {
    count(rec, now) {
      let c = counts.get(rec.sourceId);
      if (c === undefined) {
        if (counts.size >= max) return;
        c = {
          sourceId: rec.sourceId,
          messages: 0,
          bytes: 0,
          changes: 0,
          tombstones: 0,
          undecodable: 0,
          heartbeats: 0,
          transactions: 0,
          schemaChanges: 0,
        };
        counts.set(rec.sourceId, c);
      }
      c.messages++;
      c.bytes += rec.sizeBytes;
      c.lastMessageAt = c.lastMessageAt === undefined ? now : Math.max(c.lastMessageAt, now);
      switch (rec.kind) {
        case 'change':
          c.changes++;
          break;
        case 'tombstone':
          c.tombstones++;
          break;
        case 'undecodable':
          c.undecodable++;
          break;
        case 'heartbeat':
          c.heartbeats++;
          break;
        case 'transaction':
          c.transactions++;
          break;
        case 'schema-change':
          c.schemaChanges++;
          break;
      }
    },
    all: () => [...counts.values()].map((c) => ({ ...c })),
    get(sourceId) {
      const c = counts.get(sourceId);
      return c === undefined ? undefined : { ...c };
    },
  };
}
